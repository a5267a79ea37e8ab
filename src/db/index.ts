import crypto from 'node:crypto';
import pg from 'pg';
import { DatabaseStartError, startEmbedded, type Role } from './embedded.ts';

export { DatabaseStartError } from './embedded.ts';

export type Row = Record<string, unknown>;

/**
 * The one data-access handle: plain SQL with positional parameters. Repositories take a Db so
 * they work the same on the outer handle and inside a transaction.
 */
export interface Db {
  /** The engine and its version, e.g. 'postgresql 18.4 (embedded)'. */
  readonly engine: string;
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
  constructor(
    readonly engine: string,
    private readonly pool: pg.Pool,
    private readonly client?: pg.PoolClient,
    private readonly onClose?: () => Promise<void>,
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
      const result = await fn(new PostgresDb(this.engine, this.pool, client));
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
    if (this.client) return;
    await this.pool.end();
    await this.onClose?.();
  }
}

export interface OpenOptions {
  /** Connections in the pool. */
  max?: number;
  /** Said in the engine's name: the embedded server. */
  embedded?: boolean;
  /** Runs after the pool has closed (stops the embedded server). */
  onClose?: () => Promise<void>;
}

/** A pool on a PostgreSQL server; fails with one clear line when the server cannot be reached. */
export async function openPostgres(url: string, opts: OpenOptions = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, idleTimeoutMillis: 30_000 });
  pool.on('error', () => undefined); // an idle client's error must not crash the process
  let version: string;
  try {
    const { rows } = await pool.query<{ v: string }>("select current_setting('server_version') as v");
    version = rows[0]!.v.split(' ')[0]!;
  } catch (err) {
    await pool.end().catch(() => undefined);
    const where = (() => {
      try {
        const u = new URL(url);
        return `${u.hostname}:${u.port || 5432}${u.pathname}`;
      } catch {
        return 'the address given';
      }
    })();
    throw new DatabaseStartError(
      `Cannot use the PostgreSQL server at ${where} (${(err as Error).message}): check that it is running and that the address, user and password are right.`,
    );
  }
  return new PostgresDb(
    `postgresql ${version}${opts.embedded ? ' (embedded)' : ''}`,
    pool,
    undefined,
    opts.onClose,
  );
}

export interface DatabaseOptions {
  /** A PostgreSQL server; unset: the embedded server in dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** Who opens it: the app runs the embedded server; a CLI command uses the running app's. */
  role: Extract<Role, 'app' | 'cli'>;
  log?: (level: 'info' | 'warn', msg: string) => void;
  /** The embedded server died and could not be started again. */
  onLost?: (err: Error) => void;
}

/** The app's database: DATABASE_URL, or the embedded PostgreSQL server with its data in dataDir. */
export async function openDatabase(opts: DatabaseOptions): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl);
  const server = await startEmbedded({
    dataDir: opts.dataDir,
    role: opts.role,
    log: opts.log,
    onLost: opts.onLost,
  });
  try {
    return await openPostgres(server.url(), { embedded: true, onClose: () => server.stop() });
  } catch (err) {
    await server.stop();
    throw err;
  }
}
