// The admin commands as an operator runs them: real processes on a real embedded database, on their
// own and beside the running app.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbedded } from '../src/db/embedded.ts';
import { openPostgres, type Db } from '../src/db/index.ts';
import { cli, runAppToEnd, startApp } from './helpers/processes.ts';

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'together-cli-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The data directory's database, opened the way the app opens it (the app must not be running). */
async function withDatabase(fn: (db: Db) => Promise<void>): Promise<void> {
  const server = await startEmbedded({ dataDir: dir, role: 'test' });
  const db = await openPostgres(server.url(), { max: 1 });
  try {
    await fn(db);
  } finally {
    await db.close();
    await server.stop();
  }
}

const noStackTrace = (out: string) => assert.doesNotMatch(out, /^\s+at /m, out);

test('clock prints a due date, and refuses unknown clocks and impossible dates', () => {
  assert.deepEqual(cli(dir, 'clock', 'referral-decision', '2024-03-28'), { code: 0, out: '2024-04-02\n' });
  assert.equal(cli(dir, 'clock', 'icpc', '2024-02-30').code, 2);
  const unknown = cli(dir, 'clock', 'tea-break', '2024-01-01');
  assert.equal(unknown.code, 2);
  assert.match(unknown.out, /Unknown clock/);
  const list = cli(dir, 'clock');
  assert.equal(list.code, 0);
  assert.match(list.out, /^icpc +15 working days +starts: strategy discussion$/m);
  assert.match(list.out, /^cin-plan-review +3 months \(local setting\)/m);
  assert.match(
    list.out,
    /^escalation-practitioner +2 working days \(local setting\) +starts: escalation raised$/m,
  );
  // Raised on Christmas Eve 2026: Christmas and the Boxing Day substitute are not working days.
  assert.deepEqual(cli(dir, 'clock', 'escalation-practitioner', '2026-12-24'), {
    code: 0,
    out: '2026-12-30\n',
  });
  assert.deepEqual(cli(dir, 'clock', 'escalation-manager', '2026-12-24'), { code: 0, out: '2027-01-05\n' });
  assert.deepEqual(cli(dir, 'clock', 'escalation-head', '2026-05-01'), { code: 0, out: '2026-05-11\n' });
});

test('with the app stopped, a command starts the database itself: verify-audit names the first broken link', async () => {
  const migrated = cli(dir, 'migrate');
  assert.equal(migrated.code, 0, migrated.out);
  assert.match(migrated.out, /Applied: 0001_foundation/);
  await withDatabase(async (db) => {
    const [p] = await db.query<{ id: string }>(
      `insert into partnership (name) values ('CLI test') returning id`,
    );
    for (const action of ['a', 'b', 'c']) {
      await db.query(
        `insert into audit_event (partnership_id, action, prev_hash, hash) values ($1, $2, '', '')`,
        [p!.id, action],
      );
    }
  });

  const intact = cli(dir, 'verify-audit');
  assert.equal(intact.code, 0, intact.out);
  assert.match(intact.out, /intact: 3 events checked/);
  assert.ok(!fs.existsSync(path.join(dir, 'together.lock')), 'the command let go of the data directory');

  await withDatabase(async (db) => {
    // Only by switching the guard off (as a superuser could) can a row be changed.
    await db.exec(`alter table audit_event disable trigger audit_event_no_update;
      update audit_event set action = 'edited' where seq = 2;
      alter table audit_event enable trigger audit_event_no_update;`);
  });
  const broken = cli(dir, 'verify-audit');
  assert.equal(broken.code, 1);
  assert.match(broken.out, /BROKEN at event 2: content does not match its hash/);
});

test("beside the running app, commands use the app's database, and a second app is refused", async () => {
  const app = await startApp(dir);
  try {
    const verify = cli(dir, 'verify-audit');
    assert.equal(verify.code, 1, verify.out); // the chain broken above, read through the app's server
    assert.match(verify.out, /BROKEN at event 2/);
    noStackTrace(verify.out);
    assert.deepEqual(cli(dir, 'migrate'), { code: 0, out: 'The database is up to date.\n' });
    const lock = JSON.parse(fs.readFileSync(path.join(dir, 'together.lock'), 'utf8')) as { port: number };
    const url = cli(dir, 'database-url');
    assert.equal(url.code, 0, url.out);
    assert.match(
      url.out,
      new RegExp(`^postgres://together:[^@\\s]+@127\\.0\\.0\\.1:${lock.port}/together\\n$`),
    );
    assert.equal((await fetch(`${app.url}/health`)).status, 200);

    const second = await runAppToEnd(dir);
    assert.equal(second.code, 1);
    assert.match(
      second.out.trim(),
      /^Together is already running on the data directory .+ \(process \d+\): stop it first/,
    );
    assert.equal(second.out.trim().split('\n').length, 1, second.out);
    assert.equal((await fetch(`${app.url}/health`)).status, 200, 'the first app still serves');
  } finally {
    assert.equal(await app.stop(), 0, app.output());
  }
  assert.ok(!fs.existsSync(path.join(dir, 'together.lock')));
  assert.ok(!fs.existsSync(path.join(dir, 'postgres', 'postmaster.pid')), 'the server stopped with the app');
  const stopped = cli(dir, 'database-url');
  assert.equal(stopped.code, 1);
  assert.match(stopped.out, /^Together is not running on .+: start it \(npm start\), then ask again\.\n$/);
});

test('expected problems are one sentence, not a stack trace', () => {
  const user = cli(dir, 'create-user', '--email', 'x@example.org');
  assert.equal(user.code, 2);
  assert.match(user.out, /^Cannot create the user:/);
  noStackTrace(user.out);
  // The independent scrutineer holds no other role, from the command line too.
  const both = cli(
    dir,
    'create-user',
    '--email',
    'x@example.org',
    '--name',
    'X',
    '--agency',
    'A',
    '--roles',
    'scrutineer,dpo',
  );
  assert.equal(both.code, 2);
  assert.match(both.out, /--roles: The independent scrutineer holds no other role/);
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'together-cli-empty-'));
  try {
    const unmigrated = cli(empty, 'verify-audit');
    assert.equal(unmigrated.code, 1);
    assert.equal(
      unmigrated.out,
      'The database has no Together tables yet: run npm run together -- migrate (or start Together once).\n',
    );
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
  const unknown = cli(dir, 'drop-everything');
  assert.equal(unknown.code, 2);
  assert.match(unknown.out, /Usage: npm run together/);
});
