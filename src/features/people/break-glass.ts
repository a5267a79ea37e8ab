/**
 * Break-glass: a user with no working relationship opens a record to keep a child safe, giving a
 * reason; the access lasts a configured number of hours and is reviewed afterwards. Never for
 * restricted records. Nothing of the record is read here.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import {
  personAccessMany,
  requirePermission,
  type PersonAccess,
  UUID,
} from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import { breakGlassSchema } from './part-schemas.ts';
import { breakGlassInForce, insertBreakGlass, restrictedFlag } from './repository/access.ts';

export type BreakGlassState = 'needed' | 'has_access';

/** Whether the actor may break glass into the record (404 for unknown or restricted ones). */
export async function breakGlassState(db: Db, actor: Actor, personId: string): Promise<BreakGlassState> {
  requirePermission(actor, 'breakglass.use');
  if (!UUID.test(personId) || (await restrictedFlag(db, actor.partnershipId, personId)) !== false)
    throw new NotFoundError();
  const access = (await personAccessMany(db, actor, [personId])).get(personId);
  return access?.canOpen ? 'has_access' : 'needed';
}

/** Starts break-glass access; returns when it expires. */
export async function startBreakGlass(
  db: Db,
  actor: Actor,
  personId: string,
  why: string,
  hours: number,
): Promise<Date> {
  await breakGlassState(db, actor, personId);
  const { reason } = parse(breakGlassSchema, { reason: why });
  return db.transaction(async (tx) => {
    const { id, expiresAt } = await insertBreakGlass(tx, {
      partnershipId: actor.partnershipId,
      userId: actor.userId,
      personId,
      reason,
      hours,
    });
    await audit(tx, actor, {
      action: 'breakglass.start',
      entityType: 'break_glass',
      entityId: id,
      personId,
      reason,
      detail: { hours, expiresAt: new Date(expiresAt).toISOString() },
    });
    return new Date(expiresAt);
  });
}

/**
 * Break-glass accesses to a record still in force (for the record's summary): how many, and when
 * the last one ends. Takes the access the record page has already checked.
 */
export async function breakGlassOnRecord(db: Db, actor: Actor, access: PersonAccess) {
  return breakGlassInForce(db, actor.partnershipId, access.personId);
}
