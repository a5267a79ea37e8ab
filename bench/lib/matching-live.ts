/**
 * The live lookup benchmark: a synthetic index of people in a database of its own on each engine
 * (together_bench_matching, built once and kept), then referrals of a child and two adults, each
 * person looked up with findCandidates. Returns p50 / p95 latency per referral and how often the
 * right person came first.
 */
import crypto from 'node:crypto';
import type { Db } from '../../src/db/index.ts';
import { migrate } from '../../src/db/migrate.ts';
import { findCandidates, type CandidateQuery } from '../../src/features/matching/service.ts';
import { normaliseName } from '../../src/platform/names.ts';
import { postcodeKey } from '../../src/platform/identifiers.ts';
import type { Engine } from './engines.ts';
import { UkGenerator, type Address, type Household, type Person } from './uk-synthetic.ts';

const DATABASE = 'together_bench_matching';

interface Stored {
  id: string;
  person: Person;
  household: Household;
}

async function openBenchDb(engine: Engine, rebuild: boolean): Promise<Db> {
  const { db } = await engine.database(DATABASE, { reuse: !rebuild, max: 10 });
  await migrate(db);
  return db;
}

/** Inserts households until the index holds `people` people. */
async function load(db: Db, partnershipId: string, people: number, seed: number): Promise<void> {
  const g = new UkGenerator(seed);
  const usedNhs = new Set<string>();
  const usedUpn = new Set<string>();
  let inserted = 0;
  const started = performance.now();
  while (inserted < people) {
    const cols = {
      person: [[], [], [], [], [], [], [], []] as unknown[][],
      name: [[], [], [], [], []] as unknown[][],
      address: [[], [], [], [], [], [], []] as unknown[][],
      household: [[], []] as unknown[][],
      member: [[], []] as unknown[][],
    };
    for (let b = 0; b < 4000 && inserted < people; b++) {
      const h = g.household();
      const hid = crypto.randomUUID();
      cols.household[0]?.push(hid);
      cols.household[1]?.push(`Household ${inserted}`);
      for (const p of h.members) {
        const id = crypto.randomUUID();
        const nhs = usedNhs.has(p.nhs) ? null : p.nhs;
        usedNhs.add(p.nhs);
        const upn = p.upn && !usedUpn.has(p.upn) ? p.upn : null;
        if (p.upn) usedUpn.add(p.upn);
        const row = [id, p.child ? 'child' : 'adult', cap(p.given), cap(p.family), p.dob, p.sex, nhs, upn];
        row.forEach((v, i) => cols.person[i]?.push(v));
        const names: [string, string][] = [['current', p.family]];
        if (p.formerFamily) names.push(['former', p.formerFamily]);
        for (const [kind, family] of names) {
          [id, kind, cap(p.given), cap(family), normaliseName(p.given)].forEach((v, i) =>
            cols.name[i]?.push(v),
          );
        }
        const addresses: [Address, boolean][] = [[h.address, true]];
        if (h.previous) addresses.push([h.previous, false]);
        for (const [a, current] of addresses) {
          [
            id,
            a.line1,
            a.town,
            a.postcode,
            postcodeKey(a.postcode),
            current ? null : '2023-01-01',
            current,
          ].forEach((v, i) => cols.address[i]?.push(v));
        }
        cols.member[0]?.push(hid);
        cols.member[1]?.push(id);
        inserted++;
      }
    }
    await db.transaction(async (tx) => {
      await tx.query(
        `insert into person (id, partnership_id, kind, given_name, family_name, date_of_birth, sex, nhs_number, upn)
         select u.id, $1, u.kind, u.g, u.f, u.dob, u.sex, u.nhs, u.upn
         from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[], $8::text[], $9::text[])
           as u(id, kind, g, f, dob, sex, nhs, upn)`,
        [partnershipId, ...cols.person],
      );
      await tx.query(
        `insert into person_name (partnership_id, person_id, kind, given_name, family_name, given_norm, family_norm,
           given_key, family_key)
         select $1, u.pid, u.kind, u.g, u.f, u.gn, lower(regexp_replace(u.f, '[^A-Za-z]', '', 'g')), dmetaphone(u.gn),
           dmetaphone(lower(regexp_replace(u.f, '[^A-Za-z]', '', 'g')))
         from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) as u(pid, kind, g, f, gn)`,
        [partnershipId, ...cols.name],
      );
      await tx.query(
        `insert into address (partnership_id, person_id, line1, town, postcode, postcode_norm, from_date, to_date)
         select $1, u.pid, u.l, u.t, u.pc, u.pcn, null, u.until
         from unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[], $8::bool[])
           as u(pid, l, t, pc, pcn, until, cur)`,
        [partnershipId, ...cols.address],
      );
      await tx.query(
        `insert into household (id, partnership_id, label) select u.id, $1, u.l
         from unnest($2::uuid[], $3::text[]) as u(id, l)`,
        [partnershipId, ...cols.household],
      );
      await tx.query(
        `insert into household_member (partnership_id, household_id, person_id) select $1, u.h, u.p
         from unnest($2::uuid[], $3::uuid[]) as u(h, p)`,
        [partnershipId, ...cols.member],
      );
    });
    if (inserted % 100_000 < 10_000) {
      console.log(`  loaded ${inserted} people (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  }
  await db.exec('vacuum analyze');
}

const cap = (s: string) => s.replace(/(^|[\s'-])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase());

function toQuery(g: UkGenerator, s: Stored, others: Person[]): CandidateQuery {
  const r = g.record(s.person, s.household, 'ref', false);
  const name = r.names[0];
  return {
    givenName: name?.given,
    familyName: name?.family,
    dateOfBirth: r.dob,
    sex: r.sex,
    nhsNumber: r.nhsNumber,
    upn: r.upn,
    address: r.addresses?.[0],
    household: others.map((o) => ({ given: o.given, family: o.family, dob: o.dob })),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

export interface LiveFigures {
  referrals: number;
  lookups: number;
  p50: number;
  p95: number;
  max: number;
  first: number;
}

export async function runLiveBenchmark(
  engine: Engine,
  opts: { people: number; seed: number; rebuild?: boolean },
): Promise<LiveFigures> {
  const db = await openBenchDb(engine, opts.rebuild ?? false);
  try {
    await db.exec(
      `insert into partnership (name) values ('Matching benchmark') on conflict (name) do nothing`,
    );
    const [p] = await db.query<{ id: string }>(
      `select id from partnership where name = 'Matching benchmark'`,
    );
    const pid = p?.id as string;
    const [count] = await db.query<{ n: number }>(
      'select count(*)::int as n from person where partnership_id = $1',
      [pid],
    );
    if ((count?.n ?? 0) >= opts.people)
      console.log(`  ${engine.label}: the index already holds ${count?.n} people`);
    else {
      if (count?.n)
        throw new Error(`${DATABASE} on ${engine.label} is partly built: run again with --rebuild`);
      await load(db, pid, opts.people, opts.seed);
    }
    const sample = await resample(db, pid, opts.seed);
    const g = new UkGenerator(opts.seed + 1);
    const timings: number[] = [];
    let lookups = 0;
    let first = 0;
    // Warm up the pool and the caches.
    for (const s of sample.slice(0, 5)) await findCandidates(db, pid, toQuery(g, s, []));
    const byHousehold = new Map<Household, Stored[]>();
    for (const s of sample) byHousehold.set(s.household, [...(byHousehold.get(s.household) ?? []), s]);
    const loners = sample.filter((s) => !s.person.child);
    const referrals = [...byHousehold.values()].filter((m) => m.some((s) => s.person.child)).slice(0, 200);
    for (const members of referrals) {
      const child = members.find((s) => s.person.child) as Stored;
      const adults = members.filter((s) => !s.person.child).slice(0, 2);
      // A child and two adults: the household's, or someone from elsewhere (a new partner).
      while (adults.length < 2) adults.push(loners[(lookups + adults.length * 7) % loners.length] as Stored);
      const people = [child, ...adults];
      const queries = people.map((s) =>
        toQuery(
          g,
          s,
          people.filter((o) => o !== s).map((o) => o.person),
        ),
      );
      const t0 = performance.now();
      const results = await Promise.all(queries.map((q) => findCandidates(db, pid, q)));
      timings.push(performance.now() - t0);
      results.forEach((r, i) => {
        lookups++;
        if (r[0]?.personId === people[i]?.id) first++;
      });
    }
    timings.sort((a, b) => a - b);
    return {
      referrals: referrals.length,
      lookups,
      p50: percentile(timings, 0.5),
      p95: percentile(timings, 0.95),
      max: timings.at(-1) ?? 0,
      first,
    };
  } finally {
    await db.close();
  }
}

/** A sample of stored children and adults, with their households, read back from the database. */
async function resample(db: Db, pid: string, seed: number): Promise<Stored[]> {
  const rows = await db.query<{
    id: string;
    hid: string;
    kind: string;
    given_name: string;
    family_name: string;
    date_of_birth: string;
    sex: 'female' | 'male';
    nhs_number: string | null;
    upn: string | null;
    line1: string;
    town: string;
    postcode: string;
  }>(
    `select p.id, hm.household_id as hid, p.kind, p.given_name, p.family_name, p.date_of_birth, p.sex, p.nhs_number,
       p.upn, a.line1, a.town, a.postcode
     from household_member hm join person p on p.id = hm.person_id
     join address a on a.person_id = p.id and a.to_date is null
     where hm.household_id in (select household_id from household_member where partnership_id = $1
       order by md5(household_id::text || $2) limit 1500)`,
    [pid, String(seed)],
  );
  const households = new Map<string, Household>();
  const stored: Stored[] = [];
  for (const r of rows) {
    const h = households.get(r.hid) ?? {
      address: { line1: r.line1, town: r.town, postcode: r.postcode },
      members: [],
    };
    households.set(r.hid, h);
    const person: Person = {
      entity: r.id,
      given: r.given_name.toLowerCase(),
      family: r.family_name.toLowerCase(),
      dob: r.date_of_birth,
      sex: r.sex,
      child: r.kind === 'child',
      nhs: r.nhs_number ?? '',
      upn: r.upn ?? undefined,
      household: 0,
    };
    h.members.push(person);
    stored.push({ id: r.id, person, household: h });
  }
  return stored;
}
