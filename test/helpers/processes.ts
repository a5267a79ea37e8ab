/** Together as an operator runs it, in real processes: the app (npm start) and the CLI. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The environment of a process on the embedded database in dataDir (nothing of the test run's own). */
export function envFor(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['DATABASE_URL', 'TEST_DATABASE_URL', 'TEST_TEMPLATE_DATABASE', 'PORT', 'SEED_DEMO'])
    delete env[k];
  return {
    ...env,
    TOGETHER_DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    PORT: '0',
    SEED_DEMO: 'false',
    ...extra,
  };
}

export interface Output {
  code: number | null;
  out: string;
}

/** Runs a CLI command to its end. */
export function cli(dataDir: string, ...args: string[]): Output {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: envFor(dataDir, { LOG_LEVEL: 'silent' }),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

export interface RunningApp {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function spawnApp(dataDir: string, extra: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: envFor(dataDir, extra),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Starts the app and waits until it serves; rejects with its output if it stops first. */
export async function startApp(dataDir: string, extra: Record<string, string> = {}): Promise<RunningApp> {
  const { child, output, exited } = spawnApp(dataDir, extra);
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + 120_000;
  for (;;) {
    const m = /Together is running at (http:\/\/\S+) on/.exec(output());
    if (m) {
      return {
        child,
        url: m[1]!,
        output,
        exited,
        async stop(signal = 'SIGTERM') {
          if (!gone) child.kill(signal);
          return exited;
        },
      };
    }
    if (gone || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the app did not start:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs the app expecting it to stop by itself (a refused start). */
export async function runAppToEnd(dataDir: string, extra: Record<string, string> = {}): Promise<Output> {
  const { child, output, exited } = spawnApp(dataDir, extra);
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const code = await exited;
  clearTimeout(timer);
  return { code, out: output() };
}
