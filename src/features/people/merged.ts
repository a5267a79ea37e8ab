/**
 * A record merged into another (by the front door's matching, not undone) lives on only as a
 * pointer: pages redirect to the kept record and search leaves it out.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { hasPersonAccess } from '../../platform/access/policy.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { keptPersonId } from './repository/access.ts';

/** The record a merged record now points to, if its merge is not undone. */
export function mergedInto(db: Db, partnershipId: string, personId: string): Promise<string | undefined> {
  return keptPersonId(db, partnershipId, personId);
}

/**
 * Where a page for a merged record should send the user: the kept record, when they may see it.
 * Someone who may not answers as for a record that does not exist, so the merge reveals nothing.
 */
export async function keptRecordFor(db: Db, actor: Actor, personId: string): Promise<string | undefined> {
  const kept = await mergedInto(db, actor.partnershipId, personId);
  if (!kept) return undefined;
  if (!(await hasPersonAccess(db, actor, kept))) throw new NotFoundError();
  return kept;
}
