/**
 * In-memory blocking: several rules, each giving a record keys; two records sharing a key of the
 * same rule become a candidate pair. The rules are unioned and each pair is produced once.
 */
import type { ComparisonKey } from './comparisons.ts';
import type { PreparedRecord } from './record.ts';

export interface BlockingRule {
  name: string;
  /** The comparisons whose agreement the rule forces (left out when training on its pairs). */
  fields: ComparisonKey[];
  keys(r: PreparedRecord): string[];
}

const full = (r: PreparedRecord) => r.dob?.digits;

export const BLOCKING_RULES: BlockingRule[] = [
  {
    name: 'family name sound + birth year',
    fields: ['family', 'dob'],
    keys: (r) =>
      r.dob?.year === undefined
        ? []
        : r.names.filter((n) => n.family).map((n) => `${n.familyCodes[0]}|${r.dob?.year}`),
  },
  {
    name: 'given name sound + date of birth',
    fields: ['given', 'dob'],
    keys: (r) =>
      full(r) ? r.names.filter((n) => n.givenFirst).map((n) => `${n.givenCodes[0]}|${full(r)}`) : [],
  },
  { name: 'date of birth', fields: ['dob'], keys: (r) => (full(r) ? [full(r) as string] : []) },
  {
    name: 'postcode + given initial',
    // People at one postcode share family names and households far more often than at random.
    fields: ['address', 'given', 'family', 'household'],
    keys: (r) =>
      r.addresses.flatMap((a) =>
        a.postcode ? r.names.filter((n) => n.givenFirst).map((n) => `${a.postcode}|${n.givenFirst[0]}`) : [],
      ),
  },
  {
    // Both names' sounds in either order: finds a wrong date of birth and names the other way round.
    name: 'given and family name sounds',
    fields: ['given', 'family'],
    keys: (r) =>
      r.names
        .filter((n) => n.givenFirst && n.family)
        .map((n) => [n.givenCodes[0], n.familyCodes[0]].sort().join('|')),
  },
  { name: 'NHS number', fields: ['nhs'], keys: (r) => (r.nhs ? [r.nhs] : []) },
  { name: 'UPN', fields: ['upn'], keys: (r) => (r.upn ? [r.upn] : []) },
  { name: 'other reference', fields: ['localId'], keys: (r) => (r.localId ? [r.localId] : []) },
  { name: 'email', fields: ['email'], keys: (r) => (r.email ? [r.email] : []) },
];

export interface BlockingOptions {
  rules?: BlockingRule[];
  /** Blocks larger than this are skipped (a key shared by too many records says little). */
  maxBlock?: number;
  /** For linking two files: the file of each record; only pairs across files are produced. */
  source?: Uint8Array;
}

/**
 * Calls emit(i, j, rules) once for each candidate pair, i < j; rules has bit r set when rule r
 * paired them. Returns the number of pairs.
 */
export function candidatePairs(
  records: PreparedRecord[],
  emit: (i: number, j: number, rules: number) => void,
  opts: BlockingOptions = {},
): number {
  const rules = opts.rules ?? BLOCKING_RULES;
  const maxBlock = opts.maxBlock ?? 5000;
  const n = records.length;
  const blocks = rules.map(() => new Map<string, number[]>());
  const keysOf: string[][][] = rules.map(() => new Array<string[]>(n));
  rules.forEach((rule, r) => {
    const map = blocks[r] as Map<string, number[]>;
    for (let i = 0; i < n; i++) {
      const keys = [...new Set(rule.keys(records[i] as PreparedRecord))];
      (keysOf[r] as string[][])[i] = keys;
      for (const key of keys) {
        const list = map.get(key);
        if (list) list.push(i);
        else map.set(key, [i]);
      }
    }
  });
  // Each record gathers its partners from every rule, noting which rules paired them; a stamp per
  // partner drops repeats.
  const stamp = new Int32Array(n).fill(-1);
  const mask = new Int32Array(n);
  const partners: number[] = [];
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    partners.length = 0;
    for (let r = 0; r < rules.length; r++) {
      for (const key of (keysOf[r] as string[][])[i] as string[]) {
        const list = (blocks[r] as Map<string, number[]>).get(key) as number[];
        if (list.length > maxBlock) continue;
        for (const j of list) {
          if (j <= i || (opts.source && opts.source[i] === opts.source[j])) continue;
          if (stamp[j] !== i) {
            stamp[j] = i;
            mask[j] = 0;
            partners.push(j);
          }
          mask[j] = (mask[j] as number) | (1 << r);
        }
      }
    }
    for (const j of partners) emit(i, j, mask[j] as number);
    pairs += partners.length;
  }
  return pairs;
}
