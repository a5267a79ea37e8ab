import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../test/helpers/app.ts';
import { countRows } from '../../../test/helpers/rows.ts';

let measure: string;
const t = useApp(async () => {
  const pid = t.org.partnershipId;
  const [p] = await t.db.query<{ id: string }>(
    `insert into partnership_priority (partnership_id, title, period_start, period_end)
     values ($1, 'Neglect is recognised early', '2025-04-01', '2027-03-31') returning id`,
    [pid],
  );
  measure = (
    await t.db.query<{ id: string }>(
      `insert into partnership_measure (partnership_id, priority_id, name, unit) values ($1,$2,'Plans reviewed on time','%') returning id`,
      [pid, p!.id],
    )
  )[0]!.id;
});

test('the hub lists the sections for the partnership’s people, and no one else gets in', async () => {
  const lead = await sessionAs(t, 'leadschool');
  const hub = await lead.get('/partnership');
  assert.equal(hub.statusCode, 200);
  for (const s of ['Actions', 'Meetings', 'Arrangements', 'Funding', 'Priorities and measures'])
    assert.match(hub.body, new RegExp(s));
  assert.match(hub.body, /href="\/partnership"/, 'the navigation has Partnership');
  const sw = await sessionAs(t, 'sw');
  assert.equal((await sw.get('/partnership')).statusCode, 403);
  assert.doesNotMatch((await sw.get('/')).body, /href="\/partnership"/);
});

test('relevant agencies are chosen by the business manager from the agencies that are not partners', async () => {
  const bm = await sessionAs(t, 'bm');
  const ok = await bm.post('/partnership/partners', {
    relevant: [t.org.agencies.school1!, t.org.agencies.gp!],
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(await countRows(t.db, 'agency where relevant_agency'), 2);
  const partner = await bm.post('/partnership/partners', { relevant: [t.org.agencies.police!] });
  assert.equal(partner.statusCode, 400, 'a statutory partner is not a relevant agency');
  assert.equal(await countRows(t.db, 'agency where relevant_agency'), 2);
  const lead = await sessionAs(t, 'leadpolice');
  assert.equal((await lead.post('/partnership/partners', { relevant: [] })).statusCode, 403);
  const page = await lead.get('/partnership/partners');
  assert.match(page.body, /Kingsmead Primary School/);
  assert.doesNotMatch(page.body, /Save the relevant agencies/);
});

test('measure values by period: recorded, corrected, bad input refused', async () => {
  const bm = await sessionAs(t, 'bm');
  const value = (v: string, period = '2026-27 Q1') => ({
    measureId: measure,
    period,
    'periodEnd-day': '30',
    'periodEnd-month': '6',
    'periodEnd-year': '2026',
    value: v,
  });
  assert.equal((await bm.post('/partnership/plan/values/new', value('71'))).statusCode, 303);
  assert.equal((await bm.post('/partnership/plan/values/new', value('74.5'))).statusCode, 303);
  const bad = await bm.post('/partnership/plan/values/new', value('lots'));
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Value must be a number/);
  const [row] = await t.db.query<{ value: number; n: number }>(
    'select max(value) as value, count(*)::int as n from partnership_measure_value',
  );
  assert.deepEqual(row, { value: 74.5, n: 1 });
  assert.match((await (await sessionAs(t, 'scrutineer')).get('/partnership/plan')).body, /74\.5/);
  assert.equal(
    (await (await sessionAs(t, 'scrutineer')).post('/partnership/plan/values/new', value('1'))).statusCode,
    403,
  );
});

test('funding by agency and year with totals; only partners and relevant agencies contribute', async () => {
  const bm = await sessionAs(t, 'bm');
  const give = (agencyId: string, year: string, amount: string) =>
    bm.post('/partnership/funding/new', { agencyId, year, amount });
  assert.equal((await give(t.org.agencies.council!, '2025-26', '200,000')).statusCode, 303);
  assert.equal((await give(t.org.agencies.police!, '2025-26', '95000')).statusCode, 303);
  assert.equal((await give(t.org.agencies.police!, '2026-27', '97500.50')).statusCode, 303);
  assert.equal((await give(t.org.agencies.housing!, '2025-26', '100')).statusCode, 400, 'not relevant');
  assert.equal((await give(t.org.agencies.police!, '2025', '100')).statusCode, 400);
  assert.equal((await give(t.org.agencies.police!, '2025-26', '-5')).statusCode, 400);
  const page = await (await sessionAs(t, 'leadicb')).get('/partnership/funding');
  assert.match(page.body, /£295,000/);
  assert.match(page.body, /£97,500\.50/);
  assert.equal((await (await sessionAs(t, 'leadicb')).get('/partnership/funding/new')).statusCode, 403);
});
