/**
 * A record merged into another (by the front door's matching, not undone) lives on only as a
 * pointer: pages redirect to the kept record and search leaves it out.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { hasPersonAccess } from '../../platform/access/policy.ts';
import { NotFoundError } from '../../platform/errors.ts';

/** The record a merged record now points to, if its merge is not undone. */
export async function mergedInto(
  db: Db,
  partnershipId: string,
  personId: string,
): Promise<string | undefined> {
  const [row] = await db.query<{ kept: string }>(
    `select kept_person_id as kept from person_merge
     where partnership_id = $1 and merged_person_id = $2 and undone_at is null`,
    [partnershipId, personId],
  );
  return row?.kept;
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

/** SQL: person `p` has not been merged into another record. */
export const NOT_MERGED =
  'not exists (select 1 from person_merge pm where pm.merged_person_id = p.id and pm.undone_at is null)';
