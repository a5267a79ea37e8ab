// Runs the test suites: unit and integration tests on the embedded database, again on PostgreSQL
// when TEST_DATABASE_URL is set, then the browser tests when Chromium is installed.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const args = process.argv.slice(2);
const only = args.filter((a) => !a.startsWith('-'));

function find(dir, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) find(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const all = [...find('src'), ...find('test')].sort();
const pick = (files) => (only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files);
const browser = pick(all.filter((f) => f.startsWith(path.join('test', 'browser'))));
const server = pick(all.filter((f) => !browser.includes(f) && !f.startsWith(path.join('test', 'browser'))));

function run(label, files, env = {}) {
  if (files.length === 0) return 0;
  console.log(`\n== ${label}: ${files.length} files`);
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
    { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test', ...env } },
  );
  return r.status ?? 1;
}

let failed = 0;
const pgUrl = process.env.TEST_DATABASE_URL;
failed += run('embedded database (PGlite)', server, { TEST_DATABASE_URL: '' });
if (pgUrl)
  failed += run(
    `PostgreSQL (${new URL(pgUrl).host})`,
    server.filter((f) => !f.includes('.unit.')),
    { TEST_DATABASE_URL: pgUrl },
  );
else console.log('\nTEST_DATABASE_URL is not set: the PostgreSQL run is skipped.');

if (browser.length) {
  if (fs.existsSync(CHROMIUM)) failed += run('browser (headless Chromium)', browser);
  else if (process.env.CI === 'true') {
    console.error(
      `\nChromium is missing at ${CHROMIUM}: browser tests cannot run, and CI=true makes that a failure.`,
    );
    failed += 1;
  } else
    console.log(
      `\nChromium is not installed at ${CHROMIUM}: the ${browser.length} browser test files are skipped (apt-get install chromium).`,
    );
}
process.exit(failed ? 1 : 0);
