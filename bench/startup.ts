/**
 * Startup benchmark: `npm run bench:startup`.
 *
 * For each engine (bench/lib/engines.ts: the embedded server, then the PostgreSQL server), starts the
 * app as `npm start` does on an empty database (embedded: an empty data directory, so initdb too),
 * times it until the sign-in page answers (server, migrations, demo seed), and stops it with SIGTERM;
 * starts it again on the seeded database and times that; then signs in and makes 1,000 page views
 * (home, my work, children's records, searches) and reads the memory of the app and its database
 * server's processes. DEMO_CHILDREN (default 2000) sets the size of the seed.
 * Targets: first start <= 15 s, second start <= 3 s, memory after the page views <= 500 MiB.
 */
import fs from 'node:fs';
import path from 'node:path';
import { engines, sideBySide, type Engine } from './lib/engines.ts';
import { freePort, memoryOf, startApp, stop, waitFor200 } from './lib/server-process.ts';

const TARGET = { first: 15, second: 3, memory: 500 };
const PAGE_VIEWS = 1000;

interface Result {
  first: number;
  second: number;
  exitCodes: (number | null)[];
  lockLeft: boolean;
  rssMiB?: number;
  pssMiB?: number;
  views: number;
  failedViews: number;
}

async function start(env: Record<string, string | undefined>) {
  const port = await freePort();
  const started = performance.now();
  const app = startApp({
    ...env,
    PORT: String(port),
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    SEED_DEMO: undefined,
  });
  try {
    await waitFor200(`http://127.0.0.1:${port}/sign-in`, app.child, 300_000);
  } catch (err) {
    await stop(app.child);
    console.error(app.output());
    throw err;
  }
  return { ...app, base: `http://127.0.0.1:${port}`, seconds: (performance.now() - started) / 1000 };
}

/** Signs in as the demo social worker and views pages as a person would, PAGE_VIEWS of them. */
async function browse(base: string): Promise<{ views: number; failed: number }> {
  let cookie = '';
  const get = async (url: string) => {
    const res = await fetch(`${base}${url}`, { headers: { cookie }, redirect: 'manual' });
    const set = res.headers.getSetCookie().find((c) => c.startsWith('together_session='));
    if (set) cookie = set.split(';')[0]!;
    return { status: res.status, body: await res.text() };
  };
  const form = await get('/sign-in');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
  const signIn = await fetch(`${base}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: csrf,
      email: 'social.worker@together.example',
      password: 'together-demo-only',
    }).toString(),
  });
  cookie = signIn.headers.getSetCookie()[0]?.split(';')[0] ?? cookie;
  const home = await get('/');
  const children = [
    ...new Set([...home.body.matchAll(/href="(\/people\/[0-9a-f-]{36})"/g)].map((m) => m[1]!)),
  ];
  const pages = ['/', '/my-work', ...children.slice(0, 20), '/people?name=smith', '/people?name=jonse'];
  let failed = 0;
  for (let i = 0; i < PAGE_VIEWS; i++) {
    const r = await get(pages[i % pages.length]!);
    if (r.status !== 200) failed++;
  }
  return { views: PAGE_VIEWS, failed };
}

async function measure(engine: Engine): Promise<Result> {
  const db = await engine.appDatabase('startup');
  const first = await start(db.env);
  const firstExit = await stop(first.child);
  const lockFile = db.env.TOGETHER_DATA_DIR
    ? path.join(db.env.TOGETHER_DATA_DIR, 'together.lock')
    : undefined;
  const lockLeft = lockFile ? fs.existsSync(lockFile) : false;
  console.log(
    `  ${engine.label}: first start ${first.seconds.toFixed(1)} s (exit code ${firstExit} after SIGTERM)`,
  );
  const second = await start(db.env);
  try {
    const { views, failed } = await browse(second.base);
    const memory = memoryOf([second.child.pid!, ...(await engine.serverPids())]);
    console.log(
      `  ${engine.label}: second start ${second.seconds.toFixed(1)} s; after ${views} page views (${failed} not 200) ` +
        `app + database ${memory?.pssMiB ?? '?'} MiB (PSS; RSS summed ${memory?.rssMiB ?? '?'} MiB)`,
    );
    return {
      first: first.seconds,
      second: second.seconds,
      exitCodes: [firstExit, await stop(second.child)],
      lockLeft: lockLeft || (lockFile ? fs.existsSync(lockFile) : false),
      rssMiB: memory?.rssMiB,
      pssMiB: memory?.pssMiB,
      views,
      failedViews: failed,
    };
  } catch (err) {
    await stop(second.child);
    throw err;
  }
}

async function main(): Promise<void> {
  console.log(
    `Startup benchmark: ${process.env.DEMO_CHILDREN ?? 2000} demo children, ${PAGE_VIEWS} page views`,
  );
  const list = await engines();
  const results: Result[] = [];
  try {
    for (const e of list) results.push(await measure(e));
  } finally {
    for (const e of list) await e.close();
  }
  const f = (v: number | undefined, unit: string) => (v === undefined ? '?' : `${v.toFixed(1)} ${unit}`);
  sideBySide(
    'startup',
    list.map((e) => e.label),
    [
      ['first start, empty database (migrate + seed)', ...results.map((r) => f(r.first, 's'))],
      ['second start', ...results.map((r) => f(r.second, 's'))],
      ['memory after the page views: PSS, app + database', ...results.map((r) => `${r.pssMiB ?? '?'} MiB`)],
      ['  the same as RSS summed over the processes', ...results.map((r) => `${r.rssMiB ?? '?'} MiB`)],
      ['page views not answered 200', ...results.map((r) => String(r.failedViews))],
      ['exit codes after SIGTERM', ...results.map((r) => r.exitCodes.join(', '))],
    ],
  );
  const embedded = results[list.findIndex((e) => e.key === 'embedded')];
  if (embedded) {
    const ok =
      embedded.first <= TARGET.first &&
      embedded.second <= TARGET.second &&
      (embedded.pssMiB ?? Infinity) <= TARGET.memory &&
      embedded.failedViews === 0 &&
      !embedded.lockLeft &&
      embedded.exitCodes.every((c) => c === 0);
    console.log(
      `\nTargets on the embedded server: first start <= ${TARGET.first} s, second <= ${TARGET.second} s, ` +
        `memory <= ${TARGET.memory} MiB: ${ok ? 'met' : 'NOT MET'}`,
    );
    process.exitCode = ok ? 0 : 1;
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
