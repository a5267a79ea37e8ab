/** A child's whole casework, read in one go for the casework page and the API. */
import type { Db } from '../../../db/index.ts';
import {
  AGENCY_NAMES,
  ASSESSMENT_COLS,
  CIN_COLS,
  CP_COLS,
  EPISODE_COLS,
  S47_COLS,
  type AssessmentRow,
  type Casework,
  type CinPlanRow,
  type CinReviewRow,
  type ConferenceRow,
  type CoreGroupRow,
  type CpPlanRow,
  type DecisionRow,
  type EpisodeRow,
  type Section47Row,
  type StrategyRow,
  type VisitRow,
} from './rows.ts';

/** A child's whole casework, every episode, oldest first. */
const EPISODES_SQL = `select ${EPISODE_COLS} from episode e left join referral r on r.id = e.referral_id
  where e.person_id = $1 and e.partnership_id = $2 order by e.referral_date, e.created_at`;
const CP_PLANS_SQL = `select ${CP_COLS} from cp_plan where person_id = $1 and partnership_id = $2 order by start_date`;
const CIN_PLANS_SQL = `select ${CIN_COLS} from cin_plan where person_id = $1 and partnership_id = $2 order by start_date`;

/** Only the episodes and plans (the child's status, for the record's summary): three reads, not ten. */
export async function loadStatus(
  db: Db,
  partnershipId: string,
  personId: string,
): Promise<Pick<Casework, 'episodes' | 'cpPlans' | 'cinPlans'>> {
  const read = <T>(sql: string) => db.query<T>(sql, [personId, partnershipId]);
  return {
    episodes: await read<EpisodeRow>(EPISODES_SQL),
    cpPlans: await read<CpPlanRow>(CP_PLANS_SQL),
    cinPlans: await read<CinPlanRow>(CIN_PLANS_SQL),
  };
}

export async function loadCasework(db: Db, partnershipId: string, personId: string): Promise<Casework> {
  const where = 'person_id = $1 and partnership_id = $2';
  const read = <T>(sql: string) => db.query<T>(sql, [personId, partnershipId]);
  // One after the other: inside a transaction they share its one connection anyway.
  return {
    episodes: await read<EpisodeRow>(EPISODES_SQL),
    assessments: await read<AssessmentRow>(
      `select ${ASSESSMENT_COLS} from assessment where ${where} order by start_date, created_at`,
    ),
    strategyDiscussions:
      await read<StrategyRow>(`select id, episode_id as "episodeId", held_on as "heldOn", ${AGENCY_NAMES('agency_ids')}, participants,
         decision, rationale from strategy_discussion where ${where} order by held_on, created_at`),
    section47s:
      await read<Section47Row>(`select ${S47_COLS} from section_47 s join strategy_discussion sd on sd.id = s.strategy_discussion_id
       where s.person_id = $1 and s.partnership_id = $2 order by s.start_date, s.created_at`),
    conferences:
      await read<ConferenceRow>(`select id, episode_id as "episodeId", kind, section_47_id as "section47Id", cp_plan_id as "cpPlanId",
         held_on as "heldOn", chair, ${AGENCY_NAMES('agencies_attended')}, attendance_notes as "attendanceNotes",
         decision, category, voice_absent_reason as "voiceAbsentReason"
       from conference where ${where} order by held_on, created_at`),
    cpPlans: await read<CpPlanRow>(CP_PLANS_SQL),
    coreGroups:
      await read<CoreGroupRow>(`select id, cp_plan_id as "cpPlanId", held_on as "heldOn", ${AGENCY_NAMES('agency_ids')}, notes
       from core_group where ${where} order by held_on, created_at`),
    cinPlans: await read<CinPlanRow>(CIN_PLANS_SQL),
    cinReviews:
      await read<CinReviewRow>(`select id, cin_plan_id as "cinPlanId", held_on as "heldOn", notes, voice_absent_reason as "voiceAbsentReason"
       from cin_plan_review where ${where} order by held_on, created_at`),
    visits:
      await read<VisitRow>(`select id, episode_id as "episodeId", cp_plan_id as "cpPlanId", visited_on as "visitedOn", seen,
         seen_alone as "seenAlone", bedroom_seen as "bedroomSeen", not_seen_reason as "notSeenReason", notes,
         voice_absent_reason as "voiceAbsentReason"
       from visit where ${where} order by visited_on, created_at`),
    decisions:
      await read<DecisionRow>(`select id, episode_id as "episodeId", point, subject_id as "subjectId", decision, note,
         decided_on as "decidedOn", decided_by_name as "decidedByName"
       from manager_decision where ${where} order by created_at`),
  };
}
