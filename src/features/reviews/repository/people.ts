/** The people linked to a review, their identities and pseudonyms, and the record's restriction. */
import { maybeOne, type Db } from '../../../db/index.ts';

// --- The people linked to the review -----------------------------------------------------------

export interface LinkedPerson {
  id: string;
  kind: 'child' | 'adult';
  relation: string;
}

/** The child's siblings and the adults around the child: relationships either way, and households. */
export function linkedPeople(db: Db, pid: string, personId: string) {
  return db.query<LinkedPerson>(
    `with links as (
       select r.related_person_id as id, r.kind from relationship r
        where r.person_id = $2 and r.partnership_id = $1
       union
       select r.person_id, r.kind from relationship r
        where r.related_person_id = $2 and r.partnership_id = $1
       union
       select hm2.person_id, 'household_member' from household_member hm
         join household_member hm2 on hm2.household_id = hm.household_id and hm2.person_id <> hm.person_id
        where hm.person_id = $2 and hm.partnership_id = $1)
     select distinct on (p.id) p.id, p.kind, l.kind as relation from links l join person p on p.id = l.id
     where p.partnership_id = $1 and p.id <> $2 order by p.id, l.kind`,
    [pid, personId],
  );
}

export interface Identity {
  personId: string;
  dateOfBirth: string | null;
  names: { given: string; family: string }[];
  addresses: { line1: string; postcode: string | null }[];
}

/** Every name (current, former, alias, birth), date of birth and address of these people. */
export function identities(db: Db, pid: string, personIds: readonly string[]) {
  return db.query<Identity>(
    `select p.id as "personId", p.date_of_birth::text as "dateOfBirth",
       coalesce((select jsonb_agg(jsonb_build_object('given', n.given_name, 'family', n.family_name))
                 from person_name n where n.person_id = p.id), '[]'::jsonb)
         || jsonb_build_array(jsonb_build_object('given', p.given_name, 'family', p.family_name)) as names,
       coalesce((select json_agg(json_build_object('line1', a.line1, 'postcode', a.postcode))
                 from address a where a.person_id = p.id), '[]'::json) as addresses
     from person p where p.partnership_id = $1 and p.id = any($2::uuid[])`,
    [pid, personIds],
  );
}

export interface SubjectRow {
  id: string;
  personId: string | null;
  role: 'child' | 'sibling' | 'adult' | 'professional';
  name: string | null;
  pseudonym: string;
}

export function subjects(db: Db, reviewId: string) {
  return db.query<SubjectRow>(
    `select id, person_id as "personId", role, name, pseudonym from review_subject where review_id = $1
     order by case role when 'child' then 0 when 'sibling' then 1 when 'adult' then 2 else 3 end, pseudonym`,
    [reviewId],
  );
}

export async function addSubject(
  tx: Db,
  pid: string,
  reviewId: string,
  s: { personId: string | null; role: SubjectRow['role']; name: string | null; pseudonym: string },
) {
  await tx.query(
    `insert into review_subject (partnership_id, review_id, person_id, role, name, pseudonym) values ($1,$2,$3,$4,$5,$6)
     on conflict (review_id, pseudonym) do nothing`,
    [pid, reviewId, s.personId, s.role, s.name, s.pseudonym],
  );
}

export async function clearProfessionals(tx: Db, reviewId: string) {
  await tx.query(
    `delete from review_subject where review_id = $1 and role = 'professional' and person_id is null`,
    [reviewId],
  );
}

// --- The restriction at notification ------------------------------------------------------------

export function personKind(db: Db, pid: string, id: string) {
  return maybeOne<{ kind: 'child' | 'adult'; restricted: boolean }>(
    db,
    `select kind, restricted from person where partnership_id = $1 and id = $2`,
    [pid, id],
  );
}

/** The partnership's active users whose roles could read a record, as the access policy needs them. */
export function possibleReaders(db: Db, pid: string, roles: readonly string[]) {
  return db.query<{
    userId: string;
    name: string;
    email: string;
    agencyId: string;
    agencyName: string;
    agencyKind: string;
    teamId: string | null;
    roles: string[];
  }>(
    `select u.id as "userId", u.display_name as name, u.email, u.agency_id as "agencyId", a.name as "agencyName",
       a.kind as "agencyKind", u.team_id as "teamId", u.roles
     from app_user u join agency a on a.id = u.agency_id
     where u.partnership_id = $1 and u.active and u.roles && $2::text[]`,
    [pid, roles],
  );
}

/**
 * Restricts the child's record (the person table is the record's; the review restricts it by the
 * rule in docs/access.md) and names the users who keep access.
 */
export async function restrictRecord(tx: Db, pid: string, personId: string, userIds: readonly string[]) {
  await tx.query(`update person set restricted = true where partnership_id = $1 and id = $2`, [
    pid,
    personId,
  ]);
  await tx.query(
    `insert into restricted_access (partnership_id, person_id, user_id)
     select $1, $2, u from unnest($3::uuid[]) as u
     where not exists (select 1 from restricted_access ra where ra.person_id = $2 and ra.user_id = u)`,
    [pid, personId, userIds],
  );
}
