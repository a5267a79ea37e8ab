// The test command: every suite once, on one PostgreSQL server (the embedded one, started for the run,
// or the server at TEST_DATABASE_URL), each test file in a database of its own copied from a template
// migrated once. Browser tests need Chromium at /usr/bin/chromium. Ends with one verdict line over
// every suite, and exits 1 unless it reads 0 failed.
//
//   npm test                      everything
//   npm test -- people casework   only the test files whose path holds one of the words
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DatabaseStartError, startEmbedded, type EmbeddedServer } from '../src/db/embedded.ts';
import { openPostgres } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';

const CHROMIUM = '/usr/bin/chromium';
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));

function find(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) find(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const all = [...find('src'), ...find('test')].sort();
const pick = (files: string[]) =>
  only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
const isBrowser = (f: string) => f.startsWith(path.join('test', 'browser'));
const browser = pick(all.filter(isBrowser));
const server = pick(all.filter((f) => !isBrowser(f)));

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const notes: string[] = [];

const minutes = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
};

let running: ReturnType<typeof spawn> | undefined;

/** Runs files under node:test with the spec reporter, and counts them with scripts/test-counter.mjs. */
async function run(label: string, files: string[], env: Record<string, string>): Promise<void> {
  if (files.length === 0) return;
  console.log(`\n== ${label}: ${files.length} files`);
  const countFile = path.join(os.tmpdir(), `together-test-counts-${process.pid}-${crypto.randomUUID()}.json`);
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=./scripts/test-counter.mjs',
      `--test-reporter-destination=${countFile}`,
      `--test-concurrency=${Math.max(2, os.availableParallelism())}`,
      ...files,
    ],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', ...env } },
  );
  running = child;
  const code = await new Promise<number>((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
  running = undefined;
  let counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    counts = JSON.parse(fs.readFileSync(countFile, 'utf8')) as Counts;
  } catch {
    // no counts: the run died before its reporter finished
  } finally {
    fs.rmSync(countFile, { force: true });
  }
  if (code !== 0 && counts.failed === 0) {
    // The verdict must agree with the exit code: a run that failed outside any test is a failure too.
    counts.failed = 1;
    notes.push(`${label}: the test process exited with code ${code} outside any test (counted as 1 failed)`);
  }
  for (const k of ['passed', 'failed', 'skipped'] as const) total[k] += counts[k];
  notes.push(
    `${label}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped in ${minutes(Date.now() - started)}`,
  );
}

/** The run's server and the template every test database is copied from. */
async function prepare(): Promise<{ url: string; label: string; done: () => Promise<void> }> {
  let embedded: EmbeddedServer | undefined;
  let dataDir: string | undefined;
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'together-test-'));
    embedded = await startEmbedded({
      dataDir,
      role: 'test',
      // A throwaway server: nothing needs to survive a crash, so nothing waits for the disk.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '200' },
    });
    url = embedded.url('postgres');
  }
  const template = `together_template_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${template}`);
  const u = new URL(url);
  u.pathname = `/${template}`;
  const db = await openPostgres(u.toString(), { max: 1 });
  const engine = db.engine.replace('postgresql', 'PostgreSQL');
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  process.env.TEST_TEMPLATE_DATABASE = template;
  return {
    url,
    label: embedded ? `embedded ${engine.replace(' (embedded)', '')}` : `${engine} at ${u.host}`,
    async done() {
      await admin(`drop database if exists ${template} with (force)`).catch(() => undefined);
      await embedded?.stop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<number> {
  const started = Date.now();
  const db = await prepare();
  const stop = () => {
    running?.kill('SIGINT');
    void db.done().finally(() => process.exit(130));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const env = { TEST_DATABASE_URL: db.url, TEST_TEMPLATE_DATABASE: process.env.TEST_TEMPLATE_DATABASE! };
  try {
    await run(`server tests on ${db.label}`, server, env);
    if (browser.length) {
      if (fs.existsSync(CHROMIUM))
        await run(`browser tests (headless Chromium) on ${db.label}`, browser, env);
      else if (process.env.CI === 'true') {
        notes.push(`browser tests: Chromium is missing at ${CHROMIUM}, and CI=true makes that a failure`);
        total.failed += 1;
      } else {
        notes.push(
          `browser tests: Chromium is not installed at ${CHROMIUM} (apt-get install chromium): ${browser.length} files skipped`,
        );
        total.skipped += browser.length;
      }
    }
  } finally {
    await db.done();
  }
  console.log(`\n${notes.join('\n')}\nThe whole run took ${minutes(Date.now() - started)}.`);
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof DatabaseStartError ? err.message : err);
    console.log(`${total.passed} passed, ${total.failed + 1} failed, ${total.skipped} skipped`);
    process.exit(1);
  },
);
