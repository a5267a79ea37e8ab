/**
 * Startup benchmark: `npm run bench:startup`.
 *
 * Starts the app as `npm start` does on an empty embedded data directory, times it until the sign-in
 * page answers (migrations, demo seed, server), reads its resident memory, stops it with SIGTERM and
 * checks the data directory's lock is released; then starts it again on the seeded directory.
 * DEMO_CHILDREN (default 2000) sets the size of the seed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, residentMiB, startApp, stop, waitFor200 } from './lib/server-process.ts';

const TARGET_SECONDS = 30;
const dataDir = path.join(os.tmpdir(), `together-bench-startup-${process.pid}`);

interface Run {
  seconds: number;
  rssMiB?: number;
  exitCode: number | null;
  lockReleased: boolean;
}

async function run(label: string): Promise<Run> {
  const port = await freePort();
  const started = performance.now();
  const { child, output } = startApp({
    TOGETHER_DATA_DIR: dataDir,
    PORT: String(port),
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    DATABASE_URL: undefined,
    SEED_DEMO: undefined,
  });
  try {
    await waitFor200(`http://127.0.0.1:${port}/sign-in`, child, 180_000);
  } catch (err) {
    await stop(child);
    console.error(output());
    throw err;
  }
  const seconds = (performance.now() - started) / 1000;
  const rssMiB = residentMiB(child.pid!);
  const exitCode = await stop(child);
  const lockReleased = !fs.existsSync(path.join(dataDir, 'together.lock'));
  console.log(
    `${label}: sign-in page after ${seconds.toFixed(1)} s; resident memory ${rssMiB ?? '?'} MiB; ` +
      `exit code ${exitCode} after SIGTERM; lock file ${lockReleased ? 'removed' : 'STILL PRESENT'}`,
  );
  return { seconds, rssMiB, exitCode, lockReleased };
}

async function main(): Promise<void> {
  fs.rmSync(dataDir, { recursive: true, force: true });
  console.log(
    `Startup benchmark (embedded PGlite in ${dataDir}, ${process.env.DEMO_CHILDREN ?? 2000} children)`,
  );
  try {
    const first = await run('first start, empty data directory (migrate + seed)');
    const second = await run('second start, seeded data directory');
    const ok =
      first.seconds <= TARGET_SECONDS && [first, second].every((r) => r.exitCode === 0 && r.lockReleased);
    console.log(
      `\nFirst start ${first.seconds.toFixed(1)} s (target <= ${TARGET_SECONDS} s), ` +
        `${first.rssMiB ?? '?'} MiB after the seed; second start ${second.seconds.toFixed(1)} s, ${second.rssMiB ?? '?'} MiB. ` +
        (ok ? 'OK' : 'NOT MET'),
    );
    process.exitCode = ok ? 0 : 1;
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
