import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite, types } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';

export type Row = Record<string, unknown>;

/**
 * The one data-access handle: plain SQL with positional parameters. Repositories take a Db so
 * they work the same on the outer handle and inside a transaction.
 */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs fn in one transaction. Inside, use only the handle fn receives. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function one<T = Row>(db: Db, sql: string, params?: readonly unknown[]): Promise<T> {
  const rows = await db.query<T>(sql, params);
  if (rows.length !== 1) throw new Error(`expected one row, got ${rows.length}`);
  return rows[0] as T;
}

export async function maybeOne<T = Row>(
  db: Db,
  sql: string,
  params?: readonly unknown[],
): Promise<T | undefined> {
  const rows = await db.query<T>(sql, params);
  return rows[0];
}

// Dates stay 'YYYY-MM-DD' strings (a Date would shift them by the server's zone); int8 and
// counts become numbers (ids never exceed 2^53).
const DATE_OID = 1082;
const INT8_OID = 20;
const NUMERIC_OID = 1700;
pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));
pg.types.setTypeParser(NUMERIC_OID, (v: string) => Number(v));

/**
 * Statement names by SQL text: each connection parses and plans a statement once and reuses it,
 * which matters on pages that run a dozen small queries. Multi-statement SQL goes through exec().
 */
const statementNames = new Map<string, string>();
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `s${crypto.createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    if (statementNames.size < 5000) statementNames.set(sql, name);
  }
  return name;
}

class PostgresDb implements Db {
  readonly kind = 'postgres' as const;
  constructor(
    private readonly pool: pg.Pool,
    private readonly client?: pg.PoolClient,
  ) {}
  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const res = await (this.client ?? this.pool).query({
      name: statementName(sql),
      text: sql,
      values: params as unknown[],
    });
    return res.rows as T[];
  }
  async exec(sql: string): Promise<void> {
    await (this.client ?? this.pool).query(sql);
  }
  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.client) return fn(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(new PostgresDb(this.pool, client));
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
  async close(): Promise<void> {
    if (!this.client) await this.pool.end();
  }
}

type PgliteLike = Pick<PGlite, 'query' | 'exec'>;

class PgliteDb implements Db {
  readonly kind = 'pglite' as const;
  constructor(
    private readonly conn: PgliteLike,
    private readonly root?: PGlite,
    private readonly onClose?: () => void,
  ) {}
  async query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const res = await this.conn.query<T>(sql, params as unknown[]);
    return res.rows;
  }
  async exec(sql: string): Promise<void> {
    await this.conn.exec(sql);
  }
  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (!this.root) return fn(this);
    return this.root.transaction((tx) => fn(new PgliteDb(tx)));
  }
  async close(): Promise<void> {
    if (this.root && !this.root.closed) await this.root.close();
    this.onClose?.();
  }
}

const pgliteParsers = {
  [DATE_OID]: (v: string) => v,
  [INT8_OID]: (v: string) => Number(v),
  [NUMERIC_OID]: (v: string) => Number(v),
  [types.TIMESTAMPTZ]: (v: string) => new Date(v),
};

/** An embedded database; dataDir undefined means in memory (tests). */
export async function openPglite(dataDir?: string): Promise<Db> {
  let release: (() => void) | undefined;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    release = lockDataDir(dataDir);
  }
  try {
    const db = await PGlite.create(dataDir ? path.join(dataDir, 'pgdata') : undefined, {
      extensions: { pg_trgm, fuzzystrmatch },
      parsers: pgliteParsers,
    });
    return new PgliteDb(db, db, release);
  } catch (err) {
    release?.();
    throw err;
  }
}

export async function openPostgres(url: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  pool.on('error', () => undefined); // an idle client's error must not crash the process
  await pool.query('select 1');
  return new PostgresDb(pool);
}

export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }): Promise<Db> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

export class DataDirLockedError extends Error {}

/**
 * PGlite has one connection per process: a second process on the same directory would corrupt it.
 * A lock file holding our pid guards it; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, 'together.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => fs.rmSync(lockPath, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new DataDirLockedError(`The data directory ${dataDir} is in use by process ${pid}.`);
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new DataDirLockedError(`Could not lock the data directory ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
