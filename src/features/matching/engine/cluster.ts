/** Turning scored pairs into people: connected components with union-find. */

export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.size = new Int32Array(n).fill(1);
  }
  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root] as number;
    while (this.parent[x] !== root) {
      const next = this.parent[x] as number;
      this.parent[x] = root;
      x = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if ((this.size[ra] as number) < (this.size[rb] as number)) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] = (this.size[ra] as number) + (this.size[rb] as number);
  }
}

/** Cluster id (a representative index) of each record: pairs at or above the threshold join. */
export function connectedComponents(
  n: number,
  left: Int32Array,
  right: Int32Array,
  prob: Float32Array | Float64Array,
  threshold: number,
): Int32Array {
  const uf = new UnionFind(n);
  for (let p = 0; p < left.length; p++) {
    if ((prob[p] as number) >= threshold) uf.union(left[p] as number, right[p] as number);
  }
  return Int32Array.from({ length: n }, (_, i) => uf.find(i));
}
