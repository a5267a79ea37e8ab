// kill -9 mid-write loses nothing that was acknowledged. Four clients write transactions to the
// database of a running app (each adds a row and counts it); the app, its database server, or both at
// once are killed with SIGKILL while they write; the next start (or the app's own restart of its
// server) recovers, and every transaction whose COMMIT was acknowledged is there, whole.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startApp, type RunningApp } from './helpers/processes.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const WRITERS = 4;

/** The app's database, found as a CLI command finds it: the lock file's port and the password file. */
function databaseUrl(dir: string): string {
  const { port } = JSON.parse(fs.readFileSync(path.join(dir, 'together.lock'), 'utf8')) as { port: number };
  const password = fs.readFileSync(path.join(dir, 'password'), 'utf8').trim();
  return `postgres://together:${encodeURIComponent(password)}@127.0.0.1:${port}/together`;
}

const serverPid = (dir: string) =>
  Number(fs.readFileSync(path.join(dir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

/** Writes until the connection breaks; returns the numbers whose COMMIT was acknowledged. */
async function write(url: string, writer: number, stop: { now: boolean }): Promise<number[]> {
  const acknowledged: number[] = [];
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  try {
    for (let n = 1; !stop.now; n++) {
      await c.query('begin');
      await c.query(`insert into crash_probe (writer, n, payload) values ($1, $2, repeat('x', 400))`, [
        writer,
        n,
      ]);
      await c.query('update crash_count set n = n + 1 where writer = $1', [writer]);
      await c.query('commit');
      acknowledged.push(n);
    }
  } catch {
    // the server went away mid-write: what was acknowledged so far is what must survive
  }
  await c.end().catch(() => undefined);
  return acknowledged;
}

async function check(url: string, acknowledged: number[][]): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    let total = 0;
    for (let w = 0; w < WRITERS; w++) {
      const { rows } = await c.query<{ n: number }>('select n from crash_probe where writer = $1', [w]);
      const present = new Set(rows.map((r) => Number(r.n)));
      const lost = acknowledged[w]!.filter((n) => !present.has(n));
      assert.deepEqual(lost, [], `writer ${w}: acknowledged rows lost`);
      const [count] = (await c.query<{ n: number }>('select n from crash_count where writer = $1', [w])).rows;
      assert.equal(Number(count!.n), present.size, `writer ${w}: a transaction was kept in part`);
      total += acknowledged[w]!.length;
    }
    return total;
  } finally {
    await c.end();
  }
}

async function trial(kill: 'app' | 'server' | 'both'): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'together-crash-'));
  dirs.push(dir);
  let app: RunningApp = await startApp(dir);
  const url = databaseUrl(dir);
  const setup = new pg.Client({ connectionString: url });
  await setup.connect();
  await setup.query(`create table crash_probe (writer int, n int, payload text, primary key (writer, n));
    create table crash_count (writer int primary key, n int not null);
    insert into crash_count select w, 0 from generate_series(0, ${WRITERS - 1}) w;`);
  await setup.end();

  const stop = { now: false };
  const writing = Array.from({ length: WRITERS }, (_, w) => write(url, w, stop));
  await new Promise((r) => setTimeout(r, 1000 + Math.random() * 1000));
  const server = serverPid(dir);
  if (kill !== 'server') process.kill(app.child.pid!, 'SIGKILL');
  if (kill !== 'app') process.kill(server, 'SIGKILL');
  if (kill === 'app') stop.now = true; // the server lives on: stop writing to it
  const acknowledged = await Promise.all(writing);
  const written = acknowledged.reduce((s, a) => s + a.length, 0);
  assert.ok(written > 0, 'some transactions were acknowledged before the kill');

  if (kill === 'server') {
    // The app starts its server again by itself, on the same port.
    for (let i = 0; i < 600 && !/the database server is running again/.test(app.output()); i++)
      await new Promise((r) => setTimeout(r, 100));
    assert.match(app.output(), /the database server is running again/);
    assert.equal((await fetch(`${app.url}/health`)).status, 200);
  } else {
    await app.exited;
    app = await startApp(dir);
  }
  assert.equal(await check(databaseUrl(dir), acknowledged), written);
  assert.equal(await app.stop(), 0, app.output());
  return `${written} acknowledged transactions before the kill, every one there after recovery`;
}

test('kill -9 of the app and its database server together, mid-write', async (t) =>
  t.diagnostic(await trial('both')));
test('kill -9 of the database server alone, mid-write: the app starts it again', async (t) =>
  t.diagnostic(await trial('server')));
test('kill -9 of the app alone, mid-write: the next start stops the server it left and recovers', async (t) =>
  t.diagnostic(await trial('app')));
