/**
 * Demo early help: families led by a school, a health visitor and the early help service, in every
 * state (waiting for a lead, assessment due and overdue, reviewed and improving, closed with each
 * kind of outcome), one stepped up to the MASH (through the service, so its contact carries the
 * history) and one stepped down from social care after an RC9 closure. Dates count back from today;
 * runs inside the seed's transaction.
 */
import type { Db } from '../db/index.ts';
import { addDays, addWorkingDays } from '../platform/calendar.ts';
import { londonToday } from '../platform/dates.ts';
import type { DemoOrganisation } from './organisation.ts';

interface Plan {
  lead: 'teacher' | 'hv' | 'ehl' | null;
  source: 'mash' | 'direct' | 'step_down';
  status: 'offered' | 'open' | 'closed';
  /** Days ago it started. */
  ago: number;
  assessed?: boolean;
  /** Review scores added to the starting ones, one array per review. */
  reviews?: number[][];
  outcome?: string;
  consent?: 'given' | 'withdrawn';
  stepUp?: boolean;
}

const PLANS: Plan[] = [
  { lead: 'teacher', source: 'direct', status: 'open', ago: 10 },
  {
    lead: 'teacher',
    source: 'direct',
    status: 'open',
    ago: 120,
    assessed: true,
    reviews: [
      [1, 1],
      [3, 2],
    ],
  },
  {
    lead: 'teacher',
    source: 'direct',
    status: 'closed',
    ago: 300,
    assessed: true,
    reviews: [
      [2, 2],
      [4, 3],
    ],
    outcome: 'needs_met',
  },
  {
    lead: 'teacher',
    source: 'direct',
    status: 'open',
    ago: 90,
    assessed: true,
    reviews: [[0, -1]],
    stepUp: true,
  },
  { lead: 'hv', source: 'direct', status: 'open', ago: 60 },
  { lead: 'hv', source: 'mash', status: 'open', ago: 150, assessed: true, reviews: [[1, 0]] },
  {
    lead: 'hv',
    source: 'direct',
    status: 'closed',
    ago: 200,
    assessed: true,
    outcome: 'consent_withdrawn',
    consent: 'withdrawn',
  },
  {
    lead: 'ehl',
    source: 'mash',
    status: 'open',
    ago: 70,
    assessed: true,
    reviews: [
      [2, 1],
      [2, 3],
      [4, 4],
    ],
  },
  {
    lead: 'ehl',
    source: 'mash',
    status: 'closed',
    ago: 250,
    assessed: true,
    reviews: [[1, 1]],
    outcome: 'moved_away',
  },
  { lead: null, source: 'step_down', status: 'offered', ago: 5 },
  { lead: 'teacher', source: 'step_down', status: 'open', ago: 40, assessed: true },
];
const AREAS = [
  ['education', 'relationships'],
  ['early_years', 'health'],
  ['housing', 'financial'],
  ['domestic_abuse', 'relationships'],
];
const AGENCY_OF = { teacher: 'school1', hv: 'community', ehl: 'council' } as const;
/** Where each lead's families come from: the service takes families any agency knows (here the GP's). */
const POOL_OF = { teacher: 'school1', hv: 'community', ehl: 'gp' } as const;
const WORDS = [
  'I like it when mum walks me to school.',
  'I get worried when there is shouting.',
  'Breakfast club is fun, I sit with Amir.',
  'I want my own bed.',
];

const minDate = (a: string, b: string) => (a < b ? a : b);

export async function seedEarlyHelp(db: Db, org: DemoOrganisation, opts: { today?: string } = {}) {
  const today = opts.today ?? londonToday();
  const pid = org.partnershipId;
  // Children each lead's agency works with, and children closed at social care as RC9, none restricted.
  const childrenOf = async (agency: string) =>
    (
      await db.query<{ id: string }>(
        `select distinct i.person_id as id from involvement i join person p on p.id = i.person_id
         where i.agency_id = $1 and i.ended_on is null and p.kind = 'child' and not p.restricted and not p.unborn
         order by i.person_id limit 20`,
        [org.agencies[agency]],
      )
    ).map((r) => r.id);
  const rc9 = (
    await db.query<{ id: string; episode: string }>(
      `select distinct on (e.person_id) e.person_id as id, e.id as episode from episode e join person p on p.id = e.person_id
       where e.partnership_id = $1 and e.closure_reason = 'RC9' and not p.restricted order by e.person_id, e.closure_date desc limit 4`,
      [pid],
    )
  ).map((r) => r);
  const pools: Record<string, string[]> = {
    school1: await childrenOf('school1'),
    community: await childrenOf('community'),
    gp: await childrenOf('gp'),
  };
  const used = new Set<string>();
  const take = (pool: string[]) => {
    const id = pool.find((x) => !used.has(x));
    if (id) used.add(id);
    return id;
  };
  let made = 0;
  for (const [i, plan] of PLANS.entries()) {
    const stepDown = plan.source === 'step_down' ? rc9.find((r) => !used.has(r.id)) : undefined;
    if (stepDown) used.add(stepDown.id);
    const child = stepDown?.id ?? take(pools[POOL_OF[plan.lead ?? 'ehl']]!);
    if (!child) continue;
    const family = await db.query<{ id: string; kind: string }>(
      `select p.id, p.kind from person p where p.id = $1
       union select p.id, p.kind from relationship r join person p on p.id = r.related_person_id
         where r.person_id = $1 and not p.restricted and not p.unborn
       union select p.id, p.kind from relationship r join person p on p.id = r.person_id
         where r.related_person_id = $1 and not p.restricted and not p.unborn`,
      [child],
    );
    if (family.some((f) => f.id !== child && f.kind === 'child' && used.has(f.id))) continue;
    family.forEach((f) => f.kind === 'child' && used.add(f.id));
    const started = addDays(today, -plan.ago);
    const leadKey = plan.lead;
    const leadId = leadKey ? org.users[leadKey]! : null;
    // Some in time (30 working days), some late; never after today.
    const assessedOn = plan.assessed
      ? minDate(addWorkingDays(started, 20 + (i % 15)), addDays(today, -1))
      : null;
    const reviews = plan.reviews ?? [];
    const closed =
      plan.status === 'closed' ? addDays(started, Math.min(plan.ago - 5, 60 + 42 * reviews.length)) : null;
    const [ep] = await db.query<{ id: string }>(
      `insert into eh_episode (partnership_id, reference, source, status, lead_user_id, lead_agency_id, consent,
         safeguarding_reason, started_on, assessment_due, assessment_completed_on, family_view, plan, closed_on, outcome,
         feedback, created_by, created_at)
       values ($1,$2,$3,$4,$5,$6,$7,null,$8,$9,$10,$11,$12,$13,$14,$15,$16,$8::date)
       returning id`,
      [
        pid,
        `EH-${started.slice(0, 4)}-D${String(i + 1).padStart(3, '0')}`,
        plan.source,
        plan.status,
        leadId,
        leadKey ? org.agencies[AGENCY_OF[leadKey]] : null,
        plan.consent ?? 'given',
        started,
        addWorkingDays(started, 30),
        assessedOn,
        assessedOn
          ? 'Mornings are hard and money is tight; we want the children to be settled at school.'
          : null,
        assessedOn
          ? 'Breakfast club, a parenting course, help with benefits, school nurse check-in every fortnight.'
          : null,
        closed,
        plan.outcome ?? null,
        closed ? 'They listened to us and did not judge. The breakfast club made the difference.' : null,
        leadId ?? org.users.sw,
      ],
    );
    const id = ep!.id;
    made++;
    await db.query(
      `insert into eh_member (episode_id, partnership_id, person_id, kind) select $1, $2, p.id, p.kind
       from person p where p.id = any($3::uuid[])`,
      [id, pid, family.map((f) => f.id)],
    );
    if (leadKey && leadKey !== 'hv')
      await db.query(
        `insert into eh_team_member (partnership_id, episode_id, user_id, role, added_by) values ($1,$2,$3,'Health visitor',$4)`,
        [pid, id, org.users.hv, leadId],
      );
    if (assessedOn) {
      const areas = AREAS[i % AREAS.length]!;
      const start = [3 + (i % 2), 4];
      for (const [k, area] of areas.entries())
        await db.query(
          `insert into eh_score (partnership_id, episode_id, area, score) values ($1,$2,$3,$4)`,
          [pid, id, area, start[k]],
        );
      await db.query(
        `insert into child_voice (partnership_id, person_id, gathered_on, words, methods, gathered_by, gathered_by_user,
           context, context_id, created_by) values ($1,$2,$3,$4,'{conversation}',$5,$6,'early_help',$7,$6)`,
        [
          pid,
          child,
          assessedOn,
          WORDS[i % WORDS.length],
          leadKey ?? 'Early help',
          leadId ?? org.users.ehl,
          id,
        ],
      );
      let last = assessedOn;
      for (const [r, change] of reviews.entries()) {
        const held = addDays(last, 42 - (r % 2) * 7);
        if (held > (closed ?? today)) break;
        const [rev] = await db.query<{ id: string }>(
          `insert into eh_review (partnership_id, episode_id, held_on, due_on, summary, created_by)
           values ($1,$2,$3,$4,$5,$6) returning id`,
          [
            pid,
            id,
            held,
            addDays(last, 42),
            'Attendance is up; the family say mornings are calmer.',
            leadId ?? org.users.ehl,
          ],
        );
        for (const [k, area] of areas.entries())
          await db.query(
            `insert into eh_score (partnership_id, episode_id, review_id, area, score) values ($1,$2,$3,$4,$5)`,
            [pid, id, rev!.id, area, Math.max(1, Math.min(10, start[k]! + change[k]!))],
          );
        const [meeting] = await db.query<{ id: string }>(
          `insert into eh_meeting (partnership_id, episode_id, held_on, notes, created_by) values ($1,$2,$3,$4,$5) returning id`,
          [
            pid,
            id,
            held,
            'Reviewed the plan with the family; breakfast club carries on.',
            leadId ?? org.users.ehl,
          ],
        );
        await db.query(
          `insert into eh_attendance (meeting_id, team_member_id, attended)
           select $1, t.id, true from eh_team_member t where t.episode_id = $2`,
          [meeting!.id, id],
        );
        last = held;
      }
    }
    if (plan.source === 'step_down') {
      // Stepped down from social care: offered to the school, declined, back with the service (offered);
      // or accepted by the teacher (open).
      await db.query(
        `insert into eh_step (partnership_id, episode_id, kind, reason, requested_at, requested_by, casework_episode_id,
           offered_to, decision, decision_reason, decided_at, decided_by)
         values ($1,$2,'down','The child in need plan worked; school will carry on the support.', $3::date, $4, $5, $6,
           $7, $8, case when $7::text is not null then $3::date + 2 end, $6)`,
        [
          pid,
          id,
          started,
          org.users.sw,
          stepDown?.episode ?? null,
          org.users.teacher,
          plan.status === 'open' ? 'accepted' : 'declined',
          plan.status === 'open'
            ? 'We know the family well.'
            : 'No capacity this term; the early help service will find a lead.',
        ],
      );
    }
    if (plan.stepUp) {
      // A contact at the MASH, open, carrying the history as a step-up writes it (the demo writes no audit).
      const reviewed = await db.query<{ heldOn: string; summary: string }>(
        `select held_on::text as "heldOn", summary from eh_review where episode_id = $1 order by held_on`,
        [id],
      );
      const concern = [
        'Step-up from early help: the child disclosed being hit at home.',
        '',
        'What early help has tried:',
        `Early help led by Kingsmead Primary School since ${started}.`,
        `Assessment completed ${assessedOn}. The plan: breakfast club, a parenting course, help with benefits.`,
        ...reviewed.map((r, k) => `Review ${k + 1} on ${r.heldOn}: ${r.summary}`),
        `The child said: "${WORDS[i % WORDS.length]}"`,
      ].join('\n');
      const [contact] = await db.query<{ id: string }>(
        `insert into contact (partnership_id, status, received_at, reference, source, referrer_type, source_agency_id,
           referrer_user_id, recorded_by, concern, decision_due)
         values ($1,'open',$2::date + time '09:30','R-' || $3 || '-EH' || $4,'early_help','professional',$5,$6,$6,$7,$8)
         returning id`,
        [
          pid,
          today,
          today.slice(0, 4),
          String(i + 1).padStart(4, '0'),
          org.agencies.school1,
          org.users.teacher,
          concern,
          addWorkingDays(today, 1),
        ],
      );
      for (const f of family)
        await db.query(
          `insert into contact_person (partnership_id, contact_id, person_id) values ($1,$2,$3)`,
          [pid, contact!.id, f.id],
        );
      await db.query(
        `insert into eh_step (partnership_id, episode_id, kind, reason, requested_at, requested_by, contact_id)
         values ($1,$2,'up','The child disclosed being hit at home.',$3::date + time '09:30',$4,$5)`,
        [pid, id, today, org.users.teacher, contact!.id],
      );
    }
  }
  return { episodes: made };
}
