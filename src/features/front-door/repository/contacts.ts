/** Contacts and the people on them: the MASH's reads and changes of one contact. */
import { maybeOne, type Db } from '../../../db/index.ts';
import type { Role } from '../../../platform/access/roles.ts';
import type { Rag } from '../codes.ts';
import { contactInWindow } from './repeats.ts';
import type { AddressData, ChildSaidData, ConsentData, ReferrerData, RiskData } from '../referrals/data.ts';

export interface ContactRow {
  id: string;
  reference: string | null;
  status: 'open' | 'decided' | 'closed';
  source: 'web' | 'phone' | 'api' | 'early_help';
  referrerType: string;
  sourceAgencyName: string | null;
  sourceAgencyKind: string | null;
  referrerUserId: string | null;
  referrer: ReferrerData | Record<string, never>;
  recordedByName: string | null;
  address: AddressData | null;
  concern: string;
  concernCategory: string | null;
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

/**
 * A person on a contact as the referrer described them, and the record of the index the MASH linked
 * them to (if any). The one shape of contact_subject: the hub, the referrer and partner agencies
 * each see what their page needs of it.
 */
export interface ContactSubject {
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
  ethnicity: string | null;
  firstLanguage: string | null;
  interpreterNeeded: boolean | null;
  disability: string | null;
  phone: string | null;
  /** An adult's relationship is to the child at this position on the contact; null: every child. */
  relationshipTo: number | null;
  personId: string | null;
  linkKind: string | null;
}

/** A person as the referral describes them, before the contact exists. */
export type NewSubject = Omit<ContactSubject, 'id' | 'position' | 'personId' | 'linkKind'>;

const SUBJECT_COLS = `s.id, s.position, s.kind, s.unborn, s.given_name as "givenName",
  s.family_name as "familyName", s.other_names as "otherNames", s.date_of_birth as "dateOfBirth",
  s.expected_date as "expectedDate", s.age_years as "ageYears", s.sex, s.nhs_number as "nhsNumber", s.upn,
  s.relationship, s.relationship_detail as "relationshipDetail", s.lives_with_child as "livesWithChild",
  s.ethnicity, s.first_language as "firstLanguage", s.interpreter_needed as "interpreterNeeded", s.disability,
  s.phone, s.relationship_to as "relationshipTo", s.person_id as "personId", s.link_kind as "linkKind"`;

const CONTACT_SQL = `
select c.id, c.reference, c.status, c.source, c.referrer_type as "referrerType", a.name as "sourceAgencyName", a.kind as "sourceAgencyKind",
  c.referrer_user_id as "referrerUserId", c.referrer, rb.display_name as "recordedByName", c.address, c.concern,
  c.concern_category as "concernCategory", c.child_said as "childSaid", c.immediate_risk as risks, c.consent, c.received_at as "receivedAt",
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

export function contactById(db: Db, partnershipId: string, contactId: string) {
  return maybeOne<ContactRow>(db, CONTACT_SQL, [contactId, partnershipId]);
}

export function subjectsOf(db: Db, partnershipId: string, contactId: string) {
  return db.query<ContactSubject>(
    `select ${SUBJECT_COLS} from contact_subject s where s.contact_id = $1 and s.partnership_id = $2
     order by s.position`,
    [contactId, partnershipId],
  );
}

/** A record of the index on a contact (through a person on it, or linked directly). */
export interface RecordOnContact {
  personId: string;
  kind: 'child' | 'adult';
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  unborn: boolean;
}

export function recordsOn(db: Db, partnershipId: string, contactId: string) {
  return db.query<RecordOnContact>(
    `select p.id as "personId", p.kind, p.given_name as "givenName", p.family_name as "familyName",
       p.date_of_birth as "dateOfBirth", p.unborn
     from contact_person cp join person p on p.id = cp.person_id
     where cp.contact_id = $1 and cp.partnership_id = $2 order by p.kind, p.family_name, p.given_name`,
    [contactId, partnershipId],
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

/** Other contacts about the same children, newest first. */
export function historyOf(
  db: Db,
  partnershipId: string,
  contact: { id: string; receivedAt: Date },
  limit: number,
) {
  return db.query<HistoryRow>(
    `select c.id, c.reference, c.received_at as "receivedAt", c.status, c.decision, c.decided_at as "decidedAt",
       (${contactInWindow('c', 'this')}) as "within12Months",
       string_agg(distinct trim(p.given_name || ' ' || p.family_name), ', ') as names
     from contact this join contact_person mine on mine.contact_id = this.id
       join person p on p.id = mine.person_id and p.kind = 'child'
       join contact_person other on other.person_id = mine.person_id and other.contact_id <> mine.contact_id
       join contact c on c.id = other.contact_id
     where mine.contact_id = $1 and mine.partnership_id = $2 and c.partnership_id = $2
     group by c.id, this.id order by c.received_at desc limit $3`,
    [contact.id, partnershipId, limit],
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
       where cp.contact_id = c.id and e.partnership_id = c.partnership_id and ${contactInWindow('e', 'c')}
       order by e.received_at desc limit 1)
     where c.id = $1 and c.partnership_id = $2`,
    [contactId, partnershipId],
  );
}

/** Rates an open contact; false when it is no longer open. */
export async function rateOpenContact(
  tx: Db,
  partnershipId: string,
  contactId: string,
  rag: Rag,
  userId: string,
): Promise<boolean> {
  const rows = await tx.query(
    `update contact set rag = $3, rag_set_at = now(), rag_set_by = $4, version = version + 1
     where id = $1 and partnership_id = $2 and status = 'open' returning id`,
    [contactId, partnershipId, rag, userId],
  );
  return rows.length > 0;
}

/** Assigns an open contact (to nobody when null); false when it is no longer open. */
export async function assignOpenContact(
  tx: Db,
  partnershipId: string,
  contactId: string,
  userId: string | null,
): Promise<boolean> {
  const rows = await tx.query(
    `update contact set assigned_to = $3, assigned_at = case when $3::uuid is null then null else now() end
     where id = $1 and partnership_id = $2 and status = 'open' returning id`,
    [contactId, partnershipId, userId],
  );
  return rows.length > 0;
}

/** The active staff of the partnership's local authority, with their roles (the hub is among them). */
export async function localAuthorityStaff(
  db: Db,
  partnershipId: string,
): Promise<{ id: string; name: string; roles: Role[] }[]> {
  return db.query(
    `select u.id, u.display_name as name, u.roles from app_user u join agency a on a.id = u.agency_id
     where u.partnership_id = $1 and u.active and a.kind = 'local_authority' order by u.display_name`,
    [partnershipId],
  );
}

/** The partnership's active agencies, by name. */
export async function activeAgencies(
  db: Db,
  partnershipId: string,
): Promise<{ id: string; name: string; kind: string }[]> {
  return db.query(`select id, name, kind from agency where partnership_id = $1 and active order by name`, [
    partnershipId,
  ]);
}
