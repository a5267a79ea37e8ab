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
import { explain } from './engine/explain.ts';
import defaultParams from './engine/default-params.json' with { type: 'json' };
import { score, type MatchParams, type MatchScore } from './engine/model.ts';
import {
  prepare,
  prepareDob,
  type MatchAddress,
  type MatchHouseholdMember,
  type MatchName,
} from './engine/record.ts';
import { blockedIds, candidateRows, indexCounts, nameCounts } from './repository.ts';

export const DEFAULT_PARAMS = defaultParams as MatchParams;

/** The share of people named on referrals whom the index already knows (sets the prior). */
const SHARE_KNOWN = 0.5;

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

/** How many people and names the partnership's index holds; counted now and then, not per lookup. */
const sizes = new Map<string, { people: number; names: number; at: number }>();
const SIZE_TTL_MS = 10 * 60_000;

async function indexSize(db: Db, partnershipId: string): Promise<{ people: number; names: number }> {
  const cached = sizes.get(partnershipId);
  if (cached && Date.now() - cached.at < SIZE_TTL_MS) return cached;
  const size = { ...(await indexCounts(db, partnershipId)), at: Date.now() };
  sizes.set(partnershipId, size);
  return size;
}

/** A probability in words that do not overstate it ("More than 99%"). */
export function likelihoodWords(p: number): string {
  if (p >= 0.995) return 'More than 99%';
  if (p < 0.01) return 'Less than 1%';
  return `${Math.round(p * 100)}%`;
}

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
  const ids = await blockedIds(db, partnershipId, {
    postcode,
    family,
    given,
    nhs: query.nhs ?? null,
    upn: query.upn ?? null,
    dob: dob?.digits ? `${dob.year}-${dob.digits.slice(4, 6)}-${dob.digits.slice(6)}` : null,
    year: dob?.year ?? null,
  });
  if (!ids.length) return [];
  const [rows, size, tf] = await Promise.all([
    candidateRows(db, partnershipId, ids, query.household.length > 0),
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
    const s = explain(query, record, score(params, compare(query, record), frequency, prior));
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
