/** SQL of user accounts, their sessions and API tokens. */
import { maybeOne, one, type Db } from '../../../db/index.ts';
import type { Role } from '../../../platform/access/roles.ts';
import type { UserFilter } from '../schemas.ts';

export interface UserRow {
  id: string;
  name: string;
  email: string;
  agencyId: string;
  agencyName: string;
  teamId: string | null;
  teamName: string | null;
  roles: Role[];
  active: boolean;
  lockedUntil: Date | null;
  locked: boolean;
  totpEnabled: boolean;
  lastSignInAt: Date | null;
  passwordChangedAt: Date | null;
  createdAt: Date;
  version: number;
}

export interface TokenRow {
  id: string;
  name: string;
  createdAt: Date;
  createdByName: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const USER_COLUMNS = `u.id, u.display_name as name, u.email, u.agency_id as "agencyId", a.name as "agencyName",
  u.team_id as "teamId", t.name as "teamName", u.roles, u.active, u.locked_until as "lockedUntil",
  coalesce(u.locked_until > now(), false) as locked, u.totp_enabled as "totpEnabled", u.last_sign_in_at as "lastSignInAt",
  u.password_changed_at as "passwordChangedAt", u.created_at as "createdAt", u.version`;
const USER_FROM = `app_user u join agency a on a.id = u.agency_id left join team t on t.id = u.team_id`;

export async function listUsers(
  db: Db,
  partnershipId: string,
  filter: UserFilter,
  pageSize: number,
): Promise<{ users: UserRow[]; total: number }> {
  const where = `u.partnership_id = $1 and ($2::uuid is null or u.agency_id = $2)
    and ($3::text is null or $3 = any(u.roles))
    and ($4::text is null or u.display_name ilike $4 or u.email ilike $4)`;
  const q = filter.q ? `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const params = [partnershipId, filter.agency ?? null, filter.role ?? null, q];
  const count = await maybeOne<{ n: number }>(
    db,
    `select count(*)::int as n from ${USER_FROM} where ${where}`,
    params,
  );
  const users = await db.query<UserRow>(
    `select ${USER_COLUMNS} from ${USER_FROM} where ${where}
     order by u.active desc, u.display_name, u.id limit $5 offset $6`,
    [...params, pageSize, (filter.page - 1) * pageSize],
  );
  return { users, total: count?.n ?? 0 };
}

export async function findUser(db: Db, partnershipId: string, id: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>(
    `select ${USER_COLUMNS} from ${USER_FROM} where u.partnership_id = $1 and u.id = $2`,
    [partnershipId, id],
  );
  return rows[0];
}

/**
 * Whether an account with this email exists. Sign-in finds accounts by email alone, so an address
 * must be unique across partnerships, not only within one.
 */
export async function emailTaken(db: Db, email: string, exceptId?: string): Promise<boolean> {
  const rows = await db.query(
    `select 1 from app_user where lower(email) = lower($1) and id is distinct from $2::uuid`,
    [email, exceptId ?? null],
  );
  return rows.length > 0;
}

/** Locks and returns the active system administrators, so two admins cannot remove the last one together. */
/**
 * Locks and returns the active users holding one of `roles` (those that administer the system), so
 * two administrators cannot remove the last one together.
 */
export async function lockActiveHolders(
  db: Db,
  partnershipId: string,
  roles: readonly Role[],
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select id from app_user where partnership_id = $1 and active and roles && $2::text[]
     order by id for update`,
    [partnershipId, roles],
  );
  return rows.map((r) => r.id);
}

export function listTokens(db: Db, partnershipId: string, userId: string): Promise<TokenRow[]> {
  return db.query<TokenRow>(
    `select k.id, k.name, k.created_at as "createdAt", c.display_name as "createdByName",
       k.last_used_at as "lastUsedAt", k.revoked_at as "revokedAt"
     from api_token k left join app_user c on c.id = k.created_by
     where k.partnership_id = $1 and k.user_id = $2
     order by k.revoked_at is not null, k.created_at desc`,
    [partnershipId, userId],
  );
}

export async function setRoles(
  db: Db,
  partnershipId: string,
  userId: string,
  roles: readonly Role[],
): Promise<void> {
  await db.query(
    `update app_user set roles = $3, version = version + 1 where partnership_id = $1 and id = $2`,
    [partnershipId, userId, roles],
  );
}

export interface NewUser {
  agencyId: string;
  teamId: string | null;
  email: string;
  name: string;
  roles: readonly Role[];
  passwordHash: string;
}

export async function insertUser(db: Db, partnershipId: string, u: NewUser) {
  const { id } = await one<{ id: string }>(
    db,
    `insert into app_user (partnership_id, agency_id, team_id, email, display_name, roles, password_hash,
       password_changed_at) values ($1,$2,$3,$4,$5,$6,$7,now()) returning id`,
    [partnershipId, u.agencyId, u.teamId, u.email, u.name, u.roles, u.passwordHash],
  );
  return id;
}

export interface UserChange {
  name: string;
  email: string;
  agencyId: string;
  teamId: string | null;
  roles: readonly Role[];
  active: boolean;
}

/** Saves an account if it is still at `version`; false when someone changed it since. */
export async function updateUser(
  db: Db,
  partnershipId: string,
  id: string,
  version: number,
  u: UserChange,
): Promise<boolean> {
  const rows = await db.query(
    `update app_user set display_name = $3, email = $4, agency_id = $5, team_id = $6, roles = $7, active = $8,
       version = version + 1
     where partnership_id = $1 and id = $2 and version = $9 returning id`,
    [partnershipId, id, u.name, u.email, u.agencyId, u.teamId, u.roles, u.active, version],
  );
  return rows.length > 0;
}

/** Ends the user's sessions (all of them, or all but one); returns how many ended. */
export async function endSessions(db: Db, userId: string, except?: string): Promise<number> {
  const rows = await db.query(
    'delete from user_session where user_id = $1 and ($2::text is null or id <> $2) returning id',
    [userId, except ?? null],
  );
  return rows.length;
}

/** The account's failed sign-in attempts, locked for the change; undefined when not found. */
export async function lockFailedAttempts(db: Db, partnershipId: string, id: string) {
  const row = await maybeOne<{ failed: number }>(
    db,
    `select failed_attempts as failed from app_user where partnership_id = $1 and id = $2 for update`,
    [partnershipId, id],
  );
  return row?.failed;
}

export async function unlock(db: Db, partnershipId: string, id: string): Promise<void> {
  await db.query(
    `update app_user set failed_attempts = 0, locked_until = null, version = version + 1
     where partnership_id = $1 and id = $2`,
    [partnershipId, id],
  );
}

/** Clears the second factor; false when there is no such account. */
export async function clearTwoFactor(db: Db, partnershipId: string, id: string): Promise<boolean> {
  const rows = await db.query(
    `update app_user set totp_enabled = false, totp_secret = null, totp_last_step = null, version = version + 1
     where partnership_id = $1 and id = $2 returning id`,
    [partnershipId, id],
  );
  return rows.length > 0;
}

/** Sets a new password and clears the lockout; false when there is no such account. */
export async function setPasswordHash(
  db: Db,
  partnershipId: string,
  id: string,
  hash: string,
): Promise<boolean> {
  const rows = await db.query(
    `update app_user set password_hash = $3, password_changed_at = now(), failed_attempts = 0, locked_until = null,
       version = version + 1 where partnership_id = $1 and id = $2 returning id`,
    [partnershipId, id, hash],
  );
  return rows.length > 0;
}

export async function insertToken(
  db: Db,
  partnershipId: string,
  t: { userId: string; name: string; tokenHash: string; createdBy: string },
) {
  const { id } = await one<{ id: string }>(
    db,
    `insert into api_token (partnership_id, user_id, name, token_hash, created_by) values ($1,$2,$3,$4,$5) returning id`,
    [partnershipId, t.userId, t.name, t.tokenHash, t.createdBy],
  );
  return id;
}

/** Whether the user's token is revoked; undefined when there is no such token. */
export async function tokenRevoked(db: Db, partnershipId: string, userId: string, tokenId: string) {
  const row = await maybeOne<{ revoked: boolean }>(
    db,
    `select revoked_at is not null as revoked from api_token where partnership_id = $1 and user_id = $2 and id = $3`,
    [partnershipId, userId, tokenId],
  );
  return row?.revoked;
}

export async function revokeToken(db: Db, partnershipId: string, tokenId: string): Promise<void> {
  await db.query(`update api_token set revoked_at = now() where partnership_id = $1 and id = $2`, [
    partnershipId,
    tokenId,
  ]);
}
