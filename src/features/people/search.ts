/**
 * Person search: by name (typos, sound-alikes, aliases and former names), partial date of birth,
 * identifier and postcode, ranked by a score. Permission first, one audit row per search, and
 * restricted records only for the users named on them.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { personAccessMany, requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { isoDate, londonToday } from '../../platform/dates.ts';
import { normaliseNhsNumber, normaliseUpn, postcodeKey } from '../../platform/identifiers.ts';
import { normaliseName } from '../../platform/names.ts';
import { parse } from '../../platform/validation.ts';
import { ageOf } from './format.ts';
import { searchRows, type SearchRow } from './repository/search.ts';
import { normaliseCouncilId, searchSchemaFor, type PartialDob, type SearchCriteria } from './schemas.ts';

export type { PartialDob, SearchCriteria };

export interface SearchResult extends Omit<
  SearchRow,
  'nameKind' | 'matchGiven' | 'matchFamily' | 'postcode'
> {
  age: string;
  postcodeDistrict: string | null;
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
 * Searches the person index. Needs person.search; at least a name, an identifier or a postcode
 * (the search schema). One audit event records the criteria and the ids shown.
 */
export async function searchPeople(
  db: Db,
  actor: Actor,
  criteria: SearchCriteria,
  opts: { limit?: number; today?: string } = {},
): Promise<SearchOutcome> {
  requirePermission(actor, 'person.search');
  const today = opts.today ?? londonToday();
  const c = parse(
    searchSchemaFor(() => today),
    criteria,
  );
  const limit = Math.min(opts.limit ?? SEARCH_LIMIT, 200);
  const postcode = c.postcode ? postcodeKey(c.postcode) : undefined;
  const range = c.dob ? dobRange(c.dob) : undefined;
  const rows = await searchRows(db, {
    partnershipId: actor.partnershipId,
    userId: actor.userId,
    tokens: nameTokens(c.name ?? ''),
    ids: c.identifier
      ? {
          nhs: normaliseNhsNumber(c.identifier) ?? null,
          upn: normaliseUpn(c.identifier),
          council: normaliseCouncilId(c.identifier),
        }
      : undefined,
    postcodeKey: postcode,
    dob: range && { ...range, narrow: c.dob?.month !== undefined },
    minScore: MIN_SCORE,
    limit,
  });
  const more = rows.length > limit;
  const shown = rows.slice(0, limit);
  const access = await personAccessMany(
    db,
    actor,
    shown.map((r) => r.id),
  );
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
      criteria: { name: c.name || undefined, dob: c.dob, identifier: c.identifier, postcode },
      resultIds: results.map((r) => r.id),
      more,
    },
  });
  return { results, more };
}
