/** Information requests from the MASH hub to partner agencies, and their answers. */
import type { Role } from '../../../platform/access/roles.ts';
import { maybeOne, one, type Db } from '../../../db/index.ts';
import type { AddressData } from '../referrals/data.ts';
import type { ContactSubject } from './contacts.ts';

export interface RequestRow {
  id: string;
  contactId: string;
  agencyId: string;
  agencyName: string;
  question: string;
  rag: string;
  requestedAt: Date;
  requestedByName: string;
  dueAt: Date;
  status: 'open' | 'answered' | 'withdrawn';
  holdsInformation: boolean | null;
  answer: string | null;
  answeredAt: Date | null;
  answeredByName: string | null;
  closedReason: string | null;
}

const COLS = `r.id, r.contact_id as "contactId", r.agency_id as "agencyId", a.name as "agencyName", r.question,
  r.rag, r.requested_at as "requestedAt", rb.display_name as "requestedByName", r.due_at as "dueAt", r.status,
  r.holds_information as "holdsInformation", r.answer, r.answered_at as "answeredAt",
  ab.display_name as "answeredByName", r.closed_reason as "closedReason"`;
const FROM = `information_request r join agency a on a.id = r.agency_id
  join app_user rb on rb.id = r.requested_by left join app_user ab on ab.id = r.answered_by`;

/** The requests of one contact, oldest first. */
export function requestsOf(db: Db, partnershipId: string, contactId: string) {
  return db.query<RequestRow>(
    `select ${COLS} from ${FROM} where r.contact_id = $1 and r.partnership_id = $2
     order by r.requested_at, a.name`,
    [contactId, partnershipId],
  );
}

/** The names of the agencies among `agencyIds` that already have an open request on the contact. */
export async function agenciesAlreadyAsked(
  db: Db,
  contactId: string,
  agencyIds: string[],
): Promise<string[]> {
  const rows = await db.query<{ name: string }>(
    `select a.name from information_request r join agency a on a.id = r.agency_id
     where r.contact_id = $1 and r.status = 'open' and r.agency_id = any($2::uuid[])`,
    [contactId, agencyIds],
  );
  return rows.map((r) => r.name);
}

export interface NewRequest {
  partnershipId: string;
  contactId: string;
  agencyId: string;
  question: string;
  rag: string;
  requestedAt: Date;
  requestedBy: string;
  dueAt: Date;
}

export async function insertRequest(tx: Db, r: NewRequest) {
  const { id } = await one<{ id: string }>(
    tx,
    `insert into information_request (partnership_id, contact_id, agency_id, question, rag, requested_at,
       requested_by, due_at) values ($1,$2,$3,$4,$5,$6,$7,$8) returning id`,
    [r.partnershipId, r.contactId, r.agencyId, r.question, r.rag, r.requestedAt, r.requestedBy, r.dueAt],
  );
  return id;
}

/** Withdraws the contact's open requests (it was decided). */
export async function withdrawOpenRequests(tx: Db, contactId: string, reason: string): Promise<void> {
  await tx.query(
    `update information_request set status = 'withdrawn', closed_reason = $2
     where contact_id = $1 and status = 'open'`,
    [contactId, reason],
  );
}

/** Which agency's requests: the partnership and the agency they are addressed to. */
export interface Addressee {
  partnershipId: string;
  agencyId: string;
}

// Open requests, and those answered in the last 30 days.
const FOR_AGENCY = `r.partnership_id = $1 and r.agency_id = $2
  and (r.status = 'open' or r.answered_at > now() - interval '30 days')`;

/** The requests addressed to an agency: open first (by due time), then recently answered. */
export async function requestsTo(
  db: Db,
  to: Addressee,
  slice: { limit: number; offset: number },
): Promise<(RequestRow & { reference: string | null; children: string | null })[]> {
  return db.query(
    `select ${COLS}, c.reference,
       (select string_agg(trim(s.given_name || ' ' || s.family_name), ', ' order by s.position)
          from contact_subject s where s.contact_id = r.contact_id) as children
     from ${FROM} join contact c on c.id = r.contact_id
     where ${FOR_AGENCY}
     order by r.status <> 'open', r.due_at, r.id limit $3 offset $4`,
    [to.partnershipId, to.agencyId, slice.limit, slice.offset],
  );
}

/** The agency's open requests, soonest due first, and how many there are. */
export async function openRequestsTo(
  db: Db,
  to: Addressee,
  limit: number,
): Promise<{ rows: (RequestRow & { reference: string | null })[]; total: number }> {
  const rows = await db.query<RequestRow & { reference: string | null; total: number }>(
    `select ${COLS}, c.reference, count(*) over ()::int as total
     from ${FROM} join contact c on c.id = r.contact_id
     where ${FOR_AGENCY} and r.status = 'open'
     order by r.due_at, r.id limit $3`,
    [to.partnershipId, to.agencyId, limit],
  );
  return { rows: rows.map(({ total: _total, ...r }) => r), total: rows[0]?.total ?? 0 };
}

export async function countRequestsTo(db: Db, to: Addressee) {
  const { n } = await one<{ n: number }>(
    db,
    `select count(*)::int as n from information_request r where ${FOR_AGENCY}`,
    [to.partnershipId, to.agencyId],
  );
  return n;
}

/** One request addressed to the agency, with the contact's reference and address. */
export async function requestTo(
  db: Db,
  to: Addressee,
  requestId: string,
): Promise<(RequestRow & { reference: string | null; address: AddressData | null }) | undefined> {
  return maybeOne<RequestRow & { reference: string | null; address: AddressData | null }>(
    db,
    `select ${COLS}, c.reference, c.address from ${FROM} join contact c on c.id = r.contact_id
     where r.id = $3 and r.partnership_id = $1 and r.agency_id = $2`,
    [to.partnershipId, to.agencyId, requestId],
  );
}

/**
 * The people on a request's contact as an agency answering it sees them: as the referrer described
 * them, with the date of birth and NHS number the index holds for a linked record (never a restricted
 * record's, nor its link). Not the unique pupil number.
 */
export type RequestSubject = Omit<ContactSubject, 'upn'> & {
  /** The name on the shared record the MASH linked this person to (not for restricted records). */
  indexName: string | null;
};

export function requestSubjects(db: Db, partnershipId: string, contactId: string) {
  return db.query<RequestSubject>(
    `select s.id, s.position, s.kind, s.unborn, s.given_name as "givenName", s.family_name as "familyName",
       s.other_names as "otherNames",
       coalesce(case when not p.restricted then p.date_of_birth end, s.date_of_birth) as "dateOfBirth",
       s.expected_date as "expectedDate", s.age_years as "ageYears", s.sex,
       coalesce(s.nhs_number, case when not p.restricted then p.nhs_number end) as "nhsNumber",
       s.relationship, s.relationship_detail as "relationshipDetail", s.lives_with_child as "livesWithChild",
       case when not p.restricted then s.person_id end as "personId",
       case when not p.restricted then s.link_kind end as "linkKind",
       case when not p.restricted then trim(p.given_name || ' ' || p.family_name) end as "indexName"
     from contact_subject s left join person p on p.id = s.person_id
     where s.contact_id = $1 and s.partnership_id = $2 order by s.position`,
    [contactId, partnershipId],
  );
}

/** Records the agency's answer to an open request; false when it is not open (or not theirs). */
export async function answerOpenRequest(
  tx: Db,
  to: Addressee,
  requestId: string,
  a: { holds: boolean; answer: string | null; at: Date; by: string },
): Promise<boolean> {
  const rows = await tx.query(
    `update information_request set status = 'answered', holds_information = $4, answer = $5, answered_at = $6,
       answered_by = $7
     where partnership_id = $1 and agency_id = $2 and id = $3 and status = 'open' returning id`,
    [to.partnershipId, to.agencyId, requestId, a.holds, a.answer, a.at, a.by],
  );
  return rows.length > 0;
}

/** Where a request addressed to the agency stands, and who answered it. */
export function requestState(tx: Db, to: Addressee, requestId: string) {
  return maybeOne<{ status: string; by: string | null }>(
    tx,
    `select r.status, u.display_name as by from information_request r left join app_user u on u.id = r.answered_by
     where r.partnership_id = $1 and r.agency_id = $2 and r.id = $3`,
    [to.partnershipId, to.agencyId, requestId],
  );
}

/** The partnership's active users with their agency and roles (who may answer is the role table's). */
export function activeUsersByAgency(
  db: Db,
  partnershipId: string,
): Promise<{ agencyId: string; roles: Role[] }[]> {
  return db.query(
    `select agency_id as "agencyId", roles from app_user where partnership_id = $1 and active`,
    [partnershipId],
  );
}

export interface PersonAnswer {
  subjectId: string;
  name: string;
  holds: boolean;
  answer: string | null;
}

/** Records one answer per person asked about, in the caller's transaction. */
export async function insertAnswers(
  tx: Db,
  partnershipId: string,
  requestId: string,
  answers: { subjectId: string; holds: boolean; answer: string | null }[],
): Promise<void> {
  for (const a of answers)
    await tx.query(
      `insert into information_request_answer (partnership_id, request_id, subject_id, holds_information, answer)
       values ($1,$2,$3,$4,$5)`,
      [partnershipId, requestId, a.subjectId, a.holds, a.answer],
    );
}

/** The answers per person of these requests, in the order the referral names the people. */
export async function answersOf(db: Db, requestIds: string[]): Promise<Map<string, PersonAnswer[]>> {
  const out = new Map<string, PersonAnswer[]>();
  if (!requestIds.length) return out;
  const rows = await db.query<PersonAnswer & { requestId: string }>(
    `select a.request_id as "requestId", a.subject_id as "subjectId",
       trim(s.given_name || ' ' || s.family_name) as name, a.holds_information as holds, a.answer
     from information_request_answer a join contact_subject s on s.id = a.subject_id
     where a.request_id = any($1::uuid[]) order by s.position`,
    [requestIds],
  );
  for (const { requestId, ...r } of rows) out.set(requestId, [...(out.get(requestId) ?? []), r]);
  return out;
}
