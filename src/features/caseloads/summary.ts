/**
 * Who works with the child, for the summary at the top of the child's record: the allocated worker
 * and their team. Part of the record (whoever reads the record may know whom to call), checked as
 * the record is: the caller hands over the access the record page already checked, so the page asks
 * the relationship question once.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { PersonAccess } from '../../platform/access/policy.ts';
import { allocationHistory } from './repository.ts';

export interface AllocationSummary {
  workerName: string;
  teamName: string | null;
  startedAt: Date;
}

/** The child's open allocation, or undefined when no worker is allocated. */
export async function currentAllocation(
  db: Db,
  actor: Actor,
  access: PersonAccess,
): Promise<AllocationSummary | undefined> {
  if (!access.parts.includes('record')) return undefined;
  const open = (await allocationHistory(db, actor.partnershipId, access.personId)).find((a) => !a.endedAt);
  return open && { workerName: open.workerName, teamName: open.teamName, startedAt: open.startedAt };
}
