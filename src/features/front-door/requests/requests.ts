/**
 * Information requests from the MASH hub to partner agencies, each due by a time from the RAG
 * settings, answered in the system by the agency's own staff. An agency sees the requests addressed
 * to it and, for each, only what answering needs: who the people are and the question.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { requirePermission } from '../../../platform/access/policy.ts';
import { can } from '../../../platform/access/roles.ts';
import { audit } from '../../../platform/audit.ts';
import { ConflictError, NotFoundError } from '../../../platform/errors.ts';
import { Problems, parse } from '../../../platform/validation.ts';
import { requireHub } from '../access.ts';
import { answerSchema, requestsSchema, type AnswerInput, type RequestsInput } from '../schemas.ts';
import { ragLabel } from '../codes.ts';
import { auditListed, loadContact } from '../mash/contacts.ts';
import { activeAgencies } from '../repository/contacts.ts';
import * as repo from '../repository/requests.ts';
import type { RequestRow, RequestSubject } from '../repository/requests.ts';
import type { AddressData } from '../referrals/data.ts';
import { paged, sliceOf } from '../paging.ts';
import { requestDeadlinesFor, requestDueAt } from '../settings.ts';
import { clockState, type ClockState } from '../timing.ts';

export interface AgencyChoice {
  id: string;
  name: string;
  kind: string;
  /** Active users of the agency who may answer a request (the MASH warns before asking one with none). */
  answerers: number;
}

/** Agencies the hub may ask: every active agency of the partnership but the hub's own. */
export async function agenciesToAsk(db: Db, actor: Actor): Promise<AgencyChoice[]> {
  requireHub(actor);
  const [agencies, users] = await Promise.all([
    activeAgencies(db, actor.partnershipId),
    repo.activeUsersByAgency(db, actor.partnershipId),
  ]);
  return agencies
    .filter((a) => a.id !== actor.agencyId)
    .map((a) => ({
      ...a,
      answerers: users.filter((u) => u.agencyId === a.id && can(u.roles, 'mash.answer')).length,
    }));
}

export type RequestWithClock = RequestRow & { clock: ClockState; answers?: repo.PersonAnswer[] };

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
  const rows = await repo.requestsOf(db, partnershipId, contactId);
  const answers = await repo.answersOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...withClock(r, now), answers: answers.get(r.id) ?? [] }));
}

/** Sends a request to each chosen agency, due by the time the contact's RAG rating sets. */
export async function createRequests(
  db: Db,
  actor: Actor,
  contactId: string,
  input: RequestsInput,
  now = new Date(),
): Promise<number> {
  requireHub(actor);
  const contact = await loadContact(db, actor.partnershipId, contactId);
  if (contact.status !== 'open')
    throw new ConflictError('This contact has been decided: no more requests can be sent.');
  // Every problem at once: the input's, and the agencies and rating it needs.
  const p = new Problems();
  let checked: RequestsInput = { agencyIds: [], question: '' };
  try {
    checked = parse(requestsSchema, input);
  } catch (err) {
    p.absorb(err);
  }
  const { agencyIds: ids, question } = checked;
  const choices = await agenciesToAsk(db, actor);
  if (ids.some((id) => !choices.some((c) => c.id === id))) p.add('agencyIds', 'Select the agencies to ask');
  if (!contact.rag) p.add('agencyIds', 'Set the RAG rating first: it sets when the answers are due');
  const asked = await repo.agenciesAlreadyAsked(db, contact.id, ids);
  if (asked.length) p.add('agencyIds', `${asked.join(', ')} already has an open request`);
  p.check();
  const rag = contact.rag!;
  const dueAt = requestDueAt(await requestDeadlinesFor(db, actor.partnershipId), rag, now);
  await db.transaction(async (tx) => {
    for (const agencyId of ids) {
      const id = await repo.insertRequest(tx, {
        partnershipId: actor.partnershipId,
        contactId: contact.id,
        agencyId,
        question,
        rag,
        requestedAt: now,
        requestedBy: actor.userId,
        dueAt,
      });
      await audit(tx, actor, {
        action: 'info_request.create',
        entityType: 'information_request',
        entityId: id,
        detail: { contactId: contact.id, agencyId, rag, dueAt: dueAt.toISOString() },
      });
    }
  });
  return ids.length;
}

export interface RequestForAgency extends RequestWithClock {
  reference: string | null;
  ragLabel: string;
  subjects: RequestSubject[];
  address: AddressData | null;
}

/** The actor's agency, whose requests they answer. */
function addressedTo(actor: Actor): repo.Addressee {
  requirePermission(actor, 'mash.answer');
  return { partnershipId: actor.partnershipId, agencyId: actor.agencyId };
}

/**
 * For the home page of a user who answers for their agency: the requests waiting for an answer,
 * soonest due first, with their deadlines (references only, no names: the request page shows who).
 */
export async function requestsWaiting(db: Db, actor: Actor, now = new Date()) {
  if (!can(actor.roles, 'mash.answer')) return { requests: [], total: 0 };
  const { rows, total } = await repo.openRequestsTo(db, addressedTo(actor), 10);
  await audit(db, actor, {
    action: 'info_request.list',
    entityType: 'information_request',
    detail: { page: 'home', count: rows.length },
  });
  return { requests: rows.map((r) => withClock(r, now)), total };
}

/** The requests addressed to the actor's agency: open first (by due time), then recently answered. */
export async function requestsForAgency(db: Db, actor: Actor, page = 1, now = new Date()) {
  const to = addressedTo(actor);
  const [rows, total] = await Promise.all([
    repo.requestsTo(db, to, sliceOf(page)),
    repo.countRequestsTo(db, to),
  ]);
  await audit(db, actor, {
    action: 'info_request.list',
    entityType: 'information_request',
    detail: { count: rows.length },
  });
  return paged(
    rows.map((r) => ({ ...withClock(r, now), children: r.children ?? '' })),
    page,
    total,
  );
}

/**
 * One request addressed to the actor's agency, with who the people are (as the referrer described
 * them, and the NHS number and date of birth the index holds for a linked record) and the
 * question. Not the concern, the referrer, or other agencies' answers. Audited, with each person.
 */
export async function requestForAgency(db: Db, actor: Actor, requestId: string, now = new Date()) {
  const row = await repo.requestTo(db, addressedTo(actor), requestId);
  if (!row) throw new NotFoundError();
  const subjects = await repo.requestSubjects(db, actor.partnershipId, row.contactId);
  await audit(db, actor, {
    action: 'info_request.view',
    entityType: 'information_request',
    entityId: row.id,
  });
  await auditListed(
    db,
    actor,
    subjects.map((s) => s.personId),
    { page: 'information-request', requestId: row.id },
  );
  const answers = (await repo.answersOf(db, [row.id])).get(row.id) ?? [];
  return { ...withClock(row, now), ragLabel: ragLabel(row.rag), subjects, answers } as RequestForAgency;
}

/** The people a request addressed to the actor's agency asks about, for its answer form (404 if not theirs). */
export async function answerFormFor(db: Db, actor: Actor, requestId: string) {
  const row = await repo.requestTo(db, addressedTo(actor), requestId);
  if (!row) throw new NotFoundError();
  const subjects = await repo.requestSubjects(db, actor.partnershipId, row.contactId);
  return subjects.map((s) => ({ id: s.id, name: `${s.givenName} ${s.familyName}`.trim() || 'this person' }));
}

/**
 * Answers a request addressed to the actor's agency: one answer for each person it asks about, no
 * more and no fewer. The request records whether the agency holds anything, and the answers in one
 * text too (each person's name and what is known). A request already answered answers 409.
 */
export async function answerRequest(
  db: Db,
  actor: Actor,
  requestId: string,
  input: AnswerInput,
  now = new Date(),
): Promise<void> {
  const to = addressedTo(actor);
  const id = requestId;
  const { answers } = parse(answerSchema, input);
  const people = await answerFormFor(db, actor, id);
  const p = new Problems();
  for (const a of answers) {
    if (!people.some((x) => x.id === a.subjectId))
      p.add('answers', 'Answer only about the people asked about');
    if (a.holds && !a.answer) p.add(`answer-${a.subjectId}`, 'Enter what your agency knows');
  }
  for (const x of people)
    if (answers.filter((a) => a.subjectId === x.id).length !== 1)
      p.add(`holds-${x.id}`, `Answer once about ${x.name}`);
  p.check();
  const holds = answers.some((a) => a.holds);
  const text = people
    .map((x) => {
      const a = answers.find((y) => y.subjectId === x.id)!;
      return `${x.name}: ${a.holds ? a.answer : 'nothing held'}`;
    })
    .join('\n');
  await db.transaction(async (tx) => {
    const answered = await repo.answerOpenRequest(tx, to, id, {
      holds,
      answer: text,
      at: now,
      by: actor.userId,
    });
    if (!answered) {
      const r = await repo.requestState(tx, to, id);
      if (!r) throw new NotFoundError();
      throw new ConflictError(
        r.status === 'answered'
          ? `${r.by ?? 'Someone in your agency'} has already answered this request. Your answer was not saved.`
          : 'The MASH has withdrawn this request (the contact has been decided). Your answer was not saved.',
      );
    }
    await repo.insertAnswers(
      tx,
      actor.partnershipId,
      id,
      answers.map((a) => ({
        subjectId: a.subjectId,
        holds: a.holds,
        answer: a.holds ? (a.answer ?? null) : null,
      })),
    );
    await audit(tx, actor, {
      action: 'info_request.answer',
      entityType: 'information_request',
      entityId: id,
      detail: { holdsInformation: holds, people: answers.length },
    });
  });
}
