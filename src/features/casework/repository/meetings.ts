/**
 * Meetings held once for several children (a strategy discussion for brothers and sisters), and
 * corrections of a recorded meeting: the version it replaces is kept with the reason.
 */
import { maybeOne, type Db } from '../../../db/index.ts';
import { AGENCY_NAMES } from './rows.ts';

export interface SiblingRow {
  personId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
}

/**
 * The child's brothers and sisters with an open episode of need: children who live in the same
 * household now, are recorded as siblings, or were referred on the same referral.
 */
export function siblingsWithOpenEpisodes(
  db: Db,
  pid: string,
  personId: string,
  opts: { awaitingConference?: boolean } = {},
): Promise<SiblingRow[]> {
  // For a conference: only children whose open enquiry's outcome, signed off, calls for one.
  const awaiting = opts.awaitingConference
    ? `and exists (select 1 from section_47 s join episode e on e.id = s.episode_id
         where e.person_id = p.id and e.partnership_id = $1 and e.status = 'open'
           and s.conference_needed and s.status = 'completed'
           and not exists (select 1 from conference c where c.section_47_id = s.id))`
    : '';
  return db.query<SiblingRow>(
    `select p.id as "personId", p.given_name as "givenName", p.family_name as "familyName",
       p.date_of_birth as "dateOfBirth"
     from person p
     where p.partnership_id = $1 and p.id <> $2 and p.kind = 'child'
       and exists (select 1 from episode e where e.person_id = p.id and e.partnership_id = $1 and e.status = 'open')
       and (
         exists (select 1 from household_member a join household_member b on b.household_id = a.household_id
                 where a.person_id = $2 and b.person_id = p.id and a.to_date is null and b.to_date is null)
         or exists (select 1 from relationship r where r.kind = 'sibling'
                    and ((r.person_id = $2 and r.related_person_id = p.id) or (r.person_id = p.id and r.related_person_id = $2)))
         or exists (select 1 from referral x join referral y on y.contact_id = x.contact_id
                    where x.person_id = $2 and y.person_id = p.id and x.partnership_id = $1))
       ${awaiting}
     order by p.date_of_birth nulls last, p.given_name, p.id`,
    [pid, personId],
  );
}

export interface StrategyRecord {
  id: string;
  personId: string;
  episodeId: string;
  meetingId: string | null;
  heldOn: string;
  agencyIds: string[];
  agencyNames: string[];
  participants: string;
  decision: string;
  rationale: string;
  version: number;
  createdAt: Date;
  createdByName: string | null;
  updatedAt: Date | null;
  updatedByName: string | null;
  /** A section 47 enquiry this discussion started, and its start date. */
  section47Start: string | null;
}

/** One strategy discussion of the child. */
export function strategyRecord(db: Db, pid: string, personId: string, id: string, lock = false) {
  return maybeOne<StrategyRecord>(
    db,
    `select sd.id, sd.person_id as "personId", sd.episode_id as "episodeId", sd.meeting_id as "meetingId",
       sd.held_on as "heldOn", sd.agency_ids as "agencyIds", ${AGENCY_NAMES('sd.agency_ids')},
       sd.participants, sd.decision, sd.rationale, sd.version, sd.created_at as "createdAt",
       cu.display_name as "createdByName", sd.updated_at as "updatedAt", uu.display_name as "updatedByName",
       (select s.start_date from section_47 s where s.strategy_discussion_id = sd.id) as "section47Start"
     from strategy_discussion sd left join app_user cu on cu.id = sd.created_by
       left join app_user uu on uu.id = sd.updated_by
     where sd.partnership_id = $1 and sd.person_id = $2 and sd.id = $3${lock ? ' for update of sd' : ''}`,
    [pid, personId, id],
  );
}

/** The other children's records of the same meeting (ids and decisions; names are read with access). */
export function sameMeeting(
  db: Db,
  pid: string,
  meetingId: string,
  exceptId: string,
): Promise<{ id: string; personId: string; decision: string }[]> {
  return db.query(
    `select id, person_id as "personId", decision from strategy_discussion
     where partnership_id = $1 and meeting_id = $2 and id <> $3 order by created_at, id`,
    [pid, meetingId, exceptId],
  );
}

export interface VersionRow {
  version: number;
  data: Record<string, unknown>;
  reason: string;
  correctedAt: Date;
  correctedByName: string | null;
}

/** The earlier versions of a record, newest first. */
export function versionsOf(
  db: Db,
  pid: string,
  entityType: 'strategy_discussion' | 'conference',
  entityId: string,
) {
  return db.query<VersionRow>(
    `select v.version, v.data, v.reason, v.corrected_at as "correctedAt", u.display_name as "correctedByName"
     from casework_record_version v left join app_user u on u.id = v.corrected_by
     where v.partnership_id = $1 and v.entity_type = $2 and v.entity_id = $3
     order by v.version desc`,
    [pid, entityType, entityId],
  );
}

/** Keeps the version a correction replaces, then writes the correction (the version counts it). */
export async function correctStrategyRow(
  tx: Db,
  by: { partnershipId: string; userId: string },
  before: StrategyRecord,
  next: { heldOn: string; agencies: string[]; participants: string; decision: string; rationale: string },
  reason: string,
): Promise<void> {
  const data = {
    heldOn: before.heldOn,
    agencyNames: before.agencyNames,
    participants: before.participants,
    decision: before.decision,
    rationale: before.rationale,
  };
  await tx.query(
    `insert into casework_record_version (partnership_id, person_id, entity_type, entity_id, version, data, reason, corrected_by)
     values ($1,$2,'strategy_discussion',$3,$4,$5,$6,$7)`,
    [by.partnershipId, before.personId, before.id, before.version, JSON.stringify(data), reason, by.userId],
  );
  await tx.query(
    `update strategy_discussion set held_on = $2, agency_ids = $3, participants = $4, decision = $5,
       rationale = $6, version = version + 1, updated_at = now(), updated_by = $7
     where id = $1`,
    [before.id, next.heldOn, next.agencies, next.participants, next.decision, next.rationale, by.userId],
  );
}

/** Children's names by id (for the children of one meeting the actor may open). */
export async function namesOf(db: Db, pid: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: string; name: string }>(
    `select id, trim(given_name || ' ' || family_name) as name from person
     where partnership_id = $1 and id = any($2::uuid[])`,
    [pid, ids],
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export interface ConferenceRecord {
  id: string;
  personId: string;
  meetingId: string | null;
  kind: 'initial' | 'review';
  heldOn: string;
  chair: string;
  agencyIds: string[];
  agencyNames: string[];
  attendanceNotes: string | null;
  decision: string;
  category: string | null;
  voiceAbsentReason: string | null;
  /** What the child said or showed at this conference (the voice recorded with it). */
  voiceWords: string | null;
  version: number;
  createdAt: Date;
  createdByName: string | null;
  updatedAt: Date | null;
  updatedByName: string | null;
  /** The plan this conference started, if it did. */
  planId: string | null;
}

/** One child protection conference of the child. */
export function conferenceRecord(db: Db, pid: string, personId: string, id: string, lock = false) {
  return maybeOne<ConferenceRecord>(
    db,
    `select c.id, c.person_id as "personId", c.meeting_id as "meetingId", c.kind, c.held_on as "heldOn",
       c.chair, c.agencies_attended as "agencyIds", ${AGENCY_NAMES('c.agencies_attended')},
       c.attendance_notes as "attendanceNotes", c.decision, c.category,
       c.voice_absent_reason as "voiceAbsentReason",
       (select string_agg(v.words, ' ' order by v.created_at) from child_voice v
         where v.context = 'conference' and v.context_id = c.id) as "voiceWords",
       c.version, c.created_at as "createdAt", cu.display_name as "createdByName",
       c.updated_at as "updatedAt", uu.display_name as "updatedByName",
       (select p.id from cp_plan p where p.initial_conference_id = c.id) as "planId"
     from conference c left join app_user cu on cu.id = c.created_by
       left join app_user uu on uu.id = c.updated_by
     where c.partnership_id = $1 and c.person_id = $2 and c.id = $3${lock ? ' for update of c' : ''}`,
    [pid, personId, id],
  );
}

/** The other children's records of the same conference (ids, decisions, categories). */
export function sameConference(
  db: Db,
  pid: string,
  meetingId: string,
  exceptId: string,
): Promise<{ id: string; personId: string; decision: string; category: string | null }[]> {
  return db.query(
    `select id, person_id as "personId", decision, category from conference
     where partnership_id = $1 and meeting_id = $2 and id <> $3 order by created_at, id`,
    [pid, meetingId, exceptId],
  );
}

/**
 * Keeps the version a correction replaces, then writes the correction. A plan the conference
 * started takes a corrected category (its latest too, unless a review has changed it since).
 */
export async function correctConferenceRow(
  tx: Db,
  by: { partnershipId: string; userId: string },
  before: ConferenceRecord,
  next: { chair: string; agencies: string[]; attendanceNotes: string | null; category: string | null },
  reason: string,
): Promise<void> {
  const data = {
    chair: before.chair,
    agencyNames: before.agencyNames,
    attendanceNotes: before.attendanceNotes,
    category: before.category,
  };
  await tx.query(
    `insert into casework_record_version (partnership_id, person_id, entity_type, entity_id, version, data, reason, corrected_by)
     values ($1,$2,'conference',$3,$4,$5,$6,$7)`,
    [by.partnershipId, before.personId, before.id, before.version, JSON.stringify(data), reason, by.userId],
  );
  await tx.query(
    `update conference set chair = $2, agencies_attended = $3, attendance_notes = $4, category = $5,
       version = version + 1, updated_at = now(), updated_by = $6
     where id = $1`,
    [before.id, next.chair, next.agencies, next.attendanceNotes, next.category, by.userId],
  );
  if (before.planId && next.category && next.category !== before.category)
    await tx.query(
      `update cp_plan set initial_category = $2,
         latest_category = case when latest_category = initial_category then $2 else latest_category end
       where id = $1`,
      [before.planId, next.category],
    );
}
