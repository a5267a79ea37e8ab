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
  }>(
    `select
       (select count(*) from agency where partnership_id = $1 and active)::int as agencies,
       (select count(*) from team where partnership_id = $1 and active)::int as teams,
       (select count(*) from app_user where partnership_id = $1)::int as users,
       (select count(*) from app_user where partnership_id = $1 and active)::int as "activeUsers",
       (select count(*) from app_user where partnership_id = $1 and locked_until > now())::int as "lockedUsers",
       (select count(*) from api_token where partnership_id = $1 and revoked_at is null)::int as tokens`,
    [partnershipId],
  );
  return row!;
}
