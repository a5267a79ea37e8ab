import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, sessionAs, useApp } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';
import { Records } from './test-records.ts';

const t = useApp(async () => {
  const r = new Records(t.db, t.org.partnershipId, t.org.users.sw!);
  await r.contact('2025-05-06T09:00:00Z', '2025-05-06T15:00:00Z', t.org.agencies.police!);
  await r.contact('2025-05-07T09:00:00Z', '2025-05-12T15:00:00Z', t.org.agencies.school1!);
});

test('the partnership’s readers see the dataset with each definition; others are refused', async () => {
  for (const key of ['bm', 'leadpolice', 'scrutineer']) {
    const c = await sessionAs(t, key);
    const res = await c.get('/partnership/dataset?year=2025');
    assert.equal(res.statusCode, 200, key);
    assert.match(res.body, /1 April 2025 to 31 March 2026/);
    assert.match(res.body, /Decisions within one working day/);
    assert.match(res.body, /50% \(1 of 2\)/);
    assert.match(res.body, /counted on the day they were received \(England time\)/);
    assert.equal(
      /Work the figures out again/.test(res.body),
      key === 'bm',
      `${key}: the button only for the business manager`,
    );
  }
  for (const key of ['sw', 'tm', 'mash', 'admin', 'dpo', 'teacher']) {
    const c = await sessionAs(t, key);
    assert.equal((await c.get('/partnership/dataset')).statusCode, 403, key);
    assert.equal((await c.get('/partnership/dataset.csv')).statusCode, 403, key);
    assert.equal((await c.get('/partnership/dataset/front-door')).statusCode, 403, key);
    const refresh = await c.post('/partnership/dataset/refresh', { year: '2025' });
    assert.equal(refresh.statusCode, 403, key);
  }
});

test('an area’s page draws each chart with the table behind it', async () => {
  const c = await sessionAs(t, 'scrutineer');
  const res = await c.get('/partnership/dataset/front-door?year=2025');
  assert.equal(res.statusCode, 200);
  const charts = res.body.match(/<svg role="img"/g) ?? [];
  const tables = res.body.match(/Show the figures: /g) ?? [];
  assert.equal(charts.length, 4);
  assert.equal(tables.length, charts.length);
  assert.match(res.body, /Contacts received by agency, the whole year/);
  assert.match(res.body, /Elmshire Constabulary/);
  assert.equal((await c.get('/partnership/dataset/nothing-here')).statusCode, 404);
  const odd = await c.get('/partnership/dataset?year=next');
  assert.equal(odd.statusCode, 200, 'a year that is not one shows the current year');
});

test('the CSV holds every figure with its definition', async () => {
  const c = await sessionAs(t, 'leadicb');
  const res = await c.get('/partnership/dataset.csv?year=2025');
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /^text\/csv/);
  assert.match(res.headers['content-disposition'] as string, /partnership-dataset-2025\.csv/);
  assert.match(
    res.body,
    /Contacts and referrals,Contacts received,2025 to 2026,2025-04-01,Whole partnership,,2,,,/,
  );
  assert.match(res.body, /Decisions within one working day,May 2025,2025-05-01,Whole partnership,,1,2,50,/);
  assert.ok((await auditRows(t.db, { action: 'dataset.downloaded' })).length >= 1);
});

test('the business manager works the figures out again; a bad year is refused', async () => {
  const bm = await sessionAs(t, 'bm');
  await bm.get('/partnership/dataset?year=2025');
  const r = new Records(t.db, t.org.partnershipId, t.org.users.sw!);
  await r.contact('2025-05-08T09:00:00Z', '2025-05-08T10:00:00Z');
  assert.doesNotMatch(
    (await bm.get('/partnership/dataset?year=2025')).body,
    /66\.7% \(2 of 3\)/,
    'stored until refreshed',
  );
  const res = await bm.post('/partnership/dataset/refresh', { year: '2025' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/partnership/dataset?year=2025&done=refreshed');
  assert.match((await bm.get('/partnership/dataset?year=2025')).body, /66\.7% \(2 of 3\)/);
  const before = await countRows(t.db, 'dataset_refresh');
  for (const year of ['1999', 'soon', '']) {
    const bad = await bm.post('/partnership/dataset/refresh', { year });
    assert.equal(bad.statusCode, 400, year);
  }
  assert.equal(await countRows(t.db, 'dataset_refresh'), before);
  assert.equal((await auditRows(t.db, { action: 'dataset.refresh' })).length, 1);
});

test('the API gives each measure with its definition and figures; a bad year is a 400 problem', async () => {
  const get = async (key: string, url: string) =>
    t.app.inject({ url, headers: { authorization: `Bearer ${await apiToken(t, key)}` } });
  const res = await get('scrutineer', '/api/v1/dataset?year=2025');
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.from, '2025-04-01');
  assert.equal(body.to, '2026-03-31');
  const decisions = body.measures.find((m: { key: string }) => m.key === 'decisions-in-time');
  assert.match(decisions.definition, /next working day/);
  assert.deepEqual(
    decisions.figures.find(
      (f: { period: string; breakdown: string | null }) => f.period === 'year' && !f.breakdown,
    ),
    { period: 'year', periodStart: '2025-04-01', breakdown: null, group: null, value: 2, base: 3 },
  );
  const bad = await get('bm', '/api/v1/dataset?year=soon');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.headers['content-type'] as string, /application\/problem\+json/);
  assert.equal((await get('sw', '/api/v1/dataset')).statusCode, 403);
});
