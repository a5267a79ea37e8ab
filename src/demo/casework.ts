import type { Entry } from './history.ts';
import { schoolOn } from './history.ts';
import { NAME_POOLS } from './lists.ts';
import type { DemoOrganisation } from './organisation.ts';
import type { Family, Person } from './population.ts';
import { addDays, addYears, ageOn, dateBetween, receptionYear, type Rng } from './random.ts';
import type { DemoTables } from './tables.ts';
import { addWorkingDays } from '../platform/calendar.ts';
import { dueDate } from '../platform/clocks.ts';

/** Who works which child: allocations, agencies' involvements, MASH contacts. */
export interface Casework {
  /** Child id → user id of the allocated worker. */
  allocated: Map<string, string>;
  workers: { id: string; name: string; team: string }[];
  /** The open allocations, written once statutory casework has dated them (writeAllocations). */
  allocations: Allocation[];
  /** Families with a contact open in the MASH. */
  openContacts: Set<Family>;
  references: ContactReferences;
}

export interface Allocation {
  personId: string;
  userId: string;
  team: string;
  startedAt: string;
}

/** Contact references, R-<year>-<number>, numbered per year across the whole seed. */
export class ContactReferences {
  private readonly counters = new Map<string, number>();
  next(receivedAt: string): string {
    const year = receivedAt.slice(0, 4);
    const n = (this.counters.get(year) ?? 0) + 1;
    this.counters.set(year, n);
    return `R-${year}-${String(n).padStart(6, '0')}`;
  }
}

const GENERATED_TEAMS = ['Assessment Team North', 'Assessment Team South', 'Child Protection Team'];

/**
 * Social workers who are not demo logins: they hold the rest of the allocations. They have no
 * password (password_hash stays null), so nobody can sign in as them.
 */
function generateWorkers(rng: Rng, org: DemoOrganisation, t: DemoTables, count: number) {
  const pool = NAME_POOLS.british;
  const workers: Casework['workers'] = [];
  for (let i = 0; i < count; i++) {
    const given = rng.pick(pool.women.concat(pool.men).filter((n) => /^[A-Za-z]+$/.test(n)));
    const family = rng.pick(pool.surnames.filter((n) => /^[A-Za-z]+$/.test(n)));
    const team = GENERATED_TEAMS[i % GENERATED_TEAMS.length]!;
    const id = rng.uuid();
    t.app_user.add({
      id,
      partnership_id: org.partnershipId,
      agency_id: org.agencies.council!,
      team_id: org.teams[`council:${team}`]!,
      email: `${given}.${family}.${i + 1}@elmshire-council.example`.toLowerCase(),
      display_name: `${given} ${family}`,
      _roles: 'social_worker',
      is_demo: true,
    });
    workers.push({ id, name: `${given} ${family}`, team });
  }
  return workers;
}

const stamp = (date: string, hour: number, minute = 0) =>
  `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`;

export function casework(
  rng: Rng,
  org: DemoOrganisation,
  families: Family[],
  entries: Entry[],
  t: DemoTables,
  today: string,
  now: Date,
): Casework {
  const pid = org.partnershipId;
  const totalChildren = families.reduce((n, f) => n + f.children.length, 0);
  const workers = generateWorkers(rng, org, t, Math.max(2, Math.ceil(totalChildren / 250)));
  const involve = (
    p: Person,
    agency: string,
    team: string | null,
    role: string,
    started: string,
    ended: string | null = null,
  ) => {
    if (started > today) started = today;
    t.involvement.add({
      partnership_id: pid,
      person_id: p.id,
      agency_id: org.agencies[agency]!,
      team_id: team ? org.teams[`${agency}:${team}`]! : null,
      role,
      started_on: started,
      ended_on: ended && ended <= today ? ended : null,
    });
  };
  // The first entry each agency made about each person starts that agency's involvement.
  const firstEntry = new Map<string, string>();
  for (const e of entries) {
    const key = `${e.person.id}:${e.agency}`;
    const seen = firstEntry.get(key);
    if (!seen || e.on < seen) firstEntry.set(key, e.on);
  }
  const first = (p: Person, agency: string) => firstEntry.get(`${p.id}:${agency}`);

  for (const f of families) {
    for (const c of f.children) {
      if (c.unborn) {
        const conceived = addDays(c.expectedDate!, -280);
        involve(c, 'gp', 'Practice', 'gp_practice', addDays(conceived, 60));
        involve(c, 'community', 'Health Visiting', 'health_visiting', addDays(conceived, 180));
        continue;
      }
      const dob = c.dob!;
      involve(c, 'gp', 'Practice', 'gp_practice', addDays(dob, 7));
      involve(c, 'community', 'Health Visiting', 'health_visiting', dob, addYears(dob, 5));
      const reception = receptionYear(dob);
      const school = schoolOn(f, c, today);
      if (school) {
        const primaryEnds = `${reception + 7}-07-22`;
        involve(c, f.town.primary, 'Safeguarding', 'school', `${reception}-09-01`, primaryEnds);
        if (school === 'school2') involve(c, 'school2', 'Safeguarding', 'school', `${reception + 7}-09-01`);
      } else if (ageOn(dob, today) >= 2 && rng.chance(0.4)) {
        involve(c, 'nursery', 'Staff', 'early_years', addDays(addYears(dob, 2), rng.int(0, 200)));
      }
      const since = (agency: string) => first(c, agency);
      if (f.domesticAbuse && f.level >= 2 && since('police'))
        involve(c, 'police', 'Public Protection Unit', 'police', since('police')!);
      if (since('yjs')) involve(c, 'yjs', 'Case Management', 'youth_justice', since('yjs')!);
      if (f.housing && since('housing'))
        involve(c, 'housing', 'Tenancy Support', 'housing', since('housing')!);
      if (f.familySupport && since('voluntary'))
        involve(c, 'voluntary', 'Family Workers', 'voluntary', since('voluntary')!);
    }
    // Probation works with the adult and keeps the children in view.
    const supervised = f.step ?? f.father;
    const child = f.children[0];
    if (f.probation && supervised && child && first(child, 'probation')) {
      const started = first(child, 'probation')!;
      involve(supervised, 'probation', 'Offender Management', 'probation', started);
      for (const c of f.children) involve(c, 'probation', 'Offender Management', 'probation', started);
    }
    if (f.housing && f.mother && child && first(child, 'housing'))
      involve(f.mother, 'housing', 'Tenancy Support', 'housing', first(child, 'housing')!);
  }

  const { allocated, allocations } = allocate(rng, org, families, workers, today, totalChildren);
  const references = new ContactReferences();
  const openContacts = contacts(rng, org, families, allocated, t, now, references);
  return { allocated, workers, allocations, openContacts, references };
}

/** Writes the open allocations, each allocated by the manager of its team when there is one. */
export function writeAllocations(
  org: DemoOrganisation,
  work: Casework,
  t: DemoTables,
  managers: Record<string, string>,
): void {
  for (const a of work.allocations) {
    t.casework_allocation.add({
      partnership_id: org.partnershipId,
      person_id: a.personId,
      user_id: a.userId,
      team_id: org.teams[`council:${a.team}`]!,
      started_at: a.startedAt,
      reason: null,
      allocated_by: managers[a.team] ?? null,
      ended_at: null,
      ended_by: null,
      end_reason: null,
    });
  }
}

/**
 * About a tenth of the children are allocated to a social worker, the most serious first and
 * siblings together; the demo social workers hold real caseloads. The early help lead holds a few
 * early help families. Many children in need stay unallocated, as they do in real life.
 */
function allocate(
  rng: Rng,
  org: DemoOrganisation,
  families: Family[],
  workers: Casework['workers'],
  today: string,
  totalChildren: number,
): { allocated: Map<string, string>; allocations: Allocation[] } {
  const allocated = new Map<string, string>();
  const allocations: Allocation[] = [];
  const target = Math.max(3, Math.round(totalChildren / 10));
  const caseloads: { user: string; team: string; cap: number; levels: number[] }[] = [
    { user: org.users.sw!, team: 'Assessment Team North', cap: 20, levels: [2, 3] },
    { user: org.users.sw2!, team: 'Child Protection Team', cap: 18, levels: [3] },
    ...workers.map((w) => ({ user: w.id, team: w.team, cap: 22, levels: [3, 2] })),
  ];
  const serious = families.filter((f) => f.level >= 2);
  let count = 0;
  const give = (f: Family, user: string, team: string) => {
    for (const c of f.children) {
      allocated.set(c.id, user);
      allocations.push({
        personId: c.id,
        userId: user,
        team,
        startedAt: stamp(
          dateBetween(rng, addDays(today, -400), addDays(today, -3)),
          rng.int(9, 16),
          rng.int(0, 59),
        ),
      });
    }
    count += f.children.length;
  };
  for (const load of caseloads) {
    let held = 0;
    const preferred = load.levels.flatMap((level) => serious.filter((f) => f.level === level));
    for (const f of preferred) {
      if (count >= target && load.user !== org.users.sw) break;
      if (held >= load.cap || allocated.has(f.children[0]!.id)) continue;
      if (held > 0 && held + f.children.length > load.cap) continue;
      give(f, load.user, load.team);
      held += f.children.length;
    }
    if (held === 0 && load.user === org.users.sw) {
      const f = families.find((x) => !allocated.has(x.children[0]!.id));
      if (f) give(f, load.user, load.team);
    }
  }
  let ehl = 0;
  for (const f of families) {
    if (f.level !== 1 || ehl >= 10 || allocated.has(f.children[0]!.id)) continue;
    give(f, org.users.ehl!, 'Early Help Hub');
    ehl += f.children.length;
  }
  return { allocated, allocations };
}

/** Open contacts in the MASH (children and adults), and the closed contacts behind past referrals. */
function contacts(
  rng: Rng,
  org: DemoOrganisation,
  families: Family[],
  allocated: Map<string, string>,
  t: DemoTables,
  now: Date,
  references: ContactReferences,
): Set<Family> {
  const pid = org.partnershipId;
  const sources = ['school1', 'school2', 'police', 'gp', 'community', 'hospital', 'housing'];
  const decisions = [
    'no_further_action',
    'information_advice',
    'early_help',
    'section_17',
    'strategy_section_47',
  ];
  // Contacts as the front door records them: a reference, the agency that made them, the decision's
  // due day from the one calendar, and for past contacts the MASH manager's decision.
  const contact = (f: Family, status: 'open' | 'decided', receivedAt: string) => {
    const id = rng.uuid();
    const due = dueDate('referral-decision', new Date(receivedAt));
    const decided = status === 'decided';
    // Most decisions are made on time; about one in ten a day late.
    const decidedOn = decided ? addWorkingDays(due, rng.int(0, 9) === 0 ? 1 : 0) : null;
    t.contact.add({
      id,
      partnership_id: pid,
      status,
      received_at: receivedAt,
      reference: references.next(receivedAt),
      source_agency_id: org.agencies[sources[rng.int(0, sources.length - 1)]!]!,
      concern: 'Concerns about the children’s care at home (demo contact).',
      decision_due: due,
      decision: decided ? decisions[rng.int(0, decisions.length - 1)]! : null,
      decision_rationale: decided
        ? 'Threshold considered with the information from every agency (demo).'
        : null,
      decided_at: decidedOn ? `${decidedOn}T15:00:00Z` : null,
      decided_by: decided ? org.users.mashmgr! : null,
    });
    for (const p of [...f.children, f.mother, f.step ?? f.father])
      if (p) t.contact_person.add({ contact_id: id, person_id: p.id, partnership_id: pid });
  };
  const candidates = families.filter(
    (f) => f.level >= 1 && f.level <= 2 && !allocated.has(f.children[0]!.id),
  );
  const open = Math.max(2, Math.round(families.length / 60));
  const opened = new Set<Family>();
  for (let i = 0; i < open && candidates.length; i++) {
    const [f] = candidates.splice(rng.int(0, candidates.length - 1), 1);
    const hoursAgo = rng.int(1, 70);
    contact(f!, 'open', new Date(now.getTime() - hoursAgo * 3_600_000).toISOString());
    opened.add(f!);
  }
  // Families known to children's social care have an earlier contact. For about one in seven it came
  // in the last year, so their next contact (here, or the referral the statutory history writes) is
  // a repeat within 12 months, near the national re-referral rate of about a fifth; for the rest it
  // is older history.
  const today = now.toISOString().slice(0, 10);
  for (const f of families) {
    if (f.level < 2 || !f.children.some((c) => c.dob)) continue;
    const recent = rng.chance(0.15);
    const on = recent
      ? dateBetween(rng, addDays(today, -330), addDays(today, -30))
      : dateBetween(rng, addDays(today, -1100), addDays(today, -400));
    contact(f, 'decided', stamp(on, rng.int(8, 17), rng.int(0, 59)));
  }
  return opened;
}
