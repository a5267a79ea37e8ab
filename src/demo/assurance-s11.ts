/**
 * Section 11 demo: last year's round complete (with peer challenges resolved), this year's in
 * progress with answers carried forward, a schools' round, open challenges and practitioners'
 * survey answers, some of which disagree with their agency's rating.
 */
import type { Db } from '../db/index.ts';
import { addDays } from '../platform/calendar.ts';
import { londonToday } from '../platform/dates.ts';
import { defaultStandardsIn } from '../features/section11/service.ts';
import { DEMO_AGENCIES, type DemoOrganisation } from './organisation.ts';

const NARRATIVES: Record<string, string> = {
  green: 'Met, with evidence reviewed by the board this year.',
  amber: 'Partly met: a plan is in place and half of it done.',
  red: 'Not met: the policy is out of date and staff are unsure of it.',
};

/** A rating that varies by agency and standard, the same every time. */
const ratingOf = (agency: number, standard: number, year: number) => {
  const n = (agency * 3 + standard * 5 + year) % 9;
  return n < 5 ? 'green' : n < 8 ? 'amber' : 'red';
};

/**
 * A round and a draft self-assessment for each agency, each draft's answers copied from the
 * agency's last round of the kind and marked carried forward (as the service does when the business
 * manager starts a round; written here without audit events, like the rest of the demo).
 */
async function round(
  db: Db,
  pid: string,
  r: {
    kind: string;
    year: number;
    opensOn: string;
    closesOn: string;
    challengeDay?: string;
    agencyIds: string[];
  },
): Promise<{ id: string }> {
  const [made] = await db.query<{ id: string }>(
    `insert into s11_round (partnership_id, kind, year, opens_on, closes_on, challenge_day)
     values ($1,$2,$3,$4,$5,$6) returning id`,
    [pid, r.kind, r.year, r.opensOn, r.closesOn, r.challengeDay ?? null],
  );
  await db.query(
    'insert into s11_assessment (partnership_id, round_id, agency_id) select $1, $2, unnest($3::uuid[])',
    [pid, made!.id, r.agencyIds],
  );
  await db.query(
    `insert into s11_answer (partnership_id, assessment_id, standard_id, rating, narrative, evidence, carried_forward)
     select $1, a.id, prev.standard_id, prev.rating, prev.narrative, prev.evidence, true
     from s11_assessment a join s11_assessment pa on pa.agency_id = a.agency_id
       join s11_round pr on pr.id = pa.round_id and pr.kind = $3 and pr.year = $4 - 1
       join s11_answer prev on prev.assessment_id = pa.id
     where a.round_id = $2`,
    [pid, made!.id, r.kind, r.year],
  );
  return made!;
}

/** Runs inside the caller's transaction, after the organisation. */
export async function seedSection11(db: Db, org: DemoOrganisation, today = londonToday()): Promise<void> {
  const pid = org.partnershipId;
  await defaultStandardsIn(db, pid);
  const year = Number(today.slice(0, 4));
  const s11Agencies = DEMO_AGENCIES.filter((a) => a.kind !== 'school').map((a) => org.agencies[a.key]!);
  const schools = DEMO_AGENCIES.filter((a) => a.kind === 'school').map((a) => org.agencies[a.key]!);

  // Last year's round, submitted by everyone.
  const last = await round(db, pid, {
    kind: 'section11',
    year: year - 1,
    opensOn: `${year - 1}-04-01`,
    closesOn: `${year - 1}-06-30`,
    challengeDay: `${year - 1}-07-15`,
    agencyIds: s11Agencies,
  });
  await db.query(
    `insert into s11_answer (partnership_id, assessment_id, standard_id, rating, narrative, evidence, updated_at)
     select $1, a.id, s.id, x.rating, x.narrative, 'Policy, training records and the annual report.', $4::date
     from s11_assessment a join s11_standard s on s.partnership_id = $1 and s.kind = 'section11'
       join jsonb_to_recordset($3::jsonb) as x(agency uuid, position int, rating text, narrative text)
         on x.agency = a.agency_id and x.position = s.position
     where a.round_id = $2`,
    [
      pid,
      last.id,
      JSON.stringify(
        s11Agencies.flatMap((agency, i) =>
          [1, 2, 3, 4, 5, 6, 7, 8].map((position) => {
            const rating = ratingOf(i, position, year - 1);
            return { agency, position, rating, narrative: NARRATIVES[rating] };
          }),
        ),
      ),
      `${year - 1}-06-20`,
    ],
  );
  await db.query(
    `update s11_assessment set status = 'submitted', submitted_at = $2::date, submitted_by = $3 where round_id = $1`,
    [last.id, `${year - 1}-06-25`, org.users.bm],
  );

  // Peer challenges of last year, resolved (one rating changed), before this year carries it forward.
  const answerAt = `(select x.id from s11_answer x join s11_assessment a on a.id = x.assessment_id
    join s11_standard s on s.id = x.standard_id where a.round_id = $2 and a.agency_id = $3 and s.position = $4)`;
  const challenge = (round: string, agency: string, position: number, rest: string, params: unknown[]) =>
    db.query(
      `insert into s11_challenge (partnership_id, answer_id, raised_by, raised_by_agency_id, question, ${rest.split('|')[0]})
       select $1, ${answerAt}, $5, $6, $7, ${rest.split('|')[1]}`,
      [pid, round, agency, position, org.users.leadcouncil, org.agencies.council, ...params],
    );
  await challenge(
    last.id,
    org.agencies.hospital!,
    6,
    `raised_at, response, responded_by, responded_at, status, outcome, rating_before, rating_after, resolution, resolved_by,
      resolved_at|$8::date, 'Training figures are for nurses only; doctors are being added.', $5, $8::date + 3, 'resolved',
      'changed', 'green', 'amber', 'Amber until medical staff are included.', $5, $8::date + 5`,
    ['Do the training figures cover medical staff?', `${year - 1}-07-15`],
  );
  await challenge(
    last.id,
    org.agencies.probation!,
    3,
    `raised_at, response, responded_by, responded_at, status, outcome, rating_before, rating_after, resolution, resolved_by,
      resolved_at|$8::date, 'Case audits show the child’s views in 8 of 10 cases.', $5, $8::date + 2, 'resolved',
      'confirmed', (select rating from s11_answer where id = ${answerAt}), (select rating from s11_answer where id = ${answerAt}),
      'Confirmed on the audit evidence.', $5, $8::date + 4`,
    ['How do you know children’s views are heard?', `${year - 1}-07-15`],
  );
  await db.query(
    `update s11_answer x set rating = 'amber' from s11_assessment a, s11_standard s
     where a.id = x.assessment_id and s.id = x.standard_id and a.round_id = $1 and a.agency_id = $2 and s.position = 6`,
    [last.id, org.agencies.hospital],
  );

  // This year's: drafts carried forward, the police's submitted; a schools' round beside it.
  const now = await round(db, pid, {
    kind: 'section11',
    year,
    opensOn: addDays(today, -20),
    closesOn: addDays(today, 40),
    challengeDay: addDays(today, 30),
    agencyIds: s11Agencies,
  });
  await db.query(
    `update s11_answer x set carried_forward = false, updated_at = now()
     from s11_assessment a where a.id = x.assessment_id and a.round_id = $1 and a.agency_id = any($2)`,
    [now.id, [org.agencies.police, org.agencies.hospital]],
  );
  // The hospital rates training green again; its practitioners (below) do not agree.
  await db.query(
    `update s11_answer x set rating = 'green' from s11_assessment a, s11_standard s
     where a.id = x.assessment_id and s.id = x.standard_id and a.round_id = $1 and a.agency_id = $2 and s.position = 6`,
    [now.id, org.agencies.hospital],
  );
  await db.query(
    `update s11_assessment set status = 'submitted', submitted_at = now(), submitted_by = $3
     where round_id = $1 and agency_id = $2`,
    [now.id, org.agencies.police, org.users.leadpolice],
  );
  const schoolsRound = await round(db, pid, {
    kind: 'schools',
    year,
    opensOn: addDays(today, -20),
    closesOn: addDays(today, 40),
    agencyIds: schools,
  });
  await db.query(
    `insert into s11_answer (partnership_id, assessment_id, standard_id, rating, narrative)
     select $1, a.id, s.id, case when s.position = 5 then 'amber' else 'green' end,
       'Checked by the governors in the autumn term.'
     from s11_assessment a join s11_standard s on s.partnership_id = $1 and s.kind = 'schools'
     where a.round_id = $2 and a.agency_id = $3`,
    [pid, schoolsRound.id, org.agencies.school2],
  );
  await db.query(
    `update s11_assessment set status = 'submitted', submitted_at = now(), submitted_by = $3
     where round_id = $1 and agency_id = $2`,
    [schoolsRound.id, org.agencies.school2, org.users.bm],
  );

  // An open challenge of this year's submitted answers.
  await challenge(now.id, org.agencies.police!, 7, 'status|$8', [
    'How are children’s views recorded at the point of arrest?',
    'open',
  ]);

  // The practitioners' survey: forty answers across the agencies, anonymous.
  const agree = ['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree'];
  const responses = Array.from({ length: 40 }, (_, n) => {
    const agency = s11Agencies[n % 5]!;
    const answers: Record<number, string> = {};
    // The hospital's practitioners disagree about training (standard 6); others mostly agree.
    for (let p = 1; p <= 8; p++)
      answers[p] = agency === org.agencies.hospital && p === 6 ? agree[3 + (n % 2)]! : agree[(n + p) % 3]!;
    return { agency, role: 'partner_practitioner', answers };
  });
  await db.query(
    `insert into s11_survey_response (partnership_id, round_id, agency_id, role, answers)
     select $1, $2, r.agency, r.role,
       (select jsonb_object_agg(s.id::text, r.answers->>s.position::text) from s11_standard s
        where s.partnership_id = $1 and s.kind = 'section11')
     from jsonb_to_recordset($3::jsonb) as r(agency uuid, role text, answers jsonb)`,
    [pid, now.id, JSON.stringify(responses)],
  );
}
