/**
 * Returns benchmark: `npm run bench:returns [-- --children 20000 --year 2025]`.
 *
 * On each engine (bench/lib/engines.ts), in a database of its own made again each run
 * (together_bench_returns): migrates, seeds the demo organisation, then generates a county's census
 * year in bulk SQL (bench/lib/caseload-generator.ts with the census year's last day as "today": 20,000
 * children with episodes of need open in the year and their casework, about 10,000 referrals in the
 * year), gives each child an LA child ID and each contact its child. Then times, as the command line
 * runs them (the operator of the database):
 *
 * - CIN census: built from the records, validated against the DfE rules, written as XML;
 * - Annex A: lists 1-7 for the census year, written as xlsx;
 * - dataset refresh: every measure of the partnership dataset worked out again for the year.
 *
 * Each against the target of 10 s, with the process's peak memory (resident set) after each.
 */
import { migrate } from '../src/db/migrate.ts';
import { seedOrganisation } from '../src/demo/organisation.ts';
import { refreshDataset } from '../src/features/dataset/service.ts';
import { annexA, cinCensus, cinCensusExport } from '../src/features/returns/service.ts';
import { generateCaseloads } from './lib/caseload-generator.ts';
import { engines, sideBySide, type Engine } from './lib/engines.ts';

const DB_NAME = 'together_bench_returns';
const TARGET_S = 10;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(v) || v <= 0) throw new Error(`--${name} must be a positive whole number`);
  return v;
}
const children = arg('children', 20_000);
const year = arg('year', 2025);

const peakMiB = () => (process.resourceUsage().maxRSS / 1024).toFixed(0);

async function timed(label: string, fn: () => Promise<string>): Promise<[string, string]> {
  const start = performance.now();
  const note = await fn();
  const s = (performance.now() - start) / 1000;
  const verdict = s <= TARGET_S ? 'meets' : 'MISSES';
  console.log(
    `  ${label.padEnd(34)} ${s.toFixed(2).padStart(6)} s   peak RSS ${peakMiB()} MiB   ${verdict} <= ${TARGET_S} s   ${note}`,
  );
  return [label, `${s.toFixed(2)} s`];
}

async function measureEngine(engine: Engine): Promise<[string, string][]> {
  console.log(`\n== ${engine.label}`);
  const { db } = await engine.database(DB_NAME, { max: 10 });
  try {
    const t0 = performance.now();
    await migrate(db);
    const org = await seedOrganisation(db);
    const end = `${year + 1}-03-31`;
    await generateCaseloads(
      db,
      { partnershipId: org.partnershipId, agencyId: org.agencies.council!, today: end },
      { episodes: children, workers: Math.max(20, Math.round(children / 20)), queue: 500 },
    );
    // An LA child ID for every child, and each contact's child (Annex A list 1).
    await db.exec(`update person set ethnicity = (array['WBRI','WOTH','MWBC','AIND','BAFR','CHNE'])[1 + abs(hashtext(id::text)) % 6]
      where kind = 'child' and ethnicity is null`);
    await db.exec(`update person set council_id = 'B' || lpad(((('x' || substr(md5(id::text), 1, 8))::bit(32)::int) & 2147483647)::text, 10, '0')
      where kind = 'child' and council_id is null`);
    await db.exec(`insert into contact_person (contact_id, person_id, partnership_id)
      select r.contact_id, r.person_id, r.partnership_id from referral r on conflict do nothing`);
    await db.exec('analyze');
    const [c] = await db.query<{ children: number; referrals: number }>(
      `select (select count(distinct person_id)::int from episode where referral_date <= $2
                 and (closure_date is null or closure_date >= $1)) as children,
              (select count(*)::int from referral where referral_date between $1 and $2) as referrals`,
      [`${year}-04-01`, end],
    );
    console.log(
      `Generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: census year ${year}-${(year + 1) % 100}, ${c!.children} children with an episode in the year, ${c!.referrals} referrals in the year.`,
    );
    const maker = { partnershipId: org.partnershipId };
    const rows: [string, string][] = [];
    rows.push(
      await timed('CIN census: build, validate, XML', async () => {
        const result = await cinCensus(db, maker, year);
        const xml = await cinCensusExport(db, maker, result);
        return `${result.census.children.length} children, ${result.errors} errors, ${result.queries} queries, ${(xml.length / 1e6).toFixed(1)} MB`;
      }),
    );
    rows.push(
      await timed('Annex A lists 1-7 (xlsx)', async () => {
        const book = await annexA(db, maker, `${year}-04-01`, end);
        return `${(book.length / 1e6).toFixed(1)} MB`;
      }),
    );
    rows.push(
      await timed('dataset refresh (every measure)', async () => {
        const { partnerships } = await refreshDataset(db, year);
        return `${partnerships} partnership`;
      }),
    );
    return rows;
  } finally {
    await db.close();
  }
}

const list = await engines();
const results: [string, string][][] = [];
for (const engine of list) {
  results.push(await measureEngine(engine));
  await engine.close();
}
sideBySide(
  'Returns (seconds)',
  list.map((e) => e.key),
  results[0]!.map((r, i) => [r[0], ...results.map((res) => res[i]![1])]),
);
console.log(`Peak RSS of this process: ${peakMiB()} MiB (node ${process.version}, ${process.arch}).`);
