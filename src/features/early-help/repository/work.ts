/** The work of an episode: the team around the family, meetings, reviews, scores, steps, the voice. */
import { one, type Db } from '../../../db/index.ts';

export interface TeamRow {
  id: string;
  userId: string;
  name: string;
  agency: string;
  agencyId: string;
  role: string;
}

export function team(db: Db, episodeId: string) {
  return db.query<TeamRow>(
    `select t.id, t.user_id as "userId", u.display_name as name, a.name as agency, a.id as "agencyId", t.role
     from eh_team_member t join app_user u on u.id = t.user_id join agency a on a.id = u.agency_id
     where t.episode_id = $1 order by t.added_at`,
    [episodeId],
  );
}

export const insertTeamMember = (
  tx: Db,
  pid: string,
  episodeId: string,
  userId: string,
  role: string,
  by: string,
) =>
  tx.query(
    `insert into eh_team_member (partnership_id, episode_id, user_id, role, added_by) values ($1,$2,$3,$4,$5)
     on conflict (episode_id, user_id) do update set role = excluded.role`,
    [pid, episodeId, userId, role, by],
  );

export interface MeetingRow {
  id: string;
  heldOn: string;
  notes: string;
  attended: string | null;
  absent: string | null;
}

export function meetings(db: Db, episodeId: string) {
  return db.query<MeetingRow>(
    `select m.id, m.held_on::text as "heldOn", m.notes,
       (select string_agg(u.display_name, ', ') from eh_attendance x join eh_team_member t on t.id = x.team_member_id
          join app_user u on u.id = t.user_id where x.meeting_id = m.id and x.attended) as attended,
       (select string_agg(u.display_name, ', ') from eh_attendance x join eh_team_member t on t.id = x.team_member_id
          join app_user u on u.id = t.user_id where x.meeting_id = m.id and not x.attended) as absent
     from eh_meeting m where m.episode_id = $1 order by m.held_on, m.created_at`,
    [episodeId],
  );
}

export async function insertMeeting(
  tx: Db,
  pid: string,
  episodeId: string,
  m: { heldOn: string; notes: string; attended: string[] },
  by: string,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    `insert into eh_meeting (partnership_id, episode_id, held_on, notes, created_by) values ($1,$2,$3,$4,$5) returning id`,
    [pid, episodeId, m.heldOn, m.notes, by],
  );
  await tx.query(
    `insert into eh_attendance (meeting_id, team_member_id, attended)
     select $1, t.id, t.id = any($3::uuid[]) from eh_team_member t where t.episode_id = $2`,
    [row.id, episodeId, m.attended],
  );
  return row.id;
}

export interface ReviewRow {
  id: string;
  heldOn: string;
  dueOn: string;
  summary: string;
  by: string;
}

export function reviews(db: Db, episodeId: string) {
  return db.query<ReviewRow>(
    `select r.id, r.held_on::text as "heldOn", r.due_on::text as "dueOn", r.summary, u.display_name as by
     from eh_review r join app_user u on u.id = r.created_by where r.episode_id = $1 order by r.held_on, r.created_at`,
    [episodeId],
  );
}

export async function insertReview(
  tx: Db,
  pid: string,
  episodeId: string,
  r: { heldOn: string; dueOn: string; summary: string },
  by: string,
): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    `insert into eh_review (partnership_id, episode_id, held_on, due_on, summary, created_by)
     values ($1,$2,$3,$4,$5,$6) returning id`,
    [pid, episodeId, r.heldOn, r.dueOn, r.summary, by],
  );
  return row.id;
}

export interface ScoreRow {
  reviewId: string | null;
  area: string;
  score: number;
}

export function scores(db: Db, episodeId: string) {
  return db.query<ScoreRow>(
    `select s.review_id as "reviewId", s.area, s.score from eh_score s left join eh_review r on r.id = s.review_id
     where s.episode_id = $1 order by r.held_on nulls first, r.created_at nulls first, s.area`,
    [episodeId],
  );
}

export async function insertScores(
  tx: Db,
  pid: string,
  episodeId: string,
  reviewId: string | null,
  scores: { area: string; score: number }[],
): Promise<void> {
  for (const s of scores)
    await tx.query(
      `insert into eh_score (partnership_id, episode_id, review_id, area, score) values ($1,$2,$3,$4,$5)`,
      [pid, episodeId, reviewId, s.area, s.score],
    );
}

export interface StepRow {
  id: string;
  kind: 'up' | 'down';
  reason: string;
  requestedAt: Date;
  requestedBy: string;
  contactId: string | null;
  contactReference: string | null;
  offeredTo: string | null;
  offeredToId: string | null;
  decision: 'accepted' | 'declined' | null;
  decisionReason: string | null;
  decidedAt: Date | null;
}

export function steps(db: Db, episodeId: string) {
  return db.query<StepRow>(
    `select s.id, s.kind, s.reason, s.requested_at as "requestedAt", ru.display_name as "requestedBy",
       s.contact_id as "contactId", c.reference as "contactReference", ou.display_name as "offeredTo",
       s.offered_to as "offeredToId", s.decision, s.decision_reason as "decisionReason", s.decided_at as "decidedAt"
     from eh_step s join app_user ru on ru.id = s.requested_by left join app_user ou on ou.id = s.offered_to
       left join contact c on c.id = s.contact_id
     where s.episode_id = $1 order by s.requested_at, s.id`,
    [episodeId],
  );
}

export const insertStep = (
  tx: Db,
  pid: string,
  s: {
    episodeId: string;
    kind: 'up' | 'down';
    reason: string;
    by: string;
    contactId?: string | null;
    caseworkEpisodeId?: string | null;
    offeredTo?: string | null;
  },
) =>
  tx.query(
    `insert into eh_step (partnership_id, episode_id, kind, reason, requested_by, contact_id, casework_episode_id, offered_to)
     values ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [
      pid,
      s.episodeId,
      s.kind,
      s.reason,
      s.by,
      s.contactId ?? null,
      s.caseworkEpisodeId ?? null,
      s.offeredTo ?? null,
    ],
  );

export const decideStep = (tx: Db, stepId: string, accepted: boolean, reason: string, by: string) =>
  tx.query(
    `update eh_step set decision = $2, decision_reason = $3, decided_at = now(), decided_by = $4 where id = $1`,
    [stepId, accepted ? 'accepted' : 'declined', reason, by],
  );

export const insertVoice = (
  tx: Db,
  pid: string,
  v: {
    personId: string;
    gatheredOn: string;
    words: string;
    method: string;
    by: string;
    byUser: string;
    contextId: string;
  },
) =>
  tx.query(
    `insert into child_voice (partnership_id, person_id, gathered_on, words, methods, gathered_by, gathered_by_user,
       context, context_id, created_by) values ($1,$2,$3,$4,$5,$6,$7,'early_help',$8,$7)`,
    [pid, v.personId, v.gatheredOn, v.words, [v.method], v.by, v.byUser, v.contextId],
  );

/** What each child of the family has said in early help and in casework (the one voice record). */
export function voiceOf(db: Db, pid: string, personIds: string[]) {
  return db.query<{
    personId: string;
    gatheredOn: string;
    words: string;
    context: string;
    gatheredBy: string;
  }>(
    `select person_id as "personId", gathered_on::text as "gatheredOn", words, context, gathered_by as "gatheredBy"
     from child_voice where partnership_id = $1 and person_id = any($2::uuid[]) order by gathered_on, created_at`,
    [pid, personIds],
  );
}

export interface PersonDetails {
  personId: string;
  kind: 'child' | 'adult';
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  sex: 'female' | 'male' | 'indeterminate' | 'unknown';
  nhsNumber: string | null;
  upn: string | null;
}

/** The family's details for a step-up referral. */
export function familyDetails(db: Db, episodeId: string) {
  return db.query<PersonDetails>(
    `select p.id as "personId", p.kind, p.given_name as "givenName", p.family_name as "familyName",
       p.date_of_birth::text as "dateOfBirth", p.sex, p.nhs_number as "nhsNumber", p.upn
     from eh_member m join person p on p.id = m.person_id where m.episode_id = $1 and not p.unborn
     order by p.kind desc, p.date_of_birth`,
    [episodeId],
  );
}
