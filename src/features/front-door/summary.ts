/**
 * The front door's alert for the summary at the top of a child's record: a referral saying a
 * child is at immediate risk is still open at the MASH, or decided and waiting for a worker. Part of
 * the record: the caller hands over the access the record page already checked.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { PersonAccess } from '../../platform/access/policy.ts';
import { openImmediateRisk } from './repository/summary.ts';

/** When the open referral reporting immediate risk was received, or undefined when there is none. */
export async function immediateRiskReported(
  db: Db,
  actor: Actor,
  access: PersonAccess,
): Promise<Date | undefined> {
  if (!access.parts.includes('record')) return undefined;
  return (await openImmediateRisk(db, actor.partnershipId, access.personId))?.receivedAt;
}
