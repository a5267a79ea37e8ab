// The refused rules of child protection: conferences, plans, closure with an open plan, visits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { startCinPlan } from './cin-plans.ts';
import { recordVisit } from './visits.ts';
import { recordReviewConference, startCpPlanFromConference } from './conferences.ts';
import { endCpPlan } from './cp-plans.ts';
import { closeEpisode } from './episodes.ts';
import { recordSection47Outcome, startSection47 } from './section-47.ts';
import { refused, useFlows } from './rules-support.ts';
import { agencyIds, voice } from './test-support.ts';

const { t, sw, tm, count, episode, strategy, awaitingConference, icpc, enquiry, signOff } = useFlows();

test('a conference before its strategy discussion, at a weekend, or with no enquiry signed off is refused', async () => {
  const { child } = await episode('2024-03-01', 'Early');
  await refused(
    () => icpc(child, '2024-03-05'),
    ConflictError,
    /no(ne| section 47).*waiting for a conference|There is none waiting/,
  );
  await strategy(child, '2024-03-04');
  await startSection47(t.db, sw, child, { startDate: '2024-03-05' });
  await refused(
    () =>
      recordSection47Outcome(t.db, sw, child, {
        outcome: 'not_substantiated',
        conferenceNeeded: true,
        outcomeDate: '2024-03-08',
        outcomeNotes: 'x',
      }),
    ValidationError,
    /only when the child is likely to suffer significant harm/,
    'conferenceNeeded',
  );
  await recordSection47Outcome(t.db, sw, child, {
    outcome: 'substantiated_at_risk',
    conferenceNeeded: true,
    outcomeDate: '2024-03-08',
    outcomeNotes: 'x',
  });
  await refused(() => icpc(child, '2024-03-11'), ConflictError, /signed off/);
  await signOff(child, '2024-03-08', 'OK');
  await refused(
    () => icpc(child, '2024-03-01'),
    ValidationError,
    /cannot be before its strategy discussion of 4 March 2024/,
    'heldOn',
  );
  await refused(() => icpc(child, '2024-03-09'), ValidationError, /cannot be a Saturday or Sunday/, 'heldOn');
  await refused(
    () => icpc(child, '2024-03-11', 'plan', { category: '' }),
    ValidationError,
    /category of abuse/,
    'category',
  );
  assert.equal(await count('conference', child), 0);
  await icpc(child, '2024-03-11');
  assert.equal(await count('cp_plan', child), 1);
});

test('a second open plan, a plan without an initial conference, a plan ending before it starts', async () => {
  const { child } = await awaitingConference('2024-03-04', 'Twice');
  const { conferenceId, planId } = await icpc(child, '2024-03-11');
  assert.ok(planId);
  // New concerns while on the plan: a strategy discussion and enquiry, but a second plan is refused.
  await strategy(child, '2024-04-01');
  await enquiry(child, '2024-04-01', '2024-04-03', { outcomeNotes: 'x' });
  await signOff(child, '2024-04-03', 'OK');
  await refused(
    () => icpc(child, '2024-04-08'),
    ConflictError,
    /already has an open child protection plan.*one plan at a time/,
  );
  assert.equal(await count('conference', child), 1, 'nothing half-written');
  // No plan without an initial conference that decided on one.
  await refused(
    () => startCpPlanFromConference(t.db, sw, child, crypto.randomUUID()),
    ConflictError,
    /starts only at an initial child protection conference/,
  );
  await refused(
    () => startCpPlanFromConference(t.db, sw, child, conferenceId),
    ConflictError,
    /already started a child protection plan/,
  );
  // Review conferences come after the plan's start; the plan cannot end on or before it.
  const rcpc = {
    chair: 'C',
    agencies: agencyIds(t.org, 'council'),
    ...voice('2024-03-11'),
    decision: 'continue' as const,
  };
  await refused(
    () => recordReviewConference(t.db, sw, child, { ...rcpc, heldOn: '2024-03-11' }),
    ValidationError,
    /after the plan started, 11 March 2024/,
    'heldOn',
  );
  await refused(
    () => endCpPlan(t.db, tm, child, { endDate: '2024-03-08', endReason: 'moved_away', note: 'x' }),
    ValidationError,
    /cannot end on or before the day it started/,
    'endDate',
  );
  await refused(
    () => endCpPlan(t.db, tm, child, { endDate: '2024-03-11', endReason: 'moved_away', note: 'x' }),
    ValidationError,
    /cannot end on or before/,
    'endDate',
  );
  await refused(
    () =>
      endCpPlan(t.db, tm, child, {
        endDate: '2024-04-10',
        endReason: 'no_longer_at_risk',
        note: 'x',
      }),
    ValidationError,
    /review conference must first decide/,
    'endReason',
  );
  // A child in need plan cannot run alongside.
  await refused(
    () => startCinPlan(t.db, sw, child, { startDate: '2024-04-10' }),
    ConflictError,
    /cannot run at the same time/,
  );
});

test('closing an episode with an open plan, before its last event, or RC8 without an assessment is refused', async () => {
  const { child, id } = await awaitingConference('2024-03-04', 'Close');
  await icpc(child, '2024-03-11');
  const close = (extra: Record<string, unknown>) =>
    closeEpisode(t.db, tm, child, {
      episodeId: id,
      closureDate: '2024-03-12',
      closureReason: 'RC7',
      note: 'x',
      ...extra,
    });
  await refused(
    () => close({}),
    ConflictError,
    /child protection plan that started on 11 March 2024 is still open/,
  );
  await endCpPlan(t.db, tm, child, {
    endDate: '2024-03-20',
    endReason: 'moved_away',
    note: 'Moved.',
  });
  await refused(
    () => close({}),
    ValidationError,
    /on or after 20 March 2024, the last thing recorded/,
    'closureDate',
  );
  await refused(
    () => close({ closureDate: '2024-03-20', closureReason: 'RC8' }),
    ValidationError,
    /needs an authorised assessment/,
    'closureReason',
  );
  await refused(
    () => close({ closureDate: '2024-03-20', closureReason: 'RC9' }),
    ValidationError,
    /stepped down to/,
    'stepDownReference',
  );
  await close({ closureDate: '2024-03-20', closureReason: 'RC5' });
  await refused(() => close({}), ConflictError, /no open episode/);
});

test('visits: none in the future, none before the referral; a child not seen was not seen alone', async () => {
  const { child } = await episode('2024-03-01', 'Visit');
  const v = { seen: true, seenAlone: true, bedroomSeen: true, ...voice('2024-03-02') };
  await refused(
    () => recordVisit(t.db, sw, child, { ...v, visitedOn: '2099-01-01' }),
    ValidationError,
    /must be today or in the past/,
    'visitedOn',
  );
  await refused(
    () => recordVisit(t.db, sw, child, { ...v, visitedOn: '2024-02-01' }),
    ValidationError,
    /before the referral date/,
    'visitedOn',
  );
  await refused(
    () =>
      recordVisit(t.db, sw, child, {
        ...v,
        seen: false,
        notSeenReason: 'Out',
        visitedOn: '2024-03-02',
      }),
    ValidationError,
    /not seen cannot have been seen alone/,
    'seenAlone',
  );
  await refused(
    () => recordVisit(t.db, sw, child, { ...v, seenAlone: undefined, visitedOn: '2024-03-02' }),
    ValidationError,
    /seen alone/,
    'seenAlone',
  );
  assert.equal(await count('visit', child), 0);
});

test('dates in order: the initial conference cannot precede the section 47 outcome that called for it; the refusal names the date', async () => {
  const { child } = await episode('2024-03-01', 'Ordered');
  await strategy(child, '2024-03-04');
  // The enquiry started on 5 March; its outcome, calling for a conference, on 13 March.
  await enquiry(child, '2024-03-05', '2024-03-13');
  await signOff(child, '2024-03-13', 'OK');
  await refused(
    () => icpc(child, '2024-03-12'),
    ValidationError,
    /The conference date must be on or after the section 47 outcome, 13 March 2024/,
    'heldOn',
  );
  assert.equal(await count('conference', child), 0);
  await icpc(child, '2024-03-13');
  assert.equal(await count('conference', child), 1);
});

test('dates in order: the child’s voice recorded at a conference is dated the conference’s date', async () => {
  const { child } = await awaitingConference('2024-03-04', 'Voiced');
  await refused(
    () => icpc(child, '2024-03-11', 'plan', voice('2024-03-07')),
    ValidationError,
    /at the conference must be dated the conference’s date, 11 March 2024/,
    'voice-gatheredOn',
  );
  assert.equal(await count('conference', child), 0);
  // Left blank, it takes the conference's date.
  const blank = voice('2024-03-11');
  delete (blank.voice as { gatheredOn?: string }).gatheredOn;
  await icpc(child, '2024-03-11', 'plan', blank);
  const [row] = await t.db.query<{ gathered_on: string }>(
    `select gathered_on from child_voice where person_id = $1 and context = 'conference'`,
    [child],
  );
  assert.equal(row!.gathered_on, '2024-03-11');
});
