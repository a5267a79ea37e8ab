/**
 * Working the child protection plan: core group meetings, and the end of the plan by a team
 * manager with its reason and the recorded decision.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { londonToday } from '../../platform/dates.ts';
import { CP_PLAN_END_REASONS } from './codes.ts';
import { currentCpPlan } from './conferences.ts';
import { Problems } from '../../platform/validation.ts';
import { changeChild, changed, change, checkSame, show } from './guard.ts';
import { endPlan, type PlanKind } from './plan-end.ts';
import { actionsOf, readProgress, recordProgress } from './plan-progress.ts';
import { insertCoreGroup } from './repository/writes.ts';
import { coreGroupSchema, cpPlanEndSchema, type PlanEnd } from './schemas.ts';
import { checkAgencies } from './section-47.ts';

export const recordCoreGroup = change(
  'core_group.record',
  coreGroupSchema,
  async ({ db, actor, personId, v }): Promise<string> => {
    const { heldOn, agencies, notes } = v;
    const p = new Problems();
    return changeChild(db, actor, personId, async (tx) => {
      const { plan } = await currentCpPlan(tx, actor, personId);
      checkSame(v.planId, plan.id, 'plan');
      await checkAgencies(tx, actor, p, 'agencies', agencies);
      if (heldOn < plan.startDate)
        p.add('heldOn', `The core group cannot be before the plan started, ${show(plan.startDate)}`);
      const progress = readProgress(p, v.progress, await actionsOf(tx, actor, plan.id));
      p.check();
      const id = await insertCoreGroup(tx, actor, {
        cpPlanId: plan.id,
        personId,
        heldOn,
        agencies,
        attendees: v.attendees ?? null,
        notes: notes ?? null,
      });
      await recordProgress(tx, actor, {
        personId,
        coreGroupId: id,
        conferenceId: null,
        reviewedOn: heldOn,
        progress,
      });
      await changed(tx, actor, personId, {
        action: 'casework.core_group',
        entityType: 'core_group',
        entityId: id,
      });
      return id;
    });
  },
);

/** A team manager ends the plan, with its reason and the recorded decision. */
export async function endCpPlan(
  db: Db,
  actor: Actor,
  personId: string,
  input: PlanEnd,
  today = londonToday(),
): Promise<void> {
  await endPlan(CP_PLAN, db, actor, personId, input, today);
}

const CP_PLAN: PlanKind<Awaited<ReturnType<typeof currentCpPlan>>> = {
  table: 'cp_plan',
  transition: 'cp_plan.end',
  point: 'cp_plan_end',
  reasons: CP_PLAN_END_REASONS,
  schema: cpPlanEndSchema,
  current: currentCpPlan,
  check(p, { plan, lastReview }, endDate, reason) {
    if (endDate <= plan.startDate) {
      p.add('endDate', `A plan cannot end on or before the day it started, ${show(plan.startDate)}`);
    } else if (lastReview && endDate < lastReview.heldOn) {
      p.add(
        'endDate',
        `The end date must be on or after the last review conference, ${show(lastReview.heldOn)}`,
      );
    }
    if (reason === 'no_longer_at_risk' && lastReview?.decision !== 'end') {
      p.add('endReason', 'For this reason a review conference must first decide that the plan should end');
    }
  },
  chronology: (endDate, reason) => ({
    category: 'child_protection',
    occurredOn: endDate,
    significance: 'high',
    summary: `Child protection plan ended: ${reason}`,
  }),
};
