/**
 * A contact as the MASH hub works it: what the referrer said, the people on it and the records
 * they are linked to, RAG rating and assignment, and the history of earlier contacts.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { personAccessMany } from '../../../platform/access/policy.ts';
import { audit, auditMany } from '../../../platform/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { idOf, requireHub } from '../access.ts';
import { isRag, type Rag } from '../codes.ts';
import type { AddressData, ChildSaidData, ConsentData, ReferrerData, RiskData } from '../referrals/rules.ts';

export interface ContactRow {
  id: string;
  reference: string | null;
  status: 'open' | 'decided' | 'closed';
  source: 'web' | 'phone' | 'api';
  referrerType: string;
  sourceAgencyName: string | null;
  referrerUserId: string | null;
  referrer: ReferrerData | Record<string, never>;
  recordedByName: string | null;
  address: AddressData | null;
  concern: string;
  childSaid: ChildSaidData | Record<string, never>;
  risks: RiskData | Record<string, never>;
  consent: ConsentData | Record<string, never>;
  receivedAt: Date;
  decisionDue: string | null;
  rag: Rag | null;
  assignedTo: string | null;
  assignedName: string | null;
  decision: string | null;
  decisionRationale: string | null;
  decidedAt: Date | null;
  decidedByName: string | null;
  repeatOf: string | null;
  repeatOfReference: string | null;
  repeatOfReceivedAt: Date | null;
  version: number;
}

export interface SubjectRow {
  id: string;
  position: number;
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
  upn: string | null;
  relationship: string | null;
  relationshipDetail: string | null;
  livesWithChild: boolean | null;
  personId: string | null;
  linkKind: string | null;
}

/** A record linked to the contact (through a subject, or linked directly). */
export interface LinkedPerson {
  personId: string;
  kind: 'child' | 'adult';
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  unborn: boolean;
  /** The actor may open the record. */
  canOpen: boolean;
}

const CONTACT_SQL = `
select c.id, c.reference, c.status, c.source, c.referrer_type as "referrerType", a.name as "sourceAgencyName",
  c.referrer_user_id as "referrerUserId", c.referrer, rb.display_name as "recordedByName", c.address, c.concern,
  c.child_said as "childSaid", c.immediate_risk as risks, c.consent, c.received_at as "receivedAt",
  c.decision_due as "decisionDue", c.rag, c.assigned_to as "assignedTo", au.display_name as "assignedName",
  c.decision, c.decision_rationale as "decisionRationale", c.decided_at as "decidedAt",
  db.display_name as "decidedByName", c.repeat_of as "repeatOf", r.reference as "repeatOfReference",
  r.received_at as "repeatOfReceivedAt", c.version
from contact c
  left join agency a on a.id = c.source_agency_id
  left join app_user rb on rb.id = c.recorded_by
  left join app_user au on au.id = c.assigned_to
  left join app_user db on db.id = c.decided_by
  left join contact r on r.id = c.repeat_of
where c.id = $1 and c.partnership_id = $2`;

/** The contact row (after the caller's hub check); 404 when it is not the partnership's. */
export async function loadContact(db: Db, partnershipId: string, contactId: string): Promise<ContactRow> {
  const [row] = await db.query<ContactRow>(CONTACT_SQL, [idOf(contactId), partnershipId]);
  if (!row) throw new NotFoundError();
  return row;
}

export async function loadSubjects(db: Db, partnershipId: string, contactId: string): Promise<SubjectRow[]> {
  return db.query<SubjectRow>(
    `select id, position, kind, unborn, given_name as "givenName", family_name as "familyName",
       other_names as "otherNames", date_of_birth as "dateOfBirth", expected_date as "expectedDate",
       age_years as "ageYears", sex, nhs_number as "nhsNumber", upn, relationship,
       relationship_detail as "relationshipDetail", lives_with_child as "livesWithChild", person_id as "personId",
       link_kind as "linkKind"
     from contact_subject where contact_id = $1 and partnership_id = $2 order by position`,
    [contactId, partnershipId],
  );
}

/** Every record on the contact, with whether the actor may open it; restricted ones they may not see are left out. */
export async function linkedPeople(db: Db, actor: Actor, contactId: string): Promise<LinkedPerson[]> {
  const rows = await db.query<Omit<LinkedPerson, 'canOpen'>>(
    `select p.id as "personId", p.kind, p.given_name as "givenName", p.family_name as "familyName",
       p.date_of_birth as "dateOfBirth", p.unborn
     from contact_person cp join person p on p.id = cp.person_id
     where cp.contact_id = $1 and cp.partnership_id = $2 order by p.kind, p.family_name, p.given_name`,
    [contactId, actor.partnershipId],
  );
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

export interface HistoryRow {
  id: string;
  reference: string | null;
  receivedAt: Date;
  status: string;
  decision: string | null;
  decidedAt: Date | null;
  /** Received in the 12 months before this contact. */
  within12Months: boolean;
  names: string;
}

/** Other contacts about the same children (history checks), newest first. */
export async function contactHistory(db: Db, actor: Actor, contact: ContactRow): Promise<HistoryRow[]> {
  return db.query<HistoryRow>(
    `select c.id, c.reference, c.received_at as "receivedAt", c.status, c.decision, c.decided_at as "decidedAt",
       (c.received_at < $3 and c.received_at >= $3 - interval '12 months') as "within12Months",
       string_agg(distinct trim(p.given_name || ' ' || p.family_name), ', ') as names
     from contact_person mine
       join person p on p.id = mine.person_id and p.kind = 'child'
       join contact_person other on other.person_id = mine.person_id and other.contact_id <> mine.contact_id
       join contact c on c.id = other.contact_id
     where mine.contact_id = $1 and mine.partnership_id = $2 and c.partnership_id = $2
     group by c.id order by c.received_at desc limit 50`,
    [contact.id, actor.partnershipId, contact.receivedAt],
  );
}

/** Sets contact.repeat_of: the latest earlier contact about one of its children within 12 months. */
export async function refreshRepeat(tx: Db, partnershipId: string, contactId: string): Promise<void> {
  await tx.query(
    `update contact c set repeat_of = (
       select e.id from contact_person cp
         join person p on p.id = cp.person_id and p.kind = 'child'
         join contact_person ecp on ecp.person_id = cp.person_id and ecp.contact_id <> cp.contact_id
         join contact e on e.id = ecp.contact_id
       where cp.contact_id = c.id and e.partnership_id = c.partnership_id and e.received_at < c.received_at
         and e.received_at >= c.received_at - interval '12 months'
       order by e.received_at desc limit 1)
     where c.id = $1 and c.partnership_id = $2`,
    [contactId, partnershipId],
  );
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
  await auditMany(
    db,
    actor,
    people
      .filter((p) => p.canOpen)
      .map((p) => ({
        action: 'person.listed',
        entityType: 'person',
        entityId: p.personId,
        personId: p.personId,
        detail: { page, contactId },
      })),
  );
}

/** Sets the RAG rating of an open contact. */
export async function setRag(db: Db, actor: Actor, contactId: string, rag: string): Promise<void> {
  requireHub(actor);
  const contact = await loadContact(db, actor.partnershipId, contactId);
  if (!isRag(rag)) throw new ValidationError([{ field: 'rag', message: 'Select a RAG rating' }]);
  await db.transaction(async (tx) => {
    const rows = await tx.query(
      `update contact set rag = $3, rag_set_at = now(), rag_set_by = $4, version = version + 1
       where id = $1 and partnership_id = $2 and status = 'open' returning id`,
      [contact.id, actor.partnershipId, rag, actor.userId],
    );
    if (!rows.length)
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

/** The hub's MASH officers and managers, for assignment. */
export async function hubOfficers(db: Db, actor: Actor): Promise<Officer[]> {
  requireHub(actor);
  return db.query<Officer>(
    `select u.id, u.display_name as name from app_user u join agency a on a.id = u.agency_id
     where u.partnership_id = $1 and u.active and a.kind = 'local_authority'
       and u.roles && array['mash_officer','mash_manager']::text[]
     order by u.display_name`,
    [actor.partnershipId],
  );
}

/** Assigns an open contact to a hub officer (or to nobody). */
export async function assignContact(db: Db, actor: Actor, contactId: string, userId: string): Promise<void> {
  requireHub(actor);
  const contact = await loadContact(db, actor.partnershipId, contactId);
  const officers = await hubOfficers(db, actor);
  const to = userId === '' ? null : officers.find((o) => o.id === userId.toLowerCase())?.id;
  if (to === undefined) throw new ValidationError([{ field: 'assignee', message: 'Select a MASH officer' }]);
  await db.transaction(async (tx) => {
    const rows = await tx.query(
      `update contact set assigned_to = $3, assigned_at = case when $3::uuid is null then null else now() end
       where id = $1 and partnership_id = $2 and status = 'open' returning id`,
      [contact.id, actor.partnershipId, to],
    );
    if (!rows.length) throw new ConflictError('This contact has been decided: it can no longer be assigned.');
    await audit(tx, actor, {
      action: 'contact.assign',
      entityType: 'contact',
      entityId: contact.id,
      detail: { from: contact.assignedTo, to },
    });
  });
}
