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
export function siblingsWithOpenEpisodes(db: Db, pid: string, personId: string): Promise<SiblingRow[]> {
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
export function versionsOf(db: Db, pid: string, entityType: 'strategy_discussion', entityId: string) {
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
