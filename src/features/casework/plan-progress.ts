/** The progress of a child protection plan's actions, reviewed at core groups and review conferences. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Problems } from '../../platform/validation.ts';
import { insertActionReviews, planActions, type ActionRow } from './repository/plan-content.ts';

/** Each action's progress from a form's selects ('<action id>:<progress>'): actions of this plan, each once. */
export function readProgress(
  p: Problems,
  pairs: string[] | undefined,
  actions: readonly Pick<ActionRow, 'id'>[],
): { actionId: string; progress: string }[] {
  const out = (pairs ?? []).map((s) => {
    const [actionId, progress] = s.split(':') as [string, string];
    return { actionId, progress };
  });
  const known = new Set(actions.map((a) => a.id));
  const ids = out.map((o) => o.actionId);
  if (ids.some((id) => !known.has(id)) || new Set(ids).size !== ids.length)
    p.add('progress', 'Record the progress of the plan’s actions from the list, each once');
  return out;
}

/** Records the progress reviewed at a core group or a review conference. */
export async function recordProgress(
  tx: Db,
  actor: Actor,
  r: Parameters<typeof insertActionReviews>[2],
): Promise<void> {
  if (r.progress.length) await insertActionReviews(tx, actor, r);
}

/** The actions of the open plan (for the core group and review conference forms). */
export const actionsOf = (db: Db, actor: Actor, planId: string) =>
  planActions(db, actor.partnershipId, planId);
