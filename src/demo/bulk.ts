import type { Db } from '../db/index.ts';

type Value = string | number | boolean | null;

/**
 * Rows for one table, gathered column by column and written with
 * `insert … select … from unnest($1::type[], …)`: one statement per batch, however many rows.
 */
export class Rows<C extends string> {
  private readonly data: Value[][];
  private readonly names: C[];
  constructor(
    readonly table: string,
    private readonly columns: Record<C, string>,
    /** Columns computed in SQL from the unnested ones, e.g. { given_key: 'dmetaphone(given_norm)' }. */
    private readonly computed: Record<string, string> = {},
  ) {
    this.names = Object.keys(columns) as C[];
    this.data = this.names.map(() => []);
  }

  get length(): number {
    return this.data[0]?.length ?? 0;
  }

  add(row: Record<C, Value>): void {
    this.names.forEach((name, i) => this.data[i]!.push(row[name] ?? null));
  }

  async insert(db: Db, batch = 2_000): Promise<void> {
    const types = this.names.map((n) => this.columns[n]);
    const extra = Object.keys(this.computed);
    // Columns named _x are inputs of computed columns only.
    const stored = this.names.filter((n) => !n.startsWith('_'));
    const sql = `insert into ${this.table} (${[...stored, ...extra].join(', ')})
      select ${[...stored, ...extra.map((k) => this.computed[k])].join(', ')}
      from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')}) as t(${this.names.join(', ')})`;
    for (let start = 0; start < this.length; start += batch) {
      await db.query(
        sql,
        this.data.map((col) => col.slice(start, start + batch)),
      );
    }
  }
}
