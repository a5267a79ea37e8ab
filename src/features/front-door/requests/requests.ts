/**
 * Information requests from the MASH hub to partner agencies, each due by a time from the RAG
 * settings, answered in the system by the agency's own staff. An agency sees the requests addressed
 * to it and, for each, only what answering needs: who the people are and the question.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { requirePermission, UUID } from '../../../platform/access/policy.ts';
import { audit, auditMany } from '../../../platform/audit.ts';
import { ConflictError, NotFoundError } from '../../../platform/errors.ts';
import { idOf, requireHub } from '../access.ts';
import { ragLabel } from '../codes.ts';
import { loadContact } from '../mash/contacts.ts';
import { LONG_MAX, Problems, text } from '../referrals/rules.ts';
import { requestDeadlinesFor, requestDueAt } from '../settings.ts';
import { clockState, type ClockState } from '../timing.ts';

export interface AgencyChoice {
  id: string;
  name: string;
  kind: string;
}

/** Agencies the hub may ask: every active agency of the partnership but the hub's own. */
export async function agenciesToAsk(db: Db, actor: Actor): Promise<AgencyChoice[]> {
  requireHub(actor);
  return db.query<AgencyChoice>(
    `select id, name, kind from agency where partnership_id = $1 and active and id <> $2 order by name`,
    [actor.partnershipId, actor.agencyId],
  );
}

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

const REQUEST_COLS = `r.id, r.contact_id as "contactId", r.agency_id as "agencyId", a.name as "agencyName", r.question,
  r.rag, r.requested_at as "requestedAt", rb.display_name as "requestedByName", r.due_at as "dueAt", r.status,
  r.holds_information as "holdsInformation", r.answer, r.answered_at as "answeredAt",
  ab.display_name as "answeredByName", r.closed_reason as "closedReason"`;
const REQUEST_FROM = `information_request r join agency a on a.id = r.agency_id
  join app_user rb on rb.id = r.requested_by left join app_user ab on ab.id = r.answered_by`;

export type RequestWithClock = RequestRow & { clock: ClockState };

function withClock(r: RequestRow, now: Date): RequestWithClock {
  const clock =
    r.status === 'withdrawn'
      ? { text: 'Withdrawn', tag: 'govuk-tag--grey', breached: false }
      : clockState(new Date(r.dueAt), now, r.answeredAt ? new Date(r.answeredAt) : null);
  return { ...r, clock };
}

/** The requests of one contact (the hub's view; the caller has checked the hub). */
export async function requestsForContact(
  db: Db,
  partnershipId: string,
  contactId: string,
  now = new Date(),
): Promise<RequestWithClock[]> {
  const rows = await db.query<RequestRow>(
    `select ${REQUEST_COLS} from ${REQUEST_FROM} where r.contact_id = $1 and r.partnership_id = $2
     order by r.requested_at, a.name`,
    [contactId, partnershipId],
  );
  return rows.map((r) => withClock(r, now));
}

/** Sends a request to each chosen agency, due by the time the contact's RAG rating sets. */
export async function createRequests(
  db: Db,
  actor: Actor,
  contactId: string,
  input: { agencyIds: string[]; question: string },
  now = new Date(),
): Promise<number> {
  requireHub(actor);
  const contact = await loadContact(db, actor.partnershipId, contactId);
  if (contact.status !== 'open')
    throw new ConflictError('This contact has been decided: no more requests can be sent.');
  const p = new Problems();
  const question = text(p, 'question', 'What you need to know', input.question, LONG_MAX);
  if (!question) p.add('question', 'Enter what you need to know from the agencies');
  const choices = await agenciesToAsk(db, actor);
  const ids = [...new Set(input.agencyIds.filter((x) => UUID.test(x)).map((x) => x.toLowerCase()))];
  if (!ids.length || ids.some((id) => !choices.some((c) => c.id === id)))
    p.add('agencies', 'Select the agencies to ask');
  if (!contact.rag) p.add('agencies', 'Set the RAG rating first: it sets when the answers are due');
  const open = await db.query<{ agencyName: string }>(
    `select a.name as "agencyName" from information_request r join agency a on a.id = r.agency_id
     where r.contact_id = $1 and r.status = 'open' and r.agency_id = any($2::uuid[])`,
    [contact.id, ids],
  );
  if (open.length)
    p.add('agencies', `${open.map((o) => o.agencyName).join(', ')} already has an open request`);
  p.throwIfAny();
  const rag = contact.rag!;
  const dueAt = requestDueAt(await requestDeadlinesFor(db, actor.partnershipId), rag, now);
  await db.transaction(async (tx) => {
    for (const agencyId of ids) {
      const [row] = await tx.query<{ id: string }>(
        `insert into information_request (partnership_id, contact_id, agency_id, question, rag, requested_at,
           requested_by, due_at) values ($1,$2,$3,$4,$5,$6,$7,$8) returning id`,
        [actor.partnershipId, contact.id, agencyId, question, rag, now, actor.userId, dueAt],
      );
      await audit(tx, actor, {
        action: 'info_request.create',
        entityType: 'information_request',
        entityId: row!.id,
        detail: { contactId: contact.id, agencyId, rag, dueAt: dueAt.toISOString() },
      });
    }
  });
  return ids.length;
}

export interface RequestSubject {
  kind: 'child' | 'adult';
  unborn: boolean;
  givenName: string;
  familyName: string;
  otherNames: string;
  dateOfBirth: string | null;
  expectedDate: string | null;
  ageYears: number | null;
  sex: string;
  nhsNumber: string | null;
  relationship: string | null;
  relationshipDetail: string | null;
  livesWithChild: boolean | null;
  /** The name on the shared record the MASH linked this person to (not for restricted records). */
  indexName: string | null;
  personId: string | null;
}

export interface RequestForAgency extends RequestWithClock {
  reference: string | null;
  ragLabel: string;
  subjects: RequestSubject[];
  address: { line1: string; line2: string | null; town: string | null; postcode: string } | null;
}

function addressedTo(actor: Actor) {
  requirePermission(actor, 'mash.answer');
  return [actor.partnershipId, actor.agencyId];
}

/** The requests addressed to the actor's agency: open first (by due time), then recently answered. */
export async function requestsForAgency(db: Db, actor: Actor, now = new Date()) {
  const args = addressedTo(actor);
  const rows = await db.query<RequestRow & { reference: string | null; children: string | null }>(
    `select ${REQUEST_COLS}, c.reference,
       (select string_agg(trim(s.given_name || ' ' || s.family_name), ', ' order by s.position)
          from contact_subject s where s.contact_id = r.contact_id) as children
     from ${REQUEST_FROM} join contact c on c.id = r.contact_id
     where r.partnership_id = $1 and r.agency_id = $2
       and (r.status = 'open' or r.answered_at > now() - interval '30 days')
     order by r.status <> 'open', r.due_at limit 200`,
    args,
  );
  await audit(db, actor, {
    action: 'info_request.list',
    entityType: 'information_request',
    detail: { count: rows.length },
  });
  return rows.map((r) => ({ ...withClock(r, now), children: r.children ?? '' }));
}

/**
 * One request addressed to the actor's agency, with who the people are (as the referrer described
 * them, and the NHS number and date of birth the index holds for a linked record) and the
 * question. Not the concern, the referrer, or other agencies' answers. Audited, with each person.
 */
export async function requestForAgency(db: Db, actor: Actor, requestId: string, now = new Date()) {
  const args = addressedTo(actor);
  const [row] = await db.query<
    RequestRow & { reference: string | null; address: RequestForAgency['address'] }
  >(
    `select ${REQUEST_COLS}, c.reference, c.address from ${REQUEST_FROM} join contact c on c.id = r.contact_id
     where r.id = $3 and r.partnership_id = $1 and r.agency_id = $2`,
    [...args, idOf(requestId)],
  );
  if (!row) throw new NotFoundError();
  const subjects = await db.query<RequestSubject>(
    `select s.kind, s.unborn, s.given_name as "givenName", s.family_name as "familyName", s.other_names as "otherNames",
       coalesce(case when not p.restricted then p.date_of_birth end, s.date_of_birth) as "dateOfBirth",
       s.expected_date as "expectedDate", s.age_years as "ageYears", s.sex,
       coalesce(s.nhs_number, case when not p.restricted then p.nhs_number end) as "nhsNumber",
       s.relationship, s.relationship_detail as "relationshipDetail", s.lives_with_child as "livesWithChild",
       case when not p.restricted then trim(p.given_name || ' ' || p.family_name) end as "indexName",
       case when not p.restricted then s.person_id end as "personId"
     from contact_subject s left join person p on p.id = s.person_id
     where s.contact_id = $1 and s.partnership_id = $2 order by s.position`,
    [row.contactId, actor.partnershipId],
  );
  await audit(db, actor, {
    action: 'info_request.view',
    entityType: 'information_request',
    entityId: row.id,
  });
  await auditMany(
    db,
    actor,
    subjects
      .filter((s) => s.personId)
      .map((s) => ({
        action: 'person.listed',
        entityType: 'person',
        entityId: s.personId!,
        personId: s.personId,
        detail: { page: 'information-request', requestId: row.id },
      })),
  );
  return { ...withClock(row, now), ragLabel: ragLabel(row.rag), subjects } as RequestForAgency;
}

/** Answers a request addressed to the actor's agency; a request already answered answers 409. */
export async function answerRequest(
  db: Db,
  actor: Actor,
  requestId: string,
  input: { holds: string; answer: string },
  now = new Date(),
): Promise<void> {
  const args = addressedTo(actor);
  const id = idOf(requestId);
  const p = new Problems();
  const holds = input.holds === 'yes' ? true : input.holds === 'no' ? false : undefined;
  if (holds === undefined) p.add('holds', 'Select whether your agency holds information about these people');
  const answer = text(p, 'answer', 'Your answer', input.answer, LONG_MAX);
  if (holds && !answer) p.add('answer', 'Enter what your agency knows');
  p.throwIfAny();
  await db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string }>(
      `update information_request set status = 'answered', holds_information = $4, answer = $5, answered_at = $6,
         answered_by = $7
       where partnership_id = $1 and agency_id = $2 and id = $3 and status = 'open' returning id`,
      [...args, id, holds, answer || null, now, actor.userId],
    );
    if (!rows.length) {
      const [r] = await tx.query<{ status: string; by: string | null }>(
        `select r.status, u.display_name as by from information_request r left join app_user u on u.id = r.answered_by
         where r.partnership_id = $1 and r.agency_id = $2 and r.id = $3`,
        [...args, id],
      );
      if (!r) throw new NotFoundError();
      throw new ConflictError(
        r.status === 'answered'
          ? `${r.by ?? 'Someone in your agency'} has already answered this request. Your answer was not saved.`
          : 'The MASH has withdrawn this request (the contact has been decided). Your answer was not saved.',
      );
    }
    await audit(tx, actor, {
      action: 'info_request.answer',
      entityType: 'information_request',
      entityId: id,
      detail: { holdsInformation: holds },
    });
  });
}
