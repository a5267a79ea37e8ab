// The child protection plan's content: outcomes for the child, actions with owners (an agency or
// a person) and dates, each action's progress recorded at each core group (with who attended) and
// review conference, and the plan page reading it all back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { demoActor } from '../../demo/organisation.ts';
import { recordInitialConference, recordReviewConference } from './conferences.ts';
import { startEpisode } from './episodes.ts';
import { agencyIds, caseworkSteps, dateParts, makeChild, makeReferral, voice } from './test-support.ts';

let sw: Client;
let child: string;
let planId: string;

const t = useApp(async () => {
  sw = await signedIn(t.app, 'sw');
  const actor = demoActor(t.org, 'sw');
  child = await makeChild(t, 'Pia');
  const referral = await makeReferral(t, child, '2024-03-01');
  await startEpisode(t.db, actor, child, { referral, referralSource: '3A', primaryNeed: 'N1' });
  const steps = caseworkSteps(t);
  await steps.strategy(child, '2024-03-04');
  await steps.enquiry(child, '2024-03-04', '2024-03-08');
  await steps.signOff(child, '2024-03-08');
  const icpc = await recordInitialConference(t.db, actor, child, {
    heldOn: '2024-03-11',
    chair: 'Chair',
    agencies: agencyIds(t.org, 'council', 'police'),
    ...voice('2024-03-11'),
    decision: 'plan',
    category: 'PHY',
  });
  planId = icpc.planId!;
});

const base = () => `/people/${child}/casework`;
const summary = (body: string) => body.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0] ?? '';

test('outcomes and actions with owners and dates; an action needs an owner and a date in the plan', async () => {
  const empty = await sw.get(`${base()}/cp-plan`);
  assert.equal(empty.statusCode, 200);
  assert.match(empty.body, /No outcomes are recorded yet/);
  assert.match((await sw.get(base())).body, /href="\/people\/[^"]+\/casework\/cp-plan"/);

  const outcome = await sw.post(`${base()}/cp-plan/outcome/new`, {
    planId,
    outcome: 'Pia is safe from physical harm at home.',
  });
  assert.equal(outcome.statusCode, 303);
  const [o] = await t.db.query<{ id: string }>('select id from cp_plan_outcome where cp_plan_id = $1', [
    planId,
  ]);

  const noOwner = await sw.post(`${base()}/cp-plan/action/new`, {
    planId,
    outcomeId: o!.id,
    action: 'Parenting course',
    ...dateParts('dueDate', '2024-04-30'),
  });
  assert.equal(noOwner.statusCode, 400);
  assert.match(summary(noOwner.body), /href="#ownerAgency"/);
  const early = await sw.post(`${base()}/cp-plan/action/new`, {
    planId,
    action: 'Parenting course',
    ownerName: 'Mother',
    ...dateParts('dueDate', '2024-03-01'),
  });
  assert.equal(early.statusCode, 400);
  assert.match(
    summary(early.body),
    /href="#dueDate-day"[^>]*>The action cannot be due before the plan started, 11 March 2024/,
  );

  const police = t.org.agencies.police!;
  assert.equal(
    (
      await sw.post(`${base()}/cp-plan/action/new`, {
        planId,
        outcomeId: o!.id,
        action: 'Share any call-outs to the home with the social worker',
        ownerAgency: police,
        ...dateParts('dueDate', '2024-04-15'),
      })
    ).statusCode,
    303,
  );
  assert.equal(
    (
      await sw.post(`${base()}/cp-plan/action/new`, {
        planId,
        outcomeId: o!.id,
        action: 'Attend the parenting course',
        ownerName: 'Pia’s mother',
        ...dateParts('dueDate', '2024-04-30'),
      })
    ).statusCode,
    303,
  );
  const page = await sw.get(`${base()}/cp-plan`);
  assert.match(page.body, /Pia is safe from physical harm at home\./);
  assert.match(
    page.body,
    /Share any call-outs[\s\S]*?Elmshire Constabulary[\s\S]*?15 April 2024[\s\S]*?Not yet reviewed/,
  );
  assert.match(page.body, /Attend the parenting course[\s\S]*?Pia’s mother[\s\S]*?30 April 2024/);
});

test('each core group records who attended and each action’s progress; so does the review conference', async () => {
  const actions = await t.db.query<{ id: string; action: string }>(
    'select id, action from cp_plan_action where cp_plan_id = $1 order by due_date',
    [planId],
  );
  const [calls, course] = actions;
  const form = await sw.get(`${base()}/core-group/new`);
  assert.match(form.body, /Progress of each action of the plan/);
  assert.match(form.body, /id="progress"/);

  const bad = await sw.post(`${base()}/core-group/new`, {
    planId,
    ...dateParts('heldOn', '2024-03-22'),
    agencies: agencyIds(t.org, 'council', 'police'),
    progress: [`${crypto.randomUUID()}:done`],
  });
  assert.equal(bad.statusCode, 400);
  assert.match(summary(bad.body), /href="#progress"/);

  const ok = await sw.post(`${base()}/core-group/new`, {
    planId,
    ...dateParts('heldOn', '2024-03-22'),
    agencies: agencyIds(t.org, 'council', 'police'),
    attendees: 'Hannah Price (social worker); DC Jones (police); Pia’s mother',
    progress: [`${calls!.id}:in_progress`, `${course!.id}:not_started`],
  });
  assert.equal(ok.statusCode, 303, summary(ok.body));
  const [group] = await t.db.query<{ attendees: string }>(
    'select attendees from core_group where cp_plan_id = $1',
    [planId],
  );
  assert.match(group!.attendees, /Pia’s mother/);

  await recordReviewConference(t.db, demoActor(t.org, 'sw'), child, {
    heldOn: '2024-06-10',
    chair: 'Chair',
    agencies: agencyIds(t.org, 'council'),
    ...voice('2024-06-10'),
    decision: 'continue',
    progress: [`${calls!.id}:done`],
  });
  const page = await sw.get(`${base()}/cp-plan`);
  const row = (text: string) =>
    page.body.match(new RegExp(`<tr[^>]*>\\s*<td[^>]*>${text}[\\s\\S]*?</tr>`))?.[0] ?? '';
  const callsRow = row('Share any call-outs');
  assert.match(callsRow, /Done<br>/);
  assert.match(callsRow, /In progress at the core group of 22 March 2024/);
  assert.match(callsRow, /Done at the review conference of 10 June 2024/);
  assert.match(row('Attend the parenting course'), /Not started<br>/);
  const reviews = await t.db.query('select 1 from cp_plan_action_review');
  assert.equal(reviews.length, 3);
});
