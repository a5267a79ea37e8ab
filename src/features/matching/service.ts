/**
 * The live matcher: finds the people of the index who may be the person a referral names, and
 * explains each candidate's score. Blocking runs as indexed queries (a union of blocks, limited);
 * the candidates' names (aliases and former names too), date of birth, sex, identifiers, addresses
 * and household members are loaded in one query and scored by the engine.
 *
 * This reads the person index without checking who asks: the calling service (the front door)
 * checks the actor's permission first and records the search in the audit trail.
 */
import type { Db } from '../../db/index.ts';
import { postcodeKey } from '../../platform/identifiers.ts';
import { normaliseName } from '../../platform/names.ts';
import { compare } from './engine/comparisons.ts';
import defaultParams from './engine/default-params.json' with { type: 'json' };
import { score, type MatchParams, type MatchScore } from './engine/model.ts';
import {
  prepare,
  prepareDob,
  type MatchAddress,
  type MatchHouseholdMember,
  type MatchName,
} from './engine/record.ts';

export const DEFAULT_PARAMS = defaultParams as MatchParams;

/** The share of people named on referrals whom the index already knows (sets the prior). */
const SHARE_KNOWN = 0.5;
/** Most candidates taken from the blocks of one lookup. */
const MAX_CANDIDATES = 400;

export interface CandidateQuery {
  givenName?: string | null;
  familyName?: string | null;
  /** Other names the person is known by. */
  otherNames?: MatchName[];
  /** 'YYYY-MM-DD', or partial 'YYYY-MM' / 'YYYY'. */
  dateOfBirth?: string | null;
  sex?: string | null;
  nhsNumber?: string | null;
  upn?: string | null;
  address?: MatchAddress | null;
  /** Others in the household (the other people on the referral). */
  household?: MatchHouseholdMember[];
}

export interface Candidate {
  personId: string;
  kind: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  restricted: boolean;
  score: MatchScore;
}

export interface FindOptions {
  limit?: number;
  /** Candidates whose match weight is below this are dropped (0: only evidence for a match). */
  minWeight?: number;
  params?: MatchParams;
}

interface CandidateRow {
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

/** How many people and names the partnership's index holds; counted now and then, not per lookup. */
const sizes = new Map<string, { people: number; names: number; at: number }>();
const SIZE_TTL_MS = 10 * 60_000;

async function indexSize(db: Db, partnershipId: string): Promise<{ people: number; names: number }> {
  const cached = sizes.get(partnershipId);
  if (cached && Date.now() - cached.at < SIZE_TTL_MS) return cached;
  const [row] = await db.query<{ people: number; names: number }>(
    `select (select count(*) from person where partnership_id = $1)::int as people,
            (select count(*) from person_name where partnership_id = $1)::int as names`,
    [partnershipId],
  );
  const size = { people: row?.people ?? 0, names: row?.names ?? 0, at: Date.now() };
  sizes.set(partnershipId, size);
  return size;
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

/** The people of the index who may be this person, best first, each with why. */
export async function findCandidates(
  db: Db,
  partnershipId: string,
  input: CandidateQuery,
  opts: FindOptions = {},
): Promise<Candidate[]> {
  const params = opts.params ?? DEFAULT_PARAMS;
  const query = prepare({
    id: 'query',
    names: [{ given: input.givenName, family: input.familyName }, ...(input.otherNames ?? [])],
    dob: input.dateOfBirth,
    sex: input.sex,
    nhsNumber: input.nhsNumber,
    upn: input.upn,
    addresses: input.address ? [input.address] : [],
    household: input.household,
  });
  const family = normaliseName(input.familyName ?? '');
  const given = query.names[0]?.givenFirst ?? '';
  const dob = prepareDob(input.dateOfBirth);
  const postcode = input.address?.postcode ? postcodeKey(input.address.postcode) : '';
  const ids = await db.query<{ id: string }>(BLOCKS_SQL, [
    partnershipId,
    postcode,
    family,
    given,
    query.nhs ?? null,
    query.upn ?? null,
    dob?.digits ? `${dob.year}-${dob.digits.slice(4, 6)}-${dob.digits.slice(6)}` : null,
    dob?.year ?? null,
  ]);
  if (!ids.length) return [];
  const [rows, size, tf] = await Promise.all([
    db.query<CandidateRow>(LOAD_SQL, [partnershipId, ids.map((r) => r.id), query.household.length > 0]),
    indexSize(db, partnershipId),
    nameCounts(db, partnershipId, given, family),
  ]);
  const prior = Math.log2(SHARE_KNOWN / Math.max(size.people, 1));
  const frequency = (field: 'given' | 'family', value: string) => {
    const count =
      field === 'given' ? (value === given ? tf.given : undefined) : value === family ? tf.family : undefined;
    return count === undefined || !size.names ? undefined : Math.max(count, 1) / size.names;
  };
  const candidates: Candidate[] = [];
  for (const row of rows) {
    const record = prepare({
      id: row.id,
      names: row.names,
      dob: row.date_of_birth,
      sex: row.sex,
      nhsNumber: row.nhs_number,
      upn: row.upn,
      addresses: row.addresses ?? [],
      household: row.household ?? [],
    });
    const s = score(params, compare(query, record), frequency, prior);
    if (s.weight < (opts.minWeight ?? 0)) continue;
    candidates.push({
      personId: row.id,
      kind: row.kind,
      givenName: row.given_name,
      familyName: row.family_name,
      dateOfBirth: row.date_of_birth,
      restricted: row.restricted,
      score: s,
    });
  }
  candidates.sort((a, b) => b.score.probability - a.score.probability || b.score.weight - a.score.weight);
  return candidates.slice(0, opts.limit ?? 10);
}

/** How many people share the sound of the given and of the family name (term frequencies). */
async function nameCounts(
  db: Db,
  partnershipId: string,
  given: string,
  family: string,
): Promise<{ given?: number; family?: number }> {
  const [row] = await db.query<{ given: number | null; family: number | null }>(
    `select case when $2 <> '' then (select count(*) from person_name where partnership_id = $1
              and given_key = dmetaphone($2::text))::int end as given,
            case when $3 <> '' then (select count(*) from person_name where partnership_id = $1
              and family_key = dmetaphone($3::text))::int end as family`,
    [partnershipId, given, family],
  );
  return { given: row?.given ?? undefined, family: row?.family ?? undefined };
}
