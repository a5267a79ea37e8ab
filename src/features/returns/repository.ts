/** The returns' own tables: imported census files, and the partnership the command line acts for. */
import type { Db } from '../../db/index.ts';

export interface ImportRow {
  id: string;
  fileName: string;
  censusYear: number;
  children: number;
  errors: number;
  queries: number;
  importedAt: Date;
}

export async function saveImport(
  tx: Db,
  i: {
    partnershipId: string;
    userId: string | null;
    fileName: string;
    year: number;
    lea: string | null;
    children: number;
    errors: number;
    queries: number;
    census: unknown;
    failures: unknown;
  },
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `insert into cin_census_import (partnership_id, imported_by, file_name, census_year, lea, children, errors,
       queries, census, failures) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) returning id`,
    [
      i.partnershipId,
      i.userId,
      i.fileName,
      i.year,
      i.lea,
      i.children,
      i.errors,
      i.queries,
      JSON.stringify(i.census),
      JSON.stringify(i.failures),
    ],
  );
  return row!.id;
}

export async function recentImports(db: Db, partnershipId: string): Promise<ImportRow[]> {
  return db.query<ImportRow>(
    `select id, file_name as "fileName", census_year as "censusYear", children, errors, queries,
            imported_at as "importedAt"
     from cin_census_import where partnership_id = $1 order by imported_at desc limit 20`,
    [partnershipId],
  );
}

/** The one partnership of a database (the command line acts for it); undefined when there is none. */
export async function onlyPartnership(db: Db): Promise<{ id: string } | undefined> {
  const rows = await db.query<{ id: string }>('select id from partnership order by created_at limit 2');
  return rows.length === 1 ? rows[0] : undefined;
}

/**
 * Runs a return's reads in one transaction with PostgreSQL's JIT compilation off: they are tens of
 * thousands of small indexed lookups, whose plan costs tempt the server to compile them, which took
 * longer (over a second a statement) than running them (bench:returns).
 */
export async function withoutJit<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query('set local jit = off');
    return fn(tx);
  });
}
