// The clocks of an episode from the one calendar: bank holidays, Christmas, 31 March and leap days,
// local settings, and the open work items and drift facts the caseloads feature reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDb } from '../../../test/helpers/app.ts';
import { insertedId } from '../../../test/helpers/rows.ts';
import { openClocks, type ClockFacts } from './due.ts';
import {
  DEFAULT_CASEWORK_SETTINGS,
  caseworkSettings,
  setCaseworkSettings,
  type CaseworkSettings,
} from './settings.ts';
import { driftFacts } from './service.ts';
import { demoActor } from '../../demo/organisation.ts';
import { makeChild } from './test-support.ts';
import { openWorkItems } from './work-items.ts';
import { ForbiddenError } from '../../platform/errors.ts';

const S = DEFAULT_CASEWORK_SETTINGS;
const P = '00000000-0000-4000-8000-000000000001';

function facts(over: Partial<ClockFacts>): ClockFacts {
  return {
    personId: P,
    episodeId: 'e1',
    referralDate: '2024-01-02',
    referralDecision: 'section_17',
    assessments: [],
    strategyDiscussions: [],
    section47s: [],
    ...over,
  };
}

/** An assessment authorised before the plan: no assessment clock of its own. */
const AUTHORISED: ClockFacts['assessments'][number] = {
  id: 'a',
  status: 'authorised',
  startDate: '2024-01-02',
  outcome: 'cin_plan',
  authorisedDate: '2024-01-03',
};

const dues = (f: ClockFacts, s: CaseworkSettings = S) =>
  Object.fromEntries(openClocks(f, s).map((c) => [c.type, c.dueDate]));

test('single assessment: 45 working days from the referral date, across Easter, Christmas and 31 March', () => {
  for (const [referral, due] of [
    ['2024-03-28', '2024-06-05'], // Good Friday, Easter Monday, two May bank holidays
    ['2024-12-20', '2025-02-26'], // Christmas, Boxing Day, New Year's Day
    ['2025-03-31', '2025-06-06'],
    ['2024-02-29', '2024-05-07'],
    ['2026-03-31', '2026-06-08'],
  ]) {
    assert.equal(dues(facts({ referralDate: referral! })).assessment, due, referral);
  }
  // A second assessment in the same episode runs from its own start.
  const second = facts({
    referralDate: '2024-01-02',
    assessments: [
      {
        id: 'a1',
        status: 'authorised',
        startDate: '2024-01-02',
        outcome: 'cin_plan',
        authorisedDate: '2024-02-01',
      },
      { id: 'a2', status: 'in_progress', startDate: '2025-03-31', outcome: null, authorisedDate: null },
    ],
  });
  assert.equal(dues(second).assessment, '2025-06-06');
  // Once authorised, no assessment clock.
  assert.equal(dues(facts({ assessments: [second.assessments[0]!] })).assessment, undefined);
});

test('strategy discussion: from a strategy / section 47 referral or an assessment outcome, until one is held', () => {
  assert.equal(
    dues(facts({ referralDate: '2024-03-28', referralDecision: 'strategy_section_47' })).strategy_discussion,
    '2024-04-02',
  );
  assert.equal(
    dues(facts({ referralDate: '2024-12-24', referralDecision: 'immediate_protection' })).strategy_discussion,
    '2024-12-27',
  );
  assert.equal(dues(facts({ referralDecision: 'section_17' })).strategy_discussion, undefined);
  const held = facts({
    referralDate: '2024-03-28',
    referralDecision: 'strategy_section_47',
    strategyDiscussions: [{ id: 's1', heldOn: '2024-03-28', decision: 'continue_assessment' }],
  });
  assert.equal(dues(held).strategy_discussion, undefined);
  const byAssessment = facts({
    assessments: [
      {
        id: 'a1',
        status: 'authorised',
        startDate: '2024-01-02',
        outcome: 'strategy_discussion',
        authorisedDate: '2024-05-24',
      },
    ],
  });
  assert.equal(dues(byAssessment).strategy_discussion, '2024-05-28'); // after the spring bank holiday
  assert.equal(
    dues(byAssessment, { ...S, strategyDiscussionWorkingDays: 0 }).strategy_discussion,
    '2024-05-24',
  );
});

test('section 47 and the initial conference: 15 working days from the strategy discussion', () => {
  for (const [sd, due] of [
    ['2024-12-20', '2025-01-15'],
    ['2025-04-17', '2025-05-13'],
    ['2024-02-29', '2024-03-21'],
    ['2025-03-31', '2025-04-23'],
  ]) {
    const f = facts({
      strategyDiscussions: [{ id: 's1', heldOn: sd!, decision: 'section_47' }],
      section47s: [
        {
          id: 'x',
          strategyDiscussionId: 's1',
          strategyHeldOn: sd!,
          status: 'completed',
          conferenceNeeded: true,
          hasInitialConference: false,
        },
      ],
    });
    assert.equal(dues(f).icpc, due, sd);
  }
  const notStarted = facts({
    strategyDiscussions: [{ id: 's1', heldOn: '2024-12-20', decision: 'section_47' }],
  });
  assert.equal(dues(notStarted).section_47, '2025-01-15');
  assert.equal(dues(notStarted).icpc, undefined);
  const noConference = facts({
    strategyDiscussions: [{ id: 's1', heldOn: '2024-12-20', decision: 'section_47' }],
    section47s: [
      {
        id: 'x',
        strategyDiscussionId: 's1',
        strategyHeldOn: '2024-12-20',
        status: 'completed',
        conferenceNeeded: false,
        hasInitialConference: false,
      },
    ],
  });
  assert.deepEqual(Object.keys(dues(noConference)), ['assessment']);
});

test('the plan: core group 10 working days, reviews at 3 then 6 months (clamped), visits by the setting', () => {
  const plan = (
    startDate: string,
    lastReviewOn: string | null = null,
    lastSeenVisitOn: string | null = null,
    hasCoreGroup = false,
  ) =>
    facts({
      assessments: [AUTHORISED],
      cpPlan: { id: 'p', startDate, hasCoreGroup, lastReviewOn, lastSeenVisitOn },
    });
  assert.deepEqual(dues(plan('2024-05-20')), {
    core_group: '2024-06-04',
    visit: '2024-06-04',
    review_conference: '2024-08-20',
  });
  assert.equal(dues(plan('2025-12-19')).core_group, '2026-01-07');
  // First review 3 months after the conference; 30 November into a leap February.
  assert.equal(dues(plan('2023-11-30')).review_conference, '2024-02-29');
  assert.equal(dues(plan('2024-11-30')).review_conference, '2025-02-28');
  assert.equal(dues(plan('2025-03-31')).review_conference, '2025-06-30');
  // Later reviews 6 months after the last.
  assert.equal(dues(plan('2023-01-10', '2023-08-31')).review_conference, '2024-02-29');
  assert.equal(dues(plan('2024-01-10', '2025-03-31')).review_conference, '2025-09-30');
  // Visits: 10 working days after the last visit with the child seen (Easter 2025 on the way).
  assert.equal(dues(plan('2025-01-06', null, '2025-04-17')).visit, '2025-05-06');
  assert.equal(dues(plan('2024-12-01', null, '2024-12-23')).visit, '2025-01-09');
  assert.equal(
    dues(plan('2024-12-01', null, '2024-12-23'), { ...S, visitWorkingDays: 5 }).visit,
    '2025-01-02',
  );
  assert.equal(dues(plan('2024-05-20', null, null, true)).core_group, undefined);
});

test('child in need plan reviews at the configured interval', () => {
  const cin = (startDate: string, lastReviewOn: string | null = null) =>
    facts({
      assessments: [AUTHORISED],
      cinPlan: { id: 'c', startDate, lastReviewOn },
    });
  assert.equal(dues(cin('2023-11-30')).cin_plan_review, '2024-02-29');
  assert.equal(dues(cin('2023-11-30', '2024-03-31')).cin_plan_review, '2024-06-30');
  assert.equal(
    dues(cin('2025-12-22'), { ...S, cinPlanReview: { workingDays: 10 } }).cin_plan_review,
    '2026-01-08',
  );
});

const t = useDb();

async function episodeRow(child: string, referralDate: string, status = 'open', closure?: string) {
  const e = await insertedId(
    t.db,
    `insert into episode (partnership_id, person_id, referral_date, referral_source, primary_need, status, closure_date, closure_reason)
     values ($1,$2,$3,'2A','N1',$4,$5,$6) returning id`,
    [t.org.partnershipId, child, referralDate, status, closure ?? null, closure ? 'RC7' : null],
  );
  return e;
}

async function planRow(child: string, episodeId: string, start: string, end?: string) {
  const s = await insertedId(
    t.db,
    `insert into strategy_discussion (partnership_id, episode_id, person_id, held_on, agency_ids, participants, decision, rationale)
     values ($1,$2,$3,$4,'{}','x','section_47','x') returning id`,
    [t.org.partnershipId, episodeId, child, start],
  );
  const s47 = await insertedId(
    t.db,
    `insert into section_47 (partnership_id, episode_id, person_id, strategy_discussion_id, start_date, status, outcome,
       conference_needed, outcome_date) values ($1,$2,$3,$4,$5,'completed','substantiated_at_risk',true,$5) returning id`,
    [t.org.partnershipId, episodeId, child, s, start],
  );
  const c = await insertedId(
    t.db,
    `insert into conference (partnership_id, episode_id, person_id, kind, section_47_id, held_on, chair, agencies_attended, decision, category)
     values ($1,$2,$3,'initial',$4,$5,'C','{}','plan','NEG') returning id`,
    [t.org.partnershipId, episodeId, child, s47, start],
  );
  await t.db.query(
    `insert into cp_plan (partnership_id, episode_id, person_id, initial_conference_id, start_date, initial_category, latest_category,
       status, end_date, end_reason) values ($1,$2,$3,$4,$5,'NEG','NEG',$6,$7,$8)`,
    [
      t.org.partnershipId,
      episodeId,
      child,
      c,
      start,
      end ? 'ended' : 'open',
      end ?? null,
      end ? 'other' : null,
    ],
  );
}

test('openWorkItems: the children asked for, ordered by due date, with links; none for bad ids', async () => {
  const a = await makeChild(t, 'Amy');
  const b = await makeChild(t, 'Ben');
  const c = await makeChild(t, 'Cal');
  await episodeRow(a, '2024-12-20');
  await episodeRow(b, '2024-03-28');
  await episodeRow(c, '2024-01-02', 'closed', '2024-02-01');
  const items = await openWorkItems(t.db, t.org.partnershipId, [a, b, c]);
  assert.deepEqual(
    items.map((i) => [i.personId, i.type, i.dueDate, i.startDate]),
    [
      [b, 'assessment', '2024-06-05', '2024-03-28'],
      [a, 'assessment', '2025-02-26', '2024-12-20'],
    ],
  );
  assert.equal(items[0]!.href, `/people/${b}/casework/assessment/start`);
  assert.deepEqual(await openWorkItems(t.db, t.org.partnershipId, []), []);
  assert.deepEqual(await openWorkItems(t.db, t.org.partnershipId, ['not-a-uuid']), []);
  assert.deepEqual(await openWorkItems(t.db, crypto.randomUUID(), [a]), []);
  const all = await openWorkItems(t.db, t.org.partnershipId);
  assert.ok(all.some((i) => i.personId === a) && all.some((i) => i.personId === b));
});

test('local settings: the partnership’s visit frequency, set by an administrator only', async () => {
  const child = await makeChild(t, 'Dee');
  const e = await episodeRow(child, '2024-01-02');
  await t.db.query(
    `insert into assessment (partnership_id, episode_id, person_id, start_date, status, authorised_date) values ($1,$2,$3,'2024-01-02','authorised','2024-01-03')`,
    [t.org.partnershipId, e, child],
  );
  await planRow(child, e, '2024-12-23');
  const visit = async () =>
    (await openWorkItems(t.db, t.org.partnershipId, [child])).find((i) => i.type === 'visit')!.dueDate;
  assert.equal(await visit(), '2025-01-09');
  await assert.rejects(
    () => setCaseworkSettings(t.db, demoActor(t.org, 'tm'), { visitWorkingDays: 5 }),
    ForbiddenError,
  );
  await setCaseworkSettings(t.db, demoActor(t.org, 'admin'), { visitWorkingDays: 5 });
  assert.equal(await visit(), '2025-01-02');
  assert.deepEqual((await caseworkSettings(t.db, t.org.partnershipId)).cinPlanReview, { months: 3 });
  // A bad stored value falls back to the default, field by field.
  await t.db.query(
    `update partnership_setting set value = '{"visitWorkingDays": "soon"}' where key = 'casework'`,
  );
  assert.equal(await visit(), '2025-01-09');
});

test('drift facts: episodes without a review, late assessments, long plans, repeat plans within two years', async () => {
  const child = await makeChild(t, 'Eve');
  const old = await episodeRow(child, '2021-01-04', 'closed', '2023-01-01');
  await planRow(child, old, '2021-02-01', '2022-12-01');
  const e = await episodeRow(child, '2023-02-01');
  await planRow(child, e, '2023-02-15');
  const facts = (await driftFacts(t.db, t.org.partnershipId, '2024-09-01')).filter(
    (f) => f.personId === child,
  );
  assert.deepEqual(facts.map((f) => [f.kind, f.since]).sort(), [
    ['assessment_over_45_days', '2023-04-05'],
    ['episode_without_review', '2023-02-15'],
    ['plan_over_18_months', '2023-02-15'],
    ['repeat_plan', '2023-02-15'],
  ]);
  // A year earlier none of it had drifted that far, except the late assessment.
  const earlier = (await driftFacts(t.db, t.org.partnershipId, '2023-05-01')).filter(
    (f) => f.personId === child,
  );
  assert.deepEqual(earlier.map((f) => f.kind).sort(), ['assessment_over_45_days', 'repeat_plan']);
});
