import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { UUID } from '../../platform/access/policy.ts';
import { can, type Role } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { hashPassword, passwordProblem } from '../../platform/auth/passwords.ts';
import { randomToken, sha256 } from '../../platform/auth/sessions.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors.ts';
import * as repo from './repository.ts';
import type { EditUserInput, NewUserInput, UserFilter } from './schemas.ts';
import { changeRoles, splitRoles } from './roles.ts';
import { changes, checkId, requireAdmin, uniqueAsFieldError } from './guard.ts';

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
  const found = await repo.findUser(db, actor.partnershipId, checkId(userId));
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
  const agency = UUID.test(input.agencyId)
    ? await repo.findAgency(tx, actor.partnershipId, input.agencyId)
    : undefined;
  const keepsAgency = current?.agencyId === agency?.id;
  if (!agency || (!agency.active && !keepsAgency)) {
    errors.push({ field: 'agencyId', message: 'Select an active agency from the list' });
    return errors;
  }
  if (input.teamId) {
    const team = UUID.test(input.teamId)
      ? await repo.findTeam(tx, actor.partnershipId, input.teamId)
      : undefined;
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
  input: NewUserInput,
): Promise<{ id: string; waiting: Role[] }> {
  requireAdmin(actor);
  const early = passwordErrors(input.password);
  const hash = early.length ? '' : await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const errors = await checkPlacement(tx, actor, input);
    if (await repo.emailTaken(tx, input.email)) errors.unshift({ field: 'email', message: DUPLICATE_EMAIL });
    errors.push(...early);
    if (errors.length) throw new ValidationError(sortErrors(errors));
    const [row] = await uniqueAsFieldError(
      () =>
        tx.query<{ id: string }>(
          `insert into app_user (partnership_id, agency_id, team_id, email, display_name, roles, password_hash,
             password_changed_at) values ($1,$2,$3,$4,$5,$6,$7,now()) returning id`,
          [
            actor.partnershipId,
            input.agencyId,
            input.teamId ?? null,
            input.email,
            input.name,
            splitRoles([], input.roles).now,
            hash,
          ],
        ),
      'email',
      DUPLICATE_EMAIL,
    );
    await audit(tx, actor, {
      action: 'admin.user.create',
      entityType: 'user',
      entityId: row!.id,
      detail: {
        name: input.name,
        email: input.email,
        agencyId: input.agencyId,
        teamId: input.teamId ?? null,
        roles: input.roles,
      },
    });
    const { waiting } = await changeRoles(tx, actor, row!.id, [], input.roles);
    return { id: row!.id, waiting };
  });
}

const FIELD_ORDER = ['name', 'email', 'agencyId', 'teamId', 'roles', 'active', 'password'];
function sortErrors(errors: FieldError[]): FieldError[] {
  return [...errors].sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
}

/** Keeps at least one active system administrator in the partnership. */
async function keepLastSysadmin(tx: Db, actor: Actor, userId: string, field: string): Promise<void> {
  const admins = await repo.lockActiveSysadmins(tx, actor.partnershipId);
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
  userId: string,
  input: EditUserInput,
): Promise<{ waiting: Role[] }> {
  requireAdmin(actor);
  const id = checkId(userId);
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
    const wasAdmin = before.active && before.roles.includes('sysadmin');
    if (wasAdmin && !input.active) await keepLastSysadmin(tx, actor, id, 'active');
    else if (wasAdmin && !input.roles.includes('sysadmin')) await keepLastSysadmin(tx, actor, id, 'roles');
    const { roles, waiting } = await changeRoles(tx, actor, id, before.roles, input.roles);
    const rows = await uniqueAsFieldError(
      () =>
        tx.query(
          `update app_user set display_name = $3, email = $4, agency_id = $5, team_id = $6, roles = $7, active = $8,
             version = version + 1
           where partnership_id = $1 and id = $2 and version = $9 returning id`,
          [
            actor.partnershipId,
            id,
            input.name,
            input.email,
            input.agencyId,
            input.teamId ?? null,
            roles,
            input.active,
            input.version,
          ],
        ),
      'email',
      DUPLICATE_EMAIL,
    );
    if (rows.length === 0) throw new ConflictError('Someone else changed this account. Reload the page.');
    let sessionsEnded = 0;
    if (!input.active) {
      sessionsEnded = (await tx.query('delete from user_session where user_id = $1 returning id', [id]))
        .length;
    }
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
          {
            name: input.name,
            email: input.email,
            agencyId: input.agencyId,
            teamId: input.teamId ?? null,
            roles,
            active: input.active,
          },
        ),
        sessionsEnded,
        waiting,
      },
    });
    return { waiting };
  });
}

export async function unlockUser(db: Db, actor: Actor, userId: string): Promise<void> {
  requireAdmin(actor);
  const id = checkId(userId);
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ failed: number }>(
      `select failed_attempts as failed from app_user where partnership_id = $1 and id = $2 for update`,
      [actor.partnershipId, id],
    );
    if (!row) throw new NotFoundError();
    await tx.query(
      `update app_user set failed_attempts = 0, locked_until = null, version = version + 1
       where partnership_id = $1 and id = $2`,
      [actor.partnershipId, id],
    );
    await audit(tx, actor, {
      action: 'admin.user.unlock',
      entityType: 'user',
      entityId: id,
      detail: { failedAttempts: row.failed },
    });
  });
}

/**
 * Clears a user's second factor (a lost phone): they set it up again at their next sign-in if a
 * role requires it. Their sessions end, since they may be someone else's.
 */
export async function resetTwoFactor(db: Db, actor: Actor, userId: string): Promise<void> {
  requireAdmin(actor);
  const id = checkId(userId);
  await db.transaction(async (tx) => {
    const rows = await tx.query(
      `update app_user set totp_enabled = false, totp_secret = null, totp_last_step = null, version = version + 1
       where partnership_id = $1 and id = $2 returning id`,
      [actor.partnershipId, id],
    );
    if (rows.length === 0) throw new NotFoundError();
    await tx.query('delete from user_session where user_id = $1', [id]);
    await audit(tx, actor, { action: 'admin.user.reset_two_factor', entityType: 'user', entityId: id });
  });
}

/** Sets a new password; another user's sessions end so the old password's sessions go with it. */
export async function setPassword(db: Db, actor: Actor, userId: string, password: string): Promise<void> {
  requireAdmin(actor);
  const id = checkId(userId);
  const errors = passwordErrors(password);
  if (!(await repo.findUser(db, actor.partnershipId, id))) throw new NotFoundError();
  if (errors.length) throw new ValidationError(errors);
  const hash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const rows = await tx.query(
      `update app_user set password_hash = $3, password_changed_at = now(), failed_attempts = 0, locked_until = null,
         version = version + 1 where partnership_id = $1 and id = $2 returning id`,
      [actor.partnershipId, id, hash],
    );
    if (rows.length === 0) throw new NotFoundError();
    const ended =
      id === actor.userId
        ? 0
        : (await tx.query('delete from user_session where user_id = $1 returning id', [id])).length;
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
export async function issueToken(db: Db, actor: Actor, userId: string, name: string): Promise<string> {
  requireAdmin(actor);
  const id = checkId(userId);
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
    const [row] = await tx.query<{ id: string }>(
      `insert into api_token (partnership_id, user_id, name, token_hash, created_by) values ($1,$2,$3,$4,$5) returning id`,
      [actor.partnershipId, id, name, sha256(token), actor.userId],
    );
    await audit(tx, actor, {
      action: 'admin.token.issue',
      entityType: 'api_token',
      entityId: row!.id,
      detail: { userId: id, name },
    });
    return token;
  });
}

export async function revokeToken(db: Db, actor: Actor, userId: string, tokenId: string): Promise<void> {
  requireAdmin(actor);
  const uid = checkId(userId);
  const tid = checkId(tokenId);
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ revoked: boolean }>(
      `select revoked_at is not null as revoked from api_token where partnership_id = $1 and user_id = $2 and id = $3`,
      [actor.partnershipId, uid, tid],
    );
    if (!row) throw new NotFoundError();
    if (row.revoked) return;
    await tx.query(`update api_token set revoked_at = now() where partnership_id = $1 and id = $2`, [
      actor.partnershipId,
      tid,
    ]);
    await audit(tx, actor, {
      action: 'admin.token.revoke',
      entityType: 'api_token',
      entityId: tid,
      detail: { userId: uid },
    });
  });
}
