import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { londonToday } from '../../platform/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import * as repo from './repository/audits.ts';

/** Whether an audit is running today: not closed, and today between its dates. */
export function isRunning(a: repo.AuditRow, today = londonToday()): boolean {
  return a.status === 'open' && a.startsOn <= today && today <= a.endsOn;
}

export async function auditOr404(db: Db, actor: Actor, id: string, lock = false): Promise<repo.AuditRow> {
  const a = await repo.auditRow(db, actor.partnershipId, id, lock);
  if (!a) throw new NotFoundError();
  return a;
}
