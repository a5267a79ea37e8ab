/** SQL of the home page: the children each user works with, and the counts some roles see. */
import { maybeOne, type Db } from '../../db/index.ts';

export interface PersonRow {
  id: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  unborn: boolean;
  since: string | Date | null;
}

const PERSON_COLS = `p.id, p.given_name as "givenName", p.family_name as "familyName", p.date_of_birth as "dateOfBirth", p.unborn`;

/** The children allocated to the user. */
export function allocatedChildren(db: Db, partnershipId: string, userId: string): Promise<PersonRow[]> {
  return db.query<PersonRow>(
    `select ${PERSON_COLS}, a.started_at as since from allocation a join person p on p.id = a.person_id
     where a.partnership_id = $1 and a.user_id = $2 and a.ended_at is null and p.kind = 'child'
     order by p.family_name, p.given_name limit 100`,
    [partnershipId, userId],
  );
}

/** Children on open MASH contacts (for the council's MASH hub), oldest contact first. */
export function childrenOnOpenContacts(db: Db, partnershipId: string): Promise<PersonRow[]> {
  return db.query<PersonRow>(
    `select distinct on (c.received_at, p.id) ${PERSON_COLS}, c.received_at as since
     from contact c join contact_person cp on cp.contact_id = c.id join person p on p.id = cp.person_id
     where c.partnership_id = $1 and c.status = 'open' and p.kind = 'child' and not p.restricted
     order by c.received_at, p.id limit 50`,
    [partnershipId],
  );
}

const INVOLVED = `i.partnership_id = $1 and i.agency_id = $2 and i.ended_on is null
  and (i.team_id = $3::uuid or i.team_id is null) and p.kind = 'child' and not p.restricted`;

/**
 * A page of the children an open involvement of the team (or of the agency, naming no team) names,
 * newest involvement first, and how many there are in all.
 */
export async function involvedChildren(
  db: Db,
  partnershipId: string,
  agencyId: string,
  teamId: string | null,
  slice: { limit: number; offset: number },
): Promise<{ children: PersonRow[]; total: number }> {
  const args = [partnershipId, agencyId, teamId];
  const children = await db.query<PersonRow>(
    `select ${PERSON_COLS}, max(i.started_on) as since
     from involvement i join person p on p.id = i.person_id
     where ${INVOLVED} group by p.id order by since desc, p.id limit $4 offset $5`,
    [...args, slice.limit, slice.offset],
  );
  const row = await maybeOne<{ n: number }>(
    db,
    `select count(distinct p.id)::int as n from involvement i join person p on p.id = i.person_id
     where ${INVOLVED}`,
    args,
  );
  return { children, total: row?.n ?? 0 };
}

export async function breakGlassAwaitingReview(db: Db, partnershipId: string): Promise<number> {
  const row = await maybeOne<{ n: number }>(
    db,
    `select count(*)::int as n from break_glass where partnership_id = $1 and reviewed_at is null`,
    [partnershipId],
  );
  return row?.n ?? 0;
}

export interface OrganisationCounts {
  agencies: number;
  teams: number;
  users: number;
  locked: number;
}

export async function organisationCounts(db: Db, partnershipId: string): Promise<OrganisationCounts> {
  const row = await maybeOne<OrganisationCounts>(
    db,
    `select (select count(*)::int from agency where partnership_id = $1) as agencies,
       (select count(*)::int from team where partnership_id = $1) as teams,
       (select count(*)::int from app_user where partnership_id = $1 and active) as users,
       (select count(*)::int from app_user where partnership_id = $1 and locked_until > now()) as locked`,
    [partnershipId],
  );
  return row!;
}
