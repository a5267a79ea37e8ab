/** The PostgreSQL server this process runs: started on a free port, watched, restarted if it dies, stopped. */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { CLUSTER, LOG, PASSWORD, sleep, type Role } from './data-dir.ts';
import { DatabaseStartError, type ServerLauncher } from './server-process.ts';

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
export const USER = 'together';

/** What went wrong, from a server or initdb log: its first FATAL or PANIC line, without the prefix. */
export function lastProblem(text: string): string | undefined {
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

export function freePort(): Promise<number> {
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

export function connectionUrl(port: number, password: string, database: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** The server this process runs: started, watched, restarted if it dies, stopped. */
export class Server implements EmbeddedServer {
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
export function sharedBuffers(): string {
  const mb = Math.floor(os.totalmem() / 8 / 1024 / 1024);
  return `${Math.min(1024, Math.max(128, mb))}MB`;
}

export class PortTaken extends Error {}

export interface Exit {
  code: number | null;
  signal: string | null;
  error?: string;
}

export function rotate(logFile: string): void {
  try {
    if (fs.statSync(logFile).size > 10 * 1024 * 1024) fs.renameSync(logFile, `${logFile}.1`);
  } catch {
    // no log yet
  }
}

/** One connection attempt: is the server accepting connections yet? */
export async function probe(port: number, password: string): Promise<'ready' | 'waiting' | 'bad-password'> {
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
