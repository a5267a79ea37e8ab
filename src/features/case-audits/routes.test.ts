// Case audits through HTTP: the pages (forms, error summaries, what each role is offered) and the
// API (problem documents for bad input and refusals).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, sessionAs, sessionFor, useApp, type Client } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';
import { answers, makeAuditChild, makeLead, runningDates } from './test-fixtures.ts';
import type { Actor } from '../../platform/access/actor.ts';

let bm: Client;
let lead: Actor;
let leadClient: Client;
let schoolLead: Actor;
const t = useApp(async () => {
  bm = await sessionAs(t, 'bm');
  lead = await makeLead(t, 'council', 'Lena Council');
  leadClient = await sessionFor(t, lead.userId);
  schoolLead = await makeLead(t, 'school1', 'Sita School');
  for (const f of ['Ash', 'Beech', 'Cherry', 'Dogwood'])
    await makeAuditChild(t, f, '2016-03-03', { episode: true });
});

function dateParts(prefix: string, iso: string) {
  const [y, m, d] = iso.split('-');
  return { [`${prefix}-day`]: String(+d!), [`${prefix}-month`]: String(+m!), [`${prefix}-year`]: y! };
}

const BASE = '/partnership/case-audits';

test('the business manager plans an audit on the page; bad input re-renders with the error summary', async () => {
  const page = await bm.get(`${BASE}/new`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 500));
  assert.match(page.body, /Lena Council/);
  const bad = await bm.post(`${BASE}/new`, {
    title: '',
    sampleMethod: 'criteria',
    sampleSize: 'ten',
    ...dateParts('startsOn', '2026-02-30'),
  });
  assert.equal(bad.statusCode, 400);
  for (const msg of [
    'Enter a title for the audit',
    'Select the audit’s theme',
    'Number of children must be a whole number',
    'Choose the agencies taking part',
    'Choose at least one auditor',
    'Enter the date the audit ends',
  ])
    assert.ok(bad.body.includes(msg), msg);
  assert.match(bad.body, /govuk-error-summary/);
  assert.equal(await countRows(t.db, 'case_audit'), 0);
  const { startsOn, endsOn } = runningDates();
  const ok = await bm.post(`${BASE}/new`, {
    title: 'Neglect in under-tens',
    theme: 'neglect',
    ...dateParts('startsOn', startsOn),
    ...dateParts('endsOn', endsOn),
    agencyIds: [t.org.agencies.council!],
    auditorIds: [lead.userId],
    sampleMethod: 'criteria',
    status: 'open_episode',
    ageFrom: '',
    ageTo: '',
    teamId: '',
    sampleSize: '2',
    seed: 'page-seed',
  });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 2000));
  const detail = await bm.get(ok.headers.location as string);
  assert.equal(detail.statusCode, 200);
  assert.match(detail.body, /The audit is planned/);
  assert.match(detail.body, /page-seed/);
  assert.match(detail.body, /Child 2/);
  assert.doesNotMatch(detail.body, /Audrey/, 'the business manager does not see names');
});

test('the auditor answers on the page; the school, not taking part, is offered nothing and refused', async () => {
  const [a] = await t.db.query<{ id: string }>(`select id from case_audit where seed = 'page-seed'`);
  const [c] = await t.db.query<{ id: string }>(
    `select id from case_audit_child where case_audit_id = $1 and position = 1`,
    [a!.id],
  );
  const url = `${BASE}/${a!.id}/children/${c!.id}`;
  const page = await leadClient.get(url);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Audrey/, 'the auditor sees the name of a sampled child');
  assert.match(page.body, /Save your answers/);
  const bad = await leadClient.post(`${url}/answers`, { overallGrade: 'great' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Select a grade for/);
  assert.match(bad.body, /is not one of the choices/);
  const { childRef: _r, ...form } = answers(c!.id, 'good');
  const ok = await leadClient.post(`${url}/answers`, form);
  assert.equal(ok.statusCode, 303);
  // The school's lead: no form, and a post is refused with a message, nothing written.
  const school = await sessionFor(t, schoolLead.userId);
  const seen = await school.get(url);
  assert.equal(seen.statusCode, 200);
  assert.doesNotMatch(seen.body, /Save your answers/);
  assert.doesNotMatch(seen.body, /Audrey/);
  const refused = await school.post(`${url}/answers`, form);
  assert.equal(refused.statusCode, 409);
  assert.match(refused.body, /not taking part in this audit/);
  assert.equal(await countRows(t.db, 'case_audit_answer'), 1);
  // Moderation, a finding, an action and the close, by the business manager.
  const mod = await bm.get(url);
  assert.match(mod.body, /Save the moderated grade/);
  assert.equal((await bm.post(`${url}/moderation`, { grade: '', note: '' })).statusCode, 400);
  assert.equal((await bm.post(`${url}/moderation`, { grade: 'good', note: 'Agreed.' })).statusCode, 303);
  assert.equal(
    (await leadClient.post(`${url}/moderation`, { grade: 'good', note: 'Mine.' })).statusCode,
    403,
  );
  const f = await bm.post(`${BASE}/${a!.id}/findings`, {
    theme: 'Chronologies',
    finding: 'Chronologies were not kept up to date.',
  });
  assert.equal(f.statusCode, 303);
  const badAction = await bm.post(`${BASE}/${a!.id}/actions`, { title: 'Refresh chronology training' });
  assert.equal(badAction.statusCode, 400);
  assert.match(badAction.body, /Select the agency that owns the action/);
  assert.match(badAction.body, /Enter the date the action is due/);
  const action = await bm.post(`${BASE}/${a!.id}/actions`, {
    title: 'Refresh chronology training',
    ownerAgencyId: t.org.agencies.council!,
    ...dateParts('dueOn', '2027-06-30'),
  });
  assert.equal(action.statusCode, 303);
  const after = await bm.get(`${BASE}/${a!.id}`);
  assert.match(after.body, /Chronologies were not kept up to date/);
  assert.match(after.body, /Refresh chronology training/);
  assert.equal((await leadClient.post(`${BASE}/${a!.id}/close`, {})).statusCode, 403);
  assert.equal((await bm.post(`${BASE}/${a!.id}/close`, {})).statusCode, 303);
  // Closed: the auditor no longer reads the record, or sees the name.
  const [p] = await t.db.query<{ person_id: string }>(
    'select person_id from case_audit_child where id = $1',
    [c!.id],
  );
  assert.equal((await leadClient.get(`/people/${p!.person_id}`)).statusCode, 404);
  assert.doesNotMatch((await leadClient.get(url)).body, /Audrey/);
  const results = await bm.get(`${BASE}/results`);
  assert.equal(results.statusCode, 200);
  assert.match(results.body, /Neglect in under-tens/);
  assert.ok((await auditRows(t.db, { action: 'case_audit.results_read' })).length > 0);
});

test('the API: list, read, plan and answer, with problem documents for bad input and refusals', async () => {
  const bmToken = await apiToken(t, 'bm');
  const call = (token: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      payload: body ? JSON.stringify(body) : undefined,
    });
  const { startsOn, endsOn } = runningDates();
  const plan = {
    title: 'API audit',
    theme: 'exploitation',
    startsOn,
    endsOn,
    agencyIds: [t.org.agencies.council],
    auditorIds: [lead.userId],
    sampleMethod: 'random',
    sampleSize: 2,
    seed: 'api',
  };
  const bad = await call(bmToken, 'POST', '/api/v1/case-audits', { ...plan, theme: 'x', sampleSize: 0 });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.headers['content-type'] as string, /problem\+json/);
  assert.ok(JSON.stringify(bad.json()).includes('sampleSize'));
  const made = await call(bmToken, 'POST', '/api/v1/case-audits', plan);
  assert.equal(made.statusCode, 201, made.body);
  const id = made.json().audit.id as string;
  const again = await call(bmToken, 'POST', '/api/v1/case-audits', plan);
  assert.deepEqual(
    again.json().sample.map((s: { position: number }) => s.position),
    made.json().sample.map((s: { position: number }) => s.position),
  );
  const sameChildren = await t.db.query<{ same: boolean }>(
    `select array_agg(a.person_id order by a.position) = array_agg(b.person_id order by b.position) as same
     from case_audit_child a join case_audit_child b on a.position = b.position
     where a.case_audit_id = $1 and b.case_audit_id = $2`,
    [id, again.json().audit.id],
  );
  assert.equal(sameChildren[0]!.same, true, 'the same seed drew the same children');
  const list = await call(bmToken, 'GET', '/api/v1/case-audits');
  assert.ok(list.json().audits.some((a: { id: string }) => a.id === id));
  const leadToken = await (async () => {
    const crypto = await import('node:crypto');
    const { sha256 } = await import('../../platform/auth/sessions.ts');
    const token = crypto.randomBytes(24).toString('hex');
    await t.db.query(
      `insert into api_token (partnership_id, user_id, name, token_hash) values ($1,$2,'t',$3)`,
      [t.org.partnershipId, lead.userId, sha256(token)],
    );
    return token;
  })();
  const ref = made.json().sample[0].ref as string;
  const answered = await call(
    leadToken,
    'POST',
    `/api/v1/case-audits/${id}/answers`,
    answers(ref, 'inadequate'),
  );
  assert.equal(answered.statusCode, 201, answered.body);
  assert.equal(answered.json().answers[0].overallGrade, 'inadequate');
  const notSampled = await call(
    leadToken,
    'POST',
    `/api/v1/case-audits/${id}/answers`,
    answers('00000000-0000-4000-8000-000000000000'),
  );
  assert.equal(notSampled.statusCode, 400);
  assert.match(notSampled.body, /not in the audit’s sample/);
  const badGrade = await call(leadToken, 'POST', `/api/v1/case-audits/${id}/answers`, {
    ...answers(ref),
    overallGrade: 'superb',
  });
  assert.equal(badGrade.statusCode, 400);
  assert.equal(
    (await call(bmToken, 'POST', `/api/v1/case-audits/${id}/answers`, answers(ref))).statusCode,
    403,
  );
  assert.equal((await call(leadToken, 'POST', '/api/v1/case-audits', plan)).statusCode, 403);
  assert.equal(
    (await call(bmToken, 'GET', '/api/v1/case-audits/00000000-0000-4000-8000-000000000000')).statusCode,
    404,
  );
  await t.db.query(`update case_audit set status = 'closed', closed_at = now() where id = $1`, [id]);
  const closed = await call(leadToken, 'POST', `/api/v1/case-audits/${id}/answers`, answers(ref));
  assert.equal(closed.statusCode, 409);
  assert.match(closed.json().detail ?? closed.body, /closed/);
});
