/** SQL of the organisation: agencies and teams. */
import { maybeOne, one, type Db } from '../../../db/index.ts';
import type { AgencyKind } from '../schemas.ts';

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

export async function overviewCounts(db: Db, partnershipId: string) {
  const row = await maybeOne<{
    agencies: number;
    teams: number;
    users: number;
    activeUsers: number;
    lockedUsers: number;
    tokens: number;
    rolesWaiting: number;
  }>(
    db,
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

export interface AgencyValues {
  name: string;
  kind: AgencyKind;
  statutoryPartner: boolean;
  active: boolean;
}

export async function insertAgency(db: Db, partnershipId: string, a: AgencyValues) {
  const { id } = await one<{ id: string }>(
    db,
    `insert into agency (partnership_id, name, kind, statutory_partner, active)
     values ($1,$2,$3,$4,$5) returning id`,
    [partnershipId, a.name, a.kind, a.statutoryPartner, a.active],
  );
  return id;
}

export async function updateAgency(
  db: Db,
  partnershipId: string,
  id: string,
  a: AgencyValues,
): Promise<void> {
  await db.query(
    `update agency set name = $3, kind = $4, statutory_partner = $5, active = $6
     where partnership_id = $1 and id = $2`,
    [partnershipId, id, a.name, a.kind, a.statutoryPartner, a.active],
  );
}

export interface TeamValues {
  name: string;
  isMash: boolean;
  active: boolean;
}

export async function insertTeam(db: Db, partnershipId: string, agencyId: string, t: TeamValues) {
  const { id } = await one<{ id: string }>(
    db,
    `insert into team (partnership_id, agency_id, name, is_mash, active) values ($1,$2,$3,$4,$5) returning id`,
    [partnershipId, agencyId, t.name, t.isMash, t.active],
  );
  return id;
}

export async function updateTeam(db: Db, partnershipId: string, id: string, t: TeamValues): Promise<void> {
  await db.query(
    `update team set name = $3, is_mash = $4, active = $5 where partnership_id = $1 and id = $2`,
    [partnershipId, id, t.name, t.isMash, t.active],
  );
}
