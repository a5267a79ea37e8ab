/**
 * The person index as the matcher reads it: blocks of likely people by indexed lookups, the
 * candidates' details in one query, and the counts the weights need. No access checks here: the
 * calling service checks who asks.
 */
import { maybeOne, type Db } from '../../db/index.ts';

/** Most candidates taken from the blocks of one lookup. */
const MAX_CANDIDATES = 400;

/** What a lookup blocks on: each part may be empty (the block then finds nothing). */
export interface BlockKeys {
  /** The postcode as a search key (upper case, no spaces). */
  postcode: string;
  /** The family and given names, normalised. */
  family: string;
  given: string;
  nhs: string | null;
  upn: string | null;
  /** A whole date of birth 'YYYY-MM-DD', and its year. */
  dob: string | null;
  year: number | null;
}

const BLOCKS_SQL = `
with q as (select dmetaphone($3::text) as fk, dmetaphone($4::text) as gk)
select id from (
  select id from person where partnership_id = $1 and nhs_number = $5
  union select id from person where partnership_id = $1 and upn = $6
  union (select id from person where partnership_id = $1 and date_of_birth = $7::date limit 100)
  union (select p.id from person p, q where p.partnership_id = $1 and $3 <> ''
           and dmetaphone(p.family_name) = q.fk and extract(year from p.date_of_birth)::int = $8 limit 100)
  union (select n.person_id from person_name n, q where n.partnership_id = $1 and $3 <> '' and $4 <> ''
           and ((n.family_key = q.fk and n.given_key = q.gk) or (n.family_key = q.gk and n.given_key = q.fk))
           limit 150)
  union (select a.person_id from address a where a.partnership_id = $1 and a.postcode_norm = $2 limit 100)
) blocks limit ${MAX_CANDIDATES}`;

/** The ids of the people in any block of the lookup (a union of indexed blocks, limited). */
export async function blockedIds(db: Db, partnershipId: string, k: BlockKeys): Promise<string[]> {
  const rows = await db.query<{ id: string }>(BLOCKS_SQL, [
    partnershipId,
    k.postcode,
    k.family,
    k.given,
    k.nhs,
    k.upn,
    k.dob,
    k.year,
  ]);
  return rows.map((r) => r.id);
}

export interface CandidateRow {
  id: string;
  kind: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  sex: string;
  nhs_number: string | null;
  upn: string | null;
  restricted: boolean;
  names: { given: string; family: string }[];
  addresses: { line1: string; line2: string | null; town: string | null; postcode: string }[] | null;
  household: { given: string; family: string; dob: string | null }[] | null;
}

const LOAD_SQL = `
select p.id, p.kind, p.given_name, p.family_name, p.date_of_birth, p.sex, p.nhs_number, p.upn, p.restricted,
  (select coalesce(json_agg(json_build_object('given', n.given_name, 'family', n.family_name)
     order by n.kind = 'current' desc), '[]') from person_name n where n.person_id = p.id) as names,
  (select json_agg(json_build_object('line1', a.line1, 'line2', a.line2, 'town', a.town, 'postcode', a.postcode))
     from address a where a.person_id = p.id) as addresses,
  case when $3 then (select json_agg(json_build_object('given', o.given_name, 'family', o.family_name,
         'dob', o.date_of_birth))
     from household_member hm join household_member other on other.household_id = hm.household_id
       and other.person_id <> hm.person_id and other.to_date is null
     join person o on o.id = other.person_id
     where hm.person_id = p.id and hm.to_date is null) end as household
from person p where p.partnership_id = $1 and p.id = any($2::uuid[])`;

/** The candidates' names (aliases and former names too), identifiers, addresses and households. */
export function candidateRows(db: Db, partnershipId: string, ids: string[], withHousehold: boolean) {
  return db.query<CandidateRow>(LOAD_SQL, [partnershipId, ids, withHousehold]);
}

/** How many people and names the partnership's index holds. */
export async function indexCounts(db: Db, partnershipId: string): Promise<{ people: number; names: number }> {
  const row = await maybeOne<{ people: number; names: number }>(
    db,
    `select (select count(*) from person where partnership_id = $1)::int as people,
            (select count(*) from person_name where partnership_id = $1)::int as names`,
    [partnershipId],
  );
  return { people: row?.people ?? 0, names: row?.names ?? 0 };
}

/** How many names share the sound of the given and of the family name (term frequencies). */
export async function nameCounts(
  db: Db,
  partnershipId: string,
  given: string,
  family: string,
): Promise<{ given?: number; family?: number }> {
  const row = await maybeOne<{ given: number | null; family: number | null }>(
    db,
    `select case when $2 <> '' then (select count(*) from person_name where partnership_id = $1
              and given_key = dmetaphone($2::text))::int end as given,
            case when $3 <> '' then (select count(*) from person_name where partnership_id = $1
              and family_key = dmetaphone($3::text))::int end as family`,
    [partnershipId, given, family],
  );
  return { given: row?.given ?? undefined, family: row?.family ?? undefined };
}
