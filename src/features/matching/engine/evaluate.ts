/** Pairwise precision and recall of a clustering against the truth. */

export interface PairScores {
  predicted: number;
  actual: number;
  truePositives: number;
  precision: number;
  recall: number;
  f1: number;
}

const choose2 = (n: number) => (n * (n - 1)) / 2;

/**
 * Pairs are the records sharing a cluster; with source given (linking two files) only pairs across
 * the files count.
 */
export function scoreClusters(
  cluster: ArrayLike<number>,
  truth: readonly string[],
  source?: Uint8Array,
): PairScores {
  const count = (keys: (i: number) => string): number => {
    const groups = new Map<string, [number, number]>();
    for (let i = 0; i < truth.length; i++) {
      const key = keys(i);
      const g = groups.get(key) ?? [0, 0];
      const side = source ? (source[i] as number) : 0;
      g[side] = (g[side] as number) + 1;
      groups.set(key, g);
    }
    let pairs = 0;
    for (const [a, b] of groups.values()) pairs += source ? a * b : choose2(a);
    return pairs;
  };
  const predicted = count((i) => String(cluster[i]));
  const actual = count((i) => truth[i] as string);
  const truePositives = count((i) => `${cluster[i]}|${truth[i]}`);
  const precision = predicted ? truePositives / predicted : 1;
  const recall = actual ? truePositives / actual : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { predicted, actual, truePositives, precision, recall, f1 };
}
