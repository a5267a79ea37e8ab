/**
 * Person search benchmark: `npm run bench:search -- [--n 1000000] [--searches 500] [--reuse]`.
 *
 * For each engine (bench/lib/engines.ts: the embedded server, then the PostgreSQL server), generates
 * N made-up people (names, dates of birth, addresses, aliases) in SQL batches into a database of its
 * own, together_bench_search (made again unless --reuse finds it already filled). Then runs searches
 * by name with a typo plus date of birth through the people service's search (permission check,
 * ranking, batched access, audit row: all of it), and prints p50/p95/p99 side by side.
 */
import type { Db } from '../src/db/index.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedOrganisation } from '../src/demo/organisation.ts';
import type { Actor } from '../src/platform/access/actor.ts';
import { actorFromRow } from '../src/platform/auth/sessions.ts';
import { searchPeople, type SearchCriteria } from '../src/features/people/search.ts';
import { engines, sideBySide, type Engine } from './lib/engines.ts';
import { generatePeople } from './lib/people-generator.ts';

const DB_NAME = 'together_bench_search';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const flag = (name: string) => process.argv.includes(`--${name}`);

const n = Number(arg('n') ?? 1_000_000);
const searches = Number(arg('searches') ?? 500);

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

interface Figures {
  label: string;
  p50: number;
  p95: number;
  p99: number;
  found: string;
}

async function run(
  db: Db,
  actor: Actor,
  label: string,
  cases: { c: SearchCriteria; want: string }[],
): Promise<Figures> {
  const times: number[] = [];
  let found = 0;
  for (const { c, want } of cases) {
    const t0 = performance.now();
    const { results } = await searchPeople(db, actor, c);
    times.push(performance.now() - t0);
    if (results.some((r) => r.id === want)) found++;
  }
  times.sort((a, b) => a - b);
  return {
    label,
    p50: pct(times, 50),
    p95: pct(times, 95),
    p99: pct(times, 99),
    found: `${found}/${cases.length}`,
  };
}

async function measure(engine: Engine): Promise<Figures[]> {
  const started = performance.now();
  const { db, fresh } = await engine.database(DB_NAME, { reuse: flag('reuse'), max: 2 });
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
    `  ${engine.label}: ${counts!.people} people, ${counts!.names} names; ready in ${((performance.now() - started) / 1000).toFixed(0)} s`,
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

  const fewer = sample.slice(0, Math.min(100, sample.length));
  const figures = [
    await run(
      db,
      actor,
      'name with a typo + date of birth',
      sample.map((p) => ({ c: { name: withTypo(p), dob: dob(p.dob) }, want: p.id })),
    ),
    await run(
      db,
      actor,
      'exact name + date of birth',
      fewer.map((p) => ({ c: { name: `${p.given_name} ${p.family_name}`, dob: dob(p.dob) }, want: p.id })),
    ),
    await run(
      db,
      actor,
      'name with a typo + year of birth',
      fewer.map((p) => ({ c: { name: withTypo(p), dob: { year: dob(p.dob).year } }, want: p.id })),
    ),
    await run(
      db,
      actor,
      'name with a typo only',
      fewer.map((p) => ({ c: { name: withTypo(p) }, want: p.id })),
    ),
  ];
  await db.close();
  return figures;
}

async function main(): Promise<void> {
  console.log(`Person search benchmark: ${n} people, ${searches} searches`);
  const list = await engines();
  const results: Figures[][] = [];
  try {
    for (const e of list) results.push(await measure(e));
  } finally {
    for (const e of list) await e.close();
  }
  const f = (x: number) => `${x.toFixed(1)} ms`;
  for (const [i, first] of (results[0] ?? []).entries()) {
    sideBySide(
      first.label,
      list.map((e) => e.label),
      [
        ['p50', ...results.map((r) => f(r[i]!.p50))],
        ['p95', ...results.map((r) => f(r[i]!.p95))],
        ['p99', ...results.map((r) => f(r[i]!.p99))],
        ['found', ...results.map((r) => r[i]!.found)],
      ],
    );
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
