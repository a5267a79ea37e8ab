/**
 * Break-glass: a user with no working relationship opens a record to keep a child safe, giving a
 * reason; the access lasts a configured number of hours and is reviewed afterwards. Never for
 * restricted records. Nothing of the record is read here.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission, UUID } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { personAccessMany } from '../../platform/access/policy.ts';

export type BreakGlassState = 'needed' | 'has_access';

/** Whether the actor may break glass into the record (404 for unknown or restricted ones). */
export async function breakGlassState(db: Db, actor: Actor, personId: string): Promise<BreakGlassState> {
  requirePermission(actor, 'breakglass.use');
  if (!UUID.test(personId)) throw new NotFoundError();
  const rows = await db.query<{ restricted: boolean }>(
    'select restricted from person where id = $1 and partnership_id = $2',
    [personId, actor.partnershipId],
  );
  if (!rows[0] || rows[0].restricted) throw new NotFoundError();
  const access = (await personAccessMany(db, actor, [personId])).get(personId);
  return access?.canOpen ? 'has_access' : 'needed';
}

/** Starts break-glass access; returns when it expires. */
export async function startBreakGlass(
  db: Db,
  actor: Actor,
  personId: string,
  reason: string,
  hours: number,
): Promise<Date> {
  await breakGlassState(db, actor, personId);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string; expires_at: Date }>(
      `insert into break_glass (partnership_id, user_id, person_id, reason, expires_at)
       values ($1,$2,$3,$4, now() + make_interval(secs => $5::float8 * 3600)) returning id, expires_at`,
      [actor.partnershipId, actor.userId, personId, reason, hours],
    );
    await audit(tx, actor, {
      action: 'breakglass.start',
      entityType: 'break_glass',
      entityId: row!.id,
      personId,
      reason,
      detail: { hours, expiresAt: new Date(row!.expires_at).toISOString() },
    });
    return new Date(row!.expires_at);
  });
}
