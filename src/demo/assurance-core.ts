/**
 * The demo partnership's own two years: relevant agencies, the arrangements (v1 published, v2 in
 * draft with one sign-off), priorities with quarterly measures, funding, the executive and two
 * subgroups meeting, and about thirty actions in every state. A few hundred rows, in bulk.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/index.ts';
import { addDays, addMonths, nextWorkingDayOnOrAfter } from '../platform/calendar.ts';
import { formatDate } from '../platform/dates.ts';
import { Rows } from './bulk.ts';
import { DEMO_USERS, type DemoOrganisation } from './organisation.ts';

const uuid = () => crypto.randomUUID();
const nameOf = (key: string) => DEMO_USERS.find((u) => u.key === key)?.name ?? '';

/** The financial year of a date, '2025-26'. */
export function financialYear(iso: string): string {
  const y = Number(iso.slice(0, 4));
  const start = Number(iso.slice(5, 7)) >= 4 ? y : y - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, '0')}`;
}

/** The last `n` quarter ends on or before today, oldest first, with their labels ('2025-26 Q2'). */
function quarters(today: string, n: number): { end: string; label: string }[] {
  const ends: string[] = [];
  let y = Number(today.slice(0, 4));
  const candidates = (yr: number) => [`${yr}-12-31`, `${yr}-09-30`, `${yr}-06-30`, `${yr}-03-31`];
  while (ends.length < n) {
    for (const e of candidates(y)) if (e <= today && ends.length < n) ends.push(e);
    y--;
  }
  return ends.reverse().map((end) => {
    const m = Number(end.slice(5, 7));
    const q = m === 6 ? 1 : m === 9 ? 2 : m === 12 ? 3 : 4;
    return { end, label: `${financialYear(end)} Q${q}` };
  });
}

const RELEVANT = [
  'hospital',
  'community',
  'gp',
  'school1',
  'school2',
  'school3',
  'nursery',
  'probation',
  'yjs',
  'housing',
  'voluntary',
];

const ARRANGEMENTS = `Elmshire Safeguarding Children Partnership: local arrangements.

1. The safeguarding partners. Elmshire County Council, Elmshire Constabulary and NHS Elmshire Integrated Care Board share equal responsibility for the arrangements. Each names a lead representative who can speak with authority for their agency.

2. Relevant agencies. Schools, health providers, probation, youth justice, housing and the voluntary sector take part as relevant agencies and are expected to cooperate.

3. Independent scrutiny. An independent scrutineer challenges the partnership's work and reports to the executive and publicly.

4. Learning. Case audits, section 11 self-assessments and training data show whether practice is improving.`;

const PRIORITIES = [
  {
    title: 'Neglect is recognised early and acted on',
    measures: [
      { name: 'Children on a plan for neglect seen within 10 working days', unit: '%', from: 71, step: 2.5 },
      { name: 'Practitioners confident using the neglect toolkit', unit: '%', from: 48, step: 4 },
    ],
  },
  {
    title: 'Agencies share information at the front door',
    measures: [
      { name: 'Police information returned to the MASH within 1 working day', unit: '%', from: 62, step: 3 },
      { name: 'Strategy discussions with health present', unit: '%', from: 55, step: 3.5 },
    ],
  },
  {
    title: 'The voice of children shapes the partnership’s work',
    measures: [
      { name: 'Assessments with the child’s own words recorded', unit: '%', from: 58, step: 2 },
      { name: 'Young people’s panel recommendations acted on', unit: 'number', from: 1, step: 0.5 },
    ],
  },
];

const ACTIONS = [
  'Agree a protocol for sharing police notifications with schools',
  'Refresh the neglect toolkit and train 200 practitioners',
  'Report strategy discussion attendance by agency every quarter',
  'Audit the quality of child protection plans for neglect',
  'Publish the annual report',
  'Set up a young people’s panel',
  'Review the threshold document with schools',
  'Bring health to every strategy discussion by phone if not in person',
  'Share the learning from the rapid review with GPs',
  'Recruit two designated safeguarding leads to the education subgroup',
];

export async function seedAssuranceCore(db: Db, org: DemoOrganisation, today: string): Promise<void> {
  const pid = org.partnershipId;
  const A = org.agencies;
  const U = org.users;
  await db.query('update agency set relevant_agency = true where id = any($1::uuid[])', [
    RELEVANT.map((k) => A[k]),
  ]);

  // Arrangements: v1 published a year and a half ago by all three; v2 in draft, signed by the council.
  const v1 = uuid();
  const v2 = uuid();
  const published = addDays(today, -540);
  await db.query(
    `insert into arrangements_version (id, partnership_id, version, title, body, status, published_on, created_by, created_at)
     values ($1,$3,1,'Local safeguarding arrangements',$4,'published',$5,$6,$5::date - 30),
            ($2,$3,2,'Local safeguarding arrangements (2026 refresh)',$4 || '

5. Voice of children. A young people''s panel advises the executive and may raise challenges.','draft',null,$6,now())`,
    [v1, v2, pid, ARRANGEMENTS, published, U.bm],
  );
  const signoffs = new Rows('arrangements_signoff', {
    partnership_id: 'uuid',
    version_id: 'uuid',
    agency_id: 'uuid',
    signed_by: 'uuid',
    signed_at: 'timestamptz',
  });
  for (const [key, lead] of [
    ['council', 'leadcouncil'],
    ['police', 'leadpolice'],
    ['icb', 'leadicb'],
  ] as const)
    signoffs.add({
      partnership_id: pid,
      version_id: v1,
      agency_id: A[key]!,
      signed_by: U[lead]!,
      signed_at: `${addDays(published, -3)}T10:00:00Z`,
    });
  signoffs.add({
    partnership_id: pid,
    version_id: v2,
    agency_id: A.council!,
    signed_by: U.leadcouncil!,
    signed_at: `${addDays(today, -5)}T10:00:00Z`,
  });
  await signoffs.insert(db);

  // Priorities for the plan period (the two financial years to the next 31 March), with measures.
  const qs = quarters(today, 8);
  const periodStart = addDays(qs[0]!.end, -90).slice(0, 8) + '01';
  const periodEnd = `${Number(financialYear(today).slice(0, 4)) + 1}-03-31`;
  const priorities = new Rows('partnership_priority', {
    id: 'uuid',
    partnership_id: 'uuid',
    title: 'text',
    description: 'text',
    period_start: 'date',
    period_end: 'date',
    position: 'int',
  });
  const measures = new Rows('partnership_measure', {
    id: 'uuid',
    partnership_id: 'uuid',
    priority_id: 'uuid',
    name: 'text',
    definition: 'text',
    unit: 'text',
  });
  const values = new Rows('partnership_measure_value', {
    partnership_id: 'uuid',
    measure_id: 'uuid',
    period: 'text',
    period_end: 'date',
    value: 'numeric',
    recorded_by: 'uuid',
  });
  const measureIds: string[] = [];
  PRIORITIES.forEach((p, i) => {
    const id = uuid();
    priorities.add({
      id,
      partnership_id: pid,
      title: p.title,
      description: '',
      period_start: periodStart,
      period_end: periodEnd,
      position: i + 1,
    });
    for (const m of p.measures) {
      const mid = uuid();
      measureIds.push(mid);
      measures.add({
        id: mid,
        partnership_id: pid,
        priority_id: id,
        name: m.name,
        definition: `${m.name}, counted at the end of each quarter.`,
        unit: m.unit,
      });
      qs.forEach((q, k) =>
        values.add({
          partnership_id: pid,
          measure_id: mid,
          period: q.label,
          period_end: q.end,
          value: Math.round((m.from + m.step * k + (k % 3 === 2 ? -1 : 0)) * 10) / 10,
          recorded_by: U.bm!,
        }),
      );
    }
  });
  await priorities.insert(db);
  await measures.insert(db);
  await values.insert(db);

  // Funding for this year and last.
  const funding = new Rows('partnership_funding', {
    partnership_id: 'uuid',
    agency_id: 'uuid',
    year: 'text',
    amount: 'numeric',
    note: 'text',
  });
  const thisYear = financialYear(today);
  const lastYear = financialYear(addDays(today, -365));
  for (const [year, uplift] of [
    [lastYear, 1],
    [thisYear, 1.03],
  ] as const) {
    for (const [key, amount] of [
      ['council', 210_000],
      ['police', 95_000],
      ['icb', 120_000],
      ['probation', 6_000],
      ['yjs', 4_000],
    ] as const)
      funding.add({
        partnership_id: pid,
        agency_id: A[key]!,
        year,
        amount: Math.round(amount * uplift),
        note: '',
      });
  }
  await funding.insert(db);

  // The executive meets quarterly, the two subgroups every two months, for two years.
  const bodies = [
    {
      id: uuid(),
      name: 'Safeguarding Partnership Executive',
      kind: 'executive',
      every: 3,
      chairs: ['leadcouncil', 'leadpolice', 'leadicb'],
    },
    { id: uuid(), name: 'Quality and Assurance Subgroup', kind: 'subgroup', every: 2, chairs: ['leadicb'] },
    {
      id: uuid(),
      name: 'Learning and Development Subgroup',
      kind: 'subgroup',
      every: 2,
      chairs: ['leadpolice'],
    },
  ];
  const bodyRows = new Rows('partnership_body', {
    id: 'uuid',
    partnership_id: 'uuid',
    name: 'text',
    kind: 'text',
    remit: 'text',
  });
  for (const b of bodies)
    bodyRows.add({
      id: b.id,
      partnership_id: pid,
      name: b.name,
      kind: b.kind,
      remit:
        b.kind === 'executive'
          ? 'Leads the partnership and holds its members to account.'
          : `Reports to the executive.`,
    });
  await bodyRows.insert(db);
  const meetings = new Rows('partnership_meeting', {
    id: 'uuid',
    partnership_id: 'uuid',
    body_id: 'uuid',
    held_on: 'date',
    chair_user_id: 'uuid',
    location: 'text',
    created_by: 'uuid',
  });
  const attendance = new Rows('partnership_meeting_attendance', {
    partnership_id: 'uuid',
    meeting_id: 'uuid',
    agency_id: 'uuid',
    status: 'text',
  });
  const papers = new Rows('partnership_meeting_paper', {
    partnership_id: 'uuid',
    meeting_id: 'uuid',
    title: 'text',
    summary: 'text',
  });
  const decisions = new Rows('partnership_meeting_decision', {
    partnership_id: 'uuid',
    meeting_id: 'uuid',
    decision: 'text',
  });
  const actions = new Rows('partnership_action', {
    id: 'uuid',
    partnership_id: 'uuid',
    source_kind: 'text',
    source_id: 'text',
    source_label: 'text',
    source_href: 'text',
    title: 'text',
    owner_agency_id: 'uuid',
    owner_user_id: 'uuid',
    due_on: 'date',
    measure_id: 'uuid',
    status: 'text',
    evidence: 'text',
    completed_on: 'date',
    created_by: 'uuid',
    created_at: 'timestamptz',
  });
  const events = new Rows('partnership_action_event', {
    partnership_id: 'uuid',
    action_id: 'uuid',
    status_from: 'text',
    status_to: 'text',
    note: 'text',
    by_user: 'uuid',
    by_name: 'text',
    at: 'timestamptz',
  });
  const owners = [
    ['council', 'leadcouncil'],
    ['police', 'leadpolice'],
    ['icb', 'leadicb'],
    ['school1', 'leadschool'],
    ['hospital', null],
  ] as const;
  let n = 0;
  for (const b of bodies) {
    for (let k = 0, i = 0; ; k += b.every, i++) {
      const heldOn = nextWorkingDayOnOrAfter(addMonths(addDays(today, -730 + 10 * bodies.indexOf(b)), k));
      if (heldOn > addDays(today, 40)) break;
      const id = uuid();
      const chair = b.chairs[i % b.chairs.length]!;
      meetings.add({
        id,
        partnership_id: pid,
        body_id: b.id,
        held_on: heldOn,
        chair_user_id: U[chair]!,
        location: 'County Hall, Elmshire',
        created_by: U.bm!,
      });
      if (heldOn > today) continue; // the next meeting: no attendance or papers yet
      const present = ['council', 'police', 'icb', ...RELEVANT.slice(i % 4, (i % 4) + 3)];
      present.forEach((key, j) =>
        attendance.add({
          partnership_id: pid,
          meeting_id: id,
          agency_id: A[key]!,
          status: j === 3 && i % 2 ? 'apologies' : i % 5 === 4 && j === 4 ? 'absent' : 'present',
        }),
      );
      papers.add({
        partnership_id: pid,
        meeting_id: id,
        title: 'Performance report',
        summary: 'The quarter’s figures against the priorities’ measures.',
      });
      if (b.kind === 'executive')
        papers.add({
          partnership_id: pid,
          meeting_id: id,
          title: 'Independent scrutineer’s update',
          summary: 'Open challenges and what the partners answered.',
        });
      decisions.add({
        partnership_id: pid,
        meeting_id: id,
        decision:
          i % 2
            ? 'The performance report was accepted.'
            : 'The risk register was reviewed and two risks closed.',
      });
      // One action at most meetings: thirty or so over two years, in every state.
      if (i % 4 === 3 && b.kind !== 'executive') continue;
      const [agency, lead] = owners[n % owners.length]!;
      const raised = heldOn;
      const dueOn = addDays(raised, 60 + (n % 4) * 30);
      const state =
        dueOn < today
          ? n % 5 === 0
            ? 'open'
            : n % 7 === 0
              ? 'dropped'
              : n % 6 === 1
                ? 'in_progress'
                : 'done'
          : n % 3 === 0
            ? 'in_progress'
            : 'open';
      const aid = uuid();
      const completedOn = state === 'done' ? addDays(dueOn, (n % 3) * 10 - 12) : null;
      actions.add({
        id: aid,
        partnership_id: pid,
        source_kind: 'meeting',
        source_id: id,
        source_label: `${b.name}, ${formatDate(heldOn)}`,
        source_href: `/partnership/meetings/${id}`,
        title: ACTIONS[n % ACTIONS.length]!,
        owner_agency_id: A[agency]!,
        owner_user_id: lead ? U[lead]! : null,
        due_on: dueOn,
        measure_id: n % 3 === 0 ? measureIds[n % measureIds.length]! : null,
        status: state,
        evidence:
          state === 'done' ? 'Reported to the executive with the figures; minutes record it closed.' : '',
        completed_on: completedOn && completedOn > today ? today : completedOn,
        created_by: U.bm!,
        created_at: `${raised}T16:00:00Z`,
      });
      events.add({
        partnership_id: pid,
        action_id: aid,
        status_from: null,
        status_to: 'open',
        note: '',
        by_user: U.bm!,
        by_name: nameOf('bm'),
        at: `${raised}T16:00:00Z`,
      });
      if (state !== 'open')
        events.add({
          partnership_id: pid,
          action_id: aid,
          status_from: 'open',
          status_to: state,
          note: state === 'dropped' ? 'Overtaken by the new protocol.' : '',
          by_user: lead ? U[lead]! : U.bm!,
          by_name: nameOf(lead ?? 'bm'),
          at: `${minDateOf(addDays(raised, 30), today)}T12:00:00Z`,
        });
      n++;
    }
  }
  await meetings.insert(db);
  await attendance.insert(db);
  await papers.insert(db);
  await decisions.insert(db);
  await actions.insert(db);
  await events.insert(db);
}

const minDateOf = (a: string, b: string) => (a < b ? a : b);
