/**
 * The changes of statutory casework: one row inserted, or one record moved from a status to the
 * next. Column names are written here, never taken from input. Every row carries the partnership
 * and who made it.
 */
import { one, type Db } from '../../../db/index.ts';
import type { DecisionRow, VisitRow } from './rows.ts';

type Table =
  | 'episode'
  | 'assessment'
  | 'strategy_discussion'
  | 'section_47'
  | 'conference'
  | 'cp_plan'
  | 'core_group'
  | 'cin_plan'
  | 'cin_plan_review'
  | 'visit'
  | 'child_voice';

/** Who writes: the partnership of the row and the user it is recorded by. */
export interface By {
  partnershipId: string;
  userId: string;
}

const placeholders = (n: number, from = 1) => Array.from({ length: n }, (_, i) => `$${i + from}`).join(', ');

/** Inserts one row of the partnership, created by the user; returns its id. */
async function insert(tx: Db, table: Table, by: By, row: Record<string, unknown>): Promise<string> {
  const values = { partnership_id: by.partnershipId, ...row, created_by: by.userId };
  const cols = Object.keys(values);
  const { id } = await one<{ id: string }>(
    tx,
    `insert into ${table} (${cols.join(', ')}) values (${placeholders(cols.length)}) returning id`,
    Object.values(values),
  );
  return id;
}

/** Moves a record from status `from` with its new values; its version counts the change. */
async function move(
  tx: Db,
  table: Table,
  id: string,
  from: string,
  set: Record<string, unknown>,
): Promise<void> {
  const cols = Object.keys(set).map((c, i) => `${c} = $${i + 3}`);
  await tx.query(
    `update ${table} set ${cols.join(', ')}, version = version + 1 where id = $1 and status = $2`,
    [id, from, ...Object.values(set)],
  );
}

export const insertEpisode = (
  tx: Db,
  by: By,
  e: {
    personId: string;
    referralId: string | null;
    referralDate: string;
    referralSource: string;
    primaryNeed: string;
    stepUpReference: string | null;
  },
) =>
  insert(tx, 'episode', by, {
    person_id: e.personId,
    referral_id: e.referralId,
    referral_date: e.referralDate,
    referral_source: e.referralSource,
    primary_need: e.primaryNeed,
    step_up_reference: e.stepUpReference,
  });

export async function closeEpisodeRow(
  tx: Db,
  by: By,
  id: string,
  c: { closureDate: string; closureReason: string; stepDownReference: string | null },
): Promise<void> {
  await tx.query(
    `update episode set status = 'closed', closure_date = $2, closure_reason = $3, step_down_reference = $4,
       closed_at = now(), closed_by = $5, version = version + 1 where id = $1 and status = 'open'`,
    [id, c.closureDate, c.closureReason, c.stepDownReference, by.userId],
  );
}

export const insertAssessment = (
  tx: Db,
  by: By,
  a: { episodeId: string; personId: string; startDate: string },
) =>
  insert(tx, 'assessment', by, { episode_id: a.episodeId, person_id: a.personId, start_date: a.startDate });

export const submitAssessmentRow = (
  tx: Db,
  id: string,
  a: {
    factors: string[];
    analysis: string;
    outcome: string;
    completedDate: string;
    lateReason: string | null;
    voiceAbsentReason: string | null;
  },
) =>
  move(tx, 'assessment', id, 'in_progress', {
    status: 'awaiting_authorisation',
    factors: a.factors,
    analysis: a.analysis,
    outcome: a.outcome,
    completed_date: a.completedDate,
    late_reason: a.lateReason,
    voice_absent_reason: a.voiceAbsentReason,
  });

export const authoriseAssessmentRow = (
  tx: Db,
  by: By,
  id: string,
  a: { authorisedDate: string; lateReason: string | null },
) =>
  move(tx, 'assessment', id, 'awaiting_authorisation', {
    status: 'authorised',
    authorised_date: a.authorisedDate,
    authorised_by: by.userId,
    late_reason: a.lateReason,
  });

export const returnAssessmentRow = (tx: Db, id: string) =>
  move(tx, 'assessment', id, 'awaiting_authorisation', { status: 'in_progress' });

export const insertStrategyDiscussion = (
  tx: Db,
  by: By,
  s: {
    episodeId: string;
    personId: string;
    heldOn: string;
    agencies: string[];
    participants: string;
    decision: string;
    rationale: string;
    /** The meeting's id, shared by the records of siblings discussed together. */
    meetingId?: string;
  },
) =>
  insert(tx, 'strategy_discussion', by, {
    episode_id: s.episodeId,
    person_id: s.personId,
    held_on: s.heldOn,
    agency_ids: s.agencies,
    participants: s.participants,
    decision: s.decision,
    rationale: s.rationale,
    meeting_id: s.meetingId ?? null,
  });

export const insertSection47 = (
  tx: Db,
  by: By,
  s: { episodeId: string; personId: string; strategyDiscussionId: string; startDate: string },
) =>
  insert(tx, 'section_47', by, {
    episode_id: s.episodeId,
    person_id: s.personId,
    strategy_discussion_id: s.strategyDiscussionId,
    start_date: s.startDate,
  });

export const section47OutcomeRow = (
  tx: Db,
  id: string,
  s: { outcome: string; conferenceNeeded: boolean; outcomeDate: string; outcomeNotes: string },
) =>
  move(tx, 'section_47', id, 'open', {
    status: 'awaiting_sign_off',
    outcome: s.outcome,
    conference_needed: s.conferenceNeeded,
    outcome_date: s.outcomeDate,
    outcome_notes: s.outcomeNotes,
  });

export const signOffSection47Row = (tx: Db, by: By, id: string, signedOffDate: string) =>
  move(tx, 'section_47', id, 'awaiting_sign_off', {
    status: 'completed',
    signed_off_date: signedOffDate,
    signed_off_by: by.userId,
  });

export const returnSection47Row = (tx: Db, id: string) =>
  move(tx, 'section_47', id, 'awaiting_sign_off', { status: 'open' });

export const insertConference = (
  tx: Db,
  by: By,
  c: {
    episodeId: string;
    personId: string;
    kind: 'initial' | 'review';
    section47Id: string | null;
    cpPlanId: string | null;
    heldOn: string;
    chair: string;
    agencies: string[];
    attendanceNotes: string | null;
    decision: string;
    category: string | null;
    voiceAbsentReason: string | null;
    meetingId?: string | null;
  },
) =>
  insert(tx, 'conference', by, {
    episode_id: c.episodeId,
    person_id: c.personId,
    kind: c.kind,
    section_47_id: c.section47Id,
    cp_plan_id: c.cpPlanId,
    held_on: c.heldOn,
    chair: c.chair,
    agencies_attended: c.agencies,
    attendance_notes: c.attendanceNotes,
    decision: c.decision,
    category: c.category,
    voice_absent_reason: c.voiceAbsentReason,
    meeting_id: c.meetingId ?? null,
  });

export const insertCpPlan = (
  tx: Db,
  by: By,
  p: {
    episodeId: string;
    personId: string;
    initialConferenceId: string;
    startDate: string;
    category: string;
  },
) =>
  insert(tx, 'cp_plan', by, {
    episode_id: p.episodeId,
    person_id: p.personId,
    initial_conference_id: p.initialConferenceId,
    start_date: p.startDate,
    initial_category: p.category,
    latest_category: p.category,
  });

export const setPlanCategory = (tx: Db, planId: string, category: string) =>
  move(tx, 'cp_plan', planId, 'open', { latest_category: category });

export const insertCoreGroup = (
  tx: Db,
  by: By,
  g: {
    cpPlanId: string;
    personId: string;
    heldOn: string;
    agencies: string[];
    attendees?: string | null;
    notes: string | null;
  },
) =>
  insert(tx, 'core_group', by, {
    cp_plan_id: g.cpPlanId,
    person_id: g.personId,
    held_on: g.heldOn,
    agency_ids: g.agencies,
    attendees: g.attendees ?? null,
    notes: g.notes,
  });

export const insertCinPlan = (
  tx: Db,
  by: By,
  p: { episodeId: string; personId: string; startDate: string },
) => insert(tx, 'cin_plan', by, { episode_id: p.episodeId, person_id: p.personId, start_date: p.startDate });

export const insertCinReview = (
  tx: Db,
  by: By,
  r: { cinPlanId: string; personId: string; heldOn: string; notes: string; voiceAbsentReason: string | null },
) =>
  insert(tx, 'cin_plan_review', by, {
    cin_plan_id: r.cinPlanId,
    person_id: r.personId,
    held_on: r.heldOn,
    notes: r.notes,
    voice_absent_reason: r.voiceAbsentReason,
  });

/** Ends an open plan of either kind, with its date and reason. */
export const endPlanRow = (
  tx: Db,
  by: By,
  table: 'cp_plan' | 'cin_plan',
  id: string,
  e: { endDate: string; endReason: string },
) =>
  move(tx, table, id, 'open', {
    status: 'ended',
    end_date: e.endDate,
    end_reason: e.endReason,
    ended_by: by.userId,
  });

export const insertVisit = (tx: Db, by: By, v: Omit<VisitRow, 'id'> & { personId: string }) =>
  insert(tx, 'visit', by, {
    episode_id: v.episodeId,
    person_id: v.personId,
    cp_plan_id: v.cpPlanId,
    visited_on: v.visitedOn,
    seen: v.seen,
    seen_alone: v.seenAlone,
    bedroom_seen: v.bedroomSeen,
    not_seen_reason: v.notSeenReason,
    notes: v.notes,
    voice_absent_reason: v.voiceAbsentReason,
  });

/** The manager's decision at a key point, with their name as it was then. */
export async function insertDecision(
  tx: Db,
  by: By & { name: string },
  d: Omit<DecisionRow, 'id' | 'decidedByName'> & { personId: string },
) {
  const { id } = await one<{ id: string }>(
    tx,
    `insert into manager_decision (partnership_id, person_id, episode_id, point, subject_id, decision, note,
       decided_on, decided_by, decided_by_name)
     values (${placeholders(10)}) returning id`,
    [
      by.partnershipId,
      d.personId,
      d.episodeId,
      d.point,
      d.subjectId,
      d.decision,
      d.note,
      d.decidedOn,
      by.userId,
      by.name,
    ],
  );
  return id;
}

/** What the child said or showed, heard by the user. */
export const insertVoice = (
  tx: Db,
  by: By,
  v: {
    personId: string;
    episodeId: string | null;
    gatheredOn: string;
    words: string;
    methods: string[];
    gatheredBy: string;
    context: string;
    contextId: string | null;
  },
) =>
  insert(tx, 'child_voice', by, {
    person_id: v.personId,
    episode_id: v.episodeId,
    gathered_on: v.gatheredOn,
    words: v.words,
    methods: v.methods,
    gathered_by: v.gatheredBy,
    gathered_by_user: by.userId,
    context: v.context,
    context_id: v.contextId,
  });
