import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp } from '../../../test/helpers/app.ts';
import { demoActor } from '../../demo/organisation.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { createViews } from '../../platform/views.ts';
import { driftReport, myWork, teamView } from './service.ts';
import { DEFAULT_SETTINGS, setCaseloadSettings } from './settings.ts';
import type { DriftFact } from '../casework/service.ts';
import { addChild, addReferral, fakeSource, workItem } from './test-fixtures.ts';
import { allocate } from '../../../test/helpers/people.ts';

const actor = (key: string) => demoActor(t.org, key);
const ids: Record<string, string> = {};

const t = useApp(async () => {
  // Hannah Price (sw, Assessment Team North) holds four children; Tom Ellery (sw2, Child Protection Team) one.
  for (const [given, worker, team] of [
    ['Amy', 'sw', 'Assessment Team North'],
    ['Bob', 'sw', 'Assessment Team North'],
    ['Cy', 'sw', 'Assessment Team North'],
    ['Di', 'sw', 'Assessment Team North'],
    ['Ez', 'sw2', 'Child Protection Team'],
  ] as const) {
    ids[given] = await addChild(t, given, 'Casefile');
    await allocate(t, ids[given], worker, team);
  }
  ids.Waiting = await addChild(t, 'Fi', 'Waitlist');
  await addReferral(t, ids.Waiting, '2026-08-03');
});

// Friday 28 August 2026; Monday 31 August is a bank holiday.
const today = '2026-08-28';
const items = () => [
  workItem(ids.Cy!, 'cin_plan_review', '2026-09-08'), // six working days: on time
  workItem(ids.Amy!, 'assessment', '2026-09-03'), // three working days (after the bank holiday): due soon
  workItem(ids.Bob!, 'icpc', '2026-08-28'), // today: due soon
  workItem(ids.Amy!, 'visit', '2026-08-20'), // overdue
  workItem(ids.Ez!, 'visit', '2026-08-01'), // another team's child
];

test('my work: the worker’s own children by due date, overdue and due soon tagged, names audited', async () => {
  const w = await myWork(t.db, actor('sw'), { today, source: fakeSource(items()) });
  assert.deepEqual(
    w.items.map((i) => [i.child.name, i.type, i.state.status, i.state.workingDays]),
    [
      ['Amy Casefile', 'visit', 'overdue', 6],
      ['Bob Casefile', 'icpc', 'due_soon', 0],
      ['Amy Casefile', 'assessment', 'due_soon', 3],
      ['Cy Casefile', 'cin_plan_review', 'on_time', 6],
    ],
  );
  assert.deepEqual(
    w.quiet.map((c) => c.name),
    ['Di Casefile'],
  );
  assert.equal(w.overdue, 1);
  assert.equal(w.dueSoon, 2);
  // Amy CP plan 1.5, Bob CP enquiry 1.5, Cy CIN 1, Di allocated 1.
  assert.equal(w.caseload.weight, 5);
  assert.equal(w.caseload.count, 4);
  const audited = await t.db.query<{ person_id: string }>(
    `select distinct person_id from audit_event where action = 'person.listed' and detail->>'page' = 'my-work' and user_id = $1`,
    [t.org.users.sw],
  );
  assert.equal(audited.length, 4);
  assert.ok(!audited.some((a) => a.person_id === ids.Ez));
  // The page says it in words, not colour alone.
  const html = createViews().render('caseloads/views/my-work.njk', { title: 'Your work', ...w });
  const rows = html.split('<tr class="govuk-table__row">').slice(2);
  assert.match(rows[0]!, /Overdue\s*<\/strong>\s*<span class="govuk-body-s">by 6 working days/);
  assert.match(rows[1]!, /Due soon\s*<\/strong>\s*<span class="govuk-body-s">today/);
  assert.match(rows[2]!, /Due soon\s*<\/strong>\s*<span class="govuk-body-s">in 3 working days/);
  assert.match(html, /due within 3 working days/);
  assert.doesNotMatch(rows[3]!, /Overdue|Due soon/);
});

test('GET /my-work shows the signed-in worker’s children only', async () => {
  const sw = await signedIn(t.app, 'sw');
  const page = await sw.get('/my-work');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Amy Casefile/);
  assert.doesNotMatch(page.body, /Ez Casefile/);
  const other = await (await signedIn(t.app, 'sw2')).get('/my-work');
  assert.match(other.body, /Ez Casefile/);
  assert.doesNotMatch(other.body, /Amy Casefile/);
});

test('team view: weighted caseloads against the limit, the queue, overdue by type, children not seen', async () => {
  const source = fakeSource(items());
  let v = await teamView(t.db, actor('tm'), { today, source });
  assert.equal(v.teamName, 'Assessment Team North');
  const sw = v.workers.find((w) => w.name === 'Hannah Price')!;
  assert.deepEqual(
    [sw.caseload.count, sw.caseload.weight, sw.caseload.overLimit, sw.overdue],
    [4, 5, false, 1],
  );
  assert.equal(sw.caseload.percent, Math.round((5 / 18) * 100));
  assert.ok(
    v.workers.some((w) => w.name === 'Grace Mensah'),
    'the manager is listed too',
  );
  assert.ok(!v.workers.some((w) => w.name === 'Tom Ellery'), 'another team’s worker is not');
  assert.deepEqual(
    v.notSeen.map((n) => [n.child.name, n.workerName]),
    [['Amy Casefile', 'Hannah Price']],
  );
  assert.deepEqual(
    v.byType.find((b) => b.type === 'visit'),
    { type: 'visit', label: 'Statutory visit', overdue: 1, dueSoon: 0 },
  );
  assert.deepEqual(v.byType.find((b) => b.type === 'icpc')?.dueSoon, 1);
  const waiting = v.queue.find((q) => q.child.personId === ids.Waiting)!;
  assert.equal(waiting.workingDays, 19); // 3 to 28 August 2026: no bank holiday
  assert.equal(waiting.calendarDays, 25);

  await setCaseloadSettings(t.db, actor('admin'), {
    ...DEFAULT_SETTINGS,
    limit: 4,
    weights: { ...DEFAULT_SETTINGS.weights, cin_plan: 2 },
  });
  v = await teamView(t.db, actor('tm'), { today, source });
  const over = v.workers.find((w) => w.name === 'Hannah Price')!.caseload;
  assert.deepEqual([over.weight, over.percent, over.overLimit], [6, 150, true]);
  const tm = await signedIn(t.app, 'tm');
  const page = await tm.get('/team');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Hannah Price/);
  assert.match(page.body, /Fi Waitlist/);
  await setCaseloadSettings(t.db, actor('admin'), DEFAULT_SETTINGS);
  const reset = await teamView(t.db, actor('tm'), { today, source });
  assert.equal(reset.workers.find((w) => w.name === 'Hannah Price')!.caseload.overLimit, false);

  // A worker who has left still shows while they hold children, so they can be moved.
  const [leaver] = await t.db.query<{ id: string }>(
    `insert into app_user (partnership_id, agency_id, team_id, email, display_name, roles, active)
     values ($1,$2,$3,'leaver@together.example','Lee Leaver',array['social_worker'],false) returning id`,
    [t.org.partnershipId, t.org.agencies.council, t.org.teams['council:Assessment Team North']],
  );
  const child = await addChild(t, 'Gus', 'Leftbehind');
  await t.db.query(
    `insert into allocation (partnership_id, person_id, user_id, team_id) values ($1,$2,$3,$4)`,
    [t.org.partnershipId, child, leaver!.id, t.org.teams['council:Assessment Team North']],
  );
  const withLeaver = await teamView(t.db, actor('tm'), { today, source });
  const lee = withLeaver.workers.find((w) => w.name === 'Lee Leaver')!;
  assert.deepEqual([lee.active, lee.caseload.count], [false, 1]);
  assert.match((await tm.get('/team')).body, /Lee Leaver[\s\S]*?Account closed/);
});

test('caseload settings: the administrator only; bad input re-renders with errors on the fields', async () => {
  await assert.rejects(setCaseloadSettings(t.db, actor('tm'), DEFAULT_SETTINGS), ForbiddenError);
  const admin = await signedIn(t.app, 'admin');
  const form = await admin.get('/caseloads/settings');
  assert.match(form.body, /name="weight-cp_plan"[^>]*value="1.5"/);
  const casework = {
    visitWorkingDays: '10',
    cinPlanReviewEvery: '3',
    cinPlanReviewUnit: 'months',
    strategyDiscussionWorkingDays: '1',
    driftReviewMonths: '3',
  };
  const bad = await admin.post('/caseloads/settings', {
    'weight-cp_plan': 'lots',
    'weight-cp_enquiry': '1.5',
    'weight-looked_after': '1.5',
    'weight-cin_plan': '1',
    'weight-assessment': '-1',
    'weight-allocated': '1',
    limit: '0',
    ...casework,
  });
  assert.equal(bad.statusCode, 400);
  for (const field of ['weight-cp_plan', 'weight-assessment', 'limit'])
    assert.match(bad.body, new RegExp(`href="#${field}"`));
  const ok = await admin.post('/caseloads/settings', {
    'weight-cp_plan': '2',
    'weight-cp_enquiry': '1.5',
    'weight-looked_after': '1.5',
    'weight-cin_plan': '1',
    'weight-assessment': '1',
    'weight-allocated': '1',
    limit: '20',
    ...casework,
  });
  assert.equal(ok.statusCode, 303);
  await setCaseloadSettings(t.db, actor('admin'), DEFAULT_SETTINGS);
});

test('drift report: the team manager sees the team’s children; the scrutineer reads the partnership', async () => {
  const fact = (kind: DriftFact['kind'], child: string, since: string): DriftFact => ({
    kind,
    personId: ids[child]!,
    episodeId: `e-${child}`,
    since,
    label: `${kind} since ${since}`,
    href: `/people/${ids[child]}/casework`,
  });
  const source = fakeSource(
    [],
    [
      fact('episode_without_review', 'Bob', '2026-03-01'),
      fact('episode_without_review', 'Amy', '2025-01-06'),
      fact('episode_without_review', 'Ez', '2025-02-01'),
      fact('assessment_over_45_days', 'Cy', '2026-07-03'),
      fact('plan_over_18_months', 'Ez', '2024-12-01'),
      fact('repeat_plan', 'Ez', '2024-12-01'),
    ],
  );
  const team = await driftReport(t.db, actor('tm'), {}, { today, source });
  const names = (r: typeof team) => r.rows.map((x) => `${x.kind}:${x.child.name}/${x.workerName}`);
  const counts = (r: typeof team) => Object.fromEntries(r.counts.map((c) => [c.kind, c.total]));
  assert.equal(team.scope, 'team');
  assert.deepEqual(names(team), [
    'episode_without_review:Amy Casefile/Hannah Price',
    'episode_without_review:Bob Casefile/Hannah Price',
    'assessment_over_45_days:Cy Casefile/Hannah Price',
  ]);
  assert.deepEqual(counts(team), {
    episode_without_review: 2,
    assessment_over_45_days: 1,
    plan_over_18_months: 0,
    repeat_plan: 0,
  });
  assert.deepEqual(team.teams, [], 'a team manager has no team filter: their team is the scope');
  const all = await driftReport(t.db, actor('scrutineer'), {}, { today, source });
  assert.equal(all.scope, 'partnership');
  // Longest first: the date drift is measured from, then the report's order of kinds.
  assert.deepEqual(names(all), [
    'plan_over_18_months:Ez Casefile/Tom Ellery',
    'repeat_plan:Ez Casefile/Tom Ellery',
    'episode_without_review:Amy Casefile/Hannah Price',
    'episode_without_review:Ez Casefile/Tom Ellery',
    'episode_without_review:Bob Casefile/Hannah Price',
    'assessment_over_45_days:Cy Casefile/Hannah Price',
  ]);
  const plans = await driftReport(t.db, actor('scrutineer'), { kind: 'repeat_plan' }, { today, source });
  assert.deepEqual(names(plans), ['repeat_plan:Ez Casefile/Tom Ellery']);
  assert.deepEqual(counts(plans), counts(all), 'the counts do not follow the kind filter');
  const audited = await t.db.query<{ n: number }>(
    `select count(distinct person_id)::int as n from audit_event where action = 'person.listed' and detail->>'page' = 'drift' and user_id = $1`,
    [t.org.users.scrutineer],
  );
  assert.equal(audited[0]!.n, 4);
  const html = createViews().render('caseloads/views/drift.njk', { title: 'Drift report', ...all });
  assert.match(html, /6 cases/);
  await assert.rejects(driftReport(t.db, actor('sw'), {}, { today, source }), ForbiddenError);
  await assert.rejects(driftReport(t.db, actor('mash'), {}, { today, source }), ForbiddenError);
});

test('pages refuse roles they are not for (403), with no personal data', async () => {
  const refused: Record<string, string[]> = {
    '/my-work': ['mash', 'mashmgr', 'teacher', 'police', 'ehl', 'scrutineer', 'bm', 'dpo', 'admin'],
    '/team': ['sw', 'sw2', 'mash', 'teacher', 'police', 'scrutineer', 'bm', 'dpo', 'admin'],
    '/unallocated': ['sw', 'sw2', 'mash', 'teacher', 'police', 'scrutineer', 'bm', 'dpo', 'admin'],
    '/reports/drift': ['sw', 'sw2', 'mash', 'mashmgr', 'teacher', 'police', 'bm', 'dpo', 'admin'],
    '/caseloads/settings': ['sw', 'tm', 'mash', 'teacher', 'scrutineer', 'dpo'],
  };
  const clients = new Map<string, Awaited<ReturnType<typeof signedIn>>>();
  for (const [url, keys] of Object.entries(refused)) {
    for (const key of keys) {
      if (!clients.has(key)) clients.set(key, await signedIn(t.app, key));
      const res = await clients.get(key)!.get(url);
      assert.equal(res.statusCode, 403, `${key} ${url}`);
      assert.doesNotMatch(res.body, /Casefile|Waitlist/, `${key} ${url}`);
    }
  }
  const post = await clients.get('tm')!.post('/caseloads/settings', { limit: '1' });
  assert.equal(post.statusCode, 403);
  const scrutineer = await clients.get('scrutineer')!.get('/reports/drift');
  assert.equal(scrutineer.statusCode, 200);
});
