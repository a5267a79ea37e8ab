/**
 * Record page benchmark: `npm run bench:record-page [-- postgres|pglite]`.
 *
 * For each database (PostgreSQL at DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres,
 * in its own database together_bench_record, recreated; and embedded PGlite in a temporary directory):
 * migrates, seeds the demo organisation and one child with 500 chronology entries allocated to demo
 * user 'sw', creates 50 signed-in sessions for that user, starts the app as `npm start` does, then
 * loads GET /people/<id> with 50 connections (one session each) for BENCH_SECONDS (default 20) and a
 * static asset served by the same app for comparison. Prints requests/s, p50/p95/p99 latency and the
 * ratio. Targets on PostgreSQL: >= 300 requests/s, p95 <= 100 ms.
 */
import autocannon from 'autocannon';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPostgres, type Db } from '../src/db/index.ts';
import { startEmbedded } from '../src/db/embedded.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedRecordPage, type RecordPageData } from './lib/record-seed.ts';
import { freePort, residentMiB, startApp, stop, waitFor200 } from './lib/server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 50;
const ENTRIES = 500;
const STATIC_PATH = '/assets/app.css';
const TARGET = { rps: 300, p95: 100 };

interface Load {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs autocannon with one session cookie per connection; latencies are taken per response. */
async function load(url: string, cookies: string[], seconds: number): Promise<Load> {
  let next = 0;
  const times: number[] = [];
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    setupClient: (client) => client.setHeaders({ cookie: cookies[next++ % cookies.length]! }),
  });
  instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  const result = await instance;
  times.sort((a, b) => a - b);
  return {
    rps: times.length / result.duration,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    requests: times.length,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function prepare(db: Db): Promise<RecordPageData> {
  try {
    await migrate(db);
    return await seedRecordPage(db, { entries: ENTRIES, sessions: CONNECTIONS });
  } finally {
    await db.close();
  }
}

async function preparePostgres(): Promise<{ env: Record<string, string | undefined>; data: RecordPageData }> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query('drop database if exists together_bench_record with (force)');
    await admin.query('create database together_bench_record');
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = '/together_bench_record';
  const data = await prepare(await openPostgres(url.toString(), { max: 2 }));
  return { env: { DATABASE_URL: url.toString() }, data };
}

async function preparePglite(
  dir: string,
): Promise<{ env: Record<string, string | undefined>; data: RecordPageData }> {
  fs.rmSync(dir, { recursive: true, force: true });
  const server = await startEmbedded({ dataDir: dir, role: 'bench' });
  const data = await prepare(await openPostgres(server.url(), { max: 2 })).finally(() => server.stop());
  return { env: { DATABASE_URL: undefined, TOGETHER_DATA_DIR: dir }, data };
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
function report(label: string, l: Load): void {
  console.log(
    `  ${label.padEnd(22)} ${l.rps.toFixed(0).padStart(6)} req/s   p50 ${ms(l.p50)}   p95 ${ms(l.p95)}   p99 ${ms(l.p99)}` +
      `   (${l.requests} requests, ${l.non2xx} not 2xx, ${l.errors} errors)`,
  );
}

async function benchmark(
  name: string,
  env: Record<string, string | undefined>,
  data: RecordPageData,
): Promise<boolean> {
  const port = await freePort();
  const { child, output } = startApp({
    ...env,
    PORT: String(port),
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(`${base}/sign-in`, child, 120_000);
    const first = await fetch(`${base}/people/${data.childId}`, {
      headers: { cookie: data.cookies[0]! },
      redirect: 'manual',
    });
    const body = await first.text();
    if (first.status !== 200) {
      console.log(
        `  The record page is not ready: GET /people/<id> answered ${first.status} (expected 200). ` +
          'Nothing was measured; run this again once the page is built.',
      );
      return false;
    }
    console.log(`  GET /people/<id> answers 200 (${Math.round(body.length / 1024)} KiB of HTML).`);
    await load(`${base}/people/${data.childId}`, data.cookies, 3); // warm up
    const record = await load(`${base}/people/${data.childId}`, data.cookies, SECONDS);
    const rss = residentMiB(child.pid!);
    const asset = await load(`${base}${STATIC_PATH}`, data.cookies, SECONDS);
    report('record page', record);
    report(`static ${STATIC_PATH}`, asset);
    console.log(
      `  ratio record/static: ${(record.rps / asset.rps).toFixed(2)}; app resident memory ${rss ?? '?'} MiB`,
    );
    if (name === 'PostgreSQL') {
      const met = record.rps >= TARGET.rps && record.p95 <= TARGET.p95 && record.non2xx === 0;
      console.log(`  target (>= ${TARGET.rps} req/s, p95 <= ${TARGET.p95} ms): ${met ? 'met' : 'NOT MET'}`);
      return met;
    }
    return record.non2xx === 0;
  } catch (err) {
    console.error(output());
    throw err;
  } finally {
    await stop(child);
  }
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const dir = path.join(os.tmpdir(), `together-bench-record-${process.pid}`);
  console.log(
    `Record page benchmark: one child with ${ENTRIES} chronology entries, ${CONNECTIONS} signed-in sessions, ${SECONDS} s per run`,
  );
  let ok = true;
  try {
    if (!only || only === 'postgres') {
      console.log('\nPostgreSQL');
      let prepared: Awaited<ReturnType<typeof preparePostgres>> | undefined;
      try {
        prepared = await preparePostgres();
      } catch (err) {
        console.log(`  PostgreSQL is not reachable (${(err as Error).message}): skipped.`);
      }
      if (prepared) ok = (await benchmark('PostgreSQL', prepared.env, prepared.data)) && ok;
    }
    if (!only || only === 'pglite') {
      console.log('\nPGlite (embedded)');
      const prepared = await preparePglite(dir);
      ok = (await benchmark('PGlite', prepared.env, prepared.data)) && ok;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exitCode = ok ? 0 : 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
