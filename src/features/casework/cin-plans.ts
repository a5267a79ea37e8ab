/** Child in need plans: started, reviewed at the partnership's configured interval, ended. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ConflictError } from '../../platform/errors.ts';
import { londonToday } from '../../platform/dates.ts';
import { CIN_PLAN_END_REASONS } from './codes.ts';
import { Problems } from '../../platform/validation.ts';
import { changeChild, changed, change, checkSame, requireOpenEpisode, show } from './guard.ts';
import { endPlan, type PlanKind } from './plan-end.ts';
import { lastCinReviewOn, lastCpPlanEnd, openCinPlan, openCpPlan } from './repository/current.ts';
import { insertCinPlan, insertCinReview } from './repository/writes.ts';
import { cinPlanEndSchema, cinPlanStartSchema, cinReviewSchema, type PlanEnd } from './schemas.ts';
import { checkFrom } from './transitions.ts';
import { insertVoice, readVoice } from './voice.ts';

export const startCinPlan = change(
  'cin_plan.start',
  cinPlanStartSchema,
  async ({ db, actor, personId, v }) => {
    const { startDate } = v;
    const p = new Problems();
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
      if (startDate < episode.referralDate) {
        p.add('startDate', `The plan cannot start before the referral date, ${show(episode.referralDate)}`);
      } else if (lastCpEnd && startDate < lastCpEnd) {
        p.add(
          'startDate',
          `The plan cannot start before the child protection plan ended, ${show(lastCpEnd)}`,
        );
      }
      p.check();
      const id = await insertCinPlan(tx, actor, { episodeId: episode.id, personId, startDate });
      await changed(
        tx,
        actor,
        personId,
        { action: 'casework.cin_plan_start', entityType: 'cin_plan', entityId: id },
        { category: 'other', occurredOn: startDate, summary: 'Child in need plan started' },
      );
      return id;
    });
  },
);

export async function currentCinPlan(db: Db, actor: Actor, personId: string) {
  const episode = await requireOpenEpisode(db, actor, personId);
  const plan = await openCinPlan(db, actor.partnershipId, personId);
  if (!plan) throw new ConflictError('This child has no open child in need plan.');
  return { episode, plan, lastReviewOn: await lastCinReviewOn(db, plan.id) };
}

export const reviewCinPlan = change(
  'cin_plan.review',
  cinReviewSchema,
  async ({ db, actor, personId, v }) => {
    const { heldOn, notes } = v;
    const p = new Problems();
    const voice = readVoice(p, v, { by: actor.name, on: heldOn });
    p.check();
    return changeChild(db, actor, personId, async (tx) => {
      const { episode, plan, lastReviewOn } = await currentCinPlan(tx, actor, personId);
      checkSame(v.planId, plan.id, 'plan');
      checkFrom('cin_plan.review', plan.status, 'the plan has ended');
      if (heldOn < plan.startDate) {
        p.add('heldOn', `The review cannot be before the plan started, ${show(plan.startDate)}`);
      } else if (lastReviewOn && heldOn <= lastReviewOn) {
        p.add('heldOn', `The review must be after the last review, ${show(lastReviewOn)}`);
      }
      p.check();
      const id = await insertCinReview(tx, actor, {
        cinPlanId: plan.id,
        personId,
        heldOn,
        notes,
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
  },
);

export async function endCinPlan(
  db: Db,
  actor: Actor,
  personId: string,
  input: PlanEnd,
  today = londonToday(),
) {
  await endPlan(CIN_PLAN, db, actor, personId, input, today);
}

const CIN_PLAN: PlanKind<Awaited<ReturnType<typeof currentCinPlan>>> = {
  table: 'cin_plan',
  transition: 'cin_plan.end',
  point: 'cin_plan_end',
  reasons: CIN_PLAN_END_REASONS,
  schema: cinPlanEndSchema,
  current: currentCinPlan,
  check(p, { plan, lastReviewOn }, endDate) {
    if (endDate < plan.startDate) {
      p.add('endDate', `A plan cannot end before it started, ${show(plan.startDate)}`);
    } else if (lastReviewOn && endDate < lastReviewOn) {
      p.add('endDate', `The end date must be on or after the last review, ${show(lastReviewOn)}`);
    }
  },
  chronology: (endDate, reason) => ({
    category: 'other',
    occurredOn: endDate,
    summary: `Child in need plan ended: ${reason}`,
  }),
};
