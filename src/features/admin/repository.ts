import type { Db } from '../../db/index.ts';
import type { Role } from '../../platform/access/roles.ts';
import type { AgencyKind, UserFilter } from './schemas.ts';

export interface AgencyRow {
  id: string;
  name: string;
  kind: AgencyKind;
  statutoryPartner: boolean;
  active: boolean;
  teams: number;
  users: number;
}

export interface TeamRow {
  id: string;
  agencyId: string;
  agencyName: string;
  name: string;
  isMash: boolean;
  active: boolean;
  users: number;
}

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

const AGENCY_COLUMNS = `a.id, a.name, a.kind, a.statutory_partner as "statutoryPartner", a.active,
  (select count(*) from team t where t.agency_id = a.id)::int as teams,
  (select count(*) from app_user u where u.agency_id = a.id)::int as users`;

export function listAgencies(db: Db, partnershipId: string): Promise<AgencyRow[]> {
  return db.query<AgencyRow>(
    `select ${AGENCY_COLUMNS} from agency a where a.partnership_id = $1 order by a.active desc, a.name`,
    [partnershipId],
  );
}

export async function findAgency(db: Db, partnershipId: string, id: string): Promise<AgencyRow | undefined> {
  const rows = await db.query<AgencyRow>(
    `select ${AGENCY_COLUMNS} from agency a where a.partnership_id = $1 and a.id = $2`,
    [partnershipId, id],
  );
  return rows[0];
}

/** Another agency of the partnership with this name (any case), for duplicate checks. */
export async function agencyNameTaken(
  db: Db,
  partnershipId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const rows = await db.query(
    `select 1 from agency where partnership_id = $1 and lower(name) = lower($2) and id is distinct from $3::uuid`,
    [partnershipId, name, exceptId ?? null],
  );
  return rows.length > 0;
}

const TEAM_COLUMNS = `t.id, t.agency_id as "agencyId", a.name as "agencyName", t.name, t.is_mash as "isMash", t.active,
  (select count(*) from app_user u where u.team_id = t.id)::int as users`;

export function listTeams(db: Db, partnershipId: string, agencyId?: string): Promise<TeamRow[]> {
  return db.query<TeamRow>(
    `select ${TEAM_COLUMNS} from team t join agency a on a.id = t.agency_id
     where t.partnership_id = $1 and ($2::uuid is null or t.agency_id = $2)
     order by a.name, t.active desc, t.name`,
    [partnershipId, agencyId ?? null],
  );
}

export async function findTeam(db: Db, partnershipId: string, id: string): Promise<TeamRow | undefined> {
  const rows = await db.query<TeamRow>(
    `select ${TEAM_COLUMNS} from team t join agency a on a.id = t.agency_id
     where t.partnership_id = $1 and t.id = $2`,
    [partnershipId, id],
  );
  return rows[0];
}

export async function teamNameTaken(
  db: Db,
  partnershipId: string,
  agencyId: string,
  name: string,
  exceptId?: string,
): Promise<boolean> {
  const rows = await db.query(
    `select 1 from team where partnership_id = $1 and agency_id = $2 and lower(name) = lower($3)
       and id is distinct from $4::uuid`,
    [partnershipId, agencyId, name, exceptId ?? null],
  );
  return rows.length > 0;
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
  const [count] = await db.query<{ n: number }>(
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
export async function lockActiveSysadmins(db: Db, partnershipId: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select id from app_user where partnership_id = $1 and active and 'sysadmin' = any(roles)
     order by id for update`,
    [partnershipId],
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

export async function overviewCounts(db: Db, partnershipId: string) {
  const [row] = await db.query<{
    agencies: number;
    teams: number;
    users: number;
    activeUsers: number;
    lockedUsers: number;
    tokens: number;
    rolesWaiting: number;
  }>(
    `select
       (select count(*) from agency where partnership_id = $1 and active)::int as agencies,
       (select count(*) from team where partnership_id = $1 and active)::int as teams,
       (select count(*) from app_user where partnership_id = $1)::int as users,
       (select count(*) from app_user where partnership_id = $1 and active)::int as "activeUsers",
       (select count(*) from app_user where partnership_id = $1 and locked_until > now())::int as "lockedUsers",
       (select count(*) from api_token where partnership_id = $1 and revoked_at is null)::int as tokens,
       (select count(*) from role_change where partnership_id = $1 and status = 'pending')::int as "rolesWaiting"`,
    [partnershipId],
  );
  return row!;
}

export interface RoleChangeRow {
  id: string;
  userId: string;
  userName: string;
  rolesBefore: Role[];
  rolesAfter: Role[];
  requestedBy: string | null;
  requestedByName: string | null;
  requestedAt: Date;
  status: 'applied' | 'pending' | 'approved' | 'refused';
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  note: string | null;
}

const ROLE_CHANGE_COLUMNS = `c.id, c.user_id as "userId", u.display_name as "userName", c.roles_before as "rolesBefore",
  c.roles_after as "rolesAfter", c.requested_by as "requestedBy", r.display_name as "requestedByName",
  c.requested_at as "requestedAt", c.status, c.decided_by as "decidedBy", d.display_name as "decidedByName",
  c.decided_at as "decidedAt", c.note`;
const ROLE_CHANGE_FROM = `role_change c join app_user u on u.id = c.user_id
  left join app_user r on r.id = c.requested_by left join app_user d on d.id = c.decided_by`;

export async function insertRoleChange(
  db: Db,
  partnershipId: string,
  c: {
    userId: string;
    before: readonly Role[];
    after: readonly Role[];
    by: string | null;
    status: 'applied' | 'pending';
  },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into role_change (partnership_id, user_id, roles_before, roles_after, requested_by, status)
     values ($1,$2,$3,$4,$5,$6) returning id`,
    [partnershipId, c.userId, c.before, c.after, c.by, c.status],
  );
  return row!.id;
}

/** A user's change awaiting approval, locked, if there is one. */
export async function lockPendingRoleChange(
  db: Db,
  partnershipId: string,
  where: { id?: string; userId?: string },
): Promise<RoleChangeRow | undefined> {
  const [row] = await db.query<RoleChangeRow>(
    `select ${ROLE_CHANGE_COLUMNS} from ${ROLE_CHANGE_FROM}
     where c.partnership_id = $1 and c.status = 'pending' and (c.id = $2::uuid or c.user_id = $3::uuid)
     for update of c`,
    [partnershipId, where.id ?? null, where.userId ?? null],
  );
  return row;
}

export async function decideRoleChange(
  db: Db,
  id: string,
  d: { status: 'approved' | 'refused'; by: string; note: string | null },
): Promise<void> {
  await db.query(
    `update role_change set status = $2, decided_by = $3, decided_at = now(), note = $4 where id = $1`,
    [id, d.status, d.by, d.note],
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

export function listRoleChanges(
  db: Db,
  partnershipId: string,
  opts: { status?: 'pending'; userId?: string; limit: number; offset: number },
): Promise<RoleChangeRow[]> {
  return db.query<RoleChangeRow>(
    `select ${ROLE_CHANGE_COLUMNS} from ${ROLE_CHANGE_FROM}
     where c.partnership_id = $1 and ($2::text is null or c.status = $2) and ($3::uuid is null or c.user_id = $3)
     order by c.requested_at desc, c.id limit $4 offset $5`,
    [partnershipId, opts.status ?? null, opts.userId ?? null, opts.limit, opts.offset],
  );
}

export async function countRoleChanges(db: Db, partnershipId: string, status?: 'pending'): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `select count(*)::int as n from role_change where partnership_id = $1 and ($2::text is null or status = $2)`,
    [partnershipId, status ?? null],
  );
  return row?.n ?? 0;
}
