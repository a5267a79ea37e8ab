// The embedded database as an operator meets it when something is wrong: the app stops with one
// sentence saying what to do, leaves the data directory as it found it, and leaves no server running.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runAppToEnd, startApp } from './helpers/processes.ts';

const dirs: string[] = [];
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'together-embedded-'));
  dirs.push(d);
  return d;
}
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Every file under dir with its size and content hash, to show that nothing was touched. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(`${path.relative(dir, p)} ${fs.readFileSync(p).toString('base64')}`);
    }
  };
  if (fs.statSync(dir).isDirectory()) walk(dir);
  else out.push(fs.readFileSync(dir, 'utf8'));
  return out.sort();
}

/** The app refuses to start: exit code 1, one line of output matching pattern. */
async function refused(dataDir: string, pattern: RegExp, env: Record<string, string> = {}): Promise<string> {
  const r = await runAppToEnd(dataDir, env);
  const line = r.out.trim();
  assert.equal(r.code, 1, r.out);
  assert.equal(line.split('\n').length, 1, `one line, not:\n${r.out}`);
  assert.match(line, pattern);
  return line;
}

test('a data directory that is not a database is refused and left untouched', async (t) => {
  await t.test('a file', async () => {
    const file = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(file, 'my notes');
    await refused(file, /is a file, not a directory: point it at a new or empty directory\.$/);
    assert.deepEqual(snapshot(file), ['my notes']);
  });
  await t.test('a directory of other things', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'thesis.docx'), 'chapter 1');
    fs.mkdirSync(path.join(dir, 'photos'));
    const before = snapshot(dir);
    await refused(dir, /is not a Together data directory \(it holds photos, thesis\.docx\)/);
    assert.deepEqual(snapshot(dir), before);
  });
  await t.test('a database directory without its database', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'postgres'));
    fs.writeFileSync(path.join(dir, 'postgres', 'base'), '');
    const before = snapshot(dir);
    await refused(dir, /is not a PostgreSQL database \(it has no PG_VERSION\)/);
    assert.deepEqual(snapshot(dir), before);
  });
});

test('a data directory made by PGlite is explained, not deleted', async () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'pgdata', 'base'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'pgdata', 'PG_VERSION'), '17\n');
  fs.writeFileSync(path.join(dir, 'pgdata', 'base', '1'), 'demo rows');
  fs.writeFileSync(path.join(dir, 'together.lock'), '999999');
  const before = snapshot(dir);
  await refused(
    dir,
    /made by an earlier Together, whose embedded database \(PGlite\).*to start afresh, move it aside/,
  );
  assert.deepEqual(snapshot(dir), before);
});

test('a port in use stops the app with one line, and its database server with it', async () => {
  const dir = tempDir();
  const holder = net.createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const port = (holder.address() as net.AddressInfo).port;
  try {
    await refused(dir, new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is in use by another program`), {
      PORT: String(port),
    });
  } finally {
    holder.close();
  }
  assert.ok(!fs.existsSync(path.join(dir, 'together.lock')));
  assert.ok(!fs.existsSync(path.join(dir, 'postgres', 'postmaster.pid')), 'no server left running');
  // The database it made on the way is whole: the next start uses it.
  const app = await startApp(dir);
  assert.equal(await app.stop(), 0);
});

test('a server that will not start says why and where its log is', async () => {
  const dir = tempDir();
  const app = await startApp(dir);
  assert.equal(await app.stop(), 0);
  fs.appendFileSync(path.join(dir, 'postgres', 'postgresql.conf'), "\nshared_buffers = 'plenty'\n");
  await refused(
    dir,
    /^The database server in .+ did not start \(invalid value for parameter "shared_buffers": "plenty" in .+postgresql\.conf.*\): see .+server\.log\.$/,
  );
  assert.ok(!fs.existsSync(path.join(dir, 'together.lock')));
});

test('a full disk at the first start leaves no half-made database', async (t) => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    t.skip('needs root on Linux to mount a small disk');
    return;
  }
  const disk = tempDir();
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', disk]);
  if (mounted.status !== 0) {
    t.skip('this system does not allow mounting a small disk');
    return;
  }
  try {
    const dir = path.join(disk, 'data');
    await refused(dir, /^The disk holding .+ is full, so the database could not be created: free some space/);
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f !== 'server.log'),
      [],
      'nothing half-made is left behind',
    );
  } finally {
    spawnSync('umount', [disk]);
  }
});
