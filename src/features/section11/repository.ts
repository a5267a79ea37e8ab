import { maybeOne, type Db } from '../../db/index.ts';
import { DEFAULT_STANDARDS, type Kind } from './codes.ts';

export interface StandardRow {
  id: string;
  kind: Kind;
  position: number;
  title: string;
  description: string;
  active: boolean;
}

const STANDARD = `s.id, s.kind, s.position, s.title, s.description, s.active`;

/** The partnership's standards; the defaults are written the first time a partnership has none. */
export async function standards(db: Db, pid: string, kind?: Kind): Promise<StandardRow[]> {
  const list = () =>
    db.query<StandardRow>(
      `select ${STANDARD} from s11_standard s where s.partnership_id = $1 and ($2::text is null or s.kind = $2)
       order by s.kind, s.position`,
      [pid, kind ?? null],
    );
  const rows = await list();
  if (rows.length) return rows;
  const [{ n } = { n: 0 }] = await db.query<{ n: number }>(
    'select count(*)::int as n from s11_standard where partnership_id = $1',
    [pid],
  );
  if (n > 0) return rows;
  const defaults = Object.entries(DEFAULT_STANDARDS).flatMap(([k, list]) =>
    list.map((s, i) => ({ kind: k, position: i + 1, ...s })),
  );
  await db.query(
    `insert into s11_standard (partnership_id, kind, position, title, description)
     select $1, d->>'kind', (d->>'position')::int, d->>'title', d->>'description'
     from jsonb_array_elements($2::jsonb) d on conflict do nothing`,
    [pid, JSON.stringify(defaults)],
  );
  return list();
}

export function standardById(db: Db, pid: string, id: string) {
  return maybeOne<StandardRow>(
    db,
    `select ${STANDARD} from s11_standard s where s.partnership_id = $1 and s.id = $2`,
    [pid, id],
  );
}

export async function insertStandard(
  db: Db,
  pid: string,
  s: { kind: string; title: string; description: string },
) {
  return maybeOne<{ id: string }>(
    db,
    `insert into s11_standard (partnership_id, kind, position, title, description)
     values ($1, $2, (select coalesce(max(position), 0) + 1 from s11_standard where partnership_id = $1 and kind = $2),
       $3, $4)
     on conflict do nothing returning id`,
    [pid, s.kind, s.title, s.description],
  );
}

export async function updateStandard(
  db: Db,
  pid: string,
  id: string,
  s: { title: string; description: string; active: boolean },
) {
  return maybeOne<{ id: string }>(
    db,
    `update s11_standard set title = $3, description = $4, active = $5
     where partnership_id = $1 and id = $2
       and not exists (select 1 from s11_standard o where o.partnership_id = $1 and o.id <> $2 and o.title = $3
         and o.kind = s11_standard.kind)
     returning id`,
    [pid, id, s.title, s.description, s.active],
  );
}

export interface RoundRow {
  id: string;
  kind: Kind;
  year: number;
  opensOn: string;
  closesOn: string;
  challengeDay: string | null;
  agencies: number;
  submitted: number;
  surveyResponses: number;
}

const ROUND = `r.id, r.kind, r.year, r.opens_on::text as "opensOn", r.closes_on::text as "closesOn",
  r.challenge_day::text as "challengeDay",
  (select count(*)::int from s11_assessment a where a.round_id = r.id) as agencies,
  (select count(*)::int from s11_assessment a where a.round_id = r.id and a.status = 'submitted') as submitted,
  (select count(*)::int from s11_survey_response v where v.round_id = r.id) as "surveyResponses"`;

export function rounds(db: Db, pid: string): Promise<RoundRow[]> {
  return db.query<RoundRow>(
    `select ${ROUND} from s11_round r where r.partnership_id = $1 order by r.year desc, r.kind`,
    [pid],
  );
}

export function roundById(db: Db, pid: string, id: string) {
  return maybeOne<RoundRow>(
    db,
    `select ${ROUND} from s11_round r where r.partnership_id = $1 and r.id = $2`,
    [pid, id],
  );
}

export function roundExists(db: Db, pid: string, kind: string, year: number) {
  return maybeOne<{ id: string }>(
    db,
    'select id from s11_round where partnership_id = $1 and kind = $2 and year = $3',
    [pid, kind, year],
  );
}

export function agenciesOf(db: Db, pid: string) {
  return db.query<{ id: string; name: string; kind: string }>(
    'select id, name, kind from agency where partnership_id = $1 and active order by name',
    [pid],
  );
}

export interface NewRound {
  kind: string;
  year: number;
  opensOn: string;
  closesOn: string;
  challengeDay: string | null;
  agencyIds: string[];
  createdBy: string;
}

/**
 * The round, a draft self-assessment for each agency asked, and each draft's answers carried
 * forward from the agency's answers in its last earlier round of the same kind.
 */
export async function insertRound(
  db: Db,
  pid: string,
  r: NewRound,
): Promise<{ id: string; carried: number }> {
  const round = await maybeOne<{ id: string }>(
    db,
    `insert into s11_round (partnership_id, kind, year, opens_on, closes_on, challenge_day, created_by)
     values ($1,$2,$3,$4,$5,$6,$7) returning id`,
    [pid, r.kind, r.year, r.opensOn, r.closesOn, r.challengeDay, r.createdBy],
  );
  const id = round!.id;
  await db.query(
    `insert into s11_assessment (partnership_id, round_id, agency_id) select $1, $2, unnest($3::uuid[])`,
    [pid, id, r.agencyIds],
  );
  const carried = await db.query(
    `insert into s11_answer (partnership_id, assessment_id, standard_id, rating, narrative, evidence, carried_forward,
       updated_by)
     select $1, a.id, prev.standard_id, prev.rating, prev.narrative, prev.evidence, true, $4
     from s11_assessment a
     cross join lateral (
       select pa.id from s11_assessment pa join s11_round pr on pr.id = pa.round_id
       where pa.agency_id = a.agency_id and pr.partnership_id = $1 and pr.kind = $3 and pr.year < $5
       order by pr.year desc limit 1) last
     join s11_answer prev on prev.assessment_id = last.id
     join s11_standard s on s.id = prev.standard_id and s.active
     where a.round_id = $2
     returning id`,
    [pid, id, r.kind, r.createdBy, r.year],
  );
  return { id, carried: carried.length };
}

export interface AssessmentRow {
  id: string;
  roundId: string;
  kind: Kind;
  year: number;
  agencyId: string;
  agencyName: string;
  status: 'draft' | 'submitted';
  submittedAt: Date | null;
  submittedBy: string | null;
  rated: number;
  carried: number;
  red: number;
  amber: number;
  green: number;
  openChallenges: number;
}

const ASSESSMENT = `a.id, a.round_id as "roundId", r.kind, r.year, a.agency_id as "agencyId", ag.name as "agencyName",
  a.status, a.submitted_at as "submittedAt", u.display_name as "submittedBy",
  (select count(*)::int from s11_answer x where x.assessment_id = a.id and x.rating is not null) as rated,
  (select count(*)::int from s11_answer x where x.assessment_id = a.id and x.carried_forward) as carried,
  (select count(*)::int from s11_answer x where x.assessment_id = a.id and x.rating = 'red') as red,
  (select count(*)::int from s11_answer x where x.assessment_id = a.id and x.rating = 'amber') as amber,
  (select count(*)::int from s11_answer x where x.assessment_id = a.id and x.rating = 'green') as green,
  (select count(*)::int from s11_challenge c join s11_answer x on x.id = c.answer_id
    where x.assessment_id = a.id and c.status <> 'resolved') as "openChallenges"`;
const ASSESSMENT_FROM = `s11_assessment a join s11_round r on r.id = a.round_id join agency ag on ag.id = a.agency_id
  left join app_user u on u.id = a.submitted_by`;

export function assessments(db: Db, pid: string, f: { roundId?: string } = {}): Promise<AssessmentRow[]> {
  return db.query<AssessmentRow>(
    `select ${ASSESSMENT} from ${ASSESSMENT_FROM}
     where a.partnership_id = $1 and ($2::uuid is null or a.round_id = $2)
     order by r.year desc, r.kind, ag.name`,
    [pid, f.roundId ?? null],
  );
}

export function assessmentById(db: Db, pid: string, id: string) {
  return maybeOne<AssessmentRow>(
    db,
    `select ${ASSESSMENT} from ${ASSESSMENT_FROM} where a.partnership_id = $1 and a.id = $2`,
    [pid, id],
  );
}

export interface AnswerRow {
  id: string | null;
  standardId: string;
  position: number;
  title: string;
  description: string;
  rating: string | null;
  narrative: string;
  evidence: string;
  carriedForward: boolean;
  updatedAt: Date | null;
}

/** Every active standard of the assessment's kind, with the agency's answer where there is one. */
export function answers(db: Db, pid: string, assessmentId: string): Promise<AnswerRow[]> {
  return db.query<AnswerRow>(
    `select x.id, s.id as "standardId", s.position, s.title, s.description, x.rating,
       coalesce(x.narrative, '') as narrative, coalesce(x.evidence, '') as evidence,
       coalesce(x.carried_forward, false) as "carriedForward", x.updated_at as "updatedAt"
     from s11_assessment a join s11_round r on r.id = a.round_id
       join s11_standard s on s.partnership_id = a.partnership_id and s.kind = r.kind
       left join s11_answer x on x.assessment_id = a.id and x.standard_id = s.id
     where a.partnership_id = $1 and a.id = $2 and (s.active or x.id is not null)
     order by s.position`,
    [pid, assessmentId],
  );
}

export async function upsertAnswer(
  db: Db,
  pid: string,
  a: {
    assessmentId: string;
    standardId: string;
    rating: string;
    narrative: string;
    evidence: string;
    by: string;
  },
): Promise<string> {
  const row = await maybeOne<{ id: string }>(
    db,
    `insert into s11_answer (partnership_id, assessment_id, standard_id, rating, narrative, evidence, carried_forward,
       updated_by)
     values ($1,$2,$3,$4,$5,$6,false,$7)
     on conflict (assessment_id, standard_id) do update set rating = excluded.rating, narrative = excluded.narrative,
       evidence = excluded.evidence, carried_forward = false, updated_by = excluded.updated_by, updated_at = now()
     returning id`,
    [pid, a.assessmentId, a.standardId, a.rating, a.narrative, a.evidence, a.by],
  );
  return row!.id;
}

/** Marks the draft submitted; none when it was submitted meanwhile. */
export function markSubmitted(db: Db, pid: string, id: string, by: string) {
  return maybeOne<{ id: string }>(
    db,
    `update s11_assessment set status = 'submitted', submitted_at = now(), submitted_by = $3
     where partnership_id = $1 and id = $2 and status = 'draft' returning id`,
    [pid, id, by],
  );
}

/** Locks the assessment's row for a change of its answers (so a submit cannot slip in between). */
export function lockAssessment(db: Db, pid: string, id: string) {
  return maybeOne<{ status: string }>(
    db,
    'select status from s11_assessment where partnership_id = $1 and id = $2 for update',
    [pid, id],
  );
}
