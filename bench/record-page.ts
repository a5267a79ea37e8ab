/**
 * Record page benchmark: `npm run bench:record-page [-- --profile]`.
 *
 * For each engine (bench/lib/engines.ts: the embedded server, then the PostgreSQL server): migrates,
 * seeds the demo organisation and one child with 500 chronology entries allocated to demo user 'sw',
 * creates 50 signed-in sessions for that user, starts the app as `npm start` does, then loads
 * GET /people/<id> with 50 connections (one session each) for BENCH_SECONDS (default 20), and a
 * static asset served by the same app for the ceiling. Prints requests/s, p50/p95/p99 latency, the
 * ratio to the ceiling, and where the CPU went during the record page run (the app, the database
 * server's processes, this load generator), side by side.
 * Target on the embedded server: >= 400 requests/s and p95 <= 100 ms.
 *
 * --profile: the app runs with --cpu-prof during the record page run; the profile is written under
 * .bench/profiles and summarised (self time by package and by function).
 */
import autocannon from 'autocannon';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from '../src/db/migrate.ts';
import { BENCH_DIR, engines, sideBySide, type Engine } from './lib/engines.ts';
import { summariseProfile } from './lib/profile.ts';
import { seedRecordPage, type RecordPageData } from './lib/record-seed.ts';
import { cpuSecondsOf, freePort, memoryOf, startApp, stop, waitFor200 } from './lib/server-process.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CONNECTIONS = 50;
const ENTRIES = 500;
const STATIC_PATH = '/assets/app.css';
const TARGET = { rps: 400, p95: 100 };
const PROFILE = process.argv.includes('--profile');
const PROFILE_DIR = path.join(BENCH_DIR, 'profiles');

interface Load {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

interface Result {
  record: Load;
  asset: Load;
  cpu: { app: number; database: number; generator: number; seconds: number };
  pssMiB?: number;
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

async function prepare(engine: Engine) {
  const target = await engine.appDatabase('record');
  const db = await target.open();
  try {
    await migrate(db);
    const data = await seedRecordPage(db, { entries: ENTRIES, sessions: CONNECTIONS });
    // The steady state a running service is in: statistics for the planner (autovacuum's job, which
    // would not have come round yet just after a bulk load).
    await db.exec('analyze');
    return { env: target.env, data };
  } finally {
    await db.close();
  }
}

async function benchmark(engine: Engine, env: Record<string, string | undefined>, data: RecordPageData) {
  const port = await freePort();
  const profileDir = path.join(PROFILE_DIR, engine.key);
  if (PROFILE) fs.rmSync(profileDir, { recursive: true, force: true });
  const app = startApp(
    { ...env, PORT: String(port), NODE_ENV: 'development', LOG_LEVEL: 'warn', SEED_DEMO: 'false' },
    PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor200(`${base}/sign-in`, app.child, 120_000);
    const first = await fetch(`${base}/people/${data.childId}`, {
      headers: { cookie: data.cookies[0]! },
      redirect: 'manual',
    });
    const body = await first.text();
    if (first.status !== 200) throw new Error(`GET /people/<id> answered ${first.status}, not 200`);
    console.log(
      `  ${engine.label}: GET /people/<id> answers 200 (${Math.round(body.length / 1024)} KiB of HTML)`,
    );
    await load(`${base}/people/${data.childId}`, data.cookies, 3); // warm up
    const servers = await engine.serverPids();
    const dbPids = () => [...servers, ...childrenOf(app.child.pid!)];
    const before = {
      app: cpuSecondsOf([app.child.pid!]),
      db: cpuSecondsOf(dbPids()),
      me: process.cpuUsage(),
    };
    const t0 = performance.now();
    const record = await load(`${base}/people/${data.childId}`, data.cookies, SECONDS);
    const seconds = (performance.now() - t0) / 1000;
    const me = process.cpuUsage(before.me);
    const dbCpu = cpuSecondsOf(dbPids()) - before.db;
    const cpu = {
      // The app's own process: its tree's CPU less the embedded server's, which is its child.
      app: cpuSecondsOf([app.child.pid!]) - before.app - (servers.length ? 0 : dbCpu),
      database: dbCpu,
      generator: (me.user + me.system) / 1e6,
      seconds,
    };
    const pssMiB = memoryOf([app.child.pid!, ...servers])?.pssMiB;
    // A profile covers the record page run (and the start before it), not the static asset run.
    const asset = PROFILE ? record : await load(`${base}${STATIC_PATH}`, data.cookies, SECONDS);
    return { record, asset, cpu, pssMiB } satisfies Result;
  } catch (err) {
    console.error(app.output());
    throw err;
  } finally {
    await stop(app.child);
    if (PROFILE) {
      const file = fs.readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
      if (file) summariseProfile(path.join(profileDir, file), `${engine.label}: the app's CPU profile`);
    }
  }
}

/** The embedded server: the app's child processes (the postmaster and, under it, its backends). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

async function main(): Promise<void> {
  console.log(
    `Record page benchmark: one child with ${ENTRIES} chronology entries, ${CONNECTIONS} signed-in sessions, ${SECONDS} s per run`,
  );
  const list = await engines();
  const results: Result[] = [];
  try {
    for (const engine of list) {
      const { env, data } = await prepare(engine);
      results.push(await benchmark(engine, env, data));
    }
  } finally {
    for (const e of list) await e.close();
  }
  const cpuShare = (r: Result, k: 'app' | 'database' | 'generator') =>
    `${(r.cpu[k] / r.cpu.seconds).toFixed(2)} cores (${((r.cpu[k] / r.record.requests) * 1000).toFixed(2)} ms/req)`;
  sideBySide(
    'GET /people/<id>, 50 users',
    list.map((e) => e.label),
    [
      ['requests/s', ...results.map((r) => r.record.rps.toFixed(0))],
      ['p50', ...results.map((r) => ms(r.record.p50))],
      ['p95', ...results.map((r) => ms(r.record.p95))],
      ['p99', ...results.map((r) => ms(r.record.p99))],
      ['not 2xx / errors', ...results.map((r) => `${r.record.non2xx} / ${r.record.errors}`)],
      [`static ${STATIC_PATH} requests/s`, ...results.map((r) => r.asset.rps.toFixed(0))],
      ['ratio record / static', ...results.map((r) => (r.record.rps / r.asset.rps).toFixed(2))],
      ['CPU: the app (node)', ...results.map((r) => cpuShare(r, 'app'))],
      ['CPU: the database server', ...results.map((r) => cpuShare(r, 'database'))],
      ['CPU: this load generator', ...results.map((r) => cpuShare(r, 'generator'))],
      ['memory, app + database (PSS)', ...results.map((r) => `${r.pssMiB ?? '?'} MiB`)],
    ],
  );
  const i = list.findIndex((e) => e.key === 'embedded');
  const embedded = results[i];
  if (embedded) {
    const met =
      embedded.record.rps >= TARGET.rps && embedded.record.p95 <= TARGET.p95 && embedded.record.non2xx === 0;
    console.log(
      `\nTarget on the embedded server (>= ${TARGET.rps} requests/s, p95 <= ${TARGET.p95} ms): ${met ? 'met' : 'NOT MET'}`,
    );
    process.exitCode = met ? 0 : 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
