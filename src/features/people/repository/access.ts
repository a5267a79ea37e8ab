/** SQL of the ways into and around a record: break-glass, and records merged into others. */
import { maybeOne, type Db } from '../../../db/index.ts';

/** Whether the person exists in the partnership, and is restricted; undefined when not found. */
export async function restrictedFlag(db: Db, pid: string, personId: string) {
  const row = await maybeOne<{ restricted: boolean }>(
    db,
    'select restricted from person where id = $1 and partnership_id = $2',
    [personId, pid],
  );
  return row?.restricted;
}

/** Records a break-glass access of `hours`, from now. */
export async function insertBreakGlass(
  tx: Db,
  b: { partnershipId: string; userId: string; personId: string; reason: string; hours: number },
): Promise<{ id: string; expiresAt: Date }> {
  const row = await maybeOne<{ id: string; expiresAt: Date }>(
    tx,
    `insert into break_glass (partnership_id, user_id, person_id, reason, expires_at)
     values ($1,$2,$3,$4, now() + make_interval(secs => $5::float8 * 3600)) returning id, expires_at as "expiresAt"`,
    [b.partnershipId, b.userId, b.personId, b.reason, b.hours],
  );
  return row!;
}

/** The record a merged record now points to, if its merge is not undone. */
export async function keptPersonId(db: Db, pid: string, personId: string) {
  const row = await maybeOne<{ kept: string }>(
    db,
    `select kept_person_id as kept from person_merge
     where partnership_id = $1 and merged_person_id = $2 and undone_at is null`,
    [pid, personId],
  );
  return row?.kept;
}

/** SQL: person `p` has not been merged into another record. */
export const NOT_MERGED =
  'not exists (select 1 from person_merge pm where pm.merged_person_id = p.id and pm.undone_at is null)';

/** Break-glass accesses to the person not yet expired: how many, and when the last one ends. */
export async function breakGlassInForce(db: Db, pid: string, personId: string) {
  const row = await maybeOne<{ count: number; until: Date | null }>(
    db,
    `select count(*)::int as count, max(expires_at) as until from break_glass
     where partnership_id = $1 and person_id = $2 and expires_at > now()`,
    [pid, personId],
  );
  return row!.count > 0 ? { count: row!.count, until: row!.until! } : undefined;
}
