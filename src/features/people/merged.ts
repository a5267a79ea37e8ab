/**
 * A record merged into another (by the front door's matching, not undone) lives on only as a
 * pointer: pages redirect to the kept record and search leaves it out.
 */
import type { Db } from '../../db/index.ts';

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

/** SQL: person `p` has not been merged into another record. */
export const NOT_MERGED =
  'not exists (select 1 from person_merge pm where pm.merged_person_id = p.id and pm.undone_at is null)';
