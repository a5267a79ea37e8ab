/** The rows of statutory casework as the repository reads them, and the columns that make them. */

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

export interface ReferralChoice {
  id: string;
  referralDate: string;
  decision: string;
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

export const EPISODE_COLS = `e.id, e.person_id as "personId", e.referral_id as "referralId", r.decision as "referralDecision",
  e.referral_date as "referralDate", e.referral_source as "referralSource", e.primary_need as "primaryNeed",
  e.step_up_reference as "stepUpReference", e.status, e.closure_date as "closureDate",
  e.closure_reason as "closureReason", e.step_down_reference as "stepDownReference", e.version`;

export const AGENCY_NAMES = (col: string) =>
  `array(select ag.name from agency ag where ag.id = any(${col}) order by ag.name) as "agencyNames"`;

export const ASSESSMENT_COLS = `id, episode_id as "episodeId", start_date as "startDate", status, factors, analysis,
  outcome, completed_date as "completedDate", late_reason as "lateReason",
  voice_absent_reason as "voiceAbsentReason", authorised_date as "authorisedDate", version`;

export const S47_COLS = `s.id, s.episode_id as "episodeId", s.strategy_discussion_id as "strategyDiscussionId",
  sd.held_on as "strategyHeldOn", s.start_date as "startDate", s.status, s.outcome,
  s.conference_needed as "conferenceNeeded", s.outcome_date as "outcomeDate", s.outcome_notes as "outcomeNotes",
  s.signed_off_date as "signedOffDate",
  exists (select 1 from conference c where c.section_47_id = s.id) as "hasInitialConference", s.version`;

export const CP_COLS = `id, episode_id as "episodeId", initial_conference_id as "initialConferenceId",
  start_date as "startDate", initial_category as "initialCategory", latest_category as "latestCategory", status,
  end_date as "endDate", end_reason as "endReason", version`;

export const CIN_COLS = `id, episode_id as "episodeId", start_date as "startDate", status, end_date as "endDate",
  end_reason as "endReason", version`;
