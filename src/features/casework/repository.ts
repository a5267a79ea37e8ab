/** The SQL of casework reads: a child's whole casework, and the current records a change needs. */
import type { Db } from '../../db/index.ts';

export interface EpisodeRow {
  id: string;
  personId: string;
  referralId: string | null;
  referralDecision: string | null;
  referralDate: string;
  referralSource: string;
  primaryNeed: string;
  stepUpReference: string | null;
  status: 'open' | 'closed';
  closureDate: string | null;
  closureReason: string | null;
  stepDownReference: string | null;
  version: number;
}

export interface AssessmentRow {
  id: string;
  episodeId: string;
  startDate: string;
  status: 'in_progress' | 'awaiting_authorisation' | 'authorised';
  factors: string[];
  analysis: string | null;
  outcome: string | null;
  completedDate: string | null;
  lateReason: string | null;
  voiceAbsentReason: string | null;
  authorisedDate: string | null;
  version: number;
}

export interface StrategyRow {
  id: string;
  episodeId: string;
  heldOn: string;
  agencyNames: string[];
  participants: string;
  decision: string;
  rationale: string;
}

export interface Section47Row {
  id: string;
  episodeId: string;
  strategyDiscussionId: string;
  strategyHeldOn: string;
  startDate: string;
  status: 'open' | 'awaiting_sign_off' | 'completed';
  outcome: string | null;
  conferenceNeeded: boolean | null;
  outcomeDate: string | null;
  outcomeNotes: string | null;
  signedOffDate: string | null;
  hasInitialConference: boolean;
  version: number;
}

export interface ConferenceRow {
  id: string;
  episodeId: string;
  kind: 'initial' | 'review';
  section47Id: string | null;
  cpPlanId: string | null;
  heldOn: string;
  chair: string;
  agencyNames: string[];
  attendanceNotes: string | null;
  decision: string;
  category: string | null;
  voiceAbsentReason: string | null;
}

export interface CpPlanRow {
  id: string;
  episodeId: string;
  initialConferenceId: string;
  startDate: string;
  initialCategory: string;
  latestCategory: string;
  status: 'open' | 'ended';
  endDate: string | null;
  endReason: string | null;
  version: number;
}

export interface CoreGroupRow {
  id: string;
  cpPlanId: string;
  heldOn: string;
  agencyNames: string[];
  notes: string | null;
}

export interface CinPlanRow {
  id: string;
  episodeId: string;
  startDate: string;
  status: 'open' | 'ended';
  endDate: string | null;
  endReason: string | null;
  version: number;
}

export interface CinReviewRow {
  id: string;
  cinPlanId: string;
  heldOn: string;
  notes: string;
  voiceAbsentReason: string | null;
}

export interface VisitRow {
  id: string;
  episodeId: string;
  cpPlanId: string | null;
  visitedOn: string;
  seen: boolean;
  seenAlone: boolean;
  bedroomSeen: boolean;
  notSeenReason: string | null;
  notes: string | null;
  voiceAbsentReason: string | null;
}

export interface DecisionRow {
  id: string;
  episodeId: string;
  point: string;
  subjectId: string;
  decision: 'agreed' | 'returned';
  note: string;
  decidedOn: string;
  decidedByName: string;
}

export interface Casework {
  episodes: EpisodeRow[];
  assessments: AssessmentRow[];
  strategyDiscussions: StrategyRow[];
  section47s: Section47Row[];
  conferences: ConferenceRow[];
  cpPlans: CpPlanRow[];
  coreGroups: CoreGroupRow[];
  cinPlans: CinPlanRow[];
  cinReviews: CinReviewRow[];
  visits: VisitRow[];
  decisions: DecisionRow[];
}

const EPISODE_COLS = `e.id, e.person_id as "personId", e.referral_id as "referralId", r.decision as "referralDecision",
  e.referral_date as "referralDate", e.referral_source as "referralSource", e.primary_need as "primaryNeed",
  e.step_up_reference as "stepUpReference", e.status, e.closure_date as "closureDate",
  e.closure_reason as "closureReason", e.step_down_reference as "stepDownReference", e.version`;

const AGENCY_NAMES = (col: string) =>
  `array(select ag.name from agency ag where ag.id = any(${col}) order by ag.name) as "agencyNames"`;

const ASSESSMENT_COLS = `id, episode_id as "episodeId", start_date as "startDate", status, factors, analysis,
  outcome, completed_date as "completedDate", late_reason as "lateReason",
  voice_absent_reason as "voiceAbsentReason", authorised_date as "authorisedDate", version`;

const S47_COLS = `s.id, s.episode_id as "episodeId", s.strategy_discussion_id as "strategyDiscussionId",
  sd.held_on as "strategyHeldOn", s.start_date as "startDate", s.status, s.outcome,
  s.conference_needed as "conferenceNeeded", s.outcome_date as "outcomeDate", s.outcome_notes as "outcomeNotes",
  s.signed_off_date as "signedOffDate",
  exists (select 1 from conference c where c.section_47_id = s.id) as "hasInitialConference", s.version`;

const CP_COLS = `id, episode_id as "episodeId", initial_conference_id as "initialConferenceId",
  start_date as "startDate", initial_category as "initialCategory", latest_category as "latestCategory", status,
  end_date as "endDate", end_reason as "endReason", version`;

const CIN_COLS = `id, episode_id as "episodeId", start_date as "startDate", status, end_date as "endDate",
  end_reason as "endReason", version`;

/** A child's whole casework, every episode, oldest first. */
export async function loadCasework(db: Db, partnershipId: string, personId: string): Promise<Casework> {
  const p = [personId, partnershipId];
  const where = 'person_id = $1 and partnership_id = $2';
  const [
    episodes,
    assessments,
    strategyDiscussions,
    section47s,
    conferences,
    cpPlans,
    coreGroups,
    cinPlans,
    cinReviews,
    visits,
    decisions,
  ] = [
    await db.query<EpisodeRow>(
      `select ${EPISODE_COLS} from episode e left join referral r on r.id = e.referral_id
       where e.person_id = $1 and e.partnership_id = $2 order by e.referral_date, e.created_at`,
      p,
    ),
    await db.query<AssessmentRow>(
      `select ${ASSESSMENT_COLS} from assessment where ${where} order by start_date, created_at`,
      p,
    ),
    await db.query<StrategyRow>(
      `select id, episode_id as "episodeId", held_on as "heldOn", ${AGENCY_NAMES('agency_ids')}, participants,
         decision, rationale from strategy_discussion where ${where} order by held_on, created_at`,
      p,
    ),
    await db.query<Section47Row>(
      `select ${S47_COLS} from section_47 s join strategy_discussion sd on sd.id = s.strategy_discussion_id
       where s.person_id = $1 and s.partnership_id = $2 order by s.start_date, s.created_at`,
      p,
    ),
    await db.query<ConferenceRow>(
      `select id, episode_id as "episodeId", kind, section_47_id as "section47Id", cp_plan_id as "cpPlanId",
         held_on as "heldOn", chair, ${AGENCY_NAMES('agencies_attended')}, attendance_notes as "attendanceNotes",
         decision, category, voice_absent_reason as "voiceAbsentReason"
       from conference where ${where} order by held_on, created_at`,
      p,
    ),
    await db.query<CpPlanRow>(`select ${CP_COLS} from cp_plan where ${where} order by start_date`, p),
    await db.query<CoreGroupRow>(
      `select id, cp_plan_id as "cpPlanId", held_on as "heldOn", ${AGENCY_NAMES('agency_ids')}, notes
       from core_group where ${where} order by held_on, created_at`,
      p,
    ),
    await db.query<CinPlanRow>(`select ${CIN_COLS} from cin_plan where ${where} order by start_date`, p),
    await db.query<CinReviewRow>(
      `select id, cin_plan_id as "cinPlanId", held_on as "heldOn", notes, voice_absent_reason as "voiceAbsentReason"
       from cin_plan_review where ${where} order by held_on, created_at`,
      p,
    ),
    await db.query<VisitRow>(
      `select id, episode_id as "episodeId", cp_plan_id as "cpPlanId", visited_on as "visitedOn", seen,
         seen_alone as "seenAlone", bedroom_seen as "bedroomSeen", not_seen_reason as "notSeenReason", notes,
         voice_absent_reason as "voiceAbsentReason"
       from visit where ${where} order by visited_on, created_at`,
      p,
    ),
    await db.query<DecisionRow>(
      `select id, episode_id as "episodeId", point, subject_id as "subjectId", decision, note,
         decided_on as "decidedOn", decided_by_name as "decidedByName"
       from manager_decision where ${where} order by created_at`,
      p,
    ),
  ];
  return {
    episodes,
    assessments,
    strategyDiscussions,
    section47s,
    conferences,
    cpPlans,
    coreGroups,
    cinPlans,
    cinReviews,
    visits,
    decisions,
  };
}

/**
 * Locks the child's row for the rest of the transaction, so that two changes to one child's
 * casework run one after the other (two people starting a plan at once: one wins, the other is told).
 */
export async function lockChild(tx: Db, partnershipId: string, personId: string): Promise<{ kind: string }> {
  const [row] = await tx.query<{ kind: string }>(
    'select kind from person where id = $1 and partnership_id = $2 for update',
    [personId, partnershipId],
  );
  if (!row) throw new Error('person vanished after the access check');
  return row;
}

export async function openEpisode(
  tx: Db,
  partnershipId: string,
  personId: string,
): Promise<EpisodeRow | undefined> {
  const [row] = await tx.query<EpisodeRow>(
    `select ${EPISODE_COLS} from episode e left join referral r on r.id = e.referral_id
     where e.person_id = $1 and e.partnership_id = $2 and e.status = 'open'`,
    [personId, partnershipId],
  );
  return row;
}

export async function openAssessment(tx: Db, episodeId: string): Promise<AssessmentRow | undefined> {
  const [row] = await tx.query<AssessmentRow>(
    `select ${ASSESSMENT_COLS} from assessment where episode_id = $1 and status <> 'authorised'`,
    [episodeId],
  );
  return row;
}

export async function openSection47(tx: Db, episodeId: string): Promise<Section47Row | undefined> {
  const [row] = await tx.query<Section47Row>(
    `select ${S47_COLS} from section_47 s join strategy_discussion sd on sd.id = s.strategy_discussion_id
     where s.episode_id = $1 and s.status <> 'completed'`,
    [episodeId],
  );
  return row;
}

/** The enquiry whose initial conference is still to be held: signed off, conference needed. */
export async function section47AwaitingConference(
  tx: Db,
  episodeId: string,
): Promise<Section47Row | undefined> {
  const [row] = await tx.query<Section47Row>(
    `select ${S47_COLS} from section_47 s join strategy_discussion sd on sd.id = s.strategy_discussion_id
     where s.episode_id = $1 and s.conference_needed and s.status = 'completed'
       and not exists (select 1 from conference c where c.section_47_id = s.id)
     order by s.start_date desc limit 1`,
    [episodeId],
  );
  return row;
}

export async function openCpPlan(
  tx: Db,
  partnershipId: string,
  personId: string,
): Promise<CpPlanRow | undefined> {
  const [row] = await tx.query<CpPlanRow>(
    `select ${CP_COLS} from cp_plan where person_id = $1 and partnership_id = $2 and status = 'open'`,
    [personId, partnershipId],
  );
  return row;
}

export async function openCinPlan(
  tx: Db,
  partnershipId: string,
  personId: string,
): Promise<CinPlanRow | undefined> {
  const [row] = await tx.query<CinPlanRow>(
    `select ${CIN_COLS} from cin_plan where person_id = $1 and partnership_id = $2 and status = 'open'`,
    [personId, partnershipId],
  );
  return row;
}

/** The latest date anything was recorded as happening in the episode (closure cannot precede it). */
export async function lastActivityOn(tx: Db, episodeId: string): Promise<string | null> {
  const [row] = await tx.query<{ on: string | null }>(
    `select greatest(
       (select max(greatest(start_date, completed_date, authorised_date)) from assessment where episode_id = $1),
       (select max(held_on) from strategy_discussion where episode_id = $1),
       (select max(greatest(start_date, outcome_date, signed_off_date)) from section_47 where episode_id = $1),
       (select max(held_on) from conference where episode_id = $1),
       (select max(greatest(start_date, end_date)) from cp_plan where episode_id = $1),
       (select max(greatest(start_date, end_date)) from cin_plan where episode_id = $1),
       (select max(visited_on) from visit where episode_id = $1)) as "on"`,
    [episodeId],
  );
  return row?.on ?? null;
}

/** The partnership's agencies among these ids (to refuse ids that are not agencies of ours). */
export async function knownAgencies(
  db: Db,
  partnershipId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    'select id from agency where partnership_id = $1 and id = any($2::uuid[])',
    [partnershipId, ids],
  );
  return new Set(rows.map((r) => r.id));
}

export async function agencyChoices(db: Db, partnershipId: string): Promise<{ id: string; name: string }[]> {
  return db.query('select id, name from agency where partnership_id = $1 and active order by name', [
    partnershipId,
  ]);
}
