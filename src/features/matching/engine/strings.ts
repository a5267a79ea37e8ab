/** String similarity and phonetic keys used by the comparisons. Inputs are already normalised. */
import { doubleMetaphone } from 'double-metaphone';

let bufA = new Uint8Array(64);
let bufB = new Uint8Array(64);

/** Jaro-Winkler similarity in [0, 1] (prefix scale 0.1, at most 4 prefix characters). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return a.length ? 1 : 0;
  const la = a.length;
  const lb = b.length;
  if (!la || !lb) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  // Reused buffers: this runs millions of times when deduplicating a large file.
  if (la > bufA.length || lb > bufB.length) {
    bufA = new Uint8Array(Math.max(la, bufA.length * 2));
    bufB = new Uint8Array(Math.max(lb, bufB.length * 2));
  }
  const matchedA = bufA.fill(0, 0, la);
  const matchedB = bufB.fill(0, 0, lb);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (!matchedB[j] && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedA[i] = 1;
        matchedB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (!matches) return 0;
  let k = 0;
  let halfTranspositions = 0;
  for (let i = 0; i < la; i++) {
    if (!matchedA[i]) continue;
    while (!matchedB[k]) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) halfTranspositions++;
    k++;
  }
  const m = matches;
  const jaro = (m / la + m / lb + (m - halfTranspositions / 2) / m) / 3;
  let prefix = 0;
  const maxPrefix = Math.min(4, la, lb);
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/**
 * Optimal string alignment distance (insert, delete, substitute, swap two neighbours), giving up
 * with max + 1 once the distance must exceed max.
 */
export function editDistance(a: string, b: string, max = 3): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const lb = b.length;
  let prev2 = new Array<number>(lb + 1).fill(0);
  let prev = Array.from({ length: lb + 1 }, (_, j) => j);
  let cur = new Array<number>(lb + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= lb; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      }
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb] as number;
}

const phoneticCache = new Map<string, readonly [string, string]>();

/** Double metaphone codes of a normalised name (cached: names repeat a great deal). */
export function phonetic(name: string): readonly [string, string] {
  let codes = phoneticCache.get(name);
  if (!codes) {
    codes = name ? doubleMetaphone(name) : ['', ''];
    if (phoneticCache.size > 200_000) phoneticCache.clear();
    phoneticCache.set(name, codes);
  }
  return codes;
}

/** Two names sound alike when any of their double metaphone codes are equal. */
export function phoneticAgree(a: readonly [string, string], b: readonly [string, string]): boolean {
  if (!a[0] || !b[0]) return false;
  return a[0] === b[0] || a[0] === b[1] || a[1] === b[0] || (a[1] !== '' && a[1] === b[1]);
}

/** Lower case, accents removed, letters and digits kept, runs of anything else one space. */
export function normaliseText(s: string | undefined): string {
  if (!s) return '';
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
