/**
 * Two multi-agency case audits a year apart: a completed one on neglect (answers from three
 * agencies, moderated grades, findings, actions in the action log) and one on domestic abuse in
 * progress (some answers in). The samples are drawn as the feature draws them: md5(seed || id).
 */
import type { Db } from '../db/index.ts';
import { QUESTIONS } from '../features/case-audits/service.ts';
import { londonToday } from '../platform/dates.ts';
import type { DemoOrganisation } from './organisation.ts';
import { addDays } from './random.ts';

const GRADE_CYCLE = [
  'good',
  'requires_improvement',
  'good',
  'inadequate',
  'outstanding',
  'requires_improvement',
];

const COMMENTS: Record<string, string> = {
  recognition: 'Concerns were recognised at the first contact and passed on the same day.',
  voice: 'The child was seen alone at most visits; their wishes are recorded in their own words.',
  sharing: 'Information was shared for the strategy discussion, but our later concerns were not.',
  risk: 'The history of earlier referrals was not drawn together when risk was reviewed.',
  outcomes: 'School attendance improved; the home conditions did not change for long.',
};

interface Plan {
  title: string;
  theme: string;
  startsOn: string;
  endsOn: string;
  seed: string;
  status: 'cin_plan' | 'open_episode';
  size: number;
  closed: boolean;
}

async function insertAudit(db: Db, org: DemoOrganisation, p: Plan, agencyIds: string[], auditors: Lead[]) {
  const pid = org.partnershipId;
  const [row] = await db.query<{ id: string }>(
    `insert into case_audit (partnership_id, title, theme, starts_on, ends_on, sample_method, criteria,
       sample_size, seed, status, closed_at, closed_by, created_by, created_at)
     values ($1,$2,$3,$4,$5,'criteria',$6,$7,$8,$9,$10,$11,$11,$4::date - 14) returning id`,
    [
      pid,
      p.title,
      p.theme,
      p.startsOn,
      p.endsOn,
      JSON.stringify({ status: p.status }),
      p.size,
      p.seed,
      p.closed ? 'closed' : 'open',
      p.closed ? `${p.endsOn}T17:00:00Z` : null,
      org.users.bm,
    ],
  );
  const id = row!.id;
  await db.query(
    `insert into case_audit_agency (partnership_id, case_audit_id, agency_id) select $1, $2, unnest($3::uuid[])`,
    [pid, id, agencyIds],
  );
  await db.query(
    `insert into case_audit_auditor (partnership_id, case_audit_id, user_id, agency_id)
     select $1, $2, u, g from unnest($3::uuid[], $4::uuid[]) as x(u, g)`,
    [pid, id, auditors.map((a) => a.id), auditors.map((a) => a.agencyId)],
  );
  const exists = p.status === 'cin_plan' ? 'cin_plan' : 'episode';
  const children = await db.query<{ ref: string; n: number }>(
    `insert into case_audit_child (partnership_id, case_audit_id, person_id, position)
     select $1, $2, s.id, s.n from (
       select p.id, row_number() over (order by md5($3 || p.id::text))::int as n from person p
       where p.partnership_id = $1 and p.kind = 'child' and not p.unborn and not p.restricted
         and p.date_of_birth is not null
         and exists (select 1 from ${exists} x where x.person_id = p.id and x.status = 'open')
       order by md5($3 || p.id::text) limit $4) s
     returning id as ref, position as n`,
    [pid, id, p.seed, p.size],
  );
  return { id, children: children.sort((a, b) => a.n - b.n) };
}

interface Lead {
  id: string;
  agencyId: string;
}

/** Answers from these agencies for these children (one statement). */
async function answer(
  db: Db,
  org: DemoOrganisation,
  auditId: string,
  refs: { ref: string; n: number }[],
  agencies: { agencyId: string; by: string }[],
  at: string,
) {
  const rows = refs.flatMap((c) =>
    agencies.map((g, i) => {
      const grade = GRADE_CYCLE[(c.n + i) % GRADE_CYCLE.length]!;
      const answers = Object.fromEntries(
        QUESTIONS.map((q, k) => [
          q.key,
          { grade: GRADE_CYCLE[(c.n + i + k) % GRADE_CYCLE.length]!, comment: COMMENTS[q.key] ?? '' },
        ]),
      );
      return { ref: c.ref, agencyId: g.agencyId, by: g.by, grade, answers: JSON.stringify(answers) };
    }),
  );
  await db.query(
    `insert into case_audit_answer (partnership_id, case_audit_id, case_audit_child_id, agency_id, answers,
       overall_grade, answered_by, answered_at)
     select $1, $2, r, g, a::jsonb, o, b, $8::timestamptz
     from unnest($3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::uuid[]) as x(r, g, a, o, b)`,
    [
      org.partnershipId,
      auditId,
      rows.map((r) => r.ref),
      rows.map((r) => r.agencyId),
      rows.map((r) => r.answers),
      rows.map((r) => r.grade),
      rows.map((r) => r.by),
      at,
    ],
  );
}

export async function seedAssuranceAudits(db: Db, org: DemoOrganisation, opts: { today?: string } = {}) {
  const today = opts.today ?? londonToday();
  const three = ['council', 'police', 'icb'].map((k) => org.agencies[k]!);
  // The agencies' safeguarding leads audit; without them, the business manager stands in as the author.
  const leads = await db.query<Lead>(
    `select id, agency_id as "agencyId" from app_user where partnership_id = $1 and 'agency_lead' = any(roles)
       and agency_id = any($2::uuid[]) order by email`,
    [org.partnershipId, three],
  );
  const byAgency = three.map((agencyId) => ({
    agencyId,
    by: leads.find((l) => l.agencyId === agencyId)?.id ?? org.users.bm!,
  }));

  const done = await insertAudit(
    db,
    org,
    {
      title: 'Neglect: children on child in need plans',
      theme: 'neglect',
      startsOn: addDays(today, -400),
      endsOn: addDays(today, -370),
      seed: 'elmshire-neglect',
      status: 'cin_plan',
      size: 8,
      closed: true,
    },
    three,
    leads,
  );
  await answer(db, org, done.id, done.children, byAgency, `${addDays(today, -380)}T10:00:00Z`);
  await db.query(
    `update case_audit_child set moderated_grade = (array['good','requires_improvement','requires_improvement',
       'inadequate','good','outstanding','requires_improvement','good'])[position],
       moderation_note = 'Moderated at the panel: the agencies’ grades were discussed and the evidence weighed.',
       moderated_at = $2::timestamptz, moderated_by = $3 where case_audit_id = $1`,
    [done.id, `${addDays(today, -372)}T15:00:00Z`, org.users.bm],
  );
  await db.query(
    `insert into case_audit_finding (partnership_id, case_audit_id, theme, finding, created_by, created_at)
     select $1, $2, t, f, $3, $4::timestamptz from unnest($5::text[], $6::text[]) as x(t, f)`,
    [
      org.partnershipId,
      done.id,
      org.users.bm,
      `${addDays(today, -371)}T12:00:00Z`,
      ['Chronologies', 'Information sharing', 'The child’s lived experience'],
      [
        'Chronologies were kept by each agency but not drawn together, so patterns of neglect were missed.',
        'Health and police information reached the council late in three of eight cases.',
        'Where children were seen alone, plans reflected what they said; in two cases they were not seen alone.',
      ],
    ],
  );
  // Straight into the action log (demo rows write no audit events): one done, one open.
  await db.query(
    `with a as (
       insert into partnership_action (partnership_id, source_kind, source_id, source_label, source_href, title,
         owner_agency_id, due_on, status, evidence, completed_on, created_by, created_at)
       select $1, 'case_audit', $2, $3, $4, t, g, d, st, ev, c, $5, $6::timestamptz
       from unnest($7::text[], $8::uuid[], $9::date[], $10::text[], $11::text[], $12::date[]) as x(t, g, d, st, ev, c)
       returning id, status, completed_on)
     insert into partnership_action_event (partnership_id, action_id, status_from, status_to, note, by_user, by_name, at)
     select $1, id, null, 'open', '', $5, 'Partnership business manager', $6::timestamptz from a
     union all
     select $1, id, 'open', 'done', 'Training delivered', $5, 'Partnership business manager', completed_on::timestamptz
     from a where status = 'done'`,
    [
      org.partnershipId,
      done.id,
      'Case audit: Neglect: children on child in need plans',
      `/partnership/case-audits/${done.id}`,
      org.users.bm,
      `${addDays(today, -371)}T12:30:00Z`,
      [
        'Multi-agency chronology training for every team working with neglect',
        'Health and police share new concerns within one working day of an open plan',
      ],
      [org.agencies.council, org.agencies.icb],
      [addDays(today, -200), addDays(today, 60)],
      ['done', 'open'],
      ['Four sessions held; 86 practitioners from nine agencies attended.', ''],
      [addDays(today, -210), null],
    ],
  );

  const running = await insertAudit(
    db,
    org,
    {
      title: 'Domestic abuse: children in open episodes',
      theme: 'domestic_abuse',
      startsOn: addDays(today, -10),
      endsOn: addDays(today, 20),
      seed: 'elmshire-domestic-abuse',
      status: 'open_episode',
      size: 6,
      closed: false,
    },
    three,
    leads,
  );
  await answer(
    db,
    org,
    running.id,
    running.children.slice(0, 3),
    byAgency.slice(0, 1),
    `${addDays(today, -3)}T11:00:00Z`,
  );
  await answer(
    db,
    org,
    running.id,
    running.children.slice(0, 2),
    byAgency.slice(1, 2),
    `${addDays(today, -2)}T11:00:00Z`,
  );
  return { completed: done.id, running: running.id };
}
