import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, sessionAs, sessionFor, useApp, type Client } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';
import { makeLead, nextSaturday, tokenFor, workingDayAhead } from './test-support.ts';

let scrutineer: Client;
let bm: Client;
let police: Client;
let council: Client;
let hospital: Client;
let policeLeadId: string;

const t = useApp(async () => {
  policeLeadId = await makeLead(t, 'police', 'Dana Police Lead');
  const councilLead = await makeLead(t, 'council', 'Colin Council Lead');
  const hospitalLead = await makeLead(t, 'hospital', 'Hana Hospital Lead');
  [scrutineer, bm, police, council, hospital] = await Promise.all([
    sessionAs(t, 'scrutineer'),
    sessionAs(t, 'bm'),
    sessionFor(t, policeLeadId),
    sessionFor(t, councilLead),
    sessionFor(t, hospitalLead),
  ]);
});

const challengeForm = (over: Record<string, string | string[]> = {}) => ({
  title: 'Police attendance at strategy discussions',
  question: 'Why did police attend only 60% of strategy discussions last quarter?',
  evidence: 'Casework records: 12 of 20.',
  agencyIds: [t.org.agencies.police!, t.org.agencies.council!],
  ...workingDayAhead(10).form,
  ...over,
});

async function raise(over: Record<string, string | string[]> = {}): Promise<string> {
  const res = await scrutineer.post('/partnership/scrutiny/challenges/new', challengeForm(over));
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  const m = /challenges\/([0-9a-f-]{36})/.exec(String(res.headers.location));
  assert.ok(m);
  return m[1]!;
}

const answer = (c: Client, id: string, text: string) =>
  c.post(`/partnership/scrutiny/challenges/${id}/respond`, { answer: text, evidence: 'Attendance log' });

test('the scrutineer raises a challenge to police and council; both see it waiting for their answer', async () => {
  const id = await raise();
  const page = await scrutineer.get(`/partnership/scrutiny/challenges/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Police attendance at strategy discussions/);
  assert.match(page.body, /Awaiting answers/);
  const ws = await police.get('/partnership/scrutiny');
  assert.equal(ws.statusCode, 200);
  assert.match(ws.body, new RegExp(`/partnership/scrutiny/challenges/${id}/respond`));
  // The hospital was not asked: nothing waits for it.
  const hws = await hospital.get('/partnership/scrutiny');
  assert.doesNotMatch(hws.body, new RegExp(`${id}/respond`));
  assert.equal((await auditRows(t.db, { action: 'scrutiny.challenge.raise', entityId: id })).length, 1);
});

test('bad input: the error summary names each field, with what was typed kept, and nothing is written', async () => {
  const before = await countRows(t.db, 'challenge');
  const empty = await scrutineer.post('/partnership/scrutiny/challenges/new', {
    title: '',
    question: '',
    evidence: 'kept',
  });
  assert.equal(empty.statusCode, 400);
  for (const f of ['title', 'question', 'agencyIds', 'dueOn-day'])
    assert.match(empty.body, new RegExp(`href="#${f}"`), f);
  assert.match(empty.body, />kept</);
  const past = await scrutineer.post(
    '/partnership/scrutiny/challenges/new',
    challengeForm({ 'dueOn-day': '1', 'dueOn-month': '1', 'dueOn-year': '2020' }),
  );
  assert.equal(past.statusCode, 400);
  assert.match(past.body, /must be today or in the future/);
  const weekend = await scrutineer.post(
    '/partnership/scrutiny/challenges/new',
    challengeForm(nextSaturday()),
  );
  assert.equal(weekend.statusCode, 400);
  assert.match(weekend.body, /must be a working day/);
  const stranger = await scrutineer.post(
    '/partnership/scrutiny/challenges/new',
    challengeForm({ agencyIds: '00000000-0000-4000-8000-000000000000' }),
  );
  assert.equal(stranger.statusCode, 400);
  assert.equal(await countRows(t.db, 'challenge'), before);
});

test('only the scrutineer raises from the workspace; a partner or the business manager is refused', async () => {
  for (const c of [police, bm]) {
    assert.equal((await c.get('/partnership/scrutiny/challenges/new')).statusCode, 403);
    assert.equal((await c.post('/partnership/scrutiny/challenges/new', challengeForm())).statusCode, 403);
  }
});

test('answers: once per agency per round, only by the agencies asked, never by the scrutineer', async () => {
  const id = await raise();
  // Not asked.
  assert.equal((await hospital.get(`/partnership/scrutiny/challenges/${id}/respond`)).statusCode, 403);
  const refused = await answer(hospital, id, 'We were not asked');
  assert.equal(refused.statusCode, 403);
  assert.match(refused.body, /not asked/);
  // The scrutineer does not answer.
  assert.equal((await answer(scrutineer, id, 'x')).statusCode, 403);
  assert.equal(await countRows(t.db, 'challenge_response where challenge_id = $1', [id]), 0);
  // Bad input.
  const blank = await answer(police, id, '');
  assert.equal(blank.statusCode, 400);
  assert.match(blank.body, /href="#answer">Enter your agency’s answer/);
  // Police answer; again is refused.
  assert.equal((await answer(police, id, 'We now send a sergeant to every discussion.')).statusCode, 303);
  assert.equal((await police.get(`/partnership/scrutiny/challenges/${id}/respond`)).statusCode, 409);
  const again = await answer(police, id, 'A second answer');
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /already answered/);
  const page = await scrutineer.get(`/partnership/scrutiny/challenges/${id}`);
  assert.match(page.body, /We now send a sergeant to every discussion\./);
  assert.doesNotMatch(page.body, /A second answer/);
  // The database refuses any change of an answer.
  await assert.rejects(
    t.db.query(`update challenge_response set answer = 'edited' where challenge_id = $1`, [id]),
  );
});

test('judging: an agency lead cannot judge; a further challenge opens a new round; accepted closes it and refuses answers', async () => {
  const id = await raise();
  await answer(police, id, 'Round one, police');
  await answer(council, id, 'Round one, council');
  assert.match((await scrutineer.get(`/partnership/scrutiny/challenges/${id}`)).body, /Awaiting judgement/);
  assert.equal((await police.get(`/partnership/scrutiny/challenges/${id}/judge`)).statusCode, 403);
  assert.equal(
    (await police.post(`/partnership/scrutiny/challenges/${id}/judge`, { judgement: 'accepted' })).statusCode,
    403,
  );
  // A further challenge needs its question and due date.
  const bad = await scrutineer.post(`/partnership/scrutiny/challenges/${id}/judge`, { judgement: 'further' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#question"/);
  assert.match(bad.body, /href="#dueOn-day"/);
  assert.equal(await countRows(t.db, 'challenge_round where challenge_id = $1', [id]), 1);
  const further = await scrutineer.post(`/partnership/scrutiny/challenges/${id}/judge`, {
    judgement: 'further',
    question: 'Show us the figures for this quarter.',
    ...workingDayAhead(5).form,
  });
  assert.equal(further.statusCode, 303);
  // Round two: the agencies answer again.
  assert.equal((await answer(police, id, 'Round two, police')).statusCode, 303);
  const accepted = await scrutineer.post(`/partnership/scrutiny/challenges/${id}/judge`, {
    judgement: 'accepted',
    note: 'Enough.',
  });
  assert.equal(accepted.statusCode, 303);
  const page = await police.get(`/partnership/scrutiny/challenges/${id}`);
  assert.match(page.body, /Accepted/);
  assert.match(page.body, /Round one, police/);
  assert.match(page.body, /Round two, police/);
  assert.doesNotMatch(page.body, /Answer for your agency/);
  // Closed: the council's late answer is refused with a clear message, and nothing is written.
  assert.equal((await council.get(`/partnership/scrutiny/challenges/${id}/respond`)).statusCode, 409);
  const late = await answer(council, id, 'Too late');
  assert.equal(late.statusCode, 400);
  assert.match(late.body, /This challenge is closed/);
  assert.equal(await countRows(t.db, `challenge_response where answer = 'Too late'`), 0);
  // A closed challenge is not judged again.
  assert.equal((await scrutineer.get(`/partnership/scrutiny/challenges/${id}/judge`)).statusCode, 409);
});

test('escalated to the executive closes the challenge', async () => {
  const id = await raise();
  const res = await scrutineer.post(`/partnership/scrutiny/challenges/${id}/judge`, {
    judgement: 'escalated',
  });
  assert.equal(res.statusCode, 303);
  const ws = await scrutineer.get('/partnership/scrutiny');
  assert.match(ws.body, /Escalated to the executive/);
  const [row] = await t.db.query<{ status: string }>('select status from challenge where id = $1', [id]);
  assert.equal(row?.status, 'escalated');
});

test('the young people’s panel: the business manager records its challenge and judges it; the scrutineer does not', async () => {
  const res = await bm.post(
    '/partnership/voice/challenges/new',
    challengeForm({ title: 'Panel: being listened to' }),
  );
  assert.equal(res.statusCode, 303, res.body.slice(0, 300));
  const id = /challenges\/([0-9a-f-]{36})/.exec(String(res.headers.location))![1]!;
  const [row] = await t.db.query<{ raised_by: string }>('select raised_by from challenge where id = $1', [
    id,
  ]);
  assert.equal(row?.raised_by, 'young_peoples_panel');
  assert.match((await police.get(`/partnership/scrutiny/challenges/${id}`)).body, /young people’s panel/);
  assert.equal((await scrutineer.get(`/partnership/scrutiny/challenges/${id}/judge`)).statusCode, 403);
  assert.equal(
    (await bm.post(`/partnership/scrutiny/challenges/${id}/judge`, { judgement: 'accepted' })).statusCode,
    303,
  );
  // A partner cannot record a panel challenge.
  assert.equal((await police.get('/partnership/voice/challenges/new')).statusCode, 403);
});

test('API: list, read, create, answer, judge; bad input 400 and a closed challenge 409, as problem documents', async () => {
  const [sToken, pToken, cToken, hToken] = await Promise.all([
    apiToken(t, 'scrutineer'),
    tokenFor(t, policeLeadId),
    apiToken(t, 'bm'),
    apiToken(t, 'police'),
  ]);
  const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload: payload as object } : {}),
    });
  const due = workingDayAhead(8).iso;
  const created = await call(sToken, 'POST', '/api/v1/challenges', {
    title: 'API challenge',
    question: 'Why?',
    agencyIds: [t.org.agencies.police],
    dueOn: due,
  });
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  assert.equal(created.json().state.key, 'awaiting_answers');
  const bad = await call(sToken, 'POST', '/api/v1/challenges', {
    title: '',
    agencyIds: ['nope'],
    dueOn: '2020-01-01',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(String(bad.headers['content-type']), /application\/problem\+json/);
  const fields = (bad.json().errors as { field: string }[]).map((e) => e.field);
  for (const f of ['title', 'question', 'agencyIds', 'dueOn'])
    assert.ok(
      fields.some((x) => x === f || x.startsWith(`${f}-`)),
      `${f} in ${fields.join()}`,
    );
  const list = await call(cToken, 'GET', '/api/v1/challenges');
  assert.equal(list.statusCode, 200);
  assert.ok((list.json().challenges as { id: string }[]).some((c) => c.id === id));
  // A practitioner reads no partnership pages.
  assert.equal((await call(hToken, 'GET', '/api/v1/challenges')).statusCode, 403);
  const ans = await call(pToken, 'POST', `/api/v1/challenges/${id}/responses`, { answer: 'By API' });
  assert.equal(ans.statusCode, 201, ans.body);
  const twice = await call(pToken, 'POST', `/api/v1/challenges/${id}/responses`, { answer: 'Again' });
  assert.equal(twice.statusCode, 409);
  assert.match(String(twice.headers['content-type']), /application\/problem\+json/);
  assert.equal(
    (await call(pToken, 'POST', `/api/v1/challenges/${id}/judgement`, { judgement: 'accepted' })).statusCode,
    403,
  );
  const judged = await call(sToken, 'POST', `/api/v1/challenges/${id}/judgement`, { judgement: 'accepted' });
  assert.equal(judged.statusCode, 200, judged.body);
  assert.equal(judged.json().state.key, 'accepted');
  const closed = await call(pToken, 'POST', `/api/v1/challenges/${id}/responses`, { answer: 'After close' });
  assert.equal(closed.statusCode, 409);
  assert.match(closed.json().detail ?? closed.body, /closed/);
  const read = await call(cToken, 'GET', `/api/v1/challenges/${id}`);
  assert.equal(read.json().rounds[0].responses[0].answer, 'By API');
});

test('actions from a challenge: the scrutineer raises one owned by an agency, never by the scrutineer', async () => {
  const id = await raise();
  const url = `/partnership/scrutiny/challenges/${id}/actions/new`;
  assert.equal((await police.get(url)).statusCode, 403);
  assert.equal((await scrutineer.get(url)).statusCode, 200);
  const due = workingDayAhead(20).form;
  const noOwner = await scrutineer.post(url, { title: 'Audit attendance', ownerAgencyId: '', ...due });
  assert.equal(noOwner.statusCode, 400);
  assert.match(noOwner.body, /href="#ownerAgencyId"/);
  const selfOwned = await scrutineer.post(url, {
    title: 'Audit attendance',
    ownerAgencyId: t.org.agencies.council!,
    ownerUserId: t.org.users.scrutineer!,
    ...due,
  });
  assert.equal(selfOwned.statusCode, 400);
  assert.match(selfOwned.body, /scrutineer cannot own an action/);
  assert.equal(await countRows(t.db, `partnership_action where source_id = $1`, [id]), 0);
  const ok = await scrutineer.post(url, {
    title: 'Audit attendance',
    ownerAgencyId: t.org.agencies.police!,
    ...due,
  });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 400));
  const page = await police.get(`/partnership/scrutiny/challenges/${id}`);
  assert.match(page.body, /Audit attendance/);
  assert.match(page.body, /Elmshire Constabulary/);
});
