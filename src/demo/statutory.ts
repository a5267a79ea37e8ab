/**
 * Statutory casework for the demo: episodes of need for the allocated children, a mix of work on
 * the clocks (assessments, strategy discussions, section 47 enquiries, conferences, plans, visits),
 * earlier closed episodes, referrals waiting for allocation and children whose worker has left.
 * Dates are planned relative to today (timelines.ts) so the demo looks current whenever it starts.
 */
import { dueDate } from '../platform/clocks.ts';
import { addMonths, addWorkingDays } from '../platform/calendar.ts';
import { Casebook, type Staff, type SystemEntry, type Timeline } from './casebook.ts';
import { writeAllocations, type Casework } from './casework.ts';
import { DEMO_USERS, type DemoOrganisation } from './organisation.ts';
import type { Family } from './population.ts';
import { addDays, DEMO_SEED, Rng } from './random.ts';
import type { DemoTables } from './tables.ts';
import { Planner, subWd } from './timelines.ts';

type Path = (p: Planner, f: Family) => Timeline;

const path = {
  cp: (p: Planner, f: Family) => p.cpStartedAgo(f, p.rng.int(30, 330)),
  cpSlipping: (p: Planner, f: Family) => p.cpStartedAgo(f, p.rng.int(60, 300), 'overdue'),
  cpNew: (p: Planner, f: Family) => p.cpStartedAgo(f, p.rng.int(5, 35)),
  cinAfterCp: (p: Planner, f: Family) => p.cinAfterCp(f),
  cin: (p: Planner, f: Family) => p.cin(f),
  cinOverdue: (p: Planner, f: Family) => p.cin(f, 'overdue'),
  assessment: (p: Planner, f: Family) => p.assessment(f, p.rng.int(5, 40)),
  assessmentLate: (p: Planner, f: Family) => p.assessment(f, -p.rng.int(1, 8)),
  awaiting: (p: Planner, f: Family) => p.assessment(f, p.rng.int(-3, 20), 'awaiting_authorisation'),
  s47: (p: Planner, f: Family) => p.s47(f, 'open'),
  s47SignOff: (p: Planner, f: Family) => p.s47(f, 'awaiting_sign_off'),
  icpc: (p: Planner, f: Family) => p.icpcDue(f, p.rng.int(2, 6)),
  notSubstantiated: (p: Planner, f: Family) => p.notSubstantiated(f),
  quiet: (p: Planner, f: Family) => p.quiet(f),
} satisfies Record<string, Path>;

/** The demo social worker's families, in order: every kind of clock, one overdue, several due soon. */
const SW_SCRIPT: Path[] = [
  (p, f) => p.cpStartedAgo(f, 130, 'soon'),
  (p, f) => p.assessment(f, -4),
  (p, f) => p.icpcDue(f, 3),
  (p, f) => p.cin(f, 'overdue', { late: true }),
  (p, f) => p.assessment(f, 8, 'awaiting_authorisation'),
  (p, f) => p.strategyDue(f),
  (p, f) => p.cin(f, 'ok', { stepUp: `EH-${p.today.slice(0, 4)}-0412` }),
  (p, f) => p.s47(f, 'open'),
  (p, f) => p.assessment(f, 25, 'returned'),
  path.quiet,
  path.assessment,
  path.cin,
];

/** The Child Protection Team holds children on plans; the assessment teams hold the rest. */
const CP_TEAM: Path[] = [
  path.cp,
  path.cp,
  path.cinAfterCp,
  path.cpSlipping,
  path.cp,
  path.cinAfterCp,
  path.cp,
  path.icpc,
];
const ASSESSMENT_TEAMS: Path[] = [
  path.assessment,
  path.cin,
  path.s47,
  path.awaiting,
  path.cinOverdue,
  path.icpc,
  path.assessmentLate,
  path.notSubstantiated,
  path.cin,
  path.cpNew,
  path.s47SignOff,
  path.quiet,
];

const MANAGERS = [
  { team: 'Assessment Team South', name: 'Olivia Brennan' },
  { team: 'Child Protection Team', name: 'Marcus Adeyemi' },
];

const CONCERNS: Record<string, string> = {
  police: 'Police attended a domestic incident at the home; the children were in the house.',
  school1:
    'The school’s safeguarding lead is worried about a child’s appearance, hunger and what the child said.',
  hospital: 'A child was brought to the emergency department with an injury the explanation did not fit.',
  community: 'The health visitor is worried about home conditions and missed health appointments.',
  gp: 'The GP is worried about a parent’s mental health and the care of the children.',
  housing: 'Housing staff found the family’s home in very poor condition on an inspection.',
  voluntary: 'The family support worker is worried that things at home have got worse.',
};

export interface Statutory {
  /** Chronology entries the casework services would have written. */
  entries: SystemEntry[];
  /** Children with casework of their own (their chronology's casework stories are replaced). */
  cased: Set<string>;
}

const stamp = (date: string, hour: number, minute: number) =>
  `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`;

export function statutory(
  org: DemoOrganisation,
  families: Family[],
  work: Casework,
  t: DemoTables,
  today: string,
  now: Date,
): Statutory {
  // Randomness of its own, so the rest of the demo is the same with or without casework.
  const rng = new Rng(DEMO_SEED + 47);
  const plan = new Planner(rng, today);
  const pid = org.partnershipId;
  const book = new Casebook(rng, t, pid, org.agencies, now);
  const cased = new Set<string>();

  const managers: Record<string, Staff> = {
    'Assessment Team North': { id: org.users.tm!, name: DEMO_USERS.find((u) => u.key === 'tm')!.name },
  };
  MANAGERS.forEach((m, i) => {
    const id = rng.uuid();
    managers[m.team] = { id, name: m.name };
    t.app_user.add({
      id,
      partnership_id: pid,
      agency_id: org.agencies.council!,
      team_id: org.teams[`council:${m.team}`]!,
      email: `${m.name.replace(' ', '.')}.tm${i + 1}@elmshire-council.example`.toLowerCase(),
      display_name: m.name,
      _roles: 'team_manager',
      is_demo: true,
    });
  });
  const staff = new Map<string, Staff & { team: string }>();
  for (const u of DEMO_USERS)
    staff.set(org.users[u.key]!, { id: org.users[u.key]!, name: u.name, team: u.team });
  for (const w of work.workers) staff.set(w.id, w);
  const assessors = work.workers.filter((w) => w.team !== 'Child Protection Team');

  const allocations = new Map(work.allocations.map((a) => [a.personId, a]));
  const lastReferral = new Map<string, { id: string; on: string }>();
  const born = (f: Family) => f.children.some((c) => c.dob);

  /** The family's contact and each child's referral and episode. */
  const write = (
    f: Family,
    tl: Timeline,
    worker: Staff,
    referralStatus: 'allocated' | 'awaiting_allocation',
  ) => {
    const manager = managers[staff.get(worker.id)?.team ?? ''] ?? managers['Assessment Team North']!;
    let contactId: string | undefined;
    let receivedAt = '';
    if (tl.referral.decision) {
      contactId = rng.uuid();
      receivedAt = stamp(tl.referral.on, rng.int(8, 12), rng.int(0, 59));
      t.contact.add({
        id: contactId,
        partnership_id: pid,
        status: 'decided',
        received_at: receivedAt,
        reference: work.references.next(receivedAt),
        source_agency_id: org.agencies[tl.referral.agency]!,
        concern: CONCERNS[tl.referral.agency] ?? CONCERNS.voluntary!,
        decision_due: dueDate('referral-decision', new Date(receivedAt)),
        decision: tl.referral.decision,
        decision_rationale: 'Threshold considered with the information from every agency (demo).',
        decided_at: stamp(tl.referral.on, rng.int(13, 15), rng.int(0, 59)),
        decided_by: org.users.mashmgr!,
      });
      for (const p of [...f.children, f.mother, f.step ?? f.father])
        if (p) t.contact_person.add({ contact_id: contactId, person_id: p.id, partnership_id: pid });
    }
    for (const child of f.children) {
      if (referralStatus === 'awaiting_allocation') {
        if (!child.dob || !contactId) continue;
        t.referral.add({
          id: rng.uuid(),
          partnership_id: pid,
          contact_id: contactId,
          person_id: child.id,
          decision: tl.referral.decision,
          referral_date: tl.referral.on,
          received_at: receivedAt,
          status: referralStatus,
          repeat_of: repeatOf(child.id, tl.referral.on),
          created_by: null,
        });
        continue;
      }
      const made = book.write(f, child, tl, worker, manager, contactId, {
        status: referralStatus,
        repeatOf: repeatOf(child.id, tl.referral.on),
        receivedAt,
      });
      if (!made) continue;
      cased.add(child.id);
      if (made.referralId) lastReferral.set(child.id, { id: made.referralId, on: tl.referral.on });
    }
    return manager;
  };
  const repeatOf = (childId: string, on: string) => {
    const last = lastReferral.get(childId);
    return last && addMonths(last.on, 12) >= on ? last.id : null;
  };

  /** A worker's allocation for the single assessment, ended by the manager as `end` says. */
  const endedAllocation = (
    childId: string,
    tl: Timeline,
    worker: Staff & { team: string },
    manager: Staff,
    end: { at: string; reason: string },
  ) =>
    t.casework_allocation.add({
      partnership_id: pid,
      person_id: childId,
      user_id: worker.id,
      team_id: org.teams[`council:${worker.team}`]!,
      started_at: stamp(addWorkingDays(tl.referral.on, 1), 10, 0),
      reason: 'Allocated for the single assessment.',
      allocated_by: manager.id,
      ended_at: end.at,
      ended_by: manager.id,
      end_reason: end.reason,
    });

  /** An earlier episode, allocated to a worker until it closed. */
  const history = (f: Family, tl: Timeline, worker: Staff & { team: string }) => {
    const manager = write(f, tl, worker, 'allocated');
    for (const c of f.children) {
      if (!c.dob || c.dob > tl.referral.on) continue;
      endedAllocation(c.id, tl, worker, manager, {
        at: stamp(tl.closure!.on, 16, 30),
        reason: 'Episode of need closed.',
      });
    }
  };
  // Closed after an assessment (no further action, or stepped down to early help), after a child in
  // need plan, or transferred to another authority: in turn, so that every seed has each.
  const CLOSURES = ['RC8', 'RC9', 'RC7', 'RC8', 'RC9', 'RC7', 'RC8', 'RC9', 'RC7', 'RC5'] as const;
  let closures = 0;
  const closure = () => CLOSURES[closures++ % CLOSURES.length]!;

  // Allocated families (not early help): the demo social worker's by script, the others by team.
  const allocated = families.filter((f) => {
    const a = allocations.get(f.children[0]!.id);
    return a && a.team !== 'Early Help Hub' && born(f);
  });
  const teamOf = (f: Family) => allocations.get(f.children[0]!.id)!;
  const isSw = (f: Family) => teamOf(f).userId === org.users.sw;
  // The long plan and the repeat plan go to the demo team manager's team when it has the cases.
  const specials = [
    ...allocated.filter((f) => !isSw(f) && teamOf(f).team === 'Assessment Team North' && f.level === 3),
    ...allocated.filter((f) => teamOf(f).team === 'Child Protection Team'),
    ...allocated.filter((f) => !isSw(f) && teamOf(f).team === 'Assessment Team South'),
  ];
  const [longPlan, repeatPlan] = specials;
  const total = families.reduce((n, f) => n + f.children.length, 0);
  const cpCap = Math.max(4, Math.round(total * 0.025));
  let onPlans = 0;
  let sw = 0;
  let cpTeam = 0;
  let assessTeam = 0;
  for (const f of allocated) {
    const a = teamOf(f);
    const worker = staff.get(a.userId)!;
    let tl: Timeline;
    if (f === repeatPlan) {
      const earlier = plan.closedAfterCp(f, addDays(today, -rng.int(640, 700)));
      history(f, earlier, worker);
      tl = plan.cpStartedAgo(f, rng.int(60, 130));
    } else if (f === longPlan) {
      tl = plan.cpLong(f);
    } else {
      const pick = isSw(f)
        ? SW_SCRIPT[sw++ % SW_SCRIPT.length]!
        : a.team === 'Child Protection Team'
          ? CP_TEAM[cpTeam++ % CP_TEAM.length]!
          : ASSESSMENT_TEAMS[assessTeam++ % ASSESSMENT_TEAMS.length]!;
      tl = pick(plan, f);
      if (tl.plan && !tl.plan.end && onPlans >= cpCap && !isSw(f)) tl = plan.cinAfterCp(f);
      // About one family in five was known before: an earlier episode, closed.
      if (rng.chance(0.2))
        history(f, plan.closed(f, addDays(tl.referral.on, -rng.int(30, 200)), closure()), worker);
    }
    if (tl.plan && !tl.plan.end) onPlans += f.children.filter((c) => c.dob && c.dob <= tl.referral.on).length;
    write(f, tl, worker, 'allocated');
    // The allocation began when the episode did.
    const day = addWorkingDays(tl.referral.on, rng.int(0, 2));
    for (const c of f.children) {
      const alloc = allocations.get(c.id)!;
      alloc.startedAt = stamp(day < today ? day : tl.referral.on, 16, rng.int(0, 59));
    }
  }

  // Families the council knows but nobody holds now: referrals waiting, children whose worker left,
  // and closed episodes.
  const unallocated = families.filter(
    (f) => f.level >= 2 && born(f) && !allocations.has(f.children[0]!.id) && !work.openContacts.has(f),
  );
  const waiting = Math.max(1, Math.round(total / 300));
  const orphans = Math.max(1, Math.round(total / 1000));
  unallocated.forEach((f, i) => {
    const worker = assessors.length ? assessors[i % assessors.length]! : staff.get(org.users.sw!)!;
    if (i < waiting) {
      write(f, plan.waiting(f, rng.int(1, 12)), worker, 'awaiting_allocation');
    } else if (i < waiting + orphans) {
      const tl = plan.assessment(f, rng.int(-5, 20));
      const manager = write(f, tl, worker, 'allocated');
      for (const c of f.children) {
        if (!cased.has(c.id)) continue;
        endedAllocation(c.id, tl, worker, manager, {
          at: stamp(subWd(today, rng.int(2, 10)), 12, 0),
          reason: 'The social worker has left the team; the child is to be reallocated.',
        });
      }
    } else if ((i - waiting - orphans) % 4 === 0) {
      history(f, plan.closed(f, addDays(today, -rng.int(20, 200)), closure()), worker);
    }
  });

  writeAllocations(
    org,
    work,
    t,
    Object.fromEntries(Object.entries(managers).map(([team, m]) => [team, m.id])),
  );
  return { entries: book.entries, cased };
}
