/**
 * A contact as the MASH hub works it: what the referrer said, the people on it and the records
 * they are linked to, RAG rating and assignment, and the history of earlier contacts.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { personAccessMany } from '../../../platform/access/policy.ts';
import { can } from '../../../platform/access/roles.ts';
import { audit, auditMany } from '../../../platform/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { PAGE_SIZE } from '../../../platform/due.ts';
import { parse } from '../../../platform/validation.ts';
import { requireHub } from '../access.ts';
import type { Rag } from '../codes.ts';
import { ragSchema } from '../schemas.ts';
import * as repo from '../repository/contacts.ts';

export type { ContactRow, ContactSubject, HistoryRow } from '../repository/contacts.ts';

/** A record linked to the contact, and whether the actor may open it. */
export interface LinkedPerson extends repo.RecordOnContact {
  canOpen: boolean;
}

/** The contact row (after the caller's hub check); 404 when it is not the partnership's. */
export async function loadContact(
  db: Db,
  partnershipId: string,
  contactId: string,
): Promise<repo.ContactRow> {
  const row = await repo.contactById(db, partnershipId, contactId);
  if (!row) throw new NotFoundError();
  return row;
}

export const loadSubjects = repo.subjectsOf;

/** Every record on the contact, with whether the actor may open it; restricted ones they may not see are left out. */
export async function linkedPeople(db: Db, actor: Actor, contactId: string): Promise<LinkedPerson[]> {
  const rows = await repo.recordsOn(db, actor.partnershipId, contactId);
  const access = await personAccessMany(
    db,
    actor,
    rows.map((r) => r.personId),
  );
  // The index's name and date of birth only for records the actor may open now.
  return rows
    .filter((r) => !access.get(r.personId)?.hidden)
    .map((r) =>
      access.get(r.personId)?.canOpen
        ? { ...r, canOpen: true }
        : { ...r, givenName: '', familyName: '', dateOfBirth: null, canOpen: false },
    );
}

/** Other contacts about the same children (history checks), newest first. */
export async function contactHistory(
  db: Db,
  actor: Actor,
  contact: repo.ContactRow,
): Promise<repo.HistoryRow[]> {
  return repo.historyOf(db, actor.partnershipId, contact, PAGE_SIZE);
}

/** Audits a look at a contact: the contact, and each record on it the page names. */
export async function auditContactView(
  db: Db,
  actor: Actor,
  contactId: string,
  people: LinkedPerson[],
  page: string,
): Promise<void> {
  await audit(db, actor, {
    action: 'contact.view',
    entityType: 'contact',
    entityId: contactId,
    detail: { page },
  });
  await auditListed(
    db,
    actor,
    people.filter((p) => p.canOpen).map((p) => p.personId),
    { page, contactId },
  );
}

/** Audits that a page named these records (each once). */
export async function auditListed(
  db: Db,
  actor: Actor,
  personIds: (string | null)[],
  detail: Record<string, unknown>,
): Promise<void> {
  const ids = [...new Set(personIds.filter((id): id is string => Boolean(id)))];
  await auditMany(
    db,
    actor,
    ids.map((id) => ({ action: 'person.listed', entityType: 'person', entityId: id, personId: id, detail })),
  );
}

/** Sets the RAG rating of an open contact. */
export async function setRag(db: Db, actor: Actor, contactId: string, input: Rag): Promise<void> {
  requireHub(actor);
  const { rag } = parse(ragSchema, { rag: input });
  const contact = await loadContact(db, actor.partnershipId, contactId);
  await db.transaction(async (tx) => {
    if (!(await repo.rateOpenContact(tx, actor.partnershipId, contact.id, rag, actor.userId)))
      throw new ConflictError('This contact has been decided: its RAG rating can no longer change.');
    await audit(tx, actor, {
      action: 'contact.rag',
      entityType: 'contact',
      entityId: contact.id,
      detail: { from: contact.rag, to: rag },
    });
  });
}

export interface Officer {
  id: string;
  name: string;
}

/** The hub's officers and managers, for assignment: the council's staff who may work the hub. */
export async function hubOfficers(db: Db, actor: Actor): Promise<Officer[]> {
  requireHub(actor);
  const staff = await repo.localAuthorityStaff(db, actor.partnershipId);
  return staff.filter((u) => can(u.roles, 'mash.work')).map(({ id, name }) => ({ id, name }));
}

/** Assigns an open contact to a hub officer, or to nobody (null). */
export async function assignContact(
  db: Db,
  actor: Actor,
  contactId: string,
  userId: string | null,
): Promise<void> {
  requireHub(actor);
  const contact = await loadContact(db, actor.partnershipId, contactId);
  const officers = await hubOfficers(db, actor);
  const to = userId === null ? null : officers.find((o) => o.id === userId.toLowerCase())?.id;
  if (to === undefined) throw new ValidationError([{ field: 'assignee', message: 'Select a MASH officer' }]);
  await db.transaction(async (tx) => {
    if (!(await repo.assignOpenContact(tx, actor.partnershipId, contact.id, to)))
      throw new ConflictError('This contact has been decided: it can no longer be assigned.');
    await audit(tx, actor, {
      action: 'contact.assign',
      entityType: 'contact',
      entityId: contact.id,
      detail: { from: contact.assignedTo, to },
    });
  });
}
