/**
 * Ending a plan (child protection or child in need): a team manager's form with the end date, the
 * reason and their decision; the plan's status, the recorded decision, the audit event and the
 * chronology entry in one transaction.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { SystemEvent } from '../chronology/service.ts';
import type { z } from 'zod';
import type { Code, CodeList } from '../../platform/codes.ts';
import { Problems } from '../../platform/validation.ts';
import { changeChild, checked, checkSame, decided } from './guard.ts';
import type { EpisodeRow } from './repository/rows.ts';
import { endPlanRow } from './repository/writes.ts';
import type { PlanEnd } from './schemas.ts';
import { checkFrom } from './transitions.ts';

type Current = { episode: EpisodeRow; plan: { id: string; status: string } };

export interface PlanKind<C extends Current> {
  table: 'cp_plan' | 'cin_plan';
  transition: 'cp_plan.end' | 'cin_plan.end';
  point: 'cp_plan_end' | 'cin_plan_end';
  reasons: CodeList<Code>;
  /** The end form of this kind of plan (its reasons). */
  schema: (today: () => string) => z.ZodType<PlanEnd>;
  /** The child's current plan of this kind (a clear refusal when there is none). */
  current: (tx: Db, actor: Actor, personId: string) => Promise<C>;
  /** The rules of this kind of plan's end date and reason, added to `p`. */
  check: (p: Problems, current: C, endDate: string, reason: string) => void;
  chronology: (endDate: string, reasonLabel: string) => SystemEvent;
}

export async function endPlan<C extends Current>(
  kind: PlanKind<C>,
  db: Db,
  actor: Actor,
  personId: string,
  input: PlanEnd,
  today: string,
): Promise<void> {
  const v = await checked(db, actor, personId, kind.transition, kind.schema, input, today);
  const { endDate, endReason: reason, note } = v;
  const p = new Problems();
  await changeChild(db, actor, personId, async (tx) => {
    const current = await kind.current(tx, actor, personId);
    const { episode, plan } = current;
    checkSame(v.planId, plan.id, 'plan');
    checkFrom(kind.transition, plan.status, 'it has already ended');
    kind.check(p, current, endDate, reason);
    p.check();
    await endPlanRow(tx, actor, kind.table, plan.id, { endDate, endReason: reason });
    await decided(
      tx,
      actor,
      personId,
      { episodeId: episode.id, point: kind.point, decision: 'agreed', note, decidedOn: today },
      { action: `casework.${kind.point}`, entityType: kind.table, entityId: plan.id, detail: { reason } },
      kind.chronology(endDate, kind.reasons.labelOf(reason).toLowerCase()),
    );
  });
}
