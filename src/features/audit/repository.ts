import { maybeOne, type Db } from '../../db/index.ts';
import type { PersonHeading } from '../people/service.ts';

export interface EventRow {
  seq: number;
  occurredAt: Date;
  userId: string | null;
  userName: string | null;
  role: string | null;
  agencyName: string | null;
  action: string;
  /** The page a person was seen listed on (person.listed), for its label. */
  page: string | null;
  reason: string | null;
  ip: string | null;
}

/** The page of a person.listed event, from its detail. */
const LISTED_PAGE = `case when e.action = 'person.listed' then e.detail ->> 'page' end`;

const EVENT_COLUMNS = `e.seq, e.occurred_at as "occurredAt", e.user_id as "userId", e.user_name as "userName", e.role,
  a.name as "agencyName", e.action, ${LISTED_PAGE} as page, e.reason, e.ip`;

/**
 * The person's heading for the data protection officer, who may look at any person's audit trail
 * in the partnership without a working relationship (so personHeading's access check does not apply).
 */
export async function personForDpo(
  db: Db,
  partnershipId: string,
  personId: string,
): Promise<PersonHeading | undefined> {
  const rows = await db.query<PersonHeading>(
    `select id, kind, unborn, given_name as "givenName", family_name as "familyName", date_of_birth as "dateOfBirth",
       expected_date as "expectedDate", restricted from person where id = $1 and partnership_id = $2`,
    [personId, partnershipId],
  );
  return rows[0];
}

export async function eventsForPerson(
  db: Db,
  partnershipId: string,
  personId: string,
  limit: number,
  offset: number,
): Promise<{ events: EventRow[]; total: number }> {
  const count = await maybeOne<{ n: number }>(
    db,
    `select count(*)::int as n from audit_event where person_id = $1 and partnership_id = $2`,
    [personId, partnershipId],
  );
  const events = await db.query<EventRow>(
    `select ${EVENT_COLUMNS} from audit_event e left join agency a on a.id = e.agency_id
     where e.person_id = $1 and e.partnership_id = $2 order by e.occurred_at desc, e.seq desc limit $3 offset $4`,
    [personId, partnershipId, limit, offset],
  );
  return { events, total: count?.n ?? 0 };
}

export interface BreakGlassRow {
  id: string;
  userId: string;
  userName: string;
  agencyName: string;
  personId: string;
  personName: string;
  reason: string;
  startedAt: Date;
  expiresAt: Date;
  active: boolean;
  reviewedAt: Date | null;
  reviewerName: string | null;
  outcome: 'appropriate' | 'inappropriate' | null;
  note: string | null;
}

const BREAK_GLASS_SELECT = `select b.id, b.user_id as "userId", u.display_name as "userName", a.name as "agencyName",
    b.person_id as "personId", trim(p.given_name || ' ' || p.family_name) as "personName", b.reason,
    b.started_at as "startedAt", b.expires_at as "expiresAt", b.expires_at > now() as active,
    b.reviewed_at as "reviewedAt", r.display_name as "reviewerName", b.review_outcome as outcome,
    b.review_note as note
  from break_glass b join app_user u on u.id = b.user_id join agency a on a.id = u.agency_id
    join person p on p.id = b.person_id and p.partnership_id = b.partnership_id
    left join app_user r on r.id = b.reviewed_by`;

/** Awaiting review, oldest first (a queue). */
export function awaitingReview(db: Db, partnershipId: string, limit: number): Promise<BreakGlassRow[]> {
  return db.query<BreakGlassRow>(
    `${BREAK_GLASS_SELECT} where b.partnership_id = $1 and b.reviewed_at is null order by b.started_at, b.id limit $2`,
    [partnershipId, limit],
  );
}

export function recentlyReviewed(db: Db, partnershipId: string, days: number, limit: number) {
  return db.query<BreakGlassRow>(
    `${BREAK_GLASS_SELECT} where b.partnership_id = $1 and b.reviewed_at > now() - make_interval(days => $2)
     order by b.reviewed_at desc, b.id limit $3`,
    [partnershipId, days, limit],
  );
}

export async function findBreakGlass(db: Db, partnershipId: string, id: string, lock = false) {
  const rows = await db.query<BreakGlassRow>(
    `${BREAK_GLASS_SELECT} where b.partnership_id = $1 and b.id = $2${lock ? ' for update of b' : ''}`,
    [partnershipId, id],
  );
  return rows[0];
}

/** What each break-glass user did to the person within the window: counts per action. */
export function windowSummaries(db: Db, partnershipId: string, ids: string[]) {
  return db.query<{ id: string; action: string; page: string | null; n: number }>(
    `select b.id, e.action, ${LISTED_PAGE} as page, count(*)::int as n
     from break_glass b join audit_event e on e.partnership_id = b.partnership_id and e.user_id = b.user_id
       and e.person_id = b.person_id and e.occurred_at between b.started_at and b.expires_at
     where b.partnership_id = $1 and b.id = any($2::uuid[])
     group by b.id, e.action, ${LISTED_PAGE} order by b.id, min(e.seq)`,
    [partnershipId, ids],
  );
}

/** Every event of the break-glass user on the person within the window, oldest first. */
export function windowEvents(db: Db, partnershipId: string, b: BreakGlassRow, limit: number) {
  return db.query<EventRow>(
    `select ${EVENT_COLUMNS} from audit_event e left join agency a on a.id = e.agency_id
     where e.partnership_id = $1 and e.user_id = $2 and e.person_id = $3 and e.occurred_at between $4 and $5
     order by e.seq limit $6`,
    [partnershipId, b.userId, b.personId, b.startedAt, b.expiresAt, limit],
  );
}

export async function recordReview(
  db: Db,
  partnershipId: string,
  id: string,
  r: { by: string; outcome: 'appropriate' | 'inappropriate'; note: string | null },
): Promise<void> {
  await db.query(
    `update break_glass set reviewed_by = $3, reviewed_at = now(), review_outcome = $4, review_note = $5
     where partnership_id = $1 and id = $2`,
    [partnershipId, id, r.by, r.outcome, r.note],
  );
}
