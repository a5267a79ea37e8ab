import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { can, ROLES, type Role } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords.ts';
import { randomToken, sha256 } from '../../platform/auth/sessions.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import * as repo from './repository/index.ts';
import {
  editUserSchema,
  newUserSchema,
  tokenSchema,
  type EditUserInput,
  type NewUserInput,
  type UserFilter,
} from './schemas.ts';
import { changeRoles, splitRoles } from './roles.ts';
import { changes, requireAdmin, uniqueAsFieldError } from './guard.ts';

export const USERS_PAGE_SIZE = 50;
const DUPLICATE_EMAIL = 'An account with this email address already exists';

export async function users(db: Db, actor: Actor, filter: UserFilter) {
  requireAdmin(actor);
  const [list, agencies] = await Promise.all([
    repo.listUsers(db, actor.partnershipId, filter, USERS_PAGE_SIZE),
    repo.listAgencies(db, actor.partnershipId),
  ]);
  return { ...list, agencies };
}

/** Agencies and teams to choose from on the user form. */
export async function userFormChoices(db: Db, actor: Actor) {
  requireAdmin(actor);
  const agencies = await repo.listAgencies(db, actor.partnershipId);
  const teams = await repo.listTeams(db, actor.partnershipId);
  return { agencies, teams };
}

export async function user(db: Db, actor: Actor, userId: string) {
  requireAdmin(actor);
  const found = await repo.findUser(db, actor.partnershipId, userId);
  if (!found) throw new NotFoundError();
  return found;
}

/** The agency must be the partnership's; the team, if any, one of that agency's. */
async function checkPlacement(
  tx: Db,
  actor: Actor,
  input: { agencyId: string; teamId?: string },
  current?: { agencyId: string; teamId: string | null },
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const agency = await repo.findAgency(tx, actor.partnershipId, input.agencyId);
  const keepsAgency = current?.agencyId === agency?.id;
  if (!agency || (!agency.active && !keepsAgency)) {
    errors.push({ field: 'agencyId', message: 'Select an active agency from the list' });
    return errors;
  }
  if (input.teamId) {
    const team = await repo.findTeam(tx, actor.partnershipId, input.teamId);
    if (!team || team.agencyId !== agency.id)
      errors.push({ field: 'teamId', message: `Select a team of ${agency.name}, or no team` });
    else if (!team.active && current?.teamId !== team.id)
      errors.push({ field: 'teamId', message: 'Select an active team' });
  }
  return errors;
}

function passwordErrors(password: string): FieldError[] {
  const problem = passwordProblem(password);
  return problem ? [{ field: 'password', message: problem }] : [];
}

/** Creates an account; roles that read child data wait for a second administrator (roles.ts). */
export async function createUser(
  db: Db,
  actor: Actor,
  user: NewUserInput,
): Promise<{ id: string; waiting: Role[] }> {
  requireAdmin(actor);
  const input = parse(newUserSchema, user);
  const early = passwordErrors(input.password);
  const hash = early.length ? '' : await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const errors = await checkPlacement(tx, actor, input);
    if (await repo.emailTaken(tx, input.email)) errors.unshift({ field: 'email', message: DUPLICATE_EMAIL });
    errors.push(...early);
    if (errors.length) throw new ValidationError(sortErrors(errors));
    const id = await uniqueAsFieldError(
      () =>
        repo.insertUser(tx, actor.partnershipId, {
          agencyId: input.agencyId,
          teamId: input.teamId ?? null,
          email: input.email,
          name: input.name,
          roles: splitRoles([], input.roles).now,
          passwordHash: hash,
        }),
      'email',
      DUPLICATE_EMAIL,
    );
    await audit(tx, actor, {
      action: 'admin.user.create',
      entityType: 'user',
      entityId: id,
      detail: {
        name: input.name,
        email: input.email,
        agencyId: input.agencyId,
        teamId: input.teamId ?? null,
        roles: input.roles,
      },
    });
    const { waiting } = await changeRoles(tx, actor, id, [], input.roles);
    return { id, waiting };
  });
}

const FIELD_ORDER = ['name', 'email', 'agencyId', 'teamId', 'roles', 'active', 'password'];
function sortErrors(errors: FieldError[]): FieldError[] {
  return [...errors].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
}

/** The roles that administer the system. */
const ADMIN_ROLES = ROLES.filter((r) => can([r], 'admin.manage'));

/** Keeps at least one active system administrator in the partnership. */
async function keepLastAdministrator(tx: Db, actor: Actor, userId: string, field: string): Promise<void> {
  const admins = await repo.lockActiveHolders(tx, actor.partnershipId, ADMIN_ROLES);
  if (!admins.some((id) => id !== userId)) {
    throw new ValidationError([
      {
        field,
        message:
          'This is the last active system administrator: give another account the System administrator role first',
      },
    ]);
  }
}

/** Saves an account; roles given that read child data wait for a second administrator (roles.ts). */
export async function updateUser(
  db: Db,
  actor: Actor,
  id: string,
  user: EditUserInput,
): Promise<{ waiting: Role[] }> {
  requireAdmin(actor);
  const input = parse(editUserSchema, user);
  return db.transaction(async (tx) => {
    const before = await repo.findUser(tx, actor.partnershipId, id);
    if (!before) throw new NotFoundError();
    if (before.version !== input.version)
      throw new ConflictError(
        'Someone else changed this account while you were editing it. Go back, reload the page and make your change again.',
      );
    const errors = await checkPlacement(tx, actor, input, before);
    if (await repo.emailTaken(tx, input.email, id)) errors.push({ field: 'email', message: DUPLICATE_EMAIL });
    if (errors.length) throw new ValidationError(sortErrors(errors));
    const wasAdmin = before.active && can(before.roles, 'admin.manage');
    if (wasAdmin && !input.active) await keepLastAdministrator(tx, actor, id, 'active');
    else if (wasAdmin && !can(input.roles, 'admin.manage'))
      await keepLastAdministrator(tx, actor, id, 'roles');
    const { roles, waiting } = await changeRoles(tx, actor, id, before.roles, input.roles);
    const after: repo.UserChange = {
      name: input.name,
      email: input.email,
      agencyId: input.agencyId,
      teamId: input.teamId ?? null,
      roles,
      active: input.active,
    };
    const saved = await uniqueAsFieldError(
      () => repo.updateUser(tx, actor.partnershipId, id, input.version, after),
      'email',
      DUPLICATE_EMAIL,
    );
    if (!saved) throw new ConflictError('Someone else changed this account. Reload the page.');
    const sessionsEnded = input.active ? 0 : await repo.endSessions(tx, id);
    await audit(tx, actor, {
      action: before.active && !input.active ? 'admin.user.deactivate' : 'admin.user.update',
      entityType: 'user',
      entityId: id,
      detail: {
        changes: changes(
          {
            name: before.name,
            email: before.email,
            agencyId: before.agencyId,
            teamId: before.teamId,
            roles: before.roles,
            active: before.active,
          },
          { ...after },
        ),
        sessionsEnded,
        waiting,
      },
    });
    return { waiting };
  });
}

export async function unlockUser(db: Db, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  await db.transaction(async (tx) => {
    const failed = await repo.lockFailedAttempts(tx, actor.partnershipId, id);
    if (failed === undefined) throw new NotFoundError();
    await repo.unlock(tx, actor.partnershipId, id);
    await audit(tx, actor, {
      action: 'admin.user.unlock',
      entityType: 'user',
      entityId: id,
      detail: { failedAttempts: failed },
    });
  });
}

/**
 * Clears a user's second factor (a lost phone): they set it up again at their next sign-in if a
 * role requires it. Their sessions end, since they may be someone else's.
 */
export async function resetTwoFactor(db: Db, actor: Actor, id: string): Promise<void> {
  requireAdmin(actor);
  await db.transaction(async (tx) => {
    if (!(await repo.clearTwoFactor(tx, actor.partnershipId, id))) throw new NotFoundError();
    await repo.endSessions(tx, id);
    await audit(tx, actor, { action: 'admin.user.reset_two_factor', entityType: 'user', entityId: id });
  });
}

/** Sets a new password; another user's sessions end so the old password's sessions go with it. */
export async function setPassword(db: Db, actor: Actor, id: string, password: string): Promise<void> {
  requireAdmin(actor);
  const errors = passwordErrors(password);
  if (!(await repo.findUser(db, actor.partnershipId, id))) throw new NotFoundError();
  if (errors.length) throw new ValidationError(errors);
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    if (!(await repo.setPasswordHash(tx, actor.partnershipId, id, hash))) throw new NotFoundError();
    const ended = id === actor.userId ? 0 : await repo.endSessions(tx, id);
    await audit(tx, actor, {
      action: 'admin.user.password_set',
      entityType: 'user',
      entityId: id,
      detail: { sessionsEnded: ended },
    });
  });
}

/** Whether tokens issued to the user would work: the API needs a role with api.use. */
export function canUseApi(roles: readonly Role[]): boolean {
  return can(roles, 'api.use');
}

export async function tokens(db: Db, actor: Actor, userId: string) {
  const found = await user(db, actor, userId);
  return { user: found, tokens: await repo.listTokens(db, actor.partnershipId, found.id) };
}

/** Issues a token and returns it: the only time it exists outside the user's hands (only its hash is stored). */
export async function issueToken(db: Db, actor: Actor, id: string, tokenName: string): Promise<string> {
  requireAdmin(actor);
  const { name } = parse(tokenSchema, { name: tokenName });
  return db.transaction(async (tx) => {
    const target = await repo.findUser(tx, actor.partnershipId, id);
    if (!target) throw new NotFoundError();
    if (!target.active)
      throw new ValidationError([{ field: 'name', message: 'This account is inactive: activate it first' }]);
    if (!canUseApi(target.roles))
      throw new ValidationError([
        {
          field: 'name',
          message:
            'None of this account’s roles may use the API: give it a role that may, such as Partner agency practitioner',
        },
      ]);
    const token = `tgr_${randomToken(32)}`;
    const tokenId = await repo.insertToken(tx, actor.partnershipId, {
      userId: id,
      name,
      tokenHash: sha256(token),
      createdBy: actor.userId,
    });
    await audit(tx, actor, {
      action: 'admin.token.issue',
      entityType: 'api_token',
      entityId: tokenId,
      detail: { userId: id, name },
    });
    return token;
  });
}

/** A token of the user still in use, for the page that asks to confirm revoking it (404 otherwise). */
export async function tokenToRevoke(db: Db, actor: Actor, uid: string, tid: string) {
  const { user: found, tokens: all } = await tokens(db, actor, uid);
  const token = all.find((k) => k.id === tid && !k.revokedAt);
  if (!token) throw new NotFoundError();
  return { user: found, token };
}

export async function revokeToken(db: Db, actor: Actor, uid: string, tid: string): Promise<void> {
  requireAdmin(actor);
  await db.transaction(async (tx) => {
    const revoked = await repo.tokenRevoked(tx, actor.partnershipId, uid, tid);
    if (revoked === undefined) throw new NotFoundError();
    if (revoked) return;
    await repo.revokeToken(tx, actor.partnershipId, tid);
    await audit(tx, actor, {
      action: 'admin.token.revoke',
      entityType: 'api_token',
      entityId: tid,
      detail: { userId: uid },
    });
  });
}
