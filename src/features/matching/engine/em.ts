/**
 * Estimating the model from the data. u (how often different people agree by chance) comes from
 * random pairs. m (how often the same person agrees) comes from expectation-maximisation over the
 * blocked candidate pairs, one training session per blocking rule: within a rule's blocks, different
 * people agree on the rule's own fields far more often than at random, so a session leaves those
 * fields out and estimates the others; each field's m is the average over the sessions that saw it,
 * weighted by their expected matches. Lambda, the chance that two records picked at random are one
 * person, is then estimated over all candidate pairs with m and u held.
 */
import { COMPARISONS, GROUPS, IDX, K, MISSING } from './comparisons.ts';
import type { LevelParams, MatchParams } from './model.ts';

/** Distinct comparison vectors with how many pairs have each. */
export class PatternCounts {
  readonly vectors: Int8Array[] = [];
  readonly counts: number[] = [];
  private readonly index = new Map<string, number>();

  add(levels: ArrayLike<number>, count = 1): void {
    let key = '';
    for (let k = 0; k < K; k++) key += String.fromCharCode(66 + (levels[k] as number));
    const at = this.index.get(key);
    if (at !== undefined) {
      this.counts[at] = (this.counts[at] as number) + count;
      return;
    }
    this.index.set(key, this.vectors.length);
    this.vectors.push(Int8Array.from(levels));
    this.counts.push(count);
  }

  get total(): number {
    return this.counts.reduce((a, b) => a + b, 0);
  }
}

type Table = Float64Array[];

const inc = (row: Float64Array | undefined, i: number, by: number) => {
  if (row) row[i] = (row[i] as number) + by;
};

/** Scales a row of counts to probabilities within each group of levels; empty groups get fallback(l). */
function normalise(row: Float64Array, k: number, fallback: (l: number) => number): Float64Array {
  const groups = GROUPS[k] as readonly number[];
  const totals = new Map<number, number>();
  row.forEach((c, l) => totals.set(groups[l] as number, (totals.get(groups[l] as number) ?? 0) + c));
  return row.map((c, l) => {
    const n = totals.get(groups[l] as number) as number;
    return n > 0 ? c / n : fallback(l);
  });
}

const newTable = (): Table => COMPARISONS.map((c) => new Float64Array(c.levels.length));

export interface RandomU {
  u: Table;
  /** The smallest u each comparison can tell apart with the random pairs it had. */
  floor: number[];
}

/** u from comparison vectors of random pairs (nearly all of which are different people). */
export function estimateRandomU(random: PatternCounts): RandomU {
  const counts = newTable();
  random.vectors.forEach((v, p) => {
    for (let k = 0; k < K; k++) {
      const level = v[k] as number;
      if (level !== MISSING) inc(counts[k], level, random.counts[p] as number);
    }
  });
  const floor = counts.map((row) => 0.5 / (row.reduce((a, b) => a + b, 0) + 1));
  // A level never seen among random pairs is rare, not impossible.
  const u = counts.map((row, k) =>
    normalise(row, k, () => 1).map((x, l) => ((row[l] as number) > 0 ? x : (floor[k] as number))),
  );
  // "Family name changed" is defined only where given name and dob agree: by chance that almost never
  // happens, so its u is taken as the chance that two different people's family names differ.
  const family = u[IDX.family] as Float64Array;
  const levels: readonly string[] = COMPARISONS[IDX.family]?.levels ?? [];
  family[levels.indexOf('changed')] = family[levels.indexOf('disagree')] as number;
  return { u, floor };
}

/** Starting m: most matches agree fully; the rest spread over the weaker levels. */
function startingM(): Table {
  return GROUPS.map((groups) => {
    const row = new Float64Array(groups.length);
    for (const g of new Set(groups)) {
      const at = groups.flatMap((x, l) => (x === g ? [l] : []));
      const n = at.length;
      at.forEach((l, i) => (row[l] = i === 0 ? 0.8 : i === n - 1 ? 0.05 : 0.15 / (n - 2)));
      if (n === 2) row[at[1] as number] = 0.2;
    }
    return row;
  });
}

export interface EmOptions {
  maxIterations?: number;
  tolerance?: number;
  /** Sessions with fewer candidate pairs than this are skipped. */
  minSessionPairs?: number;
}

export interface Session {
  name: string;
  patterns: PatternCounts;
  /** Comparisons the rule blocks on: left out of this session. */
  masked: number[];
}

export interface SessionResult {
  name: string;
  pairs: number;
  iterations: number;
  converged: boolean;
  lambda: number;
}

const FLOOR = 1e-6;
/** Expected matches a level needs before its m is trusted. */
const MIN_EXPECTED = 3;
const logTable = (t: Table) => t.map((row) => row.map((x) => Math.log(Math.max(x, FLOOR))));

/** Log-likelihood ratio of a pattern, skipping missing and masked comparisons. */
function logRatio(v: Int8Array, lm: Table, lu: Table, masked: readonly number[] = []): number {
  let s = 0;
  for (let k = 0; k < K; k++) {
    const level = v[k] as number;
    if (level === MISSING || masked.includes(k)) continue;
    s += ((lm[k] as Float64Array)[level] as number) - ((lu[k] as Float64Array)[level] as number);
  }
  return s;
}

/** EM for m and lambda within one session, u held. */
function runSession(session: Session, u: Table, opts: EmOptions) {
  const maxIterations = opts.maxIterations ?? 100;
  const tolerance = opts.tolerance ?? 1e-5;
  const { vectors, counts } = session.patterns;
  const lu = logTable(u);
  let m = startingM();
  let lambda = 0.1;
  let iterations = 0;
  let converged = false;
  let seen = newTable();
  while (iterations < maxIterations && !converged) {
    iterations++;
    const lm = logTable(m);
    const mc = newTable();
    let matches = 0;
    let all = 0;
    const prior = Math.log(lambda / (1 - lambda));
    vectors.forEach((v, p) => {
      const n = counts[p] as number;
      const w = n / (1 + Math.exp(-(prior + logRatio(v, lm, lu, session.masked))));
      matches += w;
      all += n;
      for (let k = 0; k < K; k++) {
        const level = v[k] as number;
        if (level !== MISSING && !session.masked.includes(k)) inc(mc[k], level, w);
      }
    });
    const next = mc.map((row, k) => normalise(row, k, (l) => m[k]?.[l] ?? 0).map((x) => Math.max(x, FLOOR)));
    const nextLambda = Math.min(Math.max(matches / all, 1e-9), 1 - 1e-9);
    let change = Math.abs(nextLambda - lambda);
    next.forEach((row, k) =>
      row.forEach((x, l) => (change = Math.max(change, Math.abs(x - (m[k]?.[l] ?? 0))))),
    );
    m = next;
    lambda = nextLambda;
    seen = mc;
    converged = change < tolerance;
  }
  return { m, seen, lambda, iterations, converged, pairs: session.patterns.total };
}

/**
 * Lambda over all pairs: the fixed point of lambda = (expected matches among the candidate pairs) /
 * (all pairs), taking every match to be among the candidates (blocking keeps nearly all of them).
 */
function estimateLambda(candidates: PatternCounts, m: Table, u: Table, totalPairs: number): number {
  const lm = logTable(m);
  const lu = logTable(u);
  const ratios = candidates.vectors.map((v) => logRatio(v, lm, lu));
  let lambda = Math.min(0.5, candidates.total / totalPairs / 10);
  for (let i = 0; i < 200; i++) {
    const prior = Math.log(lambda / (1 - lambda));
    let matches = 0;
    ratios.forEach((r, p) => (matches += (candidates.counts[p] as number) / (1 + Math.exp(-(prior + r)))));
    const next = Math.min(Math.max(matches / totalPairs, 1e-12), 0.5);
    if (Math.abs(Math.log(next / lambda)) < 1e-6) return next;
    lambda = next;
  }
  return lambda;
}

function combineSessions(sessions: Session[], u: Table, opts: EmOptions) {
  const minPairs = opts.minSessionPairs ?? 50;
  const sum = newTable();
  const weight = newTable();
  const results: SessionResult[] = [];
  for (const session of sessions) {
    if (session.patterns.total < minPairs) continue;
    const r = runSession(session, u, opts);
    const { name } = session;
    results.push({
      name,
      pairs: r.pairs,
      iterations: r.iterations,
      converged: r.converged,
      lambda: r.lambda,
    });
    for (let k = 0; k < K; k++) {
      if (session.masked.includes(k)) continue;
      // Weight by the expected matches that had this field (in this group of levels).
      const seen = normalise(r.seen[k] as Float64Array, k, () => 0);
      const groups = GROUPS[k] as readonly number[];
      (r.m[k] as Float64Array).forEach((x, l) => {
        const w = groups.reduce(
          (t, g, j) => (g === groups[l] ? t + ((r.seen[k] as Float64Array)[j] as number) : t),
          0,
        );
        if (w <= 0 || !seen.some((v) => v > 0)) return;
        inc(weight[k], l, w);
        inc(sum[k], l, w * x);
      });
    }
  }
  const m = sum.map((row, k) =>
    row.map((x, l) => {
      const w = weight[k]?.[l] ?? 0;
      // A level (almost) never seen among the matches cannot be weighed: it is made neutral (m = u).
      return w <= 0 || x < MIN_EXPECTED ? (u[k]?.[l] ?? 0) : x / w;
    }),
  );
  return { m, results };
}

export function trainModel(
  sessions: Session[],
  candidates: PatternCounts,
  random: RandomU,
  totalPairs: number,
  description: string,
  opts: EmOptions = {},
): { params: MatchParams; sessions: SessionResult[] } {
  let u = random.u;
  let { m, results } = combineSessions(sessions, u, opts);
  let lambda = estimateLambda(candidates, m, u, totalPairs);
  // Random pairs include a few matches: take out their share (lambda * m) and train again.
  u = u.map((row, k) =>
    row.map((x, l) => Math.max((x - lambda * (m[k]?.[l] ?? 0)) / (1 - lambda), random.floor[k] as number)),
  );
  ({ m, results } = combineSessions(sessions, u, opts));
  lambda = estimateLambda(candidates, m, u, totalPairs);
  const comparisons: Record<string, Record<string, LevelParams>> = {};
  COMPARISONS.forEach((c, k) => {
    comparisons[c.key] = Object.fromEntries(
      c.levels.map((level, l) => [level, { m: round(m[k]?.[l] ?? 0), u: round(u[k]?.[l] ?? 0) }]),
    );
  });
  const exactU = (key: 'given' | 'family') => round(random.u[IDX[key]]?.[0] ?? 0);
  return {
    params: {
      version: 1,
      description,
      lambda: round(lambda),
      comparisons,
      tfBase: { given: exactU('given'), family: exactU('family') },
    },
    sessions: results,
  };
}

const round = (x: number) => Number(x.toPrecision(6));
