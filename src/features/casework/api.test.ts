// /api/v1 casework: a child's casework and voice, the caller's work, recording visits and the
// child's voice; token and access refusals, bad input as problem documents, the audit trail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { testApp, type TestApp } from '../../../test/helpers/app.ts';
import { apiTokenFor, auditRows } from '../people/test-support.ts';
import { authoriseAssessment, startAssessment, submitAssessment } from './assessments.ts';
import { recordInitialConference } from './conferences.ts';
import { startEpisode } from './episodes.ts';
import {
  recordSection47Outcome,
  recordStrategyDiscussion,
  signOffSection47,
  startSection47,
} from './section-47.ts';
import {
  agencyIds,
  auditCount,
  dateParts,
  demoActor,
  makeChild,
  makeReferral,
  voice,
} from './test-support.ts';

let t: TestApp;
let token: string; // a social worker who may also use the API
let teacherToken: string;
let poppy: string; // on a child protection plan since 19 April 2024

before(async () => {
  t = await testApp();
  await t.db.query(`update app_user set roles = '{social_worker,partner_practitioner}' where id = $1`, [
    t.org.users.sw,
  ]);
  token = await apiTokenFor(t, 'sw');
  teacherToken = await apiTokenFor(t, 'teacher');
  poppy = await childOnPlan('Poppy');
});
after(() => t.close());

function call(
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  opts: { token?: string | null; type?: string } = {},
) {
  const bearer = opts.token === undefined ? token : opts.token;
  return t.app.inject({
    method,
    url,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body !== undefined ? { 'content-type': opts.type ?? 'application/json' } : {}),
    },
    payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A child taken through the services from a referral to a child protection plan. */
async function childOnPlan(given: string): Promise<string> {
  const sw = demoActor(t.org, 'sw');
  const tm = demoActor(t.org, 'tm');
  const child = await makeChild(t.db, t.org, given);
  const referral = await makeReferral(t.db, t.org, child, '2024-02-29', 'strategy_section_47');
  await startEpisode(t.db, sw, child, { referral, referralSource: '2A', primaryNeed: 'N1' });
  await startAssessment(t.db, sw, child, dateParts('startDate', '2024-03-01'));
  await recordStrategyDiscussion(t.db, sw, child, {
    ...dateParts('heldOn', '2024-03-28'),
    agencies: agencyIds(t.org, 'council', 'police'),
    participants: 'Hannah Price (social worker), DC Jones (police)',
    decision: 'section_47',
    rationale: 'Bruising on the arm, explanation inconsistent.',
  });
  await startSection47(t.db, sw, child, dateParts('startDate', '2024-03-28'));
  await recordSection47Outcome(t.db, sw, child, {
    outcome: 'substantiated_at_risk',
    conferenceNeeded: 'yes',
    ...dateParts('outcomeDate', '2024-04-05'),
    outcomeNotes: 'Concerns substantiated.',
  });
  await signOffSection47(t.db, tm, child, {
    decision: 'agreed',
    ...dateParts('decidedOn', '2024-04-08'),
    note: 'Agreed: convene.',
  });
  await submitAssessment(t.db, sw, child, {
    factors: ['3B', '16A'],
    ...voice('2024-04-02'),
    analysis: 'Frightened at home.',
    outcome: 'cin_plan',
    ...dateParts('completedDate', '2024-04-10'),
  });
  await authoriseAssessment(t.db, tm, child, {
    decision: 'agreed',
    ...dateParts('decidedOn', '2024-04-11'),
    note: 'Thorough.',
  });
  await recordInitialConference(t.db, sw, child, {
    ...dateParts('heldOn', '2024-04-19'),
    chair: 'Sam Okoye (independent chair)',
    agencies: agencyIds(t.org, 'council', 'police', 'school1'),
    ...voice('2024-04-18', 'I drew my family and put myself outside the house.'),
    decision: 'plan',
    category: 'NEG',
  });
  return child;
}

const dueByType = (clocks: { type: string; dueDate: string }[]) =>
  Object.fromEntries(clocks.map((c) => [c.type, c.dueDate]));

async function count(table: string, personId: string): Promise<number> {
  const [r] = await t.db.query<{ n: number }>(
    `select count(*)::int as n from ${table} where person_id = $1`,
    [personId],
  );
  return r!.n;
}

/** Every key of a JSON value, at any depth. */
function keysOf(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) v.forEach((x) => keysOf(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      keysOf(x, out);
    }
  }
  return out;
}

const visit = (over: Record<string, unknown> = {}) => ({
  visitedOn: '2024-04-25',
  seen: true,
  seenAlone: true,
  bedroomSeen: true,
  notes: 'Room cold; heating broken.',
  voice: { words: 'My room is cold at night.', methods: ['seen_alone', 'conversation'] },
  ...over,
});

test('GET casework: where the child is now, each open clock with its due date, the episodes; audited', async () => {
  const before = await auditCount(t.db, poppy, 'casework.view');
  const res = await call('GET', `/api/v1/people/${poppy}/casework`);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.person.id, poppy);
  assert.equal(body.person.givenName, 'Poppy');
  assert.match(body.today, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(body.current.status, 'open');
  assert.equal(body.current.assessment, null, 'the assessment is authorised');
  assert.equal(body.current.section47Enquiry, null);
  assert.deepEqual(
    {
      startDate: body.current.childProtectionPlan.startDate,
      category: body.current.childProtectionPlan.category,
    },
    { startDate: '2024-04-19', category: 'NEG' },
  );
  assert.equal(body.current.childInNeedPlan, null);
  // Core group and visit 10 working days from the conference; the first review 3 months after it.
  assert.deepEqual(dueByType(body.clocks), {
    core_group: '2024-05-03',
    visit: '2024-05-03',
    review_conference: '2024-07-19',
  });
  const visitClock = body.clocks.find((c: { type: string }) => c.type === 'visit');
  assert.equal(visitClock.startDate, '2024-04-19');
  assert.equal(visitClock.overdue, true);
  assert.match(visitClock.dueText, /^Overdue by \d+ working days$/);
  assert.equal(body.episodes.length, 1);
  const [episode] = body.episodes;
  assert.equal(episode.id, body.current.episodeId);
  assert.equal(episode.referralDate, '2024-02-29');
  assert.equal(episode.assessments[0].status, 'authorised');
  assert.deepEqual(episode.assessments[0].factors, ['3B', '16A']);
  assert.equal(episode.strategyDiscussions[0].agencies.length, 2);
  assert.equal(episode.section47Enquiries[0].status, 'completed');
  assert.equal(episode.conferences[0].kind, 'initial');
  assert.equal(episode.childProtectionPlans[0].status, 'open');
  assert.deepEqual(
    episode.managerDecisions.map((d: { point: string }) => d.point),
    ['section_47_sign_off', 'assessment_authorisation'],
  );
  for (const k of keysOf(body)) assert.doesNotMatch(k, /_/, `camel case: ${k}`);
  assert.equal(await auditCount(t.db, poppy, 'casework.view'), before + 1);
  const rows = await auditRows(t.db, { action: 'casework.view', personId: poppy, userId: t.org.users.sw });
  assert.equal(rows.length, 1, 'the read is audited as the token’s user');
});

test('POST a statutory visit: 201, then in the casework (clock restarted) and in the voice; audited', async () => {
  const child = await childOnPlan('Maisie');
  const res = await call('POST', `/api/v1/people/${child}/visits`, visit());
  assert.equal(res.statusCode, 201, res.body);
  const { id } = res.json();
  assert.match(id, /^[0-9a-f-]{36}$/);
  assert.equal(res.headers.location, `/api/v1/people/${child}/casework`);
  // Not seen: does not restart the visit clock; the reason stands for the child's voice.
  const notSeen = await call('POST', `/api/v1/people/${child}/visits`, {
    visitedOn: '2024-05-03',
    seen: false,
    bedroomSeen: false,
    notSeenReason: 'Nobody answered the door.',
  });
  assert.equal(notSeen.statusCode, 201, notSeen.body);

  const cw = (await call('GET', `/api/v1/people/${child}/casework`)).json();
  const visits = cw.episodes[0].visits;
  assert.equal(visits.length, 2);
  assert.deepEqual(visits[0], {
    id,
    visitedOn: '2024-04-25',
    statutory: true,
    cpPlanId: cw.current.childProtectionPlan.id,
    seen: true,
    seenAlone: true,
    bedroomSeen: true,
    notSeenReason: null,
    notes: 'Room cold; heating broken.',
    voiceAbsentReason: null,
  });
  assert.equal(visits[1].seen, false);
  assert.equal(visits[1].notSeenReason, 'Nobody answered the door.');
  // 10 working days from 25 April 2024, across the early May bank holiday.
  assert.equal(dueByType(cw.clocks).visit, '2024-05-10');

  const v = (await call('GET', `/api/v1/people/${child}/voice`)).json();
  const fromVisit = v.entries.find((e: { context: string }) => e.context === 'visit');
  assert.equal(fromVisit.words, 'My room is cold at night.');
  assert.equal(fromVisit.gatheredOn, '2024-04-25', 'heard on the day of the visit unless sent');
  assert.equal(fromVisit.gatheredBy, 'Hannah Price', 'heard by the token’s user unless sent');
  assert.deepEqual(fromVisit.methods, ['seen_alone', 'conversation']);
  assert.deepEqual(v.notHeard, [
    { context: 'visit', on: '2024-05-03', reason: 'The child was not seen: Nobody answered the door.' },
  ]);

  const audited = await auditRows(t.db, {
    action: 'casework.visit',
    personId: child,
    userId: t.org.users.sw,
  });
  assert.equal(audited.length, 2);
  assert.equal(audited[0]!.detail.statutory, true);
  assert.equal(await auditCount(t.db, child, 'casework.voice_record'), 3, 'assessment, conference, visit');
});

test('GET voice: what the child has told us in time order; POST voice records direct work', async () => {
  const child = await childOnPlan('Isla');
  const res = await call('POST', `/api/v1/people/${child}/voice`, {
    words: 'I want my cat to come too.',
    methods: ['drawing', 'play'],
    gatheredBy: 'Ann Lee, play worker',
    gatheredOn: '2024-03-01',
  });
  assert.equal(res.statusCode, 201, res.body);
  assert.equal(res.headers.location, `/api/v1/people/${child}/voice`);
  const voiceViews = await auditCount(t.db, child, 'casework.voice_view');
  const got = await call('GET', `/api/v1/people/${child}/voice`);
  assert.equal(got.statusCode, 200);
  const body = got.json();
  assert.equal(body.person.givenName, 'Isla');
  assert.deepEqual(
    body.entries.map((e: { gatheredOn: string; context: string }) => [e.gatheredOn, e.context]),
    [
      ['2024-03-01', 'direct_work'],
      ['2024-04-02', 'assessment'],
      ['2024-04-18', 'conference'],
    ],
  );
  assert.equal(body.entries[0].id, res.json().id);
  assert.equal(body.entries[0].gatheredBy, 'Ann Lee, play worker');
  assert.ok(!Number.isNaN(Date.parse(body.entries[0].recordedAt)));
  assert.match(body.entries[0].recordedAt, /Z$/);
  assert.deepEqual(body.notHeard, []);
  assert.equal(await auditCount(t.db, child, 'casework.voice_view'), voiceViews + 1);
  const recorded = await auditRows(t.db, { action: 'casework.voice_record', personId: child });
  assert.equal(recorded.at(-1)!.detail.context, 'direct_work');
});

test('GET my-work: the caller’s children’s open work, soonest due first; each named child audited', async () => {
  const sw = demoActor(t.org, 'sw');
  const team = t.org.teams['council:Assessment Team North'];
  const allocate = (personId: string) =>
    t.db.query(`insert into allocation (partnership_id, person_id, user_id, team_id) values ($1,$2,$3,$4)`, [
      t.org.partnershipId,
      personId,
      t.org.users.sw,
      team,
    ]);
  const onPlan = await childOnPlan('Ruby');
  const assessing = await makeChild(t.db, t.org, 'Leo');
  const referral = await makeReferral(t.db, t.org, assessing, '2024-06-03');
  await startEpisode(t.db, sw, assessing, { referral, referralSource: '3A', primaryNeed: 'N4' });
  const quiet = await makeChild(t.db, t.org, 'Ada');
  for (const id of [onPlan, assessing, quiet]) await allocate(id);

  const res = await call('GET', '/api/v1/my-work');
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  const rows = body.items.map((i: { child: { name: string }; type: string; dueDate: string }) => [
    i.child.name,
    i.type,
    i.dueDate,
  ]);
  // Soonest first; on the same day, in the statutory order of the work.
  assert.deepEqual(rows, [
    ['Ruby Marsh', 'core_group', '2024-05-03'],
    ['Ruby Marsh', 'visit', '2024-05-03'],
    ['Ruby Marsh', 'review_conference', '2024-07-19'],
    // 45 working days from 3 June 2024.
    ['Leo Marsh', 'assessment', '2024-08-05'],
  ]);
  const first = body.items[0];
  assert.equal(first.child.personId, onPlan);
  assert.equal(first.child.hidden, false);
  assert.equal(first.dueStatus, 'overdue');
  assert.ok(first.workingDays > 0);
  assert.equal(body.overdue, 4);
  assert.deepEqual(
    body.childrenWithNothingDue.map((c: { name: string }) => c.name),
    ['Ada Marsh'],
  );
  assert.equal(body.caseload.count, 3);
  const listed = await auditRows(t.db, { action: 'person.listed', userId: t.org.users.sw });
  for (const id of [onPlan, assessing, quiet]) {
    assert.ok(
      listed.some((r) => r.person_id === id && r.detail.page === 'my-work'),
      `listing of ${id} audited`,
    );
  }
  // A partner practitioner has no caseload.
  assert.equal((await call('GET', '/api/v1/my-work', undefined, { token: teacherToken })).statusCode, 403);
});

test('a token is required on every casework route (401)', async () => {
  for (const [method, url, body] of [
    ['GET', `/api/v1/people/${poppy}/casework`],
    ['GET', `/api/v1/people/${poppy}/voice`],
    ['GET', '/api/v1/my-work'],
    ['POST', `/api/v1/people/${poppy}/visits`, visit()],
    ['POST', `/api/v1/people/${poppy}/voice`, { words: 'x', methods: ['play'], gatheredOn: '2024-05-01' }],
  ] as const) {
    const anon = await call(method, url, body, { token: null });
    assert.equal(anon.statusCode, 401, `${method} ${url}`);
    assert.match(String(anon.headers['content-type']), /application\/problem\+json/);
    const forged = await call(method, url, body, { token: 'not-a-real-token' });
    assert.equal(forged.statusCode, 401, `${method} ${url} with a forged token`);
  }
  assert.equal(await count('visit', poppy), 0);
});

test('access: an unrelated child 403, a restricted child 404 like one that does not exist, nothing leaked or written', async () => {
  const stranger = await makeChild(t.db, t.org, 'Zebedee', { involved: false });
  await t.db.query(`update person set family_name = 'Quarrington' where id = $1`, [stranger]);
  const hidden = await makeChild(t.db, t.org, 'Xanthe', { involved: false });
  await t.db.query(`update person set restricted = true, family_name = 'Quarrington' where id = $1`, [
    hidden,
  ]);
  const missing = crypto.randomUUID();
  const routes = (id: string) =>
    [
      ['GET', `/api/v1/people/${id}/casework`],
      ['GET', `/api/v1/people/${id}/voice`],
      ['POST', `/api/v1/people/${id}/visits`, visit()],
      ['POST', `/api/v1/people/${id}/voice`, { words: 'x', methods: ['play'], gatheredOn: '2024-05-01' }],
    ] as const;
  for (const [method, url, body] of routes(stranger)) {
    const res = await call(method, url, body);
    assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
    assert.doesNotMatch(res.body, /Zebedee|Quarrington/);
  }
  for (const [i, [method, url, body]] of routes(hidden).entries()) {
    const res = await call(method, url, body);
    assert.equal(res.statusCode, 404, `${method} ${url}`);
    assert.doesNotMatch(res.body, /Xanthe|Quarrington/);
    const [, otherUrl] = routes(missing)[i]!;
    const none = await call(method, otherUrl, body);
    assert.equal(none.statusCode, 404);
    assert.equal(none.json().detail, res.json().detail, 'a restricted child answers as missing');
  }
  for (const [method, url, body] of routes('not-a-uuid')) {
    assert.equal((await call(method, url, body)).statusCode, 404, `${method} ${url}`);
  }
  // Refused looks are audited; nothing was recorded.
  assert.ok((await auditRows(t.db, { action: 'person.access_refused', personId: stranger })).length >= 4);
  assert.ok((await auditRows(t.db, { action: 'person.access_refused', personId: hidden })).length >= 4);
  for (const id of [stranger, hidden]) {
    assert.equal(await count('visit', id), 0);
    assert.equal(await count('child_voice', id), 0);
    assert.equal(await auditCount(t.db, id, 'casework.view'), 0);
  }
  // A partner practitioner's role may not read or record casework, even for a child their agency knows.
  await t.db.query(
    `insert into involvement (partnership_id, person_id, agency_id, role, started_on) values ($1,$2,$3,'school','2024-01-01')`,
    [t.org.partnershipId, poppy, t.org.agencies.school1],
  );
  for (const [method, url, body] of routes(poppy)) {
    const res = await call(method, url, body, { token: teacherToken });
    assert.equal(res.statusCode, 403, `teacher ${method} ${url}`);
    assert.doesNotMatch(res.body, /Poppy/);
  }
  assert.equal(await count('visit', poppy), 0);
});

test('bad input answers 400 with a problem document naming each field, and writes nothing', async () => {
  const child = await childOnPlan('Nell');
  const visits = await count('visit', child);
  const voices = await count('child_voice', child);
  const cases: [string, unknown, string, RegExp][] = [
    ['visits', visit({ seen: 'yes' }), 'seen', /seen must be true or false/],
    ['visits', visit({ visitedOn: 20240425 }), 'visitedOn', /date like 2024-03-28/],
    ['visits', visit({ visitedOn: '25/04/2024' }), 'visitedOn', /date like 2024-03-28/],
    ['visits', visit({ visitedOn: '2024-02-31' }), 'visitedOn', /real date/],
    ['visits', visit({ visitedOn: '2099-01-01' }), 'visitedOn', /today or in the past/],
    ['visits', visit({ visitedOn: '2024-01-02' }), 'visitedOn', /before the referral date, 29 February 2024/],
    ['visits', visit({ shoeSize: 9 }), 'form', /shoeSize/],
    ['visits', visit({ seenAlone: undefined }), 'seenAlone', /required when seen is true/],
    [
      'visits',
      visit({ seen: false, notSeenReason: 'Out' }),
      'seenAlone',
      /not seen cannot have been seen alone/,
    ],
    ['visits', visit({ seen: false, seenAlone: false }), 'notSeenReason', /why the child was not seen/],
    ['visits', visit({ voice: undefined }), 'voice', /own words, or explain why/],
    [
      'visits',
      visit({ voiceAbsentReason: 'Asleep' }),
      'voiceAbsentReason',
      /either voice or voiceAbsentReason/,
    ],
    ['visits', visit({ notes: 'x'.repeat(20_001) }), 'notes', /20,000 characters or fewer/],
    ['visits', visit({ notes: '   ' }), 'notes', /must not be empty/],
    ['visits', visit({ voice: 'I am fine' }), 'voice', /voice must be an object/],
    [
      'visits',
      visit({ voice: { words: 'Hi', methods: ['telepathy'] } }),
      'voice-methods-0',
      /one of seen_alone/,
    ],
    ['visits', visit({ voice: { words: 'Hi', methods: ['play'], mood: 'ok' } }), 'voice', /mood/],
    [
      'visits',
      visit({ voice: { words: 'Hi', methods: ['play'], gatheredOn: '2099-01-01' } }),
      'voice-gatheredOn',
      /today or in the past/,
    ],
    ['visits', [visit()], 'form', /.+/],
    ['voice', { methods: ['play'], gatheredOn: '2024-05-01' }, 'words', /words must be text/],
    ['voice', { words: 'Hi', methods: [], gatheredOn: '2024-05-01' }, 'methods', /at least one/],
    ['voice', { words: 'Hi', methods: ['play', 'play'], gatheredOn: '2024-05-01' }, 'methods', /twice/],
    [
      'visits',
      visit({ notSeenReason: 'Out' }),
      'notSeenReason',
      /only for a visit at which the child was not seen/,
    ],
    ['voice', { words: 'Hi', methods: ['play'] }, 'gatheredOn', /date like/],
    [
      'voice',
      { words: 'Hi', methods: ['play'], gatheredOn: '2099-12-31' },
      'gatheredOn',
      /today or in the past/,
    ],
    ['voice', { words: 'Hi', methods: ['play'], gatheredOn: '2024-05-01', context: 'x' }, 'form', /context/],
  ];
  for (const [path, body, field, message] of cases) {
    const res = await call('POST', `/api/v1/people/${child}/${path}`, body);
    const what = `${path} ${field}: ${res.body.slice(0, 300)}`;
    assert.equal(res.statusCode, 400, what);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/, what);
    const problem = res.json();
    assert.equal(problem.status, 400);
    const e = (problem.errors as { field: string; message: string }[]).find((x) => x.field === field);
    assert.ok(e, `${field} named in ${JSON.stringify(problem.errors)}`);
    assert.match(e.message, message, what);
  }
  // Every problem at once, not only the first.
  const many = await call('POST', `/api/v1/people/${child}/visits`, { seen: 1, bedroomSeen: 'no' });
  assert.deepEqual(
    many.json().errors.map((e: { field: string }) => e.field),
    ['visitedOn', 'seen', 'bedroomSeen'],
  );
  assert.equal(await count('visit', child), visits);
  assert.equal(await count('child_voice', child), voices);
});

test('malformed JSON and an empty body are 400, other content types 415; never a server error', async () => {
  const url = `/api/v1/people/${poppy}/visits`;
  const broken = await call('POST', url, '{"visitedOn":', { type: 'application/json' });
  assert.equal(broken.statusCode, 400);
  assert.match(broken.json().detail, /not valid JSON/);
  const empty = await call('POST', url, '', { type: 'application/json' });
  assert.equal(empty.statusCode, 400);
  const nul = await call('POST', url, 'null');
  assert.equal(nul.statusCode, 400);
  for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
    const res = await call('POST', url, 'visitedOn=2024-04-25&seen=yes', { type });
    assert.equal(res.statusCode, 415, `${type}: ${res.body}`);
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
  }
  const voiceUrl = `/api/v1/people/${poppy}/voice`;
  assert.equal((await call('POST', voiceUrl, '{', { type: 'application/json' })).statusCode, 400);
  assert.equal((await call('POST', voiceUrl, 'words=hi', { type: 'text/plain' })).statusCode, 415);
  assert.equal(await count('visit', poppy), 0);
});

test('rule refusals: no open episode is 409; an adult’s record has no casework to record', async () => {
  const child = await makeChild(t.db, t.org, 'Otto');
  const res = await call('POST', `/api/v1/people/${child}/visits`, visit());
  assert.equal(res.statusCode, 409, res.body);
  assert.match(res.json().detail, /no open episode of need/);
  const cw = (await call('GET', `/api/v1/people/${child}/casework`)).json();
  assert.equal(cw.current.status, 'none');
  assert.deepEqual(cw.clocks, []);
  assert.deepEqual(cw.episodes, []);
  const adult = await makeChild(t.db, t.org, 'Parent');
  await t.db.query(`update person set kind = 'adult' where id = $1`, [adult]);
  const voiceRes = await call('POST', `/api/v1/people/${adult}/voice`, {
    words: 'Hello',
    methods: ['conversation'],
    gatheredOn: '2024-05-01',
  });
  assert.equal(voiceRes.statusCode, 409);
  assert.match(voiceRes.json().detail, /for children/);
});

test('the OpenAPI document describes the casework routes and their bodies', async () => {
  const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  const paths = doc.paths;
  assert.ok(paths['/api/v1/people/{id}/casework'].get);
  assert.ok(paths['/api/v1/people/{id}/voice'].get);
  assert.ok(paths['/api/v1/my-work'].get);
  const visitOp = paths['/api/v1/people/{id}/visits'].post;
  assert.equal(visitOp.tags[0], 'Casework');
  assert.deepEqual(
    visitOp.parameters.map((p: { name: string }) => p.name),
    ['id'],
  );
  assert.ok(visitOp.responses['201']);
  assert.ok(visitOp.responses['409']);
  assert.ok(visitOp.responses['400']);
  const schema = visitOp.requestBody.content['application/json'].schema;
  assert.equal(schema.properties.seen.type, 'boolean');
  assert.equal(schema.additionalProperties, false);
  assert.deepEqual([...schema.required].sort(), ['bedroomSeen', 'seen', 'visitedOn']);
  assert.ok(schema.properties.voice.properties.methods.items.enum.includes('seen_alone'));
  const voiceOp = paths['/api/v1/people/{id}/voice'].post;
  assert.deepEqual([...voiceOp.requestBody.content['application/json'].schema.required].sort(), [
    'gatheredOn',
    'methods',
    'words',
  ]);
});
