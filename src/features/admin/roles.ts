/**
 * Changes of users' roles. Taking a role away applies at once; giving a role that reads child data
 * or administers the system waits for a second administrator (not the one who asked, not the user
 * it is for). Nobody changes their own roles. Every change is kept in role_change, audited, and
 * listed for the data protection officer.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import {
  independenceProblem,
  needsSecondApproval,
  ROLE_LABELS,
  type Role,
} from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import * as repo from './repository/index.ts';
import { requireAdmin } from './guard.ts';

export const ROLE_CHANGES_PAGE_SIZE = 50;

const same = (a: readonly Role[], b: readonly Role[]) =>
  a.length === b.length && a.every((r) => b.includes(r));

/** What of a requested set of roles applies now, and what waits for a second administrator. */
export function splitRoles(before: readonly Role[], requested: readonly Role[]) {
  const waiting = requested.filter((r) => !before.includes(r) && needsSecondApproval(r));
  return { now: requested.filter((r) => !waiting.includes(r)), waiting };
}

export const labels = (roles: readonly Role[]) => roles.map((r) => ROLE_LABELS[r]).join(', ');

/**
 * Records a change of a user's roles inside the caller's transaction (the user row is the
 * caller's to write): returns the roles the user holds from now, and those waiting for approval.
 * A new request replaces one still waiting for the same user.
 */
export async function changeRoles(
  tx: Db,
  actor: Actor,
  userId: string,
  before: readonly Role[],
  requested: readonly Role[],
): Promise<{ roles: Role[]; waiting: Role[] }> {
  if (userId === actor.userId && !same(before, requested))
    throw new ValidationError([
      { field: 'roles', message: 'You cannot change your own roles: ask another administrator to do it' },
    ]);
  const independence = independenceProblem(before, requested);
  if (independence) throw new ValidationError([{ field: 'roles', message: independence }]);
  const { now, waiting } = splitRoles(before, requested);
  const pid = actor.partnershipId;
  const replaced = await repo.lockPendingRoleChange(tx, pid, { userId });
  if (replaced) {
    await repo.decideRoleChange(tx, replaced.id, {
      status: 'refused',
      by: actor.userId,
      note: 'Replaced by a later change',
    });
  }
  if (!same(before, now)) {
    await repo.insertRoleChange(tx, pid, { userId, before, after: now, by: actor.userId, status: 'applied' });
  }
  if (waiting.length) {
    const id = await repo.insertRoleChange(tx, pid, {
      userId,
      before: now,
      after: requested,
      by: actor.userId,
      status: 'pending',
    });
    await audit(tx, actor, {
      action: 'admin.roles.requested',
      entityType: 'role_change',
      entityId: id,
      detail: { userId, roles: waiting },
    });
  }
  return { roles: now, waiting };
}

/**
 * Role changes waiting for approval, with who asked, the roles waiting, and why the actor may not
 * decide one (they asked for it, or it is their own).
 */
export async function pendingRoleChanges(db: Db, actor: Actor) {
  requireAdmin(actor);
  const rows = await repo.listRoleChanges(db, actor.partnershipId, {
    status: 'pending',
    limit: 200,
    offset: 0,
  });
  return rows.map((c) => ({
    ...c,
    waiting: c.rolesAfter.filter((r) => !c.rolesBefore.includes(r)),
    mine:
      c.requestedBy === actor.userId
        ? 'You asked for this: another administrator decides it'
        : c.userId === actor.userId
          ? 'Your own roles: another administrator decides them'
          : undefined,
  }));
}

/** The change waiting for one user, if any (the user's page shows it). */
export async function pendingFor(db: Db, actor: Actor, userId: string) {
  requireAdmin(actor);
  const [row] = await repo.listRoleChanges(db, actor.partnershipId, {
    status: 'pending',
    userId,
    limit: 1,
    offset: 0,
  });
  return row && { ...row, waiting: row.rolesAfter.filter((r) => !row.rolesBefore.includes(r)) };
}

export function countPending(db: Db, actor: Actor): Promise<number> {
  requireAdmin(actor);
  return repo.countRoleChanges(db, actor.partnershipId, 'pending');
}

/** A second administrator approves or refuses a change that waits. */
export async function decideRoleChange(
  db: Db,
  actor: Actor,
  id: string,
  decision: 'approve' | 'refuse',
): Promise<{ userId: string }> {
  requireAdmin(actor);
  return db.transaction(async (tx) => {
    const change = await repo.lockPendingRoleChange(tx, actor.partnershipId, { id });
    if (!change) throw new ConflictError('This change has already been approved or refused.');
    if (change.requestedBy === actor.userId)
      throw new ConflictError('You asked for this change: another administrator must approve or refuse it.');
    if (change.userId === actor.userId)
      throw new ConflictError('This change is to your own roles: another administrator must decide it.');
    const user = await repo.findUser(tx, actor.partnershipId, change.userId);
    if (!user) throw new NotFoundError();
    const waiting = change.rolesAfter.filter((r) => !change.rolesBefore.includes(r));
    if (decision === 'approve') {
      const after = [...new Set([...user.roles, ...waiting])];
      const independence = independenceProblem(user.roles, after);
      if (independence) throw new ConflictError(independence);
      await repo.setRoles(tx, actor.partnershipId, user.id, [...new Set([...user.roles, ...waiting])]);
    }
    await repo.decideRoleChange(tx, id, {
      status: decision === 'approve' ? 'approved' : 'refused',
      by: actor.userId,
      note: null,
    });
    await audit(tx, actor, {
      action: decision === 'approve' ? 'admin.roles.approved' : 'admin.roles.refused',
      entityType: 'role_change',
      entityId: id,
      detail: { userId: user.id, roles: waiting, requestedBy: change.requestedBy },
    });
    return { userId: user.id };
  });
}

/** Every change of roles, newest first, for the data protection officer; the look is audited. */
export async function roleChangeLog(db: Db, actor: Actor, page: number) {
  requirePermission(actor, 'audit.role_changes');
  const [changes, total] = await Promise.all([
    repo.listRoleChanges(db, actor.partnershipId, {
      limit: ROLE_CHANGES_PAGE_SIZE,
      offset: (page - 1) * ROLE_CHANGES_PAGE_SIZE,
    }),
    repo.countRoleChanges(db, actor.partnershipId),
  ]);
  await audit(db, actor, { action: 'audit.role_changes.view', entityType: 'role_change', detail: { page } });
  return { changes, total };
}
