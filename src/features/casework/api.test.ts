// /api/v1 casework: a child's casework and voice, the caller's work, recording visits and the
// child's voice, the audit trail and the OpenAPI document.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, childOnPlan, dueByType, keysOf, useApi, visit } from './api-support.ts';
import { startEpisode } from './episodes.ts';
import { demoActor } from '../../demo/organisation.ts';
import { auditCount, auditRows } from '../../../test/helpers/rows.ts';
import { makeChild, makeReferral } from './test-support.ts';

const api = useApi();
const { t } = api;

test('GET casework: where the child is now, each open clock with its due date, the episodes; audited', async () => {
  const before = await auditCount(t.db, { personId: api.poppy, action: 'casework.view' });
  const res = await call('GET', `/api/v1/people/${api.poppy}/casework`);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json();
  assert.equal(body.person.id, api.poppy);
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
  assert.equal(await auditCount(t.db, { personId: api.poppy, action: 'casework.view' }), before + 1);
  const rows = await auditRows(t.db, {
    action: 'casework.view',
    personId: api.poppy,
    userId: t.org.users.sw,
  });
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
  assert.equal(
    await auditCount(t.db, { personId: child, action: 'casework.voice_record' }),
    3,
    'assessment, conference, visit',
  );
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
  const voiceViews = await auditCount(t.db, { personId: child, action: 'casework.voice_view' });
  const got = await call('GET', `/api/v1/people/${child}/voice`);
  assert.equal(got.statusCode, 200);
  const body = got.json();
  assert.equal(body.person.givenName, 'Isla');
  assert.deepEqual(
    body.entries.map((e: { gatheredOn: string; context: string }) => [e.gatheredOn, e.context]),
    [
      ['2024-03-01', 'direct_work'],
      ['2024-04-02', 'assessment'],
      ['2024-04-19', 'conference'],
    ],
  );
  assert.equal(body.entries[0].id, res.json().id);
  assert.equal(body.entries[0].gatheredBy, 'Ann Lee, play worker');
  assert.ok(!Number.isNaN(Date.parse(body.entries[0].recordedAt)));
  assert.match(body.entries[0].recordedAt, /Z$/);
  assert.deepEqual(body.notHeard, []);
  assert.equal(await auditCount(t.db, { personId: child, action: 'casework.voice_view' }), voiceViews + 1);
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
  const assessing = await makeChild(t, 'Leo');
  const referral = await makeReferral(t, assessing, '2024-06-03');
  await startEpisode(t.db, sw, assessing, { referral, referralSource: '3A', primaryNeed: 'N4' });
  const quiet = await makeChild(t, 'Ada');
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
  assert.equal(
    (await call('GET', '/api/v1/my-work', undefined, { token: api.teacherToken })).statusCode,
    403,
  );
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
    ['id', 'Idempotency-Key'],
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
