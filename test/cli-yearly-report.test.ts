// The yearly-report and refresh-dataset commands as an operator runs them: real processes on the
// test's own database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useDb } from './helpers/app.ts';

const t = useDb();
let dir: string;
let url: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'together-yearly-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}
const noStackTrace = (out: string) => assert.doesNotMatch(out, /^\s+at /m, out);

test('yearly-report writes the year’s report as a PDF; bad arguments and a missing report are refused', async () => {
  const [db] = await t.db.query<{ name: string }>('select current_database() as name');
  const u = new URL(process.env.TEST_DATABASE_URL!);
  u.pathname = `/${db!.name}`;
  url = u.toString();
  await t.db.query(
    `insert into yearly_report (partnership_id, year, priorities) values ($1, 2025, 'Neglect first.')`,
    [t.org.partnershipId],
  );
  const out = path.join(dir, 'report.pdf');

  const missing = run('yearly-report', '--year', '2025');
  assert.equal(missing.code, 2);
  assert.match(missing.out, /--out: the PDF file to write/);
  const badYear = run('yearly-report', '--year', '25', '--out', out);
  assert.equal(badYear.code, 2);
  assert.match(badYear.out, /--year/);
  const nobody = run('yearly-report', '--year', '2025', '--out', out, '--as', 'nobody@example.org');
  assert.equal(nobody.code, 2);
  assert.match(nobody.out, /No active user has the email nobody@example.org/);
  const none = run('yearly-report', '--year', '2024', '--out', out);
  assert.equal(none.code, 1);
  assert.match(none.out, /There is no yearly report for 1 April 2024 to 31 March 2025/);
  for (const r of [missing, badYear, nobody, none]) noStackTrace(r.out);
  assert.equal(fs.existsSync(out), false);

  const ok = run('yearly-report', '--year', '2025', '--out', out);
  assert.equal(ok.code, 0, ok.out);
  assert.match(ok.out, /Wrote .*report\.pdf .*1 April 2025 to 31 March 2026, read as business\.manager@/);
  assert.equal(fs.readFileSync(out).subarray(0, 5).toString(), '%PDF-');
  const [read] = await t.db.query<{ n: number }>(
    `select count(*)::int as n from audit_event where action = 'yearly_report.pdf'`,
  );
  assert.equal(read!.n, 1, 'the read is audited');
});

test('refresh-dataset works the year out', async () => {
  const r = run('refresh-dataset', '--year', '2025');
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /Dataset for 2025 to 2026 worked out for 1 partnership\(s\) in \d+ ms/);
  assert.equal(run('refresh-dataset').code, 2);
});
