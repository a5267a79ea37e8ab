/**
 * Child in need plans (reviewed at the partnership's configured interval) and statutory visits
 * (for a child on a child protection plan: seen, seen alone, bedroom seen, the child's words).
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ConflictError } from '../../platform/errors.ts';
import { londonToday } from '../../platform/dates.ts';
import { CIN_PLAN_END_REASONS } from './codes.ts';
import { LONG_MAX, Problems, TEXT_MAX, hiddenId, type Body } from './forms.ts';
import { changeChild, changed, checkSame, mayChange, requireOpenEpisode, show } from './guard.ts';
import { endPlan, type PlanKind } from './plan-end.ts';
import {
  lastCinReviewOn,
  lastCpPlanEnd,
  openCinPlan,
  openCpPlan,
  openEpisode,
} from './repository/current.ts';
import { insertCinPlan, insertCinReview, insertVisit } from './repository/writes.ts';
import { checkFrom } from './transitions.ts';
import { insertVoice, parseVoice } from './voice.ts';

export async function startCinPlan(
  db: Db,
  actor: Actor,
  personId: string,
  body: Body,
  today = londonToday(),
) {
  await mayChange(db, actor, personId, 'cin_plan.start');
  const p = new Problems();
  const startDate = p.date(body, 'startDate', 'The start date of the plan', { today });
  p.check();
  return changeChild(db, actor, personId, async (tx) => {
    const episode = await requireOpenEpisode(tx, actor, personId);
    const cin = await openCinPlan(tx, actor.partnershipId, personId);
    if (cin)
      throw new ConflictError(
        `This child already has an open child in need plan, started on ${show(cin.startDate)}.`,
      );
    const cp = await openCpPlan(tx, actor.partnershipId, personId);
    if (cp) {
      throw new ConflictError(
        'This child is on a child protection plan: a child in need plan cannot run at the same time. It can start when the child protection plan ends.',
      );
    }
    const lastCpEnd = await lastCpPlanEnd(tx, episode.id);
    if (startDate! < episode.referralDate) {
      p.add('startDate-day', `The plan cannot start before the referral date, ${show(episode.referralDate)}`);
    } else if (lastCpEnd && startDate! < lastCpEnd) {
      p.add(
        'startDate-day',
        `The plan cannot start before the child protection plan ended, ${show(lastCpEnd)}`,
      );
    }
    p.check();
    const id = await insertCinPlan(tx, actor, { episodeId: episode.id, personId, startDate: startDate! });
    await changed(
      tx,
      actor,
      personId,
      { action: 'casework.cin_plan_start', entityType: 'cin_plan', entityId: id },
      { category: 'other', occurredOn: startDate, summary: 'Child in need plan started' },
    );
    return id;
  });
}

export async function currentCinPlan(db: Db, actor: Actor, personId: string) {
  const episode = await requireOpenEpisode(db, actor, personId);
  const plan = await openCinPlan(db, actor.partnershipId, personId);
  if (!plan) throw new ConflictError('This child has no open child in need plan.');
  return { episode, plan, lastReviewOn: await lastCinReviewOn(db, plan.id) };
}

export async function reviewCinPlan(
  db: Db,
  actor: Actor,
  personId: string,
  body: Body,
  today = londonToday(),
) {
  await mayChange(db, actor, personId, 'cin_plan.review');
  const p = new Problems();
  const heldOn = p.date(body, 'heldOn', 'The date of the review', { today });
  const notes = p.text(body, 'notes', 'The review', {
    max: LONG_MAX,
    required: 'Enter what the review found and decided',
  });
  const voice = parseVoice(p, body, { today });
  p.check();
  return changeChild(db, actor, personId, async (tx) => {
    const { episode, plan, lastReviewOn } = await currentCinPlan(tx, actor, personId);
    checkSame(hiddenId(body, 'planId'), plan.id, 'plan');
    checkFrom('cin_plan.review', plan.status, 'the plan has ended');
    if (heldOn! < plan.startDate) {
      p.add('heldOn-day', `The review cannot be before the plan started, ${show(plan.startDate)}`);
    } else if (lastReviewOn && heldOn! <= lastReviewOn) {
      p.add('heldOn-day', `The review must be after the last review, ${show(lastReviewOn)}`);
    }
    p.check();
    const id = await insertCinReview(tx, actor, {
      cinPlanId: plan.id,
      personId,
      heldOn: heldOn!,
      notes: notes!,
      voiceAbsentReason: voice!.absentReason ?? null,
    });
    await insertVoice(
      tx,
      actor,
      { personId, episodeId: episode.id, context: 'cin_plan_review', contextId: id },
      voice!,
    );
    await changed(tx, actor, personId, {
      action: 'casework.cin_plan_review',
      entityType: 'cin_plan_review',
      entityId: id,
    });
    return id;
  });
}

export async function endCinPlan(db: Db, actor: Actor, personId: string, body: Body, today = londonToday()) {
  await endPlan(CIN_PLAN, db, actor, personId, body, today);
}

const CIN_PLAN: PlanKind<Awaited<ReturnType<typeof currentCinPlan>>> = {
  table: 'cin_plan',
  transition: 'cin_plan.end',
  point: 'cin_plan_end',
  reasons: CIN_PLAN_END_REASONS,
  current: currentCinPlan,
  check(p, { plan, lastReviewOn }, endDate) {
    if (endDate < plan.startDate) {
      p.add('endDate-day', `A plan cannot end before it started, ${show(plan.startDate)}`);
    } else if (lastReviewOn && endDate < lastReviewOn) {
      p.add('endDate-day', `The end date must be on or after the last review, ${show(lastReviewOn)}`);
    }
  },
  chronology: (endDate, reason) => ({
    category: 'other',
    occurredOn: endDate,
    summary: `Child in need plan ended: ${reason}`,
  }),
};

/** A visit to the child. Under an open child protection plan it is the statutory visit. */
export async function recordVisit(db: Db, actor: Actor, personId: string, body: Body, today = londonToday()) {
  await mayChange(db, actor, personId, 'visit.record');
  const p = new Problems();
  const visitedOn = p.date(body, 'visitedOn', 'The date of the visit', { today });
  const seen = p.yesNo(body, 'seen', 'Select whether the child was seen');
  const seenAlone =
    seen === false && body.seenAlone === undefined
      ? false
      : p.yesNo(body, 'seenAlone', 'Select whether the child was seen alone');
  if (seen === false && seenAlone) p.add('seenAlone', 'A child who was not seen cannot have been seen alone');
  const bedroomSeen = p.yesNo(body, 'bedroomSeen', 'Select whether the child’s bedroom was seen');
  const notSeenReason = p.text(body, 'notSeenReason', 'Why the child was not seen', { max: TEXT_MAX });
  if (seen === false && !notSeenReason) p.add('notSeenReason', 'Enter why the child was not seen');
  const notes = p.text(body, 'notes', 'Notes of the visit', { max: LONG_MAX });
  const voice = parseVoice(p, body, {
    today,
    fallbackAbsent: seen === false && notSeenReason ? `The child was not seen: ${notSeenReason}` : undefined,
  });
  p.check();
  return changeChild(db, actor, personId, async (tx) => {
    const episode = await requireOpenEpisode(tx, actor, personId);
    if (visitedOn! < episode.referralDate) {
      p.add('visitedOn-day', `The visit cannot be before the referral date, ${show(episode.referralDate)}`);
    }
    p.check();
    const plan = await openCpPlan(tx, actor.partnershipId, personId);
    const planId = plan && visitedOn! >= plan.startDate ? plan.id : null;
    const id = await insertVisit(tx, actor, {
      episodeId: episode.id,
      personId,
      cpPlanId: planId,
      visitedOn: visitedOn!,
      seen: seen!,
      seenAlone: seenAlone!,
      bedroomSeen: bedroomSeen!,
      notSeenReason: seen ? null : notSeenReason!,
      notes: notes ?? null,
      voiceAbsentReason: voice!.absentReason ?? null,
    });
    await insertVoice(
      tx,
      actor,
      { personId, episodeId: episode.id, context: 'visit', contextId: id },
      voice!,
    );
    await changed(
      tx,
      actor,
      personId,
      {
        action: 'casework.visit',
        entityType: 'visit',
        entityId: id,
        detail: { seen, seenAlone, statutory: !!planId },
      },
      {
        category: 'other',
        occurredOn: visitedOn,
        significance: 'low',
        summary: `${planId ? 'Statutory visit' : 'Visit'} by children’s social care: child ${seen ? (seenAlone ? 'seen alone' : 'seen') : 'not seen'}`,
      },
    );
    return id;
  });
}

/** Standalone direct work: what the child said or showed, outside any other step. */
export async function recordDirectWork(
  db: Db,
  actor: Actor,
  personId: string,
  body: Body,
  today = londonToday(),
) {
  await mayChange(db, actor, personId, 'voice.record');
  const p = new Problems();
  const voice = parseVoice(p, body, { today });
  if (voice && !voice.heard) p.add('voiceWords', 'Enter what the child said or showed, in their own words');
  p.check();
  return changeChild(db, actor, personId, async (tx) => {
    const episode = await openEpisode(tx, actor.partnershipId, personId);
    return insertVoice(
      tx,
      actor,
      { personId, episodeId: episode?.id ?? null, context: 'direct_work', contextId: null },
      voice!,
    );
  });
}
