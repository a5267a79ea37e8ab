/** The agency's action plan: items for one standard, written into the one action log. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { actionFormItems, actionsFrom, addActionIn, type ActionSummary } from '../actions/service.ts';
import { KINDS } from './codes.ts';
import { answers, assessmentById, type AssessmentRow } from './repository.ts';
import { actionPlanSchema, type ActionPlanInput } from './schemas.ts';

/** The actions of an assessment's plan; the caller has checked that the actor may see it. */
export const planOf = (db: Db, actor: Actor, assessmentId: string): Promise<ActionSummary[]> =>
  actionsFrom(db, actor, 'section11', assessmentId);

async function ownDraft(db: Db, actor: Actor, id: string): Promise<AssessmentRow> {
  requirePermission(actor, 'section11.complete');
  const a = await assessmentById(db, actor.partnershipId, id);
  if (!a) throw new NotFoundError();
  if (a.agencyId !== actor.agencyId)
    throw new ForbiddenError('Only the agency asked writes its own action plan.');
  if (a.status !== 'draft')
    throw new ConflictError('This self-assessment has been submitted and can no longer be changed.');
  return a;
}

export async function actionPlanForm(db: Db, actor: Actor, id: string, values: Record<string, unknown>) {
  const assessment = await ownDraft(db, actor, id);
  const standards = await answers(db, actor.partnershipId, id);
  return {
    assessment,
    standardItems: [
      { value: '', text: 'Choose a standard' },
      ...standards.map((s) => ({
        value: s.standardId,
        text: s.title,
        selected: values.standardId === s.standardId,
      })),
    ],
    actionItems: await actionFormItems(db, actor, { ownerAgencyId: actor.agencyId, ...values }),
  };
}

export async function addPlanAction(db: Db, actor: Actor, id: string, input: ActionPlanInput) {
  const assessment = await ownDraft(db, actor, id);
  const a = parse(actionPlanSchema, input);
  const standard = (await answers(db, actor.partnershipId, id)).find((s) => s.standardId === a.standardId);
  if (!standard) new Problems().add('standardId', 'Select the standard the action is for').check();
  const label = `${KINDS.labelOf(assessment.kind)} ${assessment.year}: ${assessment.agencyName}, ${standard!.title}`;
  return db.transaction(async (tx) => {
    const made = await addActionIn(tx, actor, {
      sourceKind: 'section11',
      sourceId: id,
      sourceLabel: label,
      sourceHref: `/partnership/section-11/assessments/${id}`,
      title: a.title,
      detail: a.detail,
      ownerAgencyId: a.ownerAgencyId,
      ownerUserId: a.ownerUserId,
      dueOn: a.dueOn,
      measureId: a.measureId,
    });
    await audit(tx, actor, {
      action: 'section11.action_planned',
      entityType: 's11_assessment',
      entityId: id,
      detail: { actionId: made.id, standardId: a.standardId },
    });
    return made;
  });
}
