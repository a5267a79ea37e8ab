/**
 * What a child protection plan says: the outcomes for the child, and the actions towards them with
 * their owners (an agency or a named person) and dates, as the core group agrees them; each core
 * group and review conference records every action's progress.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { aboutPerson, audit } from '../../platform/audit.ts';
import { Problems } from '../../platform/validation.ts';
import { personHeading } from '../people/service.ts';
import { ACTION_PROGRESS } from './codes.ts';
import { currentCpPlan } from './conferences.ts';
import { changeChild, changed, change, checkSame, mayRead, show } from './guard.ts';
import {
  insertAction,
  insertOutcome,
  planActions,
  planOutcomes,
  planReviews,
  type ActionRow,
} from './repository/plan-content.ts';
import { planActionSchema, planOutcomeSchema } from './schemas.ts';
import { checkAgencies } from './section-47.ts';
import { mayMake } from './transitions.ts';

export const addPlanOutcome = change(
  'cp_plan.content',
  planOutcomeSchema,
  async ({ db, actor, personId, v }): Promise<string> =>
    changeChild(db, actor, personId, async (tx) => {
      const { plan } = await currentCpPlan(tx, actor, personId);
      checkSame(v.planId, plan.id, 'plan');
      const id = await insertOutcome(tx, actor, { planId: plan.id, personId, outcome: v.outcome });
      await changed(tx, actor, personId, {
        action: 'casework.cp_plan_outcome',
        entityType: 'cp_plan_outcome',
        entityId: id,
      });
      return id;
    }),
);

export const addPlanAction = change(
  'cp_plan.content',
  planActionSchema,
  async ({ db, actor, personId, v }): Promise<string> => {
    const p = new Problems();
    if (!v.ownerAgency && !v.ownerName)
      p.add('ownerAgency', 'Choose the agency that owns the action, or enter the person who does');
    return changeChild(db, actor, personId, async (tx) => {
      const { plan } = await currentCpPlan(tx, actor, personId);
      checkSame(v.planId, plan.id, 'plan');
      if (v.ownerAgency) await checkAgencies(tx, actor, p, 'ownerAgency', [v.ownerAgency]);
      if (
        v.outcomeId &&
        !(await planOutcomes(tx, actor.partnershipId, plan.id)).some((o) => o.id === v.outcomeId)
      )
        p.add('outcomeId', 'Choose an outcome of this plan');
      if (v.dueDate < plan.startDate)
        p.add('dueDate-day', `The action cannot be due before the plan started, ${show(plan.startDate)}`);
      p.check();
      const id = await insertAction(tx, actor, {
        planId: plan.id,
        personId,
        outcomeId: v.outcomeId ?? null,
        action: v.action,
        ownerAgencyId: v.ownerAgency ?? null,
        ownerName: v.ownerName ?? null,
        dueDate: v.dueDate,
      });
      await changed(tx, actor, personId, {
        action: 'casework.cp_plan_action',
        entityType: 'cp_plan_action',
        entityId: id,
      });
      return id;
    });
  },
);

/** The outcomes of the open plan (the action form's choices). */
export const outcomesOf = (db: Db, actor: Actor, planId: string) =>
  planOutcomes(db, actor.partnershipId, planId);

/** The plan's page: its outcomes, its actions with owners, dates and progress, each review. */
export async function planContentPage(db: Db, actor: Actor, personId: string) {
  await mayRead(db, actor, personId);
  const { plan } = await currentCpPlan(db, actor, personId);
  const { person } = await personHeading(db, actor, personId, 'casework');
  const outcomes = await planOutcomes(db, actor.partnershipId, plan.id);
  const actions = await planActions(db, actor.partnershipId, plan.id);
  const reviews = await planReviews(db, actor.partnershipId, plan.id);
  await audit(db, actor, aboutPerson(personId, 'casework.view', { page: 'cp-plan' }));
  const view = (a: ActionRow) => ({
    ...a,
    owner: [a.ownerAgencyName, a.ownerName].filter(Boolean).join(': '),
    progressLabel: a.progress ? ACTION_PROGRESS.labelOf(a.progress) : 'Not yet reviewed',
    history: reviews
      .filter((r) => r.actionId === a.id)
      .map((r) => ({
        ...r,
        label: ACTION_PROGRESS.labelOf(r.progress),
        atLabel: r.at === 'core_group' ? 'core group' : 'review conference',
      })),
  });
  return {
    person,
    plan,
    outcomes: outcomes.map((o) => ({ ...o, actions: actions.filter((a) => a.outcomeId === o.id).map(view) })),
    otherActions: actions.filter((a) => !a.outcomeId).map(view),
    canChange: mayMake(actor.roles, 'cp_plan.content'),
  };
}
