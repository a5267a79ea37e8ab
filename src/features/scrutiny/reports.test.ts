import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, sessionFor, useApp, type Client } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';
import { makeLead, workingDayAhead } from './test-support.ts';

let scrutineer: Client;
let police: Client;
let teacher: Client;
let challengeId: string;
const ANSWER = 'We audited 40 strategy discussions: <b>38</b> had police present.';

const t = useApp(async () => {
  const lead = await makeLead(t, 'police', 'Dana Police Lead');
  [scrutineer, police, teacher] = await Promise.all([
    sessionAs(t, 'scrutineer'),
    sessionFor(t, lead),
    sessionAs(t, 'teacher'),
  ]);
  const res = await scrutineer.post('/partnership/scrutiny/challenges/new', {
    title: 'Strategy discussions',
    question: 'Are the police at every strategy discussion?',
    agencyIds: t.org.agencies.police!,
    ...workingDayAhead(5).form,
  });
  challengeId = /challenges\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
  await police.post(`/partnership/scrutiny/challenges/${challengeId}/respond`, { answer: ANSWER });
});

async function draft(form: Record<string, string | string[]>): Promise<string> {
  const res = await scrutineer.post('/partnership/scrutiny/reports/new', form);
  assert.equal(res.statusCode, 303, res.body.slice(0, 400));
  return /reports\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
}

test('a draft is the scrutineer’s alone; published, every partner reads it with the answers exactly as sent', async () => {
  const id = await draft({
    title: 'Annual scrutiny report',
    findings: 'Partners answer.',
    challengeIds: challengeId,
  });
  assert.equal((await police.get(`/partnership/scrutiny/reports/${id}`)).statusCode, 404);
  assert.doesNotMatch((await police.get('/partnership/scrutiny/reports')).body, /Annual scrutiny report/);
  const own = await scrutineer.get(`/partnership/scrutiny/reports/${id}`);
  assert.match(own.body, /Publish the report/);
  assert.equal((await scrutineer.post(`/partnership/scrutiny/reports/${id}/publish`, {})).statusCode, 303);
  const page = await police.get(`/partnership/scrutiny/reports/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Annual scrutiny report/);
  // The answer as submitted, escaped, not edited.
  assert.ok(
    page.body.includes('We audited 40 strategy discussions: &lt;b&gt;38&lt;/b&gt; had police present.'),
  );
  assert.doesNotMatch(page.body, /Publish the report/);
  assert.equal((await auditRows(t.db, { action: 'scrutiny.report.publish', entityId: id })).length, 1);
});

test('a published report is never changed: the pages refuse, and so does the database', async () => {
  const id = await draft({ title: 'Half-year report', findings: 'First findings.' });
  await scrutineer.post(`/partnership/scrutiny/reports/${id}/publish`, {});
  assert.equal((await scrutineer.get(`/partnership/scrutiny/reports/${id}/edit`)).statusCode, 409);
  const edit = await scrutineer.post(`/partnership/scrutiny/reports/${id}/edit`, {
    title: 'Changed',
    findings: 'Changed',
  });
  assert.equal(edit.statusCode, 409);
  const again = await scrutineer.post(`/partnership/scrutiny/reports/${id}/publish`, {});
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /never changed/);
  await assert.rejects(t.db.query(`update scrutiny_report set findings = 'x' where id = $1`, [id]));
  await assert.rejects(
    t.db.query(
      `insert into scrutiny_report_challenge (report_id, challenge_id, partnership_id) values ($1,$2,$3)`,
      [id, challengeId, t.org.partnershipId],
    ),
  );
  const [row] = await t.db.query<{ title: string }>('select title from scrutiny_report where id = $1', [id]);
  assert.equal(row?.title, 'Half-year report');
});

test('a draft is changed until published; bad input is named and nothing is written', async () => {
  const before = await countRows(t.db, 'scrutiny_report');
  const bad = await scrutineer.post('/partnership/scrutiny/reports/new', { title: '', findings: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#title"/);
  assert.match(bad.body, /href="#findings"/);
  const stranger = await scrutineer.post('/partnership/scrutiny/reports/new', {
    title: 'x',
    findings: 'y',
    challengeIds: '00000000-0000-4000-8000-000000000000',
  });
  assert.equal(stranger.statusCode, 400);
  assert.equal(await countRows(t.db, 'scrutiny_report'), before);
  const id = await draft({ title: 'Draft', findings: 'One' });
  const changed = await scrutineer.post(`/partnership/scrutiny/reports/${id}/edit`, {
    title: 'Draft two',
    findings: 'Two',
    challengeIds: challengeId,
  });
  assert.equal(changed.statusCode, 303);
  assert.match((await scrutineer.get(`/partnership/scrutiny/reports/${id}`)).body, /Draft two/);
});

test('only the scrutineer drafts and publishes; a partner is refused, a practitioner reads no reports', async () => {
  assert.equal((await police.get('/partnership/scrutiny/reports/new')).statusCode, 403);
  assert.equal(
    (await police.post('/partnership/scrutiny/reports/new', { title: 'x', findings: 'y' })).statusCode,
    403,
  );
  const id = await draft({ title: 'Mine', findings: 'z' });
  assert.equal((await police.post(`/partnership/scrutiny/reports/${id}/publish`, {})).statusCode, 403);
  assert.equal((await teacher.get('/partnership/scrutiny/reports')).statusCode, 403);
});
