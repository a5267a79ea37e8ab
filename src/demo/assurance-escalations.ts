/**
 * Demo escalations: two years of professional disagreements between the demo agencies, resolved
 * at each stage, and some open now (a few overdue), each raised by a demo practitioner about a child
 * their agency works with. A few dozen rows in bulk; runs inside the seed's transaction.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/index.ts';
import { addDays, addWorkingDays } from '../platform/calendar.ts';
import { DEFAULT_SETTINGS } from '../platform/clocks.ts';
import { londonToday } from '../platform/dates.ts';
import { DEMO_USERS, type DemoOrganisation } from './organisation.ts';
import { Rows } from './bulk.ts';

const STAGES = ['practitioners', 'managers', 'heads', 'partnership'] as const;
const DAYS = [
  DEFAULT_SETTINGS.escalationPractitionerWorkingDays,
  DEFAULT_SETTINGS.escalationManagerWorkingDays,
  DEFAULT_SETTINGS.escalationHeadWorkingDays,
];

/** Who raises them, and with whom: the raiser's agency is the user's. */
const PAIRS: [raiser: string, other: string][] = [
  ['teacher', 'council'],
  ['sw', 'police'],
  ['gp', 'council'],
  ['hv', 'council'],
  ['probation', 'council'],
  ['sw', 'school1'],
  ['police', 'council'],
  ['teacher', 'community'],
];

const DISAGREEMENTS = [
  [
    'The referral was closed with no further action while the school still sees signs of neglect.',
    'Called the duty social worker twice and sent the attendance record.',
  ],
  [
    'Police did not share the domestic abuse notification before the strategy discussion.',
    'Asked the police MASH desk by email and phone.',
  ],
  [
    'The threshold for a child in need assessment was not met, in the council’s view; the practice disagrees.',
    'Spoke to the assessment team manager.',
  ],
  ['The health visitor was not invited to the core group.', 'Wrote to the child’s social worker.'],
  [
    'The family were told of the referral before the agreed safety plan was in place.',
    'Met the practitioner; no agreement.',
  ],
];
const LEARNING = [
  'Closure letters now go to every agency involved, with the reasons.',
  'Notifications are shared on the day they arrive when a strategy discussion is planned.',
  'Threshold conversations happen manager to manager before a closure.',
  'Core group invitations are checked against the involvements on the record.',
];

export async function seedEscalations(
  db: Db,
  org: DemoOrganisation,
  opts: { today?: string } = {},
): Promise<{ escalations: number; open: number }> {
  const today = opts.today ?? londonToday();
  const pid = org.partnershipId;
  // Children each raiser's agency works with (the social worker's: allocated to them).
  const childrenOf = async (key: string) => {
    const u = DEMO_USERS.find((x) => x.key === key)!;
    const rows = await db.query<{ id: string }>(
      key === 'sw'
        ? `select a.person_id as id from allocation a join person p on p.id = a.person_id
           where a.user_id = $1 and a.ended_at is null and p.kind = 'child' and not p.restricted
           order by a.person_id limit 12`
        : `select distinct i.person_id as id from involvement i join person p on p.id = i.person_id
           where i.agency_id = $1 and i.ended_on is null and p.kind = 'child' and not p.restricted
           order by i.person_id limit 12`,
      [key === 'sw' ? org.users.sw : org.agencies[u.agency]],
    );
    return rows.map((r) => r.id);
  };
  const children = new Map<string, string[]>();
  for (const [raiser] of PAIRS) if (!children.has(raiser)) children.set(raiser, await childrenOf(raiser));

  const escalations = new Rows('escalation', {
    id: 'uuid',
    partnership_id: 'uuid',
    reference: 'text',
    person_id: 'uuid',
    raised_by: 'uuid',
    raising_agency_id: 'uuid',
    other_agency_id: 'uuid',
    disagreement: 'text',
    tried: 'text',
    raised_on: 'date',
    stage: 'text',
    stage_started_on: 'date',
    stage_due_on: 'date',
    outcome: 'text',
    learning: 'text',
    resolved_on: 'date',
    resolved_by: 'uuid',
  });
  const steps = new Rows('escalation_step', {
    partnership_id: 'uuid',
    escalation_id: 'uuid',
    kind: 'text',
    stage: 'text',
    reason: 'text',
    by_user: 'uuid',
    by_agency: 'uuid',
    on_date: 'date',
    at: 'timestamptz',
  });

  // Oldest first, so that references run in the order raised: 30 resolved over two years, 10 open.
  const plan = [
    ...Array.from({ length: 30 }, (_, k) => ({ raisedOn: addDays(today, -(720 - k * 22)), open: false, k })),
    ...Array.from({ length: 10 }, (_, j) => ({ raisedOn: addDays(today, -(36 - j * 4)), open: true, k: j })),
  ];
  let open = 0;
  plan.forEach((p, n) => {
    const [raiserKey, otherKey] = PAIRS[n % PAIRS.length]!;
    const pool = children.get(raiserKey)!;
    if (pool.length === 0) return;
    const raiser = DEMO_USERS.find((u) => u.key === raiserKey)!;
    const raisingAgency = org.agencies[raiser.agency]!;
    const otherAgency = org.agencies[otherKey]!;
    const answerer =
      DEMO_USERS.find((u) => u.agency === otherKey && u.roles.includes('partner_practitioner')) ??
      DEMO_USERS.find((u) => u.agency === otherKey && !u.roles.includes('referrer'))!;
    const id = crypto.randomUUID();
    const [disagreement, tried] = DISAGREEMENTS[n % DISAGREEMENTS.length] as [string, string];
    const moves = (p.open ? 9 - p.k : p.k) % 4;
    let started = p.raisedOn;
    const step = (kind: string, stage: string, reason: string | null, byKey: string, on: string) => {
      const by = DEMO_USERS.find((u) => u.key === byKey)!;
      steps.add({
        partnership_id: pid,
        escalation_id: id,
        kind,
        stage,
        reason,
        by_user: org.users[byKey]!,
        by_agency: org.agencies[by.agency]!,
        on_date: on,
        at: `${on}T10:00:00Z`,
      });
    };
    step('raised', 'practitioners', null, raiserKey, started);
    let at = 0;
    for (let s = 1; s <= moves; s++) {
      const next = addWorkingDays(started, DAYS[s - 1]!);
      if (next > today) break;
      started = next;
      at = s;
      step(
        'moved',
        STAGES[s]!,
        'Not resolved in the time this stage has.',
        s % 2 ? answerer.key : raiserKey,
        started,
      );
    }
    const stage = STAGES[at]!;
    const due = stage === 'partnership' ? null : addWorkingDays(started, DAYS[at]!);
    let resolvedOn: string | null = null;
    let outcome: string | null = null;
    if (!p.open) {
      resolvedOn = addWorkingDays(started, 1 + (p.k % 3));
      outcome = stage === 'partnership' ? 'partnership_decided' : p.k % 2 ? 'other_view_accepted' : 'agreed';
      step('resolved', stage, outcome, raiserKey, resolvedOn);
    } else open++;
    escalations.add({
      id,
      partnership_id: pid,
      reference: `E-${String(n + 1).padStart(4, '0')}`,
      person_id: pool[n % pool.length]!,
      raised_by: org.users[raiserKey]!,
      raising_agency_id: raisingAgency,
      other_agency_id: otherAgency,
      disagreement,
      tried,
      raised_on: p.raisedOn,
      stage,
      stage_started_on: started,
      stage_due_on: resolvedOn ? null : due,
      outcome,
      learning: resolvedOn ? LEARNING[n % LEARNING.length]! : null,
      resolved_on: resolvedOn,
      resolved_by: resolvedOn ? org.users[raiserKey]! : null,
    });
  });
  await escalations.insert(db);
  await steps.insert(db);
  return { escalations: escalations.length, open };
}
