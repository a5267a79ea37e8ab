/**
 * SQL of person search: candidates from the most selective criterion, filtered by the rest, each
 * scored on its best-matching name. Restricted records only for the users named on them; merged
 * records left out.
 */
import type { Db } from '../../../db/index.ts';
import type { PersonSummary } from '../schemas.ts';
import { NOT_MERGED } from './access.ts';

/** The search as the SQL takes it: every value normalised already. */
export interface SearchQuery {
  partnershipId: string;
  userId: string;
  /** The name's words: a given and a family name, or a single word. */
  tokens: { given?: string; family?: string; single?: string };
  /** One identifier as each kind would store it. */
  ids?: { nhs: string | null; upn: string; council: string };
  postcodeKey?: string;
  /** A date-of-birth range, and whether it is narrow enough (a month) to drive the search. */
  dob?: { from: string; to: string; narrow: boolean };
  /** The least score shown. */
  minScore: number;
  limit: number;
}

export interface SearchRow extends PersonSummary {
  id: string;
  sex: string;
  score: number;
  nameKind: string;
  matchGiven: string | null;
  matchFamily: string | null;
  /** The current address's postcode key. */
  postcode: string | null;
}

/**
 * How well a stored name part matches a query part, 0 to 1. A shared sound key counts fully only
 * when the spellings are also close (two edits): "Jane" and "John" share a key, but are not a match.
 */
function partScore(col: 'given' | 'family', q: string, prefixFrom: number): string {
  const n = `n.${col}_norm`;
  const lev = `levenshtein(${n}, ${q})`;
  const sounds = (key: string, fn: string, full: number) =>
    `case when length(${q}) >= 3 and n.${col}_${key} <> '' and n.${col}_${key} = ${fn}(${q})
      then case when ${lev} <= 2 then ${full} else 0.45 end else 0 end`;
  return `greatest(
    case when ${n} = ${q} then 1.0 else 0 end,
    ${sounds('key', 'dmetaphone', 0.85)},
    ${sounds('skel', 'name_skeleton', 0.8)},
    case when length(${q}) >= ${prefixFrom} and left(${n}, length(${q})) = ${q} then 0.75 else 0 end,
    similarity(${n}, ${q}),
    1 - ${lev}::float8 / greatest(length(${n}), length(${q}), 1))::float8`;
}

/** Up to `limit + 1` rows, best first (one more than the limit says there are more). */
export function searchRows(db: Db, q: SearchQuery): Promise<SearchRow[]> {
  const params: unknown[] = [q.partnershipId, q.userId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const { tokens } = q;
  const hasName = Boolean(tokens.single || tokens.family);
  const ids = q.ids ? { nhs: p(q.ids.nhs), upn: p(q.ids.upn), council: p(q.ids.council) } : undefined;
  const pc = q.postcodeKey ? p(q.postcodeKey) : undefined;
  const from = q.dob ? p(q.dob.from) : undefined;
  const to = q.dob ? p(q.dob.to) : undefined;
  const g = tokens.given ? p(tokens.given) + '::text' : undefined;
  const f = tokens.family ? p(tokens.family) + '::text' : undefined;
  const t = tokens.single ? p(tokens.single) + '::text' : undefined;

  // The most selective criterion drives the candidates; the rest filter them.
  let driver: string;
  if (ids) {
    driver = `select id as person_id from person where partnership_id = $1
      and (nhs_number = ${ids.nhs} or upn = ${ids.upn} or council_id = ${ids.council})`;
  } else if (pc) {
    driver = `select person_id from address where partnership_id = $1 and postcode_norm = ${pc}`;
  } else if (q.dob?.narrow) {
    driver = `select id as person_id from person where partnership_id = $1 and date_of_birth between ${from} and ${to}`;
  } else {
    // Name candidates come from covering indexes. Two words: a sound-alike of one part with the
    // initial of the other (either way round), or both sound keys. One word: any part sounds alike,
    // or trigram similarity to a family name.
    const nm = (cond: string) => `select person_id from person_name where partnership_id = $1 and ${cond}`;
    const skelAnd = (col: 'family' | 'given', qv: string, other: string) => {
      const initialOf = col === 'family' ? 'given' : 'family';
      return nm(`${col}_skel = name_skeleton(${qv}) and left(${initialOf}_norm, 1) = left(${other}, 1)`);
    };
    const branches = t
      ? [
          nm(`family_skel = name_skeleton(${t}) and family_skel <> ''`),
          nm(`family_key = dmetaphone(${t}) and family_key <> ''`),
          nm(`given_skel = name_skeleton(${t}) and given_skel <> ''`),
          nm(`given_key = dmetaphone(${t}) and given_key <> ''`),
          nm(`family_norm % ${t}`),
        ]
      : [
          skelAnd('family', f!, g!),
          skelAnd('given', g!, f!),
          nm(`family_key = dmetaphone(${f}) and given_key = dmetaphone(${g}) and family_key <> ''`),
          // Family name typed first, without a comma.
          skelAnd('family', g!, f!),
          skelAnd('given', f!, g!),
        ];
    driver = branches.join('\nunion\n');
  }

  const filters = [
    'p.partnership_id = $1',
    '(not p.restricted or exists (select 1 from restricted_access ra where ra.person_id = p.id and ra.user_id = $2))',
    NOT_MERGED,
  ];
  if (q.dob) filters.push(`p.date_of_birth between ${from} and ${to}`);
  if (ids) filters.push(`(p.nhs_number = ${ids.nhs} or p.upn = ${ids.upn} or p.council_id = ${ids.council})`);
  if (pc)
    filters.push(
      `exists (select 1 from address a where a.person_id = p.id and a.partnership_id = $1 and a.postcode_norm = ${pc})`,
    );

  const min = q.minScore;
  let scored: string;
  if (hasName) {
    const score = t
      ? `greatest(case when sc.ft >= ${min} then sc.ft else 0 end, 0.9 * sc.gt)`
      : `greatest(
          case when sc.ff >= ${min} and sc.gg >= ${min} then 0.6 * sc.ff + 0.4 * sc.gg else 0 end,
          case when sc.fg >= ${min} and sc.gf >= ${min} then 0.9 * (0.6 * sc.fg + 0.4 * sc.gf) else 0 end)`;
    const parts = t
      ? `${partScore('family', t, 3)} as ft, ${partScore('given', t, 1)} as gt`
      : `${partScore('family', f!, 3)} as ff, ${partScore('given', g!, 1)} as gg,
         ${partScore('family', g!, 3)} as fg, ${partScore('given', f!, 1)} as gf`;
    scored = `select distinct on (n.person_id) n.person_id, n.kind as name_kind, n.given_name, n.family_name,
        ${score} as score
      from f join person_name n on n.person_id = f.id and n.partnership_id = $1
      cross join lateral (select ${parts} offset 0) sc
      order by n.person_id, score desc, (n.kind = 'current') desc`;
  } else {
    scored = `select f.id as person_id, 'current' as name_kind, null::text as given_name, null::text as family_name,
      1.0::float8 as score from f`;
  }

  const sql = `
    with cand as (${driver}),
    f as (select distinct p.id from cand join person p on p.id = cand.person_id where ${filters.join(' and ')}),
    s as (${scored}),
    top as (select * from s where score >= ${min} order by score desc, person_id limit ${p(q.limit + 1)})
    select p.id, p.kind, p.unborn, p.given_name as "givenName", p.family_name as "familyName",
      p.date_of_birth as "dateOfBirth", p.expected_date as "expectedDate", p.sex, top.score,
      top.name_kind as "nameKind", top.given_name as "matchGiven", top.family_name as "matchFamily",
      (select a.postcode_norm from address a where a.person_id = p.id and a.partnership_id = $1 and a.to_date is null
        order by a.from_date desc nulls last, a.created_at desc limit 1) as postcode
    from top join person p on p.id = top.person_id
    order by top.score desc, p.family_name, p.given_name, p.id`;
  return db.query<SearchRow>(sql, params);
}
