import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, sessionFor, useApp, type Client } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';
import { addLeads, dayFromToday } from './test-fixtures.ts';

const BASE = '/partnership/section-11';
let bm: Client;
let council: Client;
let police: Client;
let school: Client;

const t = useApp(async () => {
  await addLeads(t, ['council', 'police', 'school1']);
  bm = await sessionAs(t, 'bm');
  council = await sessionFor(t, t.org.users['lead-council']!);
  police = await sessionFor(t, t.org.users['lead-police']!);
  school = await sessionFor(t, t.org.users['lead-school1']!);
});

const dateParts = (name: string, iso: string) => ({
  [`${name}-day`]: String(Number(iso.slice(8, 10))),
  [`${name}-month`]: String(Number(iso.slice(5, 7))),
  [`${name}-year`]: iso.slice(0, 4),
});

function roundForm(over: Record<string, string | string[]> = {}) {
  return {
    kind: 'section11',
    year: '2025',
    ...dateParts('opensOn', '2025-04-01'),
    ...dateParts('closesOn', '2025-06-30'),
    agencyIds: [t.org.agencies.council!, t.org.agencies.police!],
    ...over,
  };
}

const idFrom = (location: unknown, kind: string) => {
  const m = new RegExp(`/${kind}/([0-9a-f-]{36})`).exec(String(location));
  assert.ok(m, `no ${kind} id in ${String(location)}`);
  return m[1]!;
};

async function assessmentOf(roundId: string, agency: string): Promise<string> {
  const [row] = await t.db.query<{ id: string }>(
    'select id from s11_assessment where round_id = $1 and agency_id = $2',
    [roundId, t.org.agencies[agency]],
  );
  return row!.id;
}

async function standardIds(kind = 'section11'): Promise<string[]> {
  const rows = await t.db.query<{ id: string }>(
    'select id from s11_standard where partnership_id = $1 and kind = $2 and active order by position',
    [t.org.partnershipId, kind],
  );
  return rows.map((r) => r.id);
}

const answer = (over: Record<string, string> = {}) => ({
  rating: 'green',
  narrative: 'Board-level lead, annual report.',
  evidence: '',
  ...over,
});

let lastYear: string;
let lastYearCouncil: string;

test('starting a round: bad input named field by field, refused to anyone but the business manager', async () => {
  const empty = await bm.post(`${BASE}/rounds/new`, {});
  assert.equal(empty.statusCode, 400);
  for (const field of ['kind', 'year', 'opensOn-day', 'closesOn-day', 'agencyIds'])
    assert.match(empty.body, new RegExp(`href="#${field}"`), field);
  const school1 = await bm.post(
    `${BASE}/rounds/new`,
    roundForm({ agencyIds: [t.org.agencies.school1!], ...dateParts('closesOn', '2025-03-01') }),
  );
  assert.equal(school1.statusCode, 400);
  assert.match(school1.body, /A section 11 round asks agencies that are not schools/);
  assert.match(school1.body, /The closing date must be on or after the opening date/);
  assert.match(school1.body, /value="2025"/, 'what was typed is kept');
  assert.equal((await council.post(`${BASE}/rounds/new`, roundForm())).statusCode, 403);
  assert.equal((await council.get(`${BASE}/rounds/new`)).statusCode, 403);
  assert.equal(await countRows(t.db, 's11_round'), 0);

  const made = await bm.post(`${BASE}/rounds/new`, roundForm());
  assert.equal(made.statusCode, 303, made.body.slice(0, 500));
  lastYear = idFrom(made.headers.location, 'rounds');
  assert.equal(await countRows(t.db, 's11_assessment where round_id = $1', [lastYear]), 2);
  const again = await bm.post(`${BASE}/rounds/new`, roundForm());
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /There is already a Section 11 round for 2025/);
  const page = await bm.get(`${BASE}/rounds/${lastYear}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Elmshire Constabulary/);
});

test('answering: only the agency asked, bad input refused, nothing written', async () => {
  lastYearCouncil = await assessmentOf(lastYear, 'council');
  const [first] = await standardIds();
  const url = `${BASE}/assessments/${lastYearCouncil}/standards/${first}`;
  assert.equal((await council.get(url)).statusCode, 200);
  const bad = await council.post(url, { rating: 'purple', narrative: '', evidence: 'x'.repeat(5001) });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#rating"/);
  assert.match(bad.body, /Enter how you meet the standard/);
  assert.match(bad.body, /Evidence must be 5,000 characters or fewer/);
  // Another agency's lead, a lead whose agency was not asked, the business manager: refused.
  for (const c of [police, school, bm]) {
    assert.equal((await c.get(url)).statusCode, 403);
    assert.equal((await c.post(url, answer())).statusCode, 403);
  }
  assert.equal(await countRows(t.db, 's11_answer'), 0);
  const ok = await council.post(url, answer());
  assert.equal(ok.statusCode, 303);
  assert.equal(await countRows(t.db, 's11_answer'), 1);
});

test('submitting: every standard rated first; a submitted self-assessment is never edited', async () => {
  const submit = `${BASE}/assessments/${lastYearCouncil}/submit`;
  const early = await council.post(submit, {});
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /Rate every standard before you submit: 7 not rated/);
  assert.equal((await police.post(submit, {})).statusCode, 403);
  const ids = await standardIds();
  for (const [i, id] of ids.entries())
    await council.post(
      `${BASE}/assessments/${lastYearCouncil}/standards/${id}`,
      answer({ rating: i === 2 ? 'red' : 'green', narrative: `Answer ${i + 1}` }),
    );
  assert.equal((await council.post(submit, {})).statusCode, 303);
  assert.equal((await council.post(submit, {})).statusCode, 409);
  const edit = await council.post(`${BASE}/assessments/${lastYearCouncil}/standards/${ids[0]}`, answer());
  assert.equal(edit.statusCode, 409);
  assert.equal(
    (await council.get(`${BASE}/assessments/${lastYearCouncil}/standards/${ids[0]}`)).statusCode,
    409,
  );
  const page = await council.get(`${BASE}/assessments/${lastYearCouncil}`);
  assert.match(page.body, /Submitted/);
  assert.ok(!page.body.includes('Submit self-assessment'), 'no submit button once submitted');
});

test('peer challenge: another agency asks, the agency responds, the challenger resolves', async () => {
  const [row] = await t.db.query<{ id: string }>(
    `select x.id from s11_answer x join s11_standard s on s.id = x.standard_id
     where x.assessment_id = $1 and s.position = 1`,
    [lastYearCouncil],
  );
  const answerId = row!.id;
  assert.equal((await council.get(`${BASE}/answers/${answerId}/challenge`)).statusCode, 403, 'not its own');
  const sw = await sessionAs(t, 'sw');
  assert.equal(
    (await sw.post(`${BASE}/answers/${answerId}/challenge`, { question: 'Why?' })).statusCode,
    403,
  );
  const empty = await police.post(`${BASE}/answers/${answerId}/challenge`, { question: ' ' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Enter your question about this answer/);
  const raised = await police.post(`${BASE}/answers/${answerId}/challenge`, {
    question: 'Where is the evidence of board oversight?',
  });
  assert.equal(raised.statusCode, 303);
  const id = idFrom(raised.headers.location, 'challenges');
  const resolveEarly = await police.post(`${BASE}/challenges/${id}/resolve`, {
    outcome: 'confirmed',
    resolution: 'x',
  });
  assert.equal(resolveEarly.statusCode, 409, 'not before the agency responds');
  assert.equal((await police.post(`${BASE}/challenges/${id}/respond`, { response: 'x' })).statusCode, 403);
  assert.equal((await council.post(`${BASE}/challenges/${id}/respond`, { response: '' })).statusCode, 400);
  const responded = await council.post(`${BASE}/challenges/${id}/respond`, {
    response: 'The board minutes of March record it.',
  });
  assert.equal(responded.statusCode, 303);
  assert.equal(
    (await council.post(`${BASE}/challenges/${id}/respond`, { response: 'Again' })).statusCode,
    409,
  );
  assert.equal(
    (await council.post(`${BASE}/challenges/${id}/resolve`, { outcome: 'confirmed', resolution: 'x' }))
      .statusCode,
    403,
    'the challenged agency does not resolve its own challenge',
  );
  const same = await police.post(`${BASE}/challenges/${id}/resolve`, {
    outcome: 'changed',
    rating: 'green',
    resolution: 'Agreed',
  });
  assert.equal(same.statusCode, 400);
  assert.match(same.body, /The rating is already green/);
  const resolved = await police.post(`${BASE}/challenges/${id}/resolve`, {
    outcome: 'changed',
    rating: 'amber',
    resolution: 'Oversight is recent: amber until a year of minutes.',
  });
  assert.equal(resolved.statusCode, 303);
  const [after] = await t.db.query<{ rating: string }>('select rating from s11_answer where id = $1', [
    answerId,
  ]);
  assert.equal(after!.rating, 'amber');
  const page = await bm.get(`${BASE}/challenges/${id}`);
  assert.match(page.body, /changed from Green to Amber/);
  assert.equal(
    (await bm.post(`${BASE}/challenges/${id}/resolve`, { outcome: 'confirmed', resolution: 'x' })).statusCode,
    409,
  );
});

let thisYear: string;

test('the next round carries last round’s answers forward, to be reviewed before submitting', async () => {
  const made = await bm.post(
    `${BASE}/rounds/new`,
    roundForm({
      year: '2026',
      ...dateParts('opensOn', dayFromToday(-10)),
      ...dateParts('closesOn', dayFromToday(30)),
    }),
  );
  assert.equal(made.statusCode, 303, made.body.slice(0, 400));
  thisYear = idFrom(made.headers.location, 'rounds');
  const a = await assessmentOf(thisYear, 'council');
  const rows = await t.db.query<{ rating: string; carried_forward: boolean; narrative: string }>(
    'select rating, carried_forward, narrative from s11_answer where assessment_id = $1',
    [a],
  );
  assert.equal(rows.length, 8);
  assert.ok(rows.every((r) => r.carried_forward));
  assert.equal(rows.filter((r) => r.rating === 'amber').length, 1, 'the rating as the challenge left it');
  assert.equal(
    await countRows(
      t.db,
      's11_answer x join s11_assessment a on a.id = x.assessment_id where a.round_id = $1 and a.agency_id = $2',
      [thisYear, t.org.agencies.police],
    ),
    0,
    'police answered nothing last year',
  );
  const page = await council.get(`${BASE}/assessments/${a}`);
  assert.match(page.body, /Carried forward, review/);
  const refused = await council.post(`${BASE}/assessments/${a}/submit`, {});
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /Review every answer carried forward from last round: 8 not reviewed/);
  const ids = await standardIds();
  await council.post(`${BASE}/assessments/${a}/standards/${ids[0]}`, answer({ rating: 'amber' }));
  const [reviewed] = await t.db.query<{ carried_forward: boolean }>(
    'select carried_forward from s11_answer where assessment_id = $1 and standard_id = $2',
    [a, ids[0]],
  );
  assert.equal(reviewed!.carried_forward, false);
});

test('practitioners’ survey: agencies asked only, once per person, anonymous; the gap view', async () => {
  const url = `${BASE}/rounds/${thisYear}/survey`;
  const teacher = await sessionAs(t, 'teacher');
  assert.equal((await teacher.get(url)).statusCode, 403, 'the school was not asked');
  assert.equal((await teacher.post(url, {})).statusCode, 403);
  assert.equal((await bm.get(url)).statusCode, 403, 'not a practitioner');
  const sw = await sessionAs(t, 'sw');
  const list = await sw.get(`${BASE}/survey`);
  assert.equal(list.statusCode, 200);
  assert.match(list.body, new RegExp(`href="${url}"`));
  const ids = await standardIds();
  const all = (v: string) => Object.fromEntries(ids.map((_, i) => [`s${i + 1}`, v]));
  const partial = await sw.post(url, { ...all('agree'), s3: '' });
  assert.equal(partial.statusCode, 400);
  assert.match(partial.body, /href="#s3"/);
  assert.equal((await sw.post(url, all('disagree'))).statusCode, 303);
  assert.equal((await sw.post(url, all('agree'))).statusCode, 409, 'once per person per round');
  assert.match((await sw.get(url)).body, /You have already answered/);
  for (const key of ['sw2', 'tm', 'mash']) {
    const c = await sessionAs(t, key);
    assert.equal((await c.post(url, all('strongly_disagree'))).statusCode, 303, key);
  }
  const stored = await t.db.query<Record<string, unknown>>(
    'select * from s11_survey_response where round_id = $1',
    [thisYear],
  );
  assert.equal(stored.length, 4);
  assert.deepEqual(Object.keys(stored[0]!).sort(), [
    'agency_id',
    'answers',
    'id',
    'partnership_id',
    'role',
    'round_id',
  ]);
  assert.ok(!JSON.stringify(stored).includes(t.org.users.sw!), 'no user id in the answers');

  // The council rated standard 2 green (carried forward); none of four practitioners agree.
  const gaps = await bm.get(`${BASE}/rounds/${thisYear}/gaps`);
  assert.equal(gaps.statusCode, 200);
  assert.match(gaps.body, /Rated green, but only 0% of practitioners agree/);
  assert.match(gaps.body, /Elmshire County Council/);
  assert.equal((await sw.get(`${BASE}/rounds/${thisYear}/gaps`)).statusCode, 403);
});

test('comparison across rounds, and the executive’s panel', async () => {
  const res = await bm.get(`${BASE}/comparison`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Section 11 2025/);
  assert.match(res.body, /Section 11 2026/);
});

test('action plan items go into the one action log, from the agency’s own draft only', async () => {
  const a = await assessmentOf(thisYear, 'council');
  const url = `${BASE}/assessments/${a}/actions/new`;
  const [standardId] = await standardIds();
  assert.equal((await council.get(url)).statusCode, 200);
  assert.equal((await police.get(url)).statusCode, 403);
  const bad = await council.post(url, { standardId: '', title: '', ownerAgencyId: '' });
  assert.equal(bad.statusCode, 400);
  for (const f of ['standardId', 'title', 'ownerAgencyId', 'dueOn-day'])
    assert.match(bad.body, new RegExp(`href="#${f}"`), f);
  const before = await countRows(t.db, 'partnership_action');
  const ok = await council.post(url, {
    standardId: standardId!,
    title: 'Board to review safeguarding twice a year',
    ownerAgencyId: t.org.agencies.council!,
    ...dateParts('dueOn', dayFromToday(60)),
  });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 400));
  assert.equal(await countRows(t.db, 'partnership_action'), before + 1);
  const page = await bm.get(`${BASE}/assessments/${a}`);
  assert.match(page.body, /Board to review safeguarding twice a year/);
  assert.equal((await council.post(url, { title: 'x' })).statusCode, 400);
  assert.equal((await police.post(url, { title: 'x' })).statusCode, 403);
});

test('every read and change is audited; the survey’s audit holds no answers', async () => {
  const round = await auditRows(t.db, { entityId: thisYear });
  const actions = new Set(round.map((r) => r.action));
  for (const a of ['section11.round_created', 'section11.survey_answered', 'section11.gaps_read'])
    assert.ok(actions.has(a), a);
  for (const r of round.filter((x) => x.action === 'section11.survey_answered'))
    assert.deepEqual(r.detail, {});
  await bm.get(`${BASE}/rounds/${thisYear}`);
  assert.equal(
    (await auditRows(t.db, { action: 'section11.round_read', entityId: thisYear })).length >= 1,
    true,
  );
  for (const a of [
    'section11.answer_saved',
    'section11.assessment_submitted',
    'section11.challenge_resolved',
  ])
    assert.ok((await auditRows(t.db, { action: a })).length > 0, a);
});
