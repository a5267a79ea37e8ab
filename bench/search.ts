/**
 * Person search benchmark: `npm run bench:search -- [--n 1000000] [--searches 500] [--reuse]`.
 *
 * Generates N made-up people (names, dates of birth, addresses, aliases) in SQL batches, into its
 * own PostgreSQL database `together_bench_search` (from DATABASE_URL, or a local server; dropped
 * and made again unless --reuse finds it already filled).
 * Then runs searches by name with a typo plus date of birth through the people service's search
 * (permission check, ranking, batched access, audit row: all of it), and prints p50/p95/p99.
 */
import pg from 'pg';
import { openPostgres, type Db } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedOrganisation } from '../src/demo/organisation.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import { actorFromRow } from '../src/platform/auth/sessions.ts';
import { searchPeople, type SearchCriteria } from '../src/features/people/search.ts';
import { generatePeople } from './lib/people-generator.ts';

const DB_NAME = 'together_bench_search';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const n = Number(arg('n') ?? 1_000_000);
const searches = Number(arg('searches') ?? 500);

async function openBenchDb(): Promise<{ db: Db; fresh: boolean }> {
  const base = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const u = new URL(base);
  u.pathname = `/${DB_NAME}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [DB_NAME])).rowCount;
    if (exists && flag('reuse')) {
      const db = await openPostgres(u.toString(), { max: 2 });
      const [row] = await db.query<{ c: number }>('select count(*)::int as c from person');
      if (row?.c === n) return { db, fresh: false };
      await db.close();
    }
    await admin.query(`drop database if exists ${DB_NAME} with (force)`);
    await admin.query(`create database ${DB_NAME}`);
  } finally {
    await admin.end();
  }
  return { db: await openPostgres(u.toString(), { max: 2 }), fresh: true };
}

async function socialWorker(db: Db): Promise<Actor> {
  const [row] = await db.query<Parameters<typeof actorFromRow>[0]>(
    `select u.id as user_id, u.partnership_id, u.display_name, u.email, u.roles, u.team_id, u.active,
       a.id as agency_id, a.name as agency_name, a.kind as agency_kind
     from app_user u join agency a on a.id = u.agency_id where u.email = 'social.worker@together.example'`,
  );
  return actorFromRow(row!, 'cli');
}

/** One typing slip: two letters swapped, one dropped, one doubled or a vowel changed. */
function typo(word: string, r: () => number): string {
  if (word.length < 4) return word;
  const i = 1 + Math.floor(r() * (word.length - 2));
  switch (Math.floor(r() * 4)) {
    case 0:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + word[i] + word.slice(i);
    default:
      return word.slice(0, i) + word.slice(i).replace(/[aeiou]/, (v) => 'aeiou'.replace(v, '')[0] ?? 'a');
  }
}

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

async function run(db: Db, actor: Actor, label: string, cases: { c: SearchCriteria; want: string }[]) {
  const times: number[] = [];
  let found = 0;
  let rows = 0;
  for (const { c, want } of cases) {
    const t0 = performance.now();
    const { results } = await searchPeople(db, actor, c);
    times.push(performance.now() - t0);
    rows += results.length;
    if (results.some((r) => r.id === want)) found++;
  }
  times.sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1).padStart(7);
  console.log(
    `${label.padEnd(34)} p50 ${f(pct(times, 50))} ms  p95 ${f(pct(times, 95))} ms  p99 ${f(pct(times, 99))} ms` +
      `  found ${found}/${cases.length}  mean results ${(rows / cases.length).toFixed(1)}`,
  );
}

async function main() {
  const started = performance.now();
  const { db, fresh } = await openBenchDb();
  if (fresh) {
    await migrate(db);
    const org = await seedOrganisation(db);
    let last = performance.now();
    await generatePeople(db, {
      n,
      partnershipId: org.partnershipId,
      involvedAgencyId: org.agencies.council,
      batch: 100_000,
      onProgress: (done) => {
        if (performance.now() - last > 10_000 || done === n) {
          console.log(`  generated ${done} people (${((performance.now() - started) / 1000).toFixed(0)} s)`);
          last = performance.now();
        }
      },
    });
    await db.exec('analyze');
  }
  const [counts] = await db.query<{ people: number; names: number }>(
    'select (select count(*) from person)::int as people, (select count(*) from person_name)::int as names',
  );
  console.log(
    `${db.engine}: ${counts!.people} people, ${counts!.names} names; ready in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );
  const actor = await socialWorker(db);
  const sample = await db.query<{ id: string; given_name: string; family_name: string; dob: string }>(
    `select id, given_name, family_name, date_of_birth as dob from person tablesample bernoulli (1) repeatable (7)
     limit $1`,
    [searches],
  );
  const r = mulberry32(7);
  const dob = (s: string) => ({
    year: Number(s.slice(0, 4)),
    month: Number(s.slice(5, 7)),
    day: Number(s.slice(8, 10)),
  });
  const withTypo = (p: (typeof sample)[number]) =>
    r() < 0.5 ? `${typo(p.given_name, r)} ${p.family_name}` : `${p.given_name} ${typo(p.family_name, r)}`;
  // Warm the caches a little, as a running service would have.
  for (const p of sample.slice(0, 20))
    await searchPeople(db, actor, { name: p.family_name, dob: dob(p.dob) });

  await run(
    db,
    actor,
    'name with a typo + date of birth',
    sample.map((p) => ({ c: { name: withTypo(p), dob: dob(p.dob) }, want: p.id })),
  );
  const fewer = sample.slice(0, Math.min(100, sample.length));
  await run(
    db,
    actor,
    'exact name + date of birth',
    fewer.map((p) => ({ c: { name: `${p.given_name} ${p.family_name}`, dob: dob(p.dob) }, want: p.id })),
  );
  await run(
    db,
    actor,
    'name with a typo + year of birth',
    fewer.map((p) => ({ c: { name: withTypo(p), dob: { year: dob(p.dob).year } }, want: p.id })),
  );
  await run(
    db,
    actor,
    'name with a typo only',
    fewer.map((p) => ({ c: { name: withTypo(p) }, want: p.id })),
  );
  await db.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
