// A child from a referral through assessment, strategy discussion, section 47, initial conference,
// plan, core group, visits, review conferences, the end of the plan and closure, through the
// services, with each clock's due date (bank holidays, leap day) and the chronology and audit trail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDb } from '../../../test/helpers/app.ts';
import { startAssessment, submitAssessment } from './assessments.ts';
import { recordVisit } from './visits.ts';
import { recordInitialConference, recordReviewConference } from './conferences.ts';
import { endCpPlan, recordCoreGroup } from './cp-plans.ts';
import { closeEpisode, startEpisode } from './episodes.ts';
import { caseworkOverview, childVoicePage } from './service.ts';
import { demoActor } from '../../demo/organisation.ts';
import { auditCount, countRows } from '../../../test/helpers/rows.ts';
import { agencyIds, caseworkSteps, makeChild, makeReferral, voice } from './test-support.ts';
import { openWorkItems } from './work-items.ts';

const t = useDb();

async function due(personId: string): Promise<Record<string, string>> {
  const items = await openWorkItems(t.db, t.org.partnershipId, [personId]);
  return Object.fromEntries(items.map((i) => [i.type, i.dueDate]));
}

test('a child goes from referral to the end of the plan and closure, every clock due when the calendar says', async () => {
  const sw = demoActor(t.org, 'sw');
  const tm = demoActor(t.org, 'tm');
  const steps = caseworkSteps(t);
  const child = await makeChild(t);
  // A referral on leap day, decided as strategy discussion / section 47.
  const referral = await makeReferral(t, child, '2024-02-29', 'strategy_section_47');
  assert.deepEqual(await due(child), {});

  const episodeId = await startEpisode(t.db, sw, child, {
    referral,
    referralSource: '2A',
    primaryNeed: 'N1',
  });
  // 45 working days from 29 February 2024 (Good Friday and Easter Monday on the way); the strategy
  // discussion 1 working day from the referral.
  assert.deepEqual(await due(child), { assessment: '2024-05-07', strategy_discussion: '2024-03-01' });

  await startAssessment(t.db, sw, child, { startDate: '2024-03-01' });
  // The strategy discussion on the Thursday before Easter: the conference clock crosses both holidays.
  await steps.strategy(child, '2024-03-28', {
    agencies: agencyIds(t.org, 'council', 'police', 'icb'),
    participants: 'Hannah Price (social worker), DC Jones (police), Nurse Ade (health)',
  });
  assert.deepEqual(await due(child), { assessment: '2024-05-07', section_47: '2024-04-22' });

  await steps.enquiry(child, '2024-03-28', '2024-04-05');
  assert.deepEqual(await due(child), {
    assessment: '2024-05-07',
    section_47: '2024-04-22',
    icpc: '2024-04-22',
  });
  await steps.signOff(child, '2024-04-08');
  assert.deepEqual(await due(child), { assessment: '2024-05-07', icpc: '2024-04-22' });

  await steps.assessment(child, '2024-04-10', { analysis: 'Ellie is frightened at home.' });
  await steps.authorise(child, '2024-04-11');
  assert.deepEqual(await due(child), { icpc: '2024-04-22' });

  const { planId } = await recordInitialConference(t.db, sw, child, {
    heldOn: '2024-04-19',
    chair: 'Sam Okoye (independent chair)',
    agencies: agencyIds(t.org, 'council', 'police', 'school1', 'gp'),
    ...voice('2024-04-19', 'Ellie drew her family and put herself outside the house.'),
    decision: 'plan',
    category: 'NEG',
  });
  assert.ok(planId);
  // Core group and visit 10 working days from the conference; the first review 3 months after it.
  assert.deepEqual(await due(child), {
    core_group: '2024-05-03',
    visit: '2024-05-03',
    review_conference: '2024-07-19',
  });

  await recordCoreGroup(t.db, sw, child, {
    heldOn: '2024-04-26',
    agencies: agencyIds(t.org, 'council', 'school1'),
  });
  await recordVisit(t.db, sw, child, {
    visitedOn: '2024-04-25',
    seen: true,
    seenAlone: true,
    bedroomSeen: true,
    ...voice('2024-04-25', 'My room is cold at night.'),
  });
  // A visit where the child was not seen does not restart the clock.
  await recordVisit(t.db, sw, child, {
    visitedOn: '2024-05-03',
    seen: false,
    bedroomSeen: false,
    notSeenReason: 'Nobody answered the door.',
  });
  assert.deepEqual(await due(child), { visit: '2024-05-10', review_conference: '2024-07-19' });

  const review = (heldOn: string, decision: 'continue' | 'end', words: string) =>
    recordReviewConference(t.db, sw, child, {
      heldOn,
      chair: 'Sam Okoye',
      agencies: agencyIds(t.org, 'council', 'school1'),
      ...voice(heldOn, words),
      decision,
    });
  await review('2024-07-18', 'continue', 'It is better now that Dad has left.');
  // Later reviews at most 6 months after the last.
  assert.equal((await due(child)).review_conference, '2025-01-18');
  await review('2025-01-16', 'end', 'I want to stay with Mum.');
  assert.equal((await due(child)).review_conference, '2025-07-16');

  await endCpPlan(t.db, tm, child, {
    endDate: '2025-01-16',
    endReason: 'no_longer_at_risk',
    note: 'Agreed with conference.',
  });
  assert.deepEqual(await due(child), {});
  await closeEpisode(t.db, tm, child, {
    episodeId,
    closureDate: '2025-01-20',
    closureReason: 'RC7',
    note: 'Plan ended; family supported by school.',
  });

  const overview = await caseworkOverview(t.db, sw, child, '2025-01-21');
  assert.equal(overview.episodes[0]!.episode.status, 'closed');
  assert.equal(overview.episodes[0]!.episode.closureReason, 'RC7');
  assert.deepEqual(overview.clocks, []);
  const points = overview.episodes[0]!.parts.decisions.map((d) => d.point);
  assert.deepEqual(points, [
    'section_47_sign_off',
    'assessment_authorisation',
    'cp_plan_end',
    'episode_closure',
  ]);

  // What the child told us, in time order, from each step.
  const page = await childVoicePage(t.db, sw, child);
  assert.deepEqual(
    page.entries.map((e) => [e.gatheredOn, e.context]),
    [
      ['2024-04-02', 'assessment'],
      ['2024-04-19', 'conference'],
      ['2024-04-25', 'visit'],
      ['2024-07-18', 'conference'],
      ['2025-01-16', 'conference'],
    ],
  );
  assert.deepEqual(
    page.absences.map((a) => a.context),
    ['visit'],
  );
  assert.match(page.absences[0]!.reason, /not seen: Nobody answered/);

  // Key events reached the child's chronology; every change and read was audited.
  const chron = await countRows(t.db, `chronology_entry where person_id = $1 and origin = 'system'`, [child]);
  assert.ok(chron >= 10, `chronology entries: ${chron}`);
  for (const action of [
    'casework.episode_start',
    'casework.assessment_authorise',
    'casework.strategy_discussion',
    'casework.section_47_sign_off',
    'casework.conference_initial',
    'casework.cp_plan_start',
    'casework.core_group',
    'casework.visit',
    'casework.cp_plan_end',
    'casework.episode_close',
    'casework.voice_view',
  ]) {
    assert.ok((await auditCount(t.db, { personId: child, action })) >= 1, action);
  }
  assert.equal(await auditCount(t.db, { personId: child, action: 'casework.voice_record' }), 5);
  assert.equal(await auditCount(t.db, { personId: child, action: 'casework.manager_decision' }), 4);
});

test('a later episode may start on the day the last one closed; the open one shows its clocks on the page', async () => {
  const sw = demoActor(t.org, 'sw');
  const tm = demoActor(t.org, 'tm');
  const child = await makeChild(t, 'Ruby');
  const referral = await makeReferral(t, child, '2025-01-20');
  const first = await startEpisode(t.db, sw, child, { referral, referralSource: '6', primaryNeed: 'N4' });
  await startAssessment(t.db, sw, child, { startDate: '2025-01-21' });
  await submitAssessment(t.db, sw, child, {
    factors: ['21'],
    voiceAbsentReason: 'Ruby was asleep at both visits; she is 8 months old.',
    analysis: 'No concerns found.',
    outcome: 'no_further_action',
    completedDate: '2025-01-31',
  });
  await caseworkSteps(t).authorise(child, '2025-02-03', 'NFA.');
  await closeEpisode(t.db, tm, child, {
    episodeId: first,
    closureDate: '2025-03-31',
    closureReason: 'RC8',
    note: 'NFA.',
  });
  // Re-referred on 31 March, the day the first episode closed: allowed (CIN census 8820).
  await startEpisode(t.db, sw, child, {
    referral: 'none',
    referralDate: '2025-03-31',
    referralSource: '5D',
    primaryNeed: 'N5',
    stepUpReference: 'EH-2025-0042',
  });
  const overview = await caseworkOverview(t.db, sw, child, '2025-06-06');
  assert.equal(overview.episodes.length, 2);
  assert.equal(overview.episodes[0]!.episode.stepUpReference, 'EH-2025-0042');
  // 45 working days from 31 March 2025, across Easter and the May bank holidays.
  assert.deepEqual(
    overview.clocks.map((c) => [c.type, c.dueDate, c.due.text]),
    [['assessment', '2025-06-06', 'Due today']],
  );
  assert.equal(
    (await caseworkOverview(t.db, sw, child, '2025-06-09')).clocks[0]!.due.text,
    'Overdue by 1 working day',
  );
  assert.equal(
    (await caseworkOverview(t.db, sw, child, '2025-06-03')).clocks[0]!.due.text,
    'Due in 3 working days',
  );
});
