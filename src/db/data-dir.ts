/**
 * The embedded server's data directory (what it holds: embedded.ts): checked before use, made, locked
 * by the one process that runs the server, and cleared of a server an earlier process left running.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseStartError, runningAsRoot } from './server-process.ts';

export type Role = 'app' | 'cli' | 'test' | 'bench';
export type Log = (level: 'info' | 'warn', msg: string) => void;

export const CLUSTER = 'postgres';
export const INIT = 'postgres.init';
export const PASSWORD = 'password';
export const LOG = 'server.log';
export const LOCK = 'together.lock';
const OURS = new Set([CLUSTER, INIT, PASSWORD, LOG, `${LOG}.1`, LOCK]);

export interface LockInfo {
  pid: number;
  role: Role;
  port?: number;
}

/** A directory that is ours to use: new, empty, or already a Together data directory. */
export function checkDataDir(dir: string, shown: string): void {
  let entries: string[];
  try {
    if (!fs.statSync(dir).isDirectory()) {
      throw new DatabaseStartError(
        `TOGETHER_DATA_DIR (${shown}) is a file, not a directory: point it at a new or empty directory.`,
      );
    }
    entries = fs.readdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code === 'EACCES' || code === 'EPERM') {
      throw new DatabaseStartError(
        `The data directory ${shown} cannot be read by this user: run Together as the user who owns it, or set TOGETHER_DATA_DIR to another directory.`,
      );
    }
    throw err;
  }
  if (entries.includes('pgdata')) {
    throw new DatabaseStartError(
      `The data directory ${shown} was made by an earlier Together, whose embedded database (PGlite) has given way to a real PostgreSQL server with a different format; it held only demo data: to start afresh, move it aside (mv ${shown} ${shown.replace(/\/+$/, '')}-pglite) or delete it, then start again.`,
    );
  }
  const foreign = entries.filter((e) => !OURS.has(e) && !e.startsWith('.'));
  if (foreign.length && !entries.includes(CLUSTER)) {
    throw new DatabaseStartError(
      `TOGETHER_DATA_DIR (${shown}) is not a Together data directory (it holds ${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', ...' : ''}): point it at a new or empty directory.`,
    );
  }
  if (entries.includes(CLUSTER) && !fs.existsSync(path.join(dir, CLUSTER, 'PG_VERSION'))) {
    throw new DatabaseStartError(
      `${path.join(shown, CLUSTER)} is not a PostgreSQL database (it has no PG_VERSION): restore the data directory from a backup, or move it aside to start afresh.`,
    );
  }
}

export function makeDataDir(dir: string, shown: string): void {
  try {
    // Parents as any directory is made (0700 on them would close the way to the server user).
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    if (!fs.existsSync(dir)) fs.mkdirSync(dir, { mode: 0o700 });
    // As root the server runs as another user, who must be able to pass through (not list) it.
    if (runningAsRoot()) fs.chmodSync(dir, 0o711);
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DatabaseStartError(
      code === 'ENOSPC'
        ? `The disk holding ${shown} is full: free some space and start again.`
        : `The data directory ${shown} cannot be created or written (${code ?? (err as Error).message}): set TOGETHER_DATA_DIR to a directory this user may write.`,
    );
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether pid runs program (Linux /proc; elsewhere a live pid is taken at its word). */
export function runs(pid: number, program: RegExp): boolean {
  if (!isAlive(pid)) return false;
  try {
    return program.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

export function readLock(file: string): LockInfo | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    return typeof info.pid === 'number' ? info : undefined;
  } catch {
    return /^\d+$/.test(text.trim()) ? { pid: Number(text), role: 'app' } : undefined;
  }
}

/**
 * The lock file names the process that runs the server. A lock left by a process that has gone (or
 * whose pid now belongs to a program other than node) is taken over.
 */
export function takeLock(dir: string): { taken: true } | { taken: false; holder: LockInfo } {
  const file = path.join(dir, LOCK);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.closeSync(fs.openSync(file, 'wx', 0o644));
      return { taken: true };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readLock(file);
    if (holder && holder.pid !== process.pid && runs(holder.pid, /node|tsx/)) return { taken: false, holder };
    if (!holder && attempt === 0) {
      // Being written this instant by a process that has just taken it.
      spinWait(100);
      continue;
    }
    fs.rmSync(file, { force: true });
  }
  const holder = readLock(file);
  return holder ? { taken: false, holder } : { taken: true };
}

export function spinWait(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * A server left running by a Together that ended without stopping it (kill -9): it is stopped
 * cleanly (a fast shutdown, as on Ctrl-C) before this process starts its own.
 */
export async function stopLeftOverServer(clusterDir: string, log: Log): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  let pid: number;
  try {
    pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  if (!pid || !isAlive(pid)) return; // the server's own start recovers from a crash
  if (!runs(pid, /postgres/)) {
    fs.rmSync(pidFile, { force: true }); // a pid reused since (a restart of the machine or container)
    return;
  }
  log(
    'warn',
    `stopping the database server (process ${pid}) left running by a Together that did not stop it`,
  );
  for (const [signal, seconds] of [
    ['SIGINT', 60],
    ['SIGQUIT', 10],
    ['SIGKILL', 10],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let waited = 0; waited < seconds * 10 && isAlive(pid); waited++) await sleep(100);
    if (!isAlive(pid)) return;
  }
  throw new DatabaseStartError(
    `The database server left running in ${clusterDir} (process ${pid}) will not stop: stop it, then start again.`,
  );
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

export function readPassword(dir: string, shown: string): string {
  try {
    return fs.readFileSync(path.join(dir, PASSWORD), 'utf8').trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DatabaseStartError(
      code === 'ENOENT'
        ? `${path.join(shown, PASSWORD)} is missing, so the database in ${shown} cannot be opened: restore the data directory from a backup, or move it aside to start afresh.`
        : `${path.join(shown, PASSWORD)} cannot be read by this user: run the command as the user who runs Together.`,
    );
  }
}

export function checkCluster(
  clusterDir: string,
  shown: string,
  version: string,
  uid: number | undefined,
): void {
  const made = fs.readFileSync(path.join(clusterDir, 'PG_VERSION'), 'utf8').trim();
  const major = version.split('.')[0];
  if (made !== major) {
    throw new DatabaseStartError(
      `The database in ${shown} was made by PostgreSQL ${made} and this Together runs PostgreSQL ${major}: dump it with pg_dump ${made} and restore it into a fresh data directory, or move it aside to start afresh.`,
    );
  }
  const owner = fs.statSync(clusterDir).uid;
  const me = uid ?? process.getuid?.();
  if (me !== undefined && owner !== me && process.platform !== 'win32') {
    throw new DatabaseStartError(
      `The database in ${shown} belongs to another user (uid ${owner}): run Together as that user (or as root), or set TOGETHER_DATA_DIR to another directory.`,
    );
  }
}
