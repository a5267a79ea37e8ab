/**
 * Deduplicating one file or linking two, in memory: prepare, block, compare, estimate the model
 * from the data (unless parameters are given), score every candidate pair.
 */
import { BLOCKING_RULES, candidatePairs, type BlockingRule } from './blocking.ts';
import { compare, IDX, K, looksLikeTwins, mayBeTwins, MISSING } from './comparisons.ts';
import { estimateRandomU, PatternCounts, trainModel, type EmOptions, type SessionResult } from './em.ts';
import { priorWeight, tfAdjustment, TWIN_CAP, weightTable, type MatchParams } from './model.ts';
import { prepare, type MatchRecord, type PreparedRecord } from './record.ts';

export interface LinkOptions extends EmOptions {
  /** For linking two files: the file (0 or 1) of each record. */
  source?: Uint8Array;
  /** Use these parameters instead of estimating them. */
  params?: MatchParams;
  randomPairs?: number;
  seed?: number;
  rules?: BlockingRule[];
  maxBlock?: number;
  description?: string;
}

export interface LinkResult {
  params: MatchParams;
  sessions: SessionResult[];
  candidatePairs: number;
  left: Int32Array;
  right: Int32Array;
  weight: Float32Array;
  probability: Float32Array;
}

/** A small seeded generator (mulberry32), so a run can be repeated. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Grow<T extends Int32Array | Int8Array | Float32Array> {
  length = 0;
  constructor(
    private data: T,
    private readonly make: (n: number) => T,
  ) {}
  push(x: number): void {
    if (this.length === this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  done(): T {
    return this.data.subarray(0, this.length) as T;
  }
}

/** Relative frequency of each current given and family name in the file. */
export function termFrequencies(records: PreparedRecord[]): (field: 'given' | 'family', v: string) => number {
  const given = new Map<string, number>();
  const family = new Map<string, number>();
  let n = 0;
  for (const r of records) {
    const name = r.names[0];
    if (!name) continue;
    n++;
    if (name.givenFirst) given.set(name.givenFirst, (given.get(name.givenFirst) ?? 0) + 1);
    if (name.family) family.set(name.family, (family.get(name.family) ?? 0) + 1);
  }
  return (field, v) => ((field === 'given' ? given : family).get(v) ?? 1) / Math.max(n, 1);
}

export function linkRecords(records: MatchRecord[], opts: LinkOptions = {}): LinkResult {
  const prepared = records.map(prepare);
  const n = prepared.length;
  const tf = termFrequencies(prepared);
  const left = new Grow(new Int32Array(1024), (k) => new Int32Array(k));
  const right = new Grow(new Int32Array(1024), (k) => new Int32Array(k));
  const levels = new Grow(new Int8Array(1024 * K), (k) => new Int8Array(k));
  const tfGiven = new Grow(new Float32Array(1024), (k) => new Float32Array(k));
  const tfFamily = new Grow(new Float32Array(1024), (k) => new Float32Array(k));
  const patterns = new PatternCounts();
  const rules = opts.rules ?? BLOCKING_RULES;
  const sessions = rules.map((rule) => ({
    name: rule.name,
    patterns: new PatternCounts(),
    masked: rule.fields.map((f) => IDX[f]),
  }));
  const masked = new Int8Array(K);
  const count = candidatePairs(
    prepared,
    (i, j, byRules) => {
      const c = compare(prepared[i] as PreparedRecord, prepared[j] as PreparedRecord);
      left.push(i);
      right.push(j);
      for (let k = 0; k < K; k++) levels.push(c.levels[k] as number);
      tfGiven.push(c.givenValue ? tf('given', c.givenValue) : 0);
      tfFamily.push(c.familyValue ? tf('family', c.familyValue) : 0);
      // Pairs that may be twins (different given names, same family name and dob) would teach the
      // model that a match may have a different given name: they are left out of training.
      if (opts.params || mayBeTwins(c.levels)) return;
      patterns.add(c.levels);
      sessions.forEach((s, r) => {
        if (!(byRules & (1 << r))) return;
        masked.set(c.levels);
        for (const k of s.masked) masked[k] = MISSING;
        s.patterns.add(masked);
      });
    },
    { source: opts.source, rules, maxBlock: opts.maxBlock },
  );

  let params = opts.params;
  let sessionResults: SessionResult[] = [];
  if (!params) {
    const random = new PatternCounts();
    const rand = seededRandom(opts.seed ?? 42);
    const wanted = opts.randomPairs ?? 200_000;
    for (let s = 0; s < wanted && n > 1; s++) {
      const i = Math.floor(rand() * n);
      const j = Math.floor(rand() * n);
      if (i === j || (opts.source && opts.source[i] === opts.source[j])) continue;
      random.add(compare(prepared[i] as PreparedRecord, prepared[j] as PreparedRecord).levels);
    }
    const n0 = opts.source ? opts.source.filter((s) => s === 0).length : n;
    const totalPairs = opts.source ? n0 * (n - n0) : (n * (n - 1)) / 2;
    const result = trainModel(
      sessions,
      patterns,
      estimateRandomU(random),
      totalPairs,
      opts.description ?? 'estimated from the data',
      opts,
    );
    params = result.params;
    sessionResults = result.sessions;
  }

  const tables = weightTable(params);
  const prior = priorWeight(params);
  const lv = levels.done();
  const tg = tfGiven.done();
  const tfam = tfFamily.done();
  const weight = new Float32Array(count);
  const probability = new Float32Array(count);
  for (let p = 0; p < count; p++) {
    let w = 0;
    for (let k = 0; k < K; k++) {
      const level = lv[p * K + k] as number;
      if (level >= 0) w += (tables[k] as Float64Array)[level] as number;
    }
    if (tg[p]) w += tfAdjustment(params, 'given', tg[p]);
    if (tfam[p]) w += tfAdjustment(params, 'family', tfam[p]);
    weight[p] = w;
    probability[p] = 1 / (1 + 2 ** -(w + prior));
    if (looksLikeTwins(lv.subarray(p * K, p * K + K)))
      probability[p] = Math.min(probability[p] as number, TWIN_CAP);
  }
  return {
    params,
    sessions: sessionResults,
    candidatePairs: count,
    left: left.done(),
    right: right.done(),
    weight,
    probability,
  };
}
