import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';

const t = useApp();
const R = '/partnership/yearly-reports';
const narrative = {
  priorities: 'Neglect was the first priority.\n\nReferrals were decided faster.',
  scrutiny: 'The scrutineer found the front door quicker but plans drifting.',
  learning: 'Two rapid reviews; both found information not shared.',
  voice: 'Young people asked for one worker who stays.',
  earlyHelp: 'Early help is not yet recorded in Together; the council’s figures were used.',
};

test('the business manager starts the year’s report; bad input and a second start are refused', async () => {
  const bm = await sessionAs(t, 'bm');
  const list = await bm.get(R);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, /Start the report for a year/);
  const bad = await bm.post(R, { year: 'twenty' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /There is a problem/);
  assert.match(bad.body, /Year must be a whole number/);
  assert.equal(await countRows(t.db, 'yearly_report'), 0);
  const started = await bm.post(R, { year: '2025' });
  assert.equal(started.statusCode, 303);
  assert.equal(started.headers.location, `${R}/2025/edit?done=started`);
  assert.equal((await bm.post(R, { year: '2025' })).statusCode, 409);
  for (const key of ['leadpolice', 'scrutineer', 'sw']) {
    const c = await sessionAs(t, key);
    assert.equal((await c.post(R, { year: '2024' })).statusCode, 403, key);
  }
});

test('the draft shows figures with charts and their tables; the business manager writes it; others may not', async () => {
  const bm = await sessionAs(t, 'bm');
  const page = await bm.get(`${R}/2025`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Yearly report, 1 April 2025 to 31 March 2026/);
  assert.match(page.body, /<svg role="img"/);
  assert.match(page.body, /Show the figures: Contacts received/);
  assert.match(page.body, /Decisions within one working day/);
  assert.match(page.body, /has not written this section yet/);
  const tooLong = await bm.post(`${R}/2025/edit`, { ...narrative, voice: 'x'.repeat(20_001) });
  assert.equal(tooLong.statusCode, 400);
  assert.match(tooLong.body, /There is a problem/);
  assert.match(tooLong.body, /Neglect was the first priority/, 'what was typed is kept');
  const lead = await sessionAs(t, 'leadpolice');
  assert.equal((await lead.get(`${R}/2025/edit`)).statusCode, 403);
  assert.equal((await lead.post(`${R}/2025/edit`, narrative)).statusCode, 403);
  assert.doesNotMatch((await lead.get(`${R}/2025`)).body, /Sign off for/, 'nothing to sign while unwritten');
  assert.equal((await lead.post(`${R}/2025/sign-off`, {})).statusCode, 409);
  assert.equal((await bm.post(`${R}/2025/edit`, narrative)).statusCode, 303);
  assert.equal((await (await sessionAs(t, 'sw')).get(`${R}/2025`)).statusCode, 403);
  assert.equal((await bm.get(`${R}/1999`)).statusCode, 404);
  assert.equal((await bm.get(`${R}/2024`)).statusCode, 404);
});

test('the PDF has its pages', async () => {
  const scrutineer = await sessionAs(t, 'scrutineer');
  const res = await scrutineer.get(`${R}/2025/report.pdf`);
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/pdf');
  assert.match(res.headers['content-disposition'] as string, /yearly-report-2025-2026\.pdf/);
  assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
  assert.ok(res.rawPayload.length > 20_000, `${res.rawPayload.length} bytes`);
});

test('the three statutory partners sign; an edit withdraws sign-offs; the last signature publishes and locks', async () => {
  const school = await sessionAs(t, 'leadschool');
  assert.equal(
    (await school.post(`${R}/2025/sign-off`, {})).statusCode,
    403,
    'a relevant agency does not sign',
  );
  const bm = await sessionAs(t, 'bm');
  assert.equal((await bm.post(`${R}/2025/sign-off`, {})).statusCode, 403);
  const police = await sessionAs(t, 'leadpolice');
  assert.match((await police.get(`${R}/2025`)).body, /Sign off for Elmshire Constabulary/);
  assert.equal((await police.post(`${R}/2025/sign-off`, {})).statusCode, 303);
  assert.equal((await police.post(`${R}/2025/sign-off`, {})).statusCode, 409, 'once per partner');
  assert.equal((await bm.post(`${R}/2025/edit`, narrative)).statusCode, 303);
  assert.equal(await countRows(t.db, 'yearly_report_signoff'), 0, 'the edit withdrew the sign-off');
  for (const key of ['leadpolice', 'leadcouncil']) {
    const c = await sessionAs(t, key);
    const res = await c.post(`${R}/2025/sign-off`, {});
    assert.equal(res.headers.location, `${R}/2025?done=signed`, key);
  }
  // A contact recorded after the figures were worked out: publication works them out again.
  await t.db.query(`insert into contact (partnership_id, received_at) values ($1, '2025-06-02T09:00:00Z')`, [
    t.org.partnershipId,
  ]);
  const icb = await sessionAs(t, 'leadicb');
  const last = await icb.post(`${R}/2025/sign-off`, {});
  assert.equal(last.headers.location, `${R}/2025?done=published`);
  const [row] = await t.db.query<{
    status: string;
    content: { year: number; areas: { measures: { key: string; figure: string }[] }[] };
  }>('select status, content from yearly_report where year = 2025');
  assert.equal(row!.status, 'published');
  assert.equal(row!.content.year, 2025);
  assert.ok(row!.content.areas.length >= 4);
  const contacts = row!.content.areas.flatMap((a) => a.measures).find((m) => m.key === 'contacts');
  assert.equal(contacts?.figure, '1');
  assert.equal((await bm.get(`${R}/2025/edit`)).statusCode, 409);
  assert.equal((await bm.post(`${R}/2025/edit`, narrative)).statusCode, 409);
  await assert.rejects(
    t.db.query(`update yearly_report set voice = 'changed' where year = 2025`),
    /published/,
  );
  const page = await bm.get(`${R}/2025`);
  assert.match(page.body, /Published/);
  assert.match(page.body, /Young people asked for one worker who stays/);
  const events = await auditRows(t.db, { action: 'yearly_report.sign_off' });
  assert.equal(events.length, 4);
});
