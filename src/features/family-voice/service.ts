/**
 * The voice of children and families at partnership level: what they told the partnership and what
 * it did ("you said, we did"), and from the casework records, where the child's own words are heard.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import {
  actionFormItems,
  actionsFrom,
  addActionIn,
  newActionSchema,
  type ActionFormItems,
  type ActionSummary,
  type NewActionInput,
} from '../actions/service.ts';
import * as repo from './repository.ts';
import { feedbackSchema, SOURCES, STATUSES, type FeedbackInput } from './schemas.ts';

export { childVoicePicture, executivePanel, type ChildVoicePicture } from './child-voice.ts';

export interface Feedback extends repo.FeedbackRow {
  sourceLabel: string;
  statusLabel: string;
}

const shown = (f: repo.FeedbackRow): Feedback => ({
  ...f,
  sourceLabel: SOURCES.labelOf(f.source),
  statusLabel: STATUSES.labelOf(f.status),
});

/** "You said, we did": every item, newest first, for every reader of the partnership's pages. */
export async function listFeedback(db: Db, actor: Actor): Promise<Feedback[]> {
  requirePermission(actor, 'assurance.read');
  const rows = (await repo.listFeedback(db, actor.partnershipId)).map(shown);
  await audit(db, actor, {
    action: 'voice.feedback.view',
    entityType: 'voice_feedback',
    detail: { count: rows.length },
  });
  return rows;
}

function check(input: FeedbackInput) {
  const f = parse(feedbackSchema, input);
  const p = new Problems();
  if (f.status === 'done' && !f.weDid)
    p.add('weDid', 'Enter what the partnership did, or choose another status');
  p.check();
  return { ...f, weDid: f.weDid ?? '' };
}

/** The business manager records and updates feedback (the same check before a form is shown). */
export function requireFeedbackManage(actor: Actor): void {
  requirePermission(actor, 'partnership.manage');
}

export async function recordFeedback(db: Db, actor: Actor, input: FeedbackInput): Promise<{ id: string }> {
  requireFeedbackManage(actor);
  const f = check(input);
  return db.transaction(async (tx) => {
    const id = await repo.insertFeedback(tx, actor.partnershipId, actor.userId, f);
    await audit(tx, actor, {
      action: 'voice.feedback.record',
      entityType: 'voice_feedback',
      entityId: id,
      detail: { source: f.source, status: f.status },
    });
    return { id };
  });
}

export async function feedbackToEdit(db: Db, actor: Actor, id: string): Promise<Feedback> {
  requirePermission(actor, 'partnership.manage');
  const row = await repo.findFeedback(db, actor.partnershipId, id);
  if (!row) throw new NotFoundError();
  return shown(row);
}

export async function updateFeedback(db: Db, actor: Actor, id: string, input: FeedbackInput): Promise<void> {
  await feedbackToEdit(db, actor, id);
  const f = check(input);
  await db.transaction(async (tx) => {
    if (!(await repo.updateFeedback(tx, actor.partnershipId, id, f))) throw new NotFoundError();
    await audit(tx, actor, {
      action: 'voice.feedback.update',
      entityType: 'voice_feedback',
      entityId: id,
      detail: { source: f.source, status: f.status },
    });
  });
}

/** One item with the actions raised from it; the look is audited. */
export async function readFeedback(
  db: Db,
  actor: Actor,
  id: string,
): Promise<{ feedback: Feedback; actions: ActionSummary[] }> {
  requirePermission(actor, 'assurance.read');
  const row = await repo.findFeedback(db, actor.partnershipId, id);
  if (!row) throw new NotFoundError();
  const actions = await actionsFrom(db, actor, 'voice', id);
  await audit(db, actor, { action: 'voice.feedback.view', entityType: 'voice_feedback', entityId: id });
  return { feedback: shown(row), actions };
}

/** The item and the action form's choices, for the business manager. */
export async function feedbackForAction(
  db: Db,
  actor: Actor,
  id: string,
  values: Record<string, unknown> = {},
): Promise<{ feedback: Feedback; actionItems: ActionFormItems }> {
  const feedback = await feedbackToEdit(db, actor, id);
  return { feedback, actionItems: await actionFormItems(db, actor, values) };
}

/** An action from what children and families said, into the one action log. */
export async function addFeedbackAction(
  db: Db,
  actor: Actor,
  id: string,
  input: NewActionInput,
): Promise<{ id: string }> {
  const f = await feedbackToEdit(db, actor, id);
  const a = parse(newActionSchema, input);
  const said = f.said.length > 60 ? `${f.said.slice(0, 59)}…` : f.said;
  return db.transaction((tx) =>
    addActionIn(tx, actor, {
      sourceKind: 'voice',
      sourceId: id,
      sourceLabel: `You said: ${said}`,
      sourceHref: `/partnership/voice/${id}`,
      title: a.title,
      detail: a.detail,
      ownerAgencyId: a.ownerAgencyId,
      ownerUserId: a.ownerUserId,
      dueOn: a.dueOn,
      measureId: a.measureId,
    }),
  );
}
