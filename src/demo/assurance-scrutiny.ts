/**
 * Two years of independent scrutiny and of the voice of children and families: challenges in every
 * state (awaiting answers, one overdue, awaiting judgement, a further challenge, accepted, escalated),
 * one from the young people's panel, a published report and a draft, and "you said, we did".
 * Bulk inserts: a handful of statements whatever the size.
 */
import crypto from 'node:crypto';
import type { Db } from '../db/index.ts';
import { addDays, addWorkingDays, nextWorkingDayOnOrAfter } from '../platform/calendar.ts';
import { londonToday } from '../platform/dates.ts';
import type { DemoOrganisation } from './organisation.ts';

interface Answer {
  agency: string;
  answer: string;
  evidence?: string;
}
interface Round {
  question: string;
  /** Days after the challenge was raised that the round opened, and working days it had. */
  openedAfter: number;
  workingDays: number;
  answers: Answer[];
  judgement?: 'accepted' | 'further' | 'escalated';
  note?: string;
}
interface DemoChallenge {
  title: string;
  evidence: string;
  /** Days before today it was raised. */
  raisedAgo: number;
  agencies: string[];
  panel?: boolean;
  rounds: Round[];
}

const CHALLENGES: DemoChallenge[] = [
  {
    title: 'Police attendance at strategy discussions',
    evidence: 'Casework records for the last quarter: police took part in 31 of 44 strategy discussions.',
    raisedAgo: 6,
    agencies: ['police', 'council', 'icb'],
    rounds: [
      {
        question:
          'Why did the police take part in only seven in ten strategy discussions last quarter, and what will each partner do so that every discussion has the police, health and children’s social care?',
        openedAfter: 0,
        workingDays: 15,
        answers: [
          {
            agency: 'icb',
            answer:
              'The designated nurse now covers strategy discussions by phone when the named nurse is unavailable.',
          },
        ],
      },
    ],
  },
  {
    title: 'Hospital notifications of children attending A&E with injuries',
    evidence: 'Two serious incident notifications this year followed attendances that were not shared.',
    raisedAgo: 45,
    agencies: ['hospital', 'school2'],
    rounds: [
      {
        question:
          'How does each agency make sure that injuries to children under two are shared with the front door the same day?',
        openedAfter: 0,
        workingDays: 20,
        answers: [
          {
            agency: 'school2',
            answer:
              'Not applicable to under-twos; our designated safeguarding lead has reviewed sibling referrals.',
          },
        ],
      },
    ],
  },
  {
    title: 'Quality of child protection plans',
    evidence: 'The March case audit graded six of twelve plans as requires improvement.',
    raisedAgo: 30,
    agencies: ['council', 'police'],
    rounds: [
      {
        question: 'What has changed since the audit so that plans say who does what by when?',
        openedAfter: 0,
        workingDays: 15,
        answers: [
          {
            agency: 'council',
            answer:
              'A new plan template with named actions and dates went live in May; team managers check each plan before the review conference.',
            evidence: 'Template and quality assurance schedule, June audit of 20 plans.',
          },
          {
            agency: 'police',
            answer:
              'Public Protection Unit officers now attend core groups for every plan with a police action.',
          },
        ],
      },
    ],
  },
  {
    title: 'Schools’ attendance at child protection conferences',
    evidence: 'Conference records: schools attended 58% of conferences for school-age children.',
    raisedAgo: 80,
    agencies: ['council', 'school1', 'school3'],
    rounds: [
      {
        question: 'Why do schools miss child protection conferences, and what will change?',
        openedAfter: 0,
        workingDays: 20,
        answers: [
          {
            agency: 'council',
            answer: 'Invitations now go out ten working days ahead, with a virtual option.',
          },
          { agency: 'school1', answer: 'Our designated lead attends every conference for our pupils.' },
          { agency: 'school3', answer: 'We had no cover for the designated lead; a deputy is now trained.' },
        ],
        judgement: 'further',
        note: 'The answers describe intentions; I want figures.',
      },
      {
        question: 'Show the attendance figures for the last term, by school.',
        openedAfter: 40,
        workingDays: 15,
        answers: [
          { agency: 'council', answer: 'Attendance for the autumn term was 81% across all schools.' },
        ],
      },
    ],
  },
  {
    title: 'Early help assessments started by partner agencies',
    evidence: 'Only 9% of early help assessments last year were led by health or education.',
    raisedAgo: 360,
    agencies: ['council', 'community', 'school2'],
    rounds: [
      {
        question: 'What is each agency doing to lead early help for the families it knows best?',
        openedAfter: 0,
        workingDays: 20,
        answers: [
          {
            agency: 'council',
            answer: 'Early help coordinators now sit in each locality hub, supporting partner leads.',
          },
          {
            agency: 'community',
            answer: 'Health visitors lead early help for families with children under one.',
          },
          { agency: 'school2', answer: 'Our pastoral team leads early help assessments for 14 families.' },
        ],
        judgement: 'accepted',
        note: 'A clear plan from each partner; I will look at the figures again next year.',
      },
    ],
  },
  {
    title: 'Health input to the MASH',
    evidence: 'The MASH health desk was unstaffed on 23 working days last year.',
    raisedAgo: 540,
    agencies: ['icb'],
    rounds: [
      {
        question:
          'How will the integrated care board make sure the MASH health desk is staffed every working day?',
        openedAfter: 0,
        workingDays: 20,
        answers: [
          {
            agency: 'icb',
            answer: 'A rota across three providers now covers the desk, with a named deputy each day.',
            evidence: 'Rota and cover log, quarter 2.',
          },
        ],
        judgement: 'accepted',
      },
    ],
  },
  {
    title: 'Response to neglect',
    evidence:
      'Neglect is the category of 61% of child protection plans; the neglect strategy has no measures.',
    raisedAgo: 240,
    agencies: ['council', 'community'],
    rounds: [
      {
        question: 'How does the partnership know its neglect strategy is working?',
        openedAfter: 0,
        workingDays: 20,
        answers: [
          { agency: 'council', answer: 'We are developing measures with the performance team.' },
          {
            agency: 'community',
            answer: 'Health visitors use the graded care profile in every neglect case.',
          },
        ],
        judgement: 'escalated',
        note: 'No measures a year after the strategy was agreed: the executive must set them.',
      },
    ],
  },
  {
    title: 'Young people’s panel: being listened to at conferences',
    evidence:
      'The panel’s survey of 40 young people: 26 felt their views were not read out at their conference.',
    raisedAgo: 20,
    agencies: ['council'],
    panel: true,
    rounds: [
      {
        question: 'How will conference chairs make sure every child’s views are heard at their conference?',
        openedAfter: 0,
        workingDays: 15,
        answers: [
          {
            agency: 'council',
            answer:
              'Chairs now meet each child before the conference, or read the child’s own words first if the child prefers.',
          },
        ],
      },
    ],
  },
  {
    title: 'Training reach in schools',
    evidence: 'Training data: 38% of designated safeguarding leads attended the partnership’s course.',
    raisedAgo: 680,
    agencies: ['school1', 'school2', 'school3'],
    rounds: [
      {
        question: 'What stops designated safeguarding leads attending the partnership’s training?',
        openedAfter: 0,
        workingDays: 20,
        answers: [
          { agency: 'school1', answer: 'Cover costs; we now send our deputy to the twilight sessions.' },
          { agency: 'school2', answer: 'The sessions clashed with exams; the summer dates suit us.' },
          { agency: 'school3', answer: 'We attended in the autumn.' },
        ],
        judgement: 'accepted',
      },
    ],
  },
];

const FEEDBACK: [string, number, string, string, string][] = [
  [
    'young_peoples_panel',
    20,
    'We do not know who our social worker is when they change.',
    'Every child now gets a letter with a photo introducing their new worker.',
    'done',
  ],
  [
    'survey',
    40,
    'Parents said the child protection conference letters are hard to understand.',
    'The letters were rewritten with parents from the family network; the new ones go out from next month.',
    'acting',
  ],
  [
    'complaints_theme',
    60,
    'Families complained that they repeat their story to every agency.',
    'The MASH now shares one summary with each agency that joins the plan.',
    'done',
  ],
  [
    'young_peoples_panel',
    90,
    'Young people want to choose where they meet their worker.',
    'Workers now ask each young person where they would like to meet.',
    'done',
  ],
  [
    'survey',
    120,
    'Children said meetings are full of adults they do not know.',
    'Chairs introduce everyone and children may ask for a smaller meeting first.',
    'done',
  ],
  ['other', 150, 'A foster carers’ forum said children are moved without notice.', '', 'received'],
  [
    'complaints_theme',
    180,
    'Parents said they were not told what happens after a referral.',
    'Every family referred now gets a text with what happens next and who to call.',
    'done',
  ],
  [
    'young_peoples_panel',
    220,
    'The panel said the partnership’s website is for adults, not young people.',
    'The panel rewrote the young people’s pages; they went live in the spring.',
    'done',
  ],
  [
    'survey',
    260,
    'Teenagers said they do not know what a child protection plan is.',
    'A short video made with the panel explains plans; workers show it at the first visit.',
    'done',
  ],
  [
    'other',
    300,
    'A youth club said young people fear the police will be told everything.',
    'Police and youth workers run joint sessions on what is shared and why.',
    'acting',
  ],
  [
    'complaints_theme',
    360,
    'Families said interpreters were not booked for meetings.',
    'Interpreters are booked with the invitation, and chairs check before the meeting.',
    'done',
  ],
  [
    'young_peoples_panel',
    420,
    'Young people want their own words in their plans, not the worker’s summary.',
    'Plans now have a section in the child’s own words.',
    'done',
  ],
  [
    'survey',
    480,
    'Parents said visits were cancelled at short notice.',
    'Cancelled visits are now reported to the team manager each week.',
    'done',
  ],
  [
    'other',
    560,
    'Schools said children were upset by visits at school.',
    'Workers agree with the child whether to meet at school.',
    'done',
  ],
  [
    'complaints_theme',
    640,
    'Families said they could not reach workers after 5pm.',
    'The emergency duty team now has the family’s plan and worker details.',
    'done',
  ],
];

type Row = Record<string, unknown>;

const notAfter = (d: string, limit: string) => (d > limit ? limit : d);

async function bulk(tx: Db, table: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  await tx.query(
    `insert into ${table} (${cols.join(', ')})
     select ${cols.join(', ')} from json_populate_recordset(null::${table}, $1::json)`,
    [JSON.stringify(rows)],
  );
}

/**
 * Who answers for each agency asked: its safeguarding lead. An agency without one gets a generated
 * lead who cannot sign in (only the demo users sign in).
 */
async function answerers(tx: Db, org: DemoOrganisation, keys: string[]): Promise<Map<string, string>> {
  const pid = org.partnershipId;
  const agencyIds = keys.map((k) => org.agencies[k]!);
  await tx.query(
    `insert into app_user (partnership_id, agency_id, team_id, email, display_name, roles, password_hash, is_demo)
     select $1, a.id, null, 'lead.' || k.key || '@together.example', 'Safeguarding lead, ' || a.name,
       '{agency_lead}', null, true
     from unnest($2::uuid[], $3::text[]) as k(id, key) join agency a on a.id = k.id
     where not exists (select 1 from app_user u where u.agency_id = a.id and 'agency_lead' = any(u.roles))`,
    [pid, agencyIds, keys],
  );
  const rows = await tx.query<{ agency: string; id: string }>(
    `select distinct on (agency_id) agency_id as agency, id from app_user
     where partnership_id = $1 and 'agency_lead' = any(roles) and agency_id = any($2::uuid[])
     order by agency_id, created_at, email`,
    [pid, agencyIds],
  );
  return new Map(rows.map((r) => [r.agency, r.id]));
}

export async function seedScrutiny(
  tx: Db,
  org: DemoOrganisation,
  opts: { today?: string } = {},
): Promise<void> {
  const today = opts.today ?? londonToday();
  const pid = org.partnershipId;
  const scrutineer = org.users.scrutineer!;
  const bm = org.users.bm!;
  const by = await answerers(tx, org, [...new Set(CHALLENGES.flatMap((c) => c.agencies))]);
  const challenges: Row[] = [];
  const asked: Row[] = [];
  const rounds: Row[] = [];
  const responses: Row[] = [];
  const ids: string[] = [];
  // Oldest first, so that the numbers people say follow the order they were raised.
  const ordered = [...CHALLENGES].sort((a, b) => b.raisedAgo - a.raisedAgo);
  ordered.forEach((c, i) => {
    const id = crypto.randomUUID();
    ids.push(id);
    const raisedOn = notAfter(nextWorkingDayOnOrAfter(addDays(today, -c.raisedAgo)), today);
    const last = c.rounds[c.rounds.length - 1]!;
    const closed = last.judgement === 'accepted' || last.judgement === 'escalated';
    c.rounds.forEach((r, n) => {
      const roundId = crypto.randomUUID();
      const openedOn = notAfter(addDays(raisedOn, r.openedAfter), today);
      const dueOn = addWorkingDays(openedOn, r.workingDays);
      const judgedOn = r.judgement ? notAfter(addDays(dueOn, 3), today) : null;
      rounds.push({
        id: roundId,
        partnership_id: pid,
        challenge_id: id,
        number: n + 1,
        question: r.question,
        due_on: dueOn,
        opened_on: openedOn,
        judgement: r.judgement ?? null,
        judgement_note: r.note ?? null,
        judged_on: judgedOn,
        judged_by: r.judgement ? (c.panel ? bm : scrutineer) : null,
      });
      r.answers.forEach((a, k) => {
        responses.push({
          id: crypto.randomUUID(),
          partnership_id: pid,
          challenge_id: id,
          round_id: roundId,
          agency_id: org.agencies[a.agency],
          answer: a.answer,
          evidence: a.evidence ?? '',
          responded_by: by.get(org.agencies[a.agency]!),
          responded_at: `${notAfter(addDays(openedOn, 3 + k), today)}T10:00:00Z`,
        });
      });
    });
    challenges.push({
      id,
      partnership_id: pid,
      ref: i + 1,
      title: c.title,
      question: c.rounds[0]!.question,
      evidence: c.evidence,
      raised_by: c.panel ? 'young_peoples_panel' : 'scrutineer',
      raised_by_user: c.panel ? bm : scrutineer,
      raised_on: raisedOn,
      status: closed ? last.judgement : 'open',
      closed_on: closed ? rounds[rounds.length - 1]!.judged_on : null,
    });
    for (const a of c.agencies)
      asked.push({ challenge_id: id, agency_id: org.agencies[a], partnership_id: pid });
  });
  await bulk(tx, 'challenge', challenges);
  await bulk(tx, 'challenge_agency', asked);
  await bulk(tx, 'challenge_round', rounds);
  await bulk(tx, 'challenge_response', responses);

  const byTitle = (t: string) => ids[ordered.findIndex((c) => c.title === t)]!;
  const published = crypto.randomUUID();
  const draft = crypto.randomUUID();
  await bulk(tx, 'scrutiny_report', [
    {
      id: published,
      partnership_id: pid,
      title: 'Independent scrutiny report: the partnership’s first year',
      findings:
        'Partners now answer challenges in time and with evidence. Early help is led more often by partners who know the family. The response to neglect has no measures a year after the strategy was agreed; I have escalated this to the executive.',
      status: 'draft',
      created_by: scrutineer,
    },
    {
      id: draft,
      partnership_id: pid,
      title: 'Scrutiny report: child protection practice (draft)',
      findings:
        'Plans have improved since the March audit. To follow: what the partners said about schools at conferences.',
      status: 'draft',
      created_by: scrutineer,
    },
  ]);
  await bulk(tx, 'scrutiny_report_challenge', [
    {
      report_id: published,
      challenge_id: byTitle('Early help assessments started by partner agencies'),
      partnership_id: pid,
    },
    { report_id: published, challenge_id: byTitle('Response to neglect'), partnership_id: pid },
    { report_id: draft, challenge_id: byTitle('Quality of child protection plans'), partnership_id: pid },
  ]);
  // Published last: a published report's challenges are never changed.
  await tx.query(
    `update scrutiny_report set status = 'published', published_on = $2, published_by = $3 where id = $1`,
    [published, addDays(today, -200), scrutineer],
  );

  await bulk(
    tx,
    'voice_feedback',
    FEEDBACK.map(([source, ago, said, weDid, status]) => ({
      partnership_id: pid,
      source,
      received_on: addDays(today, -ago),
      said,
      we_did: weDid,
      status,
      recorded_by: bm,
    })),
  );
}
