/** The SQL of peer challenges, the practitioners' survey, the gap view and the comparison. */
import { maybeOne, type Db } from '../../db/index.ts';

export interface ChallengeRow {
  id: string;
  answerId: string;
  assessmentId: string;
  roundId: string;
  agencyId: string;
  agencyName: string;
  standardTitle: string;
  rating: string | null;
  narrative: string;
  evidence: string;
  raisedById: string;
  raisedBy: string;
  raisedByAgency: string;
  question: string;
  raisedAt: Date;
  response: string | null;
  respondedBy: string | null;
  respondedAt: Date | null;
  status: 'open' | 'responded' | 'resolved';
  outcome: string | null;
  ratingBefore: string | null;
  ratingAfter: string | null;
  resolution: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
}

const CHALLENGE = `select c.id, c.answer_id as "answerId", x.assessment_id as "assessmentId", a.round_id as "roundId",
    a.agency_id as "agencyId", ag.name as "agencyName", s.title as "standardTitle", x.rating, x.narrative, x.evidence,
    c.raised_by as "raisedById", ru.display_name as "raisedBy", rag.name as "raisedByAgency", c.question,
    c.raised_at as "raisedAt", c.response, pu.display_name as "respondedBy", c.responded_at as "respondedAt",
    c.status, c.outcome, c.rating_before as "ratingBefore", c.rating_after as "ratingAfter", c.resolution,
    vu.display_name as "resolvedBy", c.resolved_at as "resolvedAt"
  from s11_challenge c join s11_answer x on x.id = c.answer_id join s11_assessment a on a.id = x.assessment_id
    join agency ag on ag.id = a.agency_id join s11_standard s on s.id = x.standard_id
    join app_user ru on ru.id = c.raised_by join agency rag on rag.id = c.raised_by_agency_id
    left join app_user pu on pu.id = c.responded_by left join app_user vu on vu.id = c.resolved_by`;

export function challengeById(db: Db, pid: string, id: string) {
  return maybeOne<ChallengeRow>(db, `${CHALLENGE} where c.partnership_id = $1 and c.id = $2`, [pid, id]);
}

export function challengesOf(db: Db, pid: string, f: { assessmentId?: string; roundId?: string }) {
  return db.query<ChallengeRow>(
    `${CHALLENGE} where c.partnership_id = $1 and ($2::uuid is null or x.assessment_id = $2)
       and ($3::uuid is null or a.round_id = $3)
     order by c.raised_at`,
    [pid, f.assessmentId ?? null, f.roundId ?? null],
  );
}

export interface AnswerFacts {
  id: string;
  assessmentId: string;
  agencyId: string;
  status: string;
  rating: string | null;
  standardTitle: string;
}

export function answerById(db: Db, pid: string, id: string) {
  return maybeOne<AnswerFacts>(
    db,
    `select x.id, x.assessment_id as "assessmentId", a.agency_id as "agencyId", a.status, x.rating,
       s.title as "standardTitle"
     from s11_answer x join s11_assessment a on a.id = x.assessment_id join s11_standard s on s.id = x.standard_id
     where x.partnership_id = $1 and x.id = $2`,
    [pid, id],
  );
}

export async function insertChallenge(
  db: Db,
  pid: string,
  c: { answerId: string; by: string; agencyId: string; question: string },
): Promise<string> {
  const row = await maybeOne<{ id: string }>(
    db,
    `insert into s11_challenge (partnership_id, answer_id, raised_by, raised_by_agency_id, question)
     values ($1,$2,$3,$4,$5) returning id`,
    [pid, c.answerId, c.by, c.agencyId, c.question],
  );
  return row!.id;
}

/** Records the agency's response while the challenge is open; none when it is not. */
export function setResponse(db: Db, pid: string, id: string, by: string, response: string) {
  return maybeOne<{ id: string }>(
    db,
    `update s11_challenge set response = $4, responded_by = $3, responded_at = now(), status = 'responded'
     where partnership_id = $1 and id = $2 and status = 'open' returning id`,
    [pid, id, by, response],
  );
}

/** Resolves a responded challenge and, when the rating changed, the answer's rating with it. */
export async function setResolved(
  db: Db,
  pid: string,
  id: string,
  r: { by: string; outcome: string; before: string | null; after: string | null; resolution: string },
) {
  const row = await maybeOne<{ answerId: string }>(
    db,
    `update s11_challenge set status = 'resolved', outcome = $4, rating_before = $5, rating_after = $6,
       resolution = $7, resolved_by = $3, resolved_at = now()
     where partnership_id = $1 and id = $2 and status = 'responded' returning answer_id as "answerId"`,
    [pid, id, r.by, r.outcome, r.before, r.after, r.resolution],
  );
  if (row && r.outcome === 'changed')
    await db.query(
      'update s11_answer set rating = $3, updated_by = $4, updated_at = now() where partnership_id = $1 and id = $2',
      [pid, row.answerId, r.after, r.by],
    );
  return row;
}

export function isAsked(db: Db, pid: string, roundId: string, agencyId: string) {
  return maybeOne<{ id: string }>(
    db,
    'select id from s11_assessment where partnership_id = $1 and round_id = $2 and agency_id = $3',
    [pid, roundId, agencyId],
  );
}

export function hasTaken(db: Db, pid: string, roundId: string, userId: string) {
  return maybeOne<{ roundId: string }>(
    db,
    'select round_id as "roundId" from s11_survey_taken where partnership_id = $1 and round_id = $2 and user_id = $3',
    [pid, roundId, userId],
  );
}

/** The rounds whose survey is open today to the agency, and whether the user has answered each. */
export function openSurveys(db: Db, pid: string, agencyId: string, userId: string, today: string) {
  return db.query<{ id: string; kind: string; year: number; closesOn: string; taken: boolean }>(
    `select r.id, r.kind, r.year, r.closes_on::text as "closesOn",
       exists (select 1 from s11_survey_taken t where t.round_id = r.id and t.user_id = $3) as taken
     from s11_round r join s11_assessment a on a.round_id = r.id and a.agency_id = $2
     where r.partnership_id = $1 and r.opens_on <= $4 and r.closes_on >= $4
     order by r.year desc, r.kind`,
    [pid, agencyId, userId, today],
  );
}

/** Records that the user answered (once: none when they already had) and, apart, what they answered. */
export async function insertSurvey(
  db: Db,
  pid: string,
  s: { roundId: string; userId: string; agencyId: string; role: string; answers: Record<string, string> },
): Promise<boolean> {
  const taken = await maybeOne<{ roundId: string }>(
    db,
    `insert into s11_survey_taken (partnership_id, round_id, user_id) values ($1,$2,$3)
     on conflict do nothing returning round_id as "roundId"`,
    [pid, s.roundId, s.userId],
  );
  if (!taken) return false;
  await db.query(
    `insert into s11_survey_response (partnership_id, round_id, agency_id, role, answers) values ($1,$2,$3,$4,$5)`,
    [pid, s.roundId, s.agencyId, s.role, JSON.stringify(s.answers)],
  );
  return true;
}

export interface GapRow {
  agencyId: string;
  agencyName: string;
  standardId: string;
  position: number;
  title: string;
  rating: string | null;
  answers: number;
  agreeing: number;
}

/** For each agency asked and each standard: its rating, and how many of its practitioners agreed. */
export function gapRows(db: Db, pid: string, roundId: string, agreeing: string[]) {
  return db.query<GapRow>(
    `select a.agency_id as "agencyId", ag.name as "agencyName", s.id as "standardId", s.position, s.title,
       x.rating,
       (select count(*)::int from s11_survey_response v
        where v.round_id = a.round_id and v.agency_id = a.agency_id and v.answers ? s.id::text) as answers,
       (select count(*)::int from s11_survey_response v
        where v.round_id = a.round_id and v.agency_id = a.agency_id and v.answers->>s.id::text = any($3)) as agreeing
     from s11_assessment a join s11_round r on r.id = a.round_id join agency ag on ag.id = a.agency_id
       join s11_standard s on s.partnership_id = a.partnership_id and s.kind = r.kind
       left join s11_answer x on x.assessment_id = a.id and x.standard_id = s.id
     where a.partnership_id = $1 and a.round_id = $2 and (s.active or x.id is not null)
     order by ag.name, s.position`,
    [pid, roundId, agreeing],
  );
}

/** Ratings counted by round and agency, for the comparison across agencies and rounds. */
export function ratingCounts(db: Db, pid: string) {
  return db.query<{
    roundId: string;
    kind: string;
    year: number;
    agencyName: string;
    red: number;
    amber: number;
    green: number;
    unrated: number;
  }>(
    `select r.id as "roundId", r.kind, r.year, ag.name as "agencyName",
       count(*) filter (where x.rating = 'red')::int as red,
       count(*) filter (where x.rating = 'amber')::int as amber,
       count(*) filter (where x.rating = 'green')::int as green,
       count(*) filter (where x.id is not null and x.rating is null)::int as unrated
     from s11_round r join s11_assessment a on a.round_id = r.id join agency ag on ag.id = a.agency_id
       left join s11_answer x on x.assessment_id = a.id
     where r.partnership_id = $1
     group by r.id, r.kind, r.year, ag.name
     order by r.kind, r.year, ag.name`,
    [pid],
  );
}
