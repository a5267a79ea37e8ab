import type { Db } from '../db/index.ts';
import { audit } from '../platform/audit.ts';
import { londonToday } from '../platform/dates.ts';
import { postcodeKey } from '../platform/identifiers.ts';
import { normaliseName } from '../platform/names.ts';
import { recomputeOverdueAndDrift } from '../features/caseloads/service.ts';
import type { SystemEntry } from './casebook.ts';
import { casework } from './casework.ts';
import { chronology, MAX_ENTRIES, type Entry } from './history.ts';
import { demoActor, type DemoOrganisation } from './organisation.ts';
import { generateFamilies, type Family, type Person } from './population.ts';
import { addDays, ageOn, Identifiers, maxDate, Rng } from './random.ts';
import { statutory } from './statutory.ts';
import { STORIES, type StoryKey } from './stories.ts';
import { demoTables, insertTables, type DemoTables } from './tables.ts';

export interface DemoPeople {
  children: number;
  adults: number;
  chronologyEntries: number;
  /** The one restricted child: only demo user 'sw' is named on it. */
  restrictedChildId: string;
  breakGlass: { reviewedId: string; unreviewedId: string };
  /** Open work and drift over the seeded casework, as caseloads computes them. */
  work: Awaited<ReturnType<typeof recomputeOverdueAndDrift>>;
}

/**
 * Seeds the fictional population of Elmshire: families of children and the adults around them,
 * their agencies' involvements, allocations, MASH contacts and chronologies. Deterministic for a
 * given `today` (the fixed seed). Runs inside the caller's transaction; writes no audit events
 * except for the break-glass examples, which are people's actions in the story.
 */
export async function seedPeople(
  db: Db,
  org: DemoOrganisation,
  opts: { children: number; today?: string; now?: Date },
): Promise<DemoPeople> {
  const now = opts.now ?? new Date();
  const today = opts.today ?? londonToday(now);
  const rng = new Rng();
  const families = generateFamilies(rng, new Identifiers(), today, opts.children);
  const entries = families.flatMap((f) => chronology(rng, f, today));
  const t = demoTables();
  const work = casework(rng, org, families, entries, t, today, now);
  const cases = statutory(org, families, work, t, today, now);
  const stories = withCasework(entries, cases.cased, cases.entries);

  const swChildren = families.flatMap((f) =>
    f.children.filter((c) => c.dob && work.allocated.get(c.id) === org.users.sw).map((c) => ({ c, f })),
  );
  const restricted = (swChildren.find((x) => x.f.children.length === 1) ?? swChildren[0])!.c;
  restricted.restricted = true;
  t.restricted_access.add({
    partnership_id: org.partnershipId,
    person_id: restricted.id,
    user_id: org.users.sw!,
    granted_by: org.users.tm!,
  });

  let adults = 0;
  for (const f of families) adults += writeFamily(rng, org.partnershipId, f, t);
  writeEntries(rng, org, stories, work.allocated, t, now);
  writeSystemEntries(rng, org, cases.entries, t, now);
  const breakGlass = breakGlassExamples(rng, org, families, work.allocated, t, today, now);
  await insertTables(db, t);
  // New referrals continue the demo's reference numbers rather than repeat them.
  await db.query(
    `insert into contact_reference_counter (partnership_id, year, last)
     select partnership_id, split_part(reference, '-', 2)::int, max(split_part(reference, '-', 3)::int)
     from contact where partnership_id = $1 and reference is not null group by 1, 2`,
    [org.partnershipId],
  );
  await auditBreakGlass(db, org, breakGlass);
  // Open work items and drift are computed from the casework rows: the same function as caseloads.
  const recomputed = await recomputeOverdueAndDrift(db, org.partnershipId, { today });
  return {
    children: families.reduce((n, f) => n + f.children.length, 0),
    adults,
    chronologyEntries: entries.length,
    restrictedChildId: restricted.id,
    breakGlass: { reviewedId: breakGlass.reviewed.id, unreviewedId: breakGlass.unreviewed.id },
    work: recomputed,
  };
}

/** Stories of statutory casework, told instead by the casework's own entries for children who have it. */
const CASEWORK_STORIES = new Set<StoryKey>([
  'strategy',
  'conference',
  'coreGroup',
  'reviewConference',
  'assessment',
  'cinReview',
]);

/**
 * The chronology's stories for children with casework: without the casework stories, and, where
 * the casework's entries would take a child over MAX_ENTRIES, without their least significant stories.
 */
function withCasework(entries: Entry[], cased: Set<string>, system: SystemEntry[]): Entry[] {
  const systemCount = new Map<string, number>();
  for (const e of system) systemCount.set(e.personId, (systemCount.get(e.personId) ?? 0) + 1);
  const kept = entries.filter((e) => !(cased.has(e.person.id) && CASEWORK_STORIES.has(e.story)));
  const byPerson = new Map<string, Entry[]>();
  for (const e of kept) {
    if (!systemCount.has(e.person.id)) continue;
    const list = byPerson.get(e.person.id) ?? [];
    list.push(e);
    byPerson.set(e.person.id, list);
  }
  const drop = new Set<Entry>();
  const weight = { high: 2, medium: 1, low: 0 };
  for (const [id, list] of byPerson) {
    const over = list.length + systemCount.get(id)! - MAX_ENTRIES;
    if (over <= 0) continue;
    const least = [...list].sort(
      (a, b) =>
        weight[STORIES[a.story].significance] - weight[STORIES[b.story].significance] ||
        (a.on < b.on ? -1 : 1),
    );
    for (const e of least.slice(0, over)) drop.add(e);
  }
  return kept.filter((e) => !drop.has(e));
}

function writeSystemEntries(
  rng: Rng,
  org: DemoOrganisation,
  entries: SystemEntry[],
  t: DemoTables,
  now: Date,
) {
  // Entries of one child on one day were recorded in the order they happened.
  const order = new Map<string, number>();
  for (const e of entries) {
    const key = `${e.personId}:${e.on}`;
    const k = order.get(key) ?? 0;
    order.set(key, k + 1);
    const at = new Date(Date.parse(`${e.on}T12:00:00Z`) + (k * 20 + rng.int(0, 15)) * 60_000);
    t.casework_entry.add({
      partnership_id: org.partnershipId,
      person_id: e.personId,
      occurred_on: e.on,
      recorded_at: (at > now ? new Date(now.getTime() - rng.int(1, 120) * 60_000) : at).toISOString(),
      recorded_by: e.recordedBy,
      source_agency_id: org.agencies.council!,
      category: e.category,
      significance: e.significance,
      visibility: 'partnership',
      summary: e.summary,
      origin: 'system',
    });
  }
}

/** The family's people, names, addresses, relationships and households. Returns how many adults. */
function writeFamily(rng: Rng, pid: string, f: Family, t: DemoTables): number {
  const adults = [f.mother, f.father, f.step, f.grandmother, f.grandfather].filter((p): p is Person => !!p);
  for (const p of [...f.children, ...adults]) {
    t.person.add({
      id: p.id,
      partnership_id: pid,
      kind: p.kind,
      unborn: p.unborn,
      expected_date: p.expectedDate,
      given_name: p.given,
      family_name: p.family,
      date_of_birth: p.dob,
      sex: p.sex,
      ethnicity: p.ethnicity,
      nhs_number: p.nhs,
      upn: p.upn,
      council_id: p.councilId,
      restricted: p.restricted,
    });
    for (const n of [{ kind: 'current', given: p.given, family: p.family }, ...p.otherNames]) {
      t.person_name.add({
        partnership_id: pid,
        person_id: p.id,
        kind: n.kind,
        given_name: n.given,
        family_name: n.family,
        given_norm: normaliseName(n.given),
        family_norm: normaliseName(n.family),
      });
    }
    for (const r of p.residences) {
      t.address.add({
        partnership_id: pid,
        person_id: p.id,
        line1: r.address.line1,
        line2: r.address.line2,
        town: r.address.town,
        postcode: r.address.postcode,
        postcode_norm: postcodeKey(r.address.postcode),
        from_date: r.from,
        to_date: r.to,
      });
    }
  }

  const rel = (a: Person, b: Person, kind: string, from: string | null, to: string | null = null) =>
    t.relationship.add({
      partnership_id: pid,
      person_id: a.id,
      related_person_id: b.id,
      kind,
      from_date: from,
      to_date: to,
    });
  // One row per pair, read from the child's side ("parent"); the record shows the inverse on the other.
  f.children.forEach((c, i) => {
    for (const parent of [f.mother, f.father]) if (parent) rel(c, parent, 'parent', c.dob);
    if (f.step && f.stepFrom)
      rel(c, f.step, 'partner_of_parent', c.dob ? maxDate(f.stepFrom, c.dob) : f.stepFrom);
    for (const g of [f.grandmother, f.grandfather]) if (g && f.kinshipFrom) rel(c, g, 'carer', f.kinshipFrom);
    for (const sib of f.children.slice(i + 1)) rel(c, sib, 'sibling', sib.dob ?? null);
  });

  // Households over time: the family's, and the grandparents' when they took the children in.
  const start = f.homes[0]!.from;
  const kinEnd = f.kinshipFrom ? addDays(f.kinshipFrom, -1) : null;
  const household = (label: string, members: [Person | undefined, string | null, string | null][]) => {
    const id = rng.uuid();
    t.household.add({ id, partnership_id: pid, label });
    for (const [p, from, to] of members) {
      if (!p || (from && to && to < from)) continue;
      t.household_member.add({
        partnership_id: pid,
        household_id: id,
        person_id: p.id,
        from_date: from,
        to_date: to,
      });
    }
  };
  const lead = f.mother ?? f.father!;
  const fatherTo = f.separatedOn ? addDays(f.separatedOn, -1) : null;
  const fatherLived = f.structure === 'couple' || f.structure === 'single_father' || !!f.separatedOn;
  household(`${lead.family} household, ${f.homes.at(-1)!.address.town}`, [
    [f.mother, start, kinEnd],
    [fatherLived ? f.father : undefined, start, fatherTo],
    [f.step, f.stepFrom ?? null, null],
    ...f.children
      .filter((c) => c.dob)
      .map((c): [Person, string, string | null] => [c, maxDate(c.dob!, start), kinEnd]),
  ]);
  if (f.grandmother && f.kinshipFrom) {
    const since = f.grandmother.residences[0]?.from ?? null;
    household(`${f.grandmother.family} household (grandparents), ${f.town.name}`, [
      [f.grandmother, since, null],
      [f.grandfather, since, null],
      ...f.children
        .filter((c) => c.dob)
        .map((c): [Person, string, null] => [c, maxDate(c.dob!, f.kinshipFrom!), null]),
    ]);
  }
  return adults.length;
}

/** Demo logins who write their agency's entries; other agencies' entries have no named recorder. */
function recorder(org: DemoOrganisation, e: Entry, allocated: Map<string, string>): string | null {
  const byAgency: Record<string, string> = {
    school1: 'teacher',
    gp: 'gp',
    community: 'hv',
    police: 'police',
    probation: 'probation',
    voluntary: 'public',
  };
  const category = STORIES[e.story].category;
  if (e.agency === 'council') {
    if (category === 'early_help') return org.users.ehl!;
    if (category === 'referral') return org.users.mashmgr!;
    return allocated.get(e.person.id) ?? null;
  }
  const key = byAgency[e.agency];
  return key ? org.users[key]! : null;
}

function writeEntries(
  rng: Rng,
  org: DemoOrganisation,
  entries: Entry[],
  allocated: Map<string, string>,
  t: DemoTables,
  now: Date,
): void {
  for (const e of entries) {
    const st = STORIES[e.story];
    const at = new Date(
      `${addDays(e.on, rng.int(0, 3))}T${String(rng.int(8, 17)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`,
    );
    const recordedAt = at > now ? new Date(now.getTime() - rng.int(1, 120) * 60_000) : at;
    t.chronology_entry.add({
      partnership_id: org.partnershipId,
      person_id: e.person.id,
      occurred_on: e.on,
      recorded_at: recordedAt.toISOString(),
      recorded_by: recorder(org, e, allocated),
      source_agency_id: org.agencies[e.agency]!,
      category: st.category,
      significance: st.significance,
      visibility: e.visibility,
      summary: e.summary,
    });
  }
}

interface BreakGlassUse {
  id: string;
  userKey: string;
  person: Person;
  reason: string;
  expiresAt: string;
  review?: { outcome: string };
}

/** Two break-glass uses: one the data protection officer has reviewed, one waiting for review. */
function breakGlassExamples(
  rng: Rng,
  org: DemoOrganisation,
  families: Family[],
  allocated: Map<string, string>,
  t: DemoTables,
  today: string,
  now: Date,
): { reviewed: BreakGlassUse; unreviewed: BreakGlassUse } {
  const all = families.flatMap((f) => f.children.map((c) => ({ c, f })));
  const born = all.filter((x) => x.c.dob && !x.c.restricted);
  const pick = (ok: (x: { c: Person; f: Family }) => boolean) =>
    (born.find(ok) ?? born.find((x) => !allocated.has(x.c.id)) ?? born[0] ?? all[0]!).c;
  const forSw2 = pick((x) => x.f.level >= 2 && !allocated.has(x.c.id) && ageOn(x.c.dob!, today) >= 5);
  const forHv = pick(
    (x) =>
      x.c !== forSw2 &&
      ageOn(x.c.dob!, today) >= 8 &&
      x.f.children.some((s) => s.dob && ageOn(s.dob, today) < 5),
  );
  const hours = (ms: number, h: number) => new Date(ms + h * 3_600_000).toISOString();
  const day = 86_400_000;
  const uses: { reviewed: BreakGlassUse; unreviewed: BreakGlassUse } = {
    reviewed: {
      id: rng.uuid(),
      userKey: 'sw2',
      person: forSw2,
      reason:
        'Police rang out of hours about an injury to this child. No allocated worker was on duty and I needed the history before the strategy discussion.',
      expiresAt: hours(now.getTime() - 20 * day, 4),
      review: { outcome: 'appropriate' },
    },
    unreviewed: {
      id: rng.uuid(),
      userKey: 'hv',
      person: forHv,
      reason:
        'At a visit to the baby, the mother said her older child had been hit at home. I needed to know whether the child was already known before calling the MASH.',
      expiresAt: hours(now.getTime() - 2 * day, 4),
    },
  };
  for (const u of [uses.reviewed, uses.unreviewed]) {
    const started = new Date(Date.parse(u.expiresAt) - 4 * 3_600_000);
    t.break_glass.add({
      id: u.id,
      partnership_id: org.partnershipId,
      user_id: org.users[u.userKey]!,
      person_id: u.person.id,
      reason: u.reason,
      started_at: started.toISOString(),
      expires_at: u.expiresAt,
      reviewed_by: u.review ? org.users.dpo! : null,
      reviewed_at: u.review ? hours(started.getTime(), 46) : null,
      review_outcome: u.review?.outcome ?? null,
      review_note: u.review
        ? 'Proportionate: a strategy discussion followed the same night and the record was needed for it.'
        : null,
    });
  }
  return uses;
}

async function auditBreakGlass(
  db: Db,
  org: DemoOrganisation,
  uses: { reviewed: BreakGlassUse; unreviewed: BreakGlassUse },
): Promise<void> {
  for (const u of [uses.reviewed, uses.unreviewed]) {
    await audit(db, demoActor(org, u.userKey), {
      action: 'breakglass.used',
      entityType: 'person',
      entityId: u.person.id,
      personId: u.person.id,
      reason: u.reason,
      detail: { breakGlassId: u.id, expiresAt: u.expiresAt },
    });
  }
  await audit(db, demoActor(org, 'dpo'), {
    action: 'breakglass.reviewed',
    entityType: 'break_glass',
    entityId: uses.reviewed.id,
    personId: uses.reviewed.person.id,
    detail: { outcome: 'appropriate' },
  });
}
