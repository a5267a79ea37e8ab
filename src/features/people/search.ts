/**
 * Person search: by name (typos, sound-alikes, aliases and former names), partial date of birth,
 * identifier and postcode, ranked by a score. Permission first, one audit row per search, and
 * restricted records only for the users named on them.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import { isRealDate, isoDate, londonToday } from '../../platform/dates.ts';
import { normaliseNhsNumber, normaliseUpn, postcodeKey } from '../../platform/identifiers.ts';
import { normaliseName } from '../../platform/names.ts';
import { personAccessMany } from '../../platform/access/policy.ts';
import { ageOf } from './format.ts';
import { NOT_MERGED } from './merged.ts';
import { normaliseCouncilId } from './schemas.ts';

export interface PartialDob {
  year: number;
  month?: number;
  day?: number;
}

export interface SearchCriteria {
  name?: string;
  dob?: PartialDob;
  identifier?: string;
  postcode?: string;
}

export interface SearchResult {
  id: string;
  kind: 'child' | 'adult';
  unborn: boolean;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  expectedDate: string | null;
  age: string;
  sex: string;
  postcodeDistrict: string | null;
  score: number;
  /** The alias or former name that matched, when it was not the current name. */
  matchedName: { kind: string; givenName: string; familyName: string } | null;
  canOpen: boolean;
}

export interface SearchOutcome {
  results: SearchResult[];
  /** More matched than were returned: the user should narrow the search. */
  more: boolean;
}

export const SEARCH_LIMIT = 50;
const MIN_SCORE = 0.5;

/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' (the API's form) as a partial date of birth. */
export function parseDobString(s: string, field = 'dob'): PartialDob {
  const [y, m, d] = s.split('-').map(Number);
  return checkDob({ year: y!, month: m, day: d }, field);
}

/** Checks a partial date of birth: a year, a month and year, or a full date; never in the future. */
export function checkDob(dob: PartialDob, field: string, today = londonToday()): PartialDob {
  const fail = (message: string): never => {
    throw new ValidationError([{ field, message }]);
  };
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(dob.year) || dob.year < 1900 || dob.year > thisYear)
    fail(`Year of birth must be between 1900 and ${thisYear}`);
  if (dob.month !== undefined && (!Number.isInteger(dob.month) || dob.month < 1 || dob.month > 12))
    fail('Month of birth must be a number from 1 to 12');
  if (dob.day !== undefined) {
    if (dob.month === undefined) fail('Date of birth must include a month when it includes a day');
    if (!isRealDate(dob.year, dob.month!, dob.day)) fail('Date of birth must be a real date');
    if (isoDate(dob.year, dob.month!, dob.day) > today) fail('Date of birth must be today or in the past');
  }
  return dob;
}

function dobRange(dob: PartialDob): { from: string; to: string } {
  if (dob.day !== undefined) {
    const d = isoDate(dob.year, dob.month!, dob.day);
    return { from: d, to: d };
  }
  if (dob.month !== undefined) {
    const last = new Date(Date.UTC(dob.year, dob.month, 0)).getUTCDate();
    return { from: isoDate(dob.year, dob.month, 1), to: isoDate(dob.year, dob.month, last) };
  }
  return { from: isoDate(dob.year, 1, 1), to: isoDate(dob.year, 12, 31) };
}

/** "Smith, John" puts the family name first; otherwise the last word is the family name. */
export function nameTokens(name: string): { given?: string; family?: string; single?: string } {
  const clip = (s: string) => normaliseName(s).slice(0, 100);
  const comma = name.indexOf(',');
  const words = (s: string) => s.split(/\s+/).map(clip).filter(Boolean);
  if (comma >= 0) {
    const family = words(name.slice(0, comma)).join('');
    const given = words(name.slice(comma + 1))[0];
    if (family && given) return { given, family };
    const only = family || given;
    return only ? { single: only } : {};
  }
  const w = words(name);
  if (w.length === 0) return {};
  if (w.length === 1) return { single: w[0] };
  return { given: w[0], family: w[w.length - 1] };
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

/**
 * Searches the person index. Needs person.search; at least a name, an identifier or a postcode.
 * One audit event records the criteria and the ids shown.
 */
export async function searchPeople(
  db: Db,
  actor: Actor,
  criteria: SearchCriteria,
  opts: { limit?: number; today?: string } = {},
): Promise<SearchOutcome> {
  requirePermission(actor, 'person.search');
  const limit = Math.min(opts.limit ?? SEARCH_LIMIT, 200);
  const tokens = nameTokens(criteria.name ?? '');
  const hasName = Boolean(tokens.single || tokens.family);
  const identifier = criteria.identifier?.trim() ? criteria.identifier.trim() : undefined;
  const postcode = criteria.postcode?.trim() ? postcodeKey(criteria.postcode) : undefined;
  if (!hasName && !identifier && !postcode) {
    throw new ValidationError([
      { field: 'name', message: 'Enter a name, an NHS number or other identifier, or a postcode' },
    ]);
  }

  const params: unknown[] = [actor.partnershipId, actor.userId];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const range = criteria.dob ? dobRange(criteria.dob) : undefined;
  const ids = identifier
    ? {
        nhs: p(normaliseNhsNumber(identifier) ?? null),
        upn: p(normaliseUpn(identifier)),
        council: p(normaliseCouncilId(identifier)),
      }
    : undefined;
  const pc = postcode ? p(postcode) : undefined;
  const from = range ? p(range.from) : undefined;
  const to = range ? p(range.to) : undefined;
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
  } else if (range && criteria.dob?.month !== undefined) {
    driver = `select id as person_id from person where partnership_id = $1 and date_of_birth between ${from} and ${to}`;
  } else {
    // Name candidates come from covering indexes. Two words: a sound-alike of one part with the
    // initial of the other (either way round), or both sound keys. One word: any part sounds alike,
    // or trigram similarity to a family name.
    const nm = (cond: string) => `select person_id from person_name where partnership_id = $1 and ${cond}`;
    const skelAnd = (col: 'family' | 'given', q: string, other: string) => {
      const initialOf = col === 'family' ? 'given' : 'family';
      return nm(`${col}_skel = name_skeleton(${q}) and left(${initialOf}_norm, 1) = left(${other}, 1)`);
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
  if (range) filters.push(`p.date_of_birth between ${from} and ${to}`);
  if (ids) filters.push(`(p.nhs_number = ${ids.nhs} or p.upn = ${ids.upn} or p.council_id = ${ids.council})`);
  if (pc)
    filters.push(
      `exists (select 1 from address a where a.person_id = p.id and a.partnership_id = $1 and a.postcode_norm = ${pc})`,
    );

  let scored: string;
  if (hasName) {
    const score = t
      ? `greatest(case when sc.ft >= ${MIN_SCORE} then sc.ft else 0 end, 0.9 * sc.gt)`
      : `greatest(
          case when sc.ff >= ${MIN_SCORE} and sc.gg >= ${MIN_SCORE} then 0.6 * sc.ff + 0.4 * sc.gg else 0 end,
          case when sc.fg >= ${MIN_SCORE} and sc.gf >= ${MIN_SCORE} then 0.9 * (0.6 * sc.fg + 0.4 * sc.gf) else 0 end)`;
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
    top as (select * from s where score >= ${MIN_SCORE} order by score desc, person_id limit ${p(limit + 1)})
    select p.id, p.kind, p.unborn, p.given_name as "givenName", p.family_name as "familyName",
      p.date_of_birth as "dateOfBirth", p.expected_date as "expectedDate", p.sex, top.score,
      top.name_kind as "nameKind", top.given_name as "matchGiven", top.family_name as "matchFamily",
      (select a.postcode_norm from address a where a.person_id = p.id and a.partnership_id = $1 and a.to_date is null
        order by a.from_date desc nulls last, a.created_at desc limit 1) as postcode
    from top join person p on p.id = top.person_id
    order by top.score desc, p.family_name, p.given_name, p.id`;

  type Row = Omit<SearchResult, 'age' | 'postcodeDistrict' | 'matchedName' | 'canOpen'> & {
    nameKind: string;
    matchGiven: string | null;
    matchFamily: string | null;
    postcode: string | null;
  };
  const rows = await db.query<Row>(sql, params);
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  const access = await personAccessMany(
    db,
    actor,
    shown.map((r) => r.id),
  );
  const today = opts.today ?? londonToday();
  const results: SearchResult[] = shown
    .filter((r) => !access.get(r.id)?.hidden)
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      unborn: r.unborn,
      givenName: r.givenName,
      familyName: r.familyName,
      dateOfBirth: r.dateOfBirth,
      expectedDate: r.expectedDate,
      age: ageOf(r.dateOfBirth, r.unborn, today),
      sex: r.sex,
      postcodeDistrict: r.postcode && r.postcode.length > 3 ? r.postcode.slice(0, -3) : null,
      score: Math.round(Number(r.score) * 1000) / 1000,
      matchedName:
        r.nameKind !== 'current' && r.matchFamily !== null
          ? { kind: r.nameKind, givenName: r.matchGiven ?? '', familyName: r.matchFamily }
          : null,
      canOpen: access.get(r.id)?.canOpen ?? false,
    }));
  await audit(db, actor, {
    action: 'person.search',
    entityType: 'person',
    detail: {
      criteria: {
        name: criteria.name || undefined,
        dob: criteria.dob,
        identifier,
        postcode,
      },
      resultIds: results.map((r) => r.id),
      more,
    },
  });
  return { results, more };
}
