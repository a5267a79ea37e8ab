/** Fellegi-Sunter scoring: the match weight, the probability, and why (each field's level and weight). */
import {
  COMPARISONS,
  LEVEL_TEXT,
  looksLikeTwins,
  MISSING,
  type Comparison,
  type ComparisonKey,
} from './comparisons.ts';

/** The highest probability a pair with the signature of twins can have. */
export const TWIN_CAP = 0.01;

export interface LevelParams {
  /** P(level | same person). */
  m: number;
  /** P(level | different people). */
  u: number;
}

export interface MatchParams {
  version: 1;
  description: string;
  /** Prior probability that a candidate pair is the same person. */
  lambda: number;
  comparisons: Record<string, Record<string, LevelParams>>;
  /** Chance that two different people share a name exactly, before term frequencies adjust it. */
  tfBase?: { given?: number; family?: number };
}

export interface FieldExplanation {
  field: ComparisonKey;
  label: string;
  /** The level reached, or null when either side had no value (neutral). */
  level: string | null;
  description: string;
  weight: number;
}

export interface MatchScore {
  /** Sum of the fields' log2(m/u). */
  weight: number;
  /** log2(lambda / (1 - lambda)). */
  priorWeight: number;
  probability: number;
  fields: FieldExplanation[];
  /** Set when the pair looks like twins or siblings: never matched automatically. */
  caution?: string;
  /** Set (explain.ts) when the only evidence for a match is where the person lives. */
  addressOnly?: boolean;
}

/** Relative frequency of a name among everyone (for common names an exact match counts for less). */
export type TermFrequency = (field: 'given' | 'family', value: string) => number | undefined;

/** Weight of each comparison's levels, indexed [comparison][level]. */
export function weightTable(params: MatchParams): Float64Array[] {
  return COMPARISONS.map((c) => {
    const table = new Float64Array(c.levels.length);
    c.levels.forEach((level, i) => {
      const p = params.comparisons[c.key]?.[level];
      table[i] = p ? Math.log2(p.m / p.u) : 0;
    });
    return table;
  });
}

/** How much an exact agreement on this value moves from the average exact agreement. */
export function tfAdjustment(params: MatchParams, field: 'given' | 'family', tf: number | undefined): number {
  const base = params.tfBase?.[field];
  if (!base || tf === undefined || tf <= 0) return 0;
  // Bounded: a name seen once in a small file must not outweigh everything else.
  const ratio = Math.min(20, Math.max(0.1, tf / base));
  return -Math.log2(ratio);
}

export function priorWeight(params: MatchParams): number {
  return Math.log2(params.lambda / (1 - params.lambda));
}

export function probability(weight: number, prior: number): number {
  return 1 / (1 + 2 ** -(weight + prior));
}

/** Scores one compared pair and explains each field. */
export function score(
  params: MatchParams,
  c: Comparison,
  tf?: TermFrequency,
  prior: number = priorWeight(params),
): MatchScore {
  const tables = weightTable(params);
  const fields: FieldExplanation[] = [];
  let total = 0;
  COMPARISONS.forEach((comp, k) => {
    const level = c.levels[k] as number;
    if (level === MISSING) {
      fields.push({
        field: comp.key,
        label: comp.label,
        level: null,
        description: 'not compared: a value is missing on one side or both',
        weight: 0,
      });
      return;
    }
    const name = comp.levels[level] as string;
    let weight = (tables[k] as Float64Array)[level] as number;
    if (tf && comp.key === 'given' && c.givenValue)
      weight += tfAdjustment(params, 'given', tf('given', c.givenValue));
    if (tf && comp.key === 'family' && c.familyValue) {
      weight += tfAdjustment(params, 'family', tf('family', c.familyValue));
    }
    total += weight;
    fields.push({
      field: comp.key,
      label: comp.label,
      level: name,
      description: LEVEL_TEXT[`${comp.key}.${name}`] ?? name,
      weight: Math.round(weight * 100) / 100,
    });
  });
  const result: MatchScore = {
    weight: total,
    priorWeight: prior,
    probability: probability(total, prior),
    fields,
  };
  if (looksLikeTwins(c.levels)) {
    result.probability = Math.min(result.probability, TWIN_CAP);
    result.caution =
      'Different given names with the same date of birth and address: probably twins or siblings, not one person.';
  }
  return result;
}
