// The admin commands as an operator runs them: a real process on a real embedded database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';

let dir: string;
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'together-cli-'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const env = {
    ...process.env,
    TOGETHER_DATA_DIR: dir,
    DATABASE_URL: '',
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
  };
  delete (env as Record<string, unknown>).DATABASE_URL;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

test('clock prints a due date, and refuses unknown clocks and impossible dates', () => {
  assert.deepEqual(cli('clock', 'referral-decision', '2024-03-28'), { code: 0, out: '2024-04-02\n' });
  assert.equal(cli('clock', 'icpc', '2024-02-30').code, 2);
  const unknown = cli('clock', 'tea-break', '2024-01-01');
  assert.equal(unknown.code, 2);
  assert.match(unknown.out, /Unknown clock/);
  const list = cli('clock');
  assert.equal(list.code, 0);
  assert.match(list.out, /^icpc +15 working days +starts: strategy discussion$/m);
  assert.match(list.out, /^cin-plan-review +3 months \(local setting\)/m);
});

test('verify-audit passes an intact chain and names the first broken link of a tampered one', async () => {
  const db = await openPglite(dir);
  await migrate(db);
  const [p] = await db.query<{ id: string }>(
    `insert into partnership (name) values ('CLI test') returning id`,
  );
  for (const action of ['a', 'b', 'c']) {
    await db.query(
      `insert into audit_event (partnership_id, action, prev_hash, hash) values ($1, $2, '', '')`,
      [p!.id, action],
    );
  }
  await db.close();

  const intact = cli('verify-audit');
  assert.equal(intact.code, 0, intact.out);
  assert.match(intact.out, /intact: 3 events checked/);

  const again = await openPglite(dir);
  // Only by switching the guard off (as a superuser could) can a row be changed.
  await again.exec(`alter table audit_event disable trigger audit_event_no_update;
    update audit_event set action = 'edited' where seq = 2;
    alter table audit_event enable trigger audit_event_no_update;`);
  await again.close();

  const broken = cli('verify-audit');
  assert.equal(broken.code, 1);
  assert.match(broken.out, /BROKEN at event 2: content does not match its hash/);
});

test('unknown commands print the usage and fail', () => {
  const r = cli('drop-everything');
  assert.equal(r.code, 2);
  assert.match(r.out, /Usage: npm run together/);
});
