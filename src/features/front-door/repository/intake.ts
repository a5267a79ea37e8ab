/** A referral becoming a contact: its reference, the contact row and the people on it. */
import { maybeOne, type Db } from '../../../db/index.ts';
import type { ReferralInput } from '../referrals/data.ts';
import type { NewSubject } from './contacts.ts';

/** The partnership's next reference of the year: R-2025-000123. */
export async function nextReference(tx: Db, partnershipId: string, year: number): Promise<string> {
  const row = await maybeOne<{ last: number }>(
    tx,
    `insert into contact_reference_counter (partnership_id, year, last) values ($1, $2, 1)
     on conflict (partnership_id, year) do update set last = contact_reference_counter.last + 1 returning last`,
    [partnershipId, year],
  );
  return `R-${year}-${String(row!.last).padStart(6, '0')}`;
}

export interface NewContact {
  partnershipId: string;
  receivedAt: Date;
  reference: string;
  source: 'web' | 'phone' | 'api' | 'early_help';
  sourceAgencyId: string | null;
  referrerUserId: string | null;
  recordedBy: string;
  decisionDue: string;
  draftId: string | null;
  input: ReferralInput;
}

/** Inserts the contact and the people on it, in the order given; returns the contact's id. */
export async function insertContact(tx: Db, c: NewContact): Promise<string> {
  const { input } = c;
  const row = await maybeOne<{ id: string }>(
    tx,
    `insert into contact (partnership_id, status, received_at, reference, source, referrer_type, source_agency_id,
       referrer_user_id, referrer, recorded_by, address, concern, child_said, immediate_risk, consent, decision_due,
       draft_id, rag, rag_set_at, concern_category)
     values ($1, 'open', $2, $3, $4, $5, (select id from agency where id = $6 and partnership_id = $1), $7, $8, $9,
       $10, $11, $12, $13, $14, $15, $16, $17, case when $17::text is not null then $2::timestamptz end, $18)
     returning id`,
    [
      c.partnershipId,
      c.receivedAt,
      c.reference,
      c.source,
      input.referrer.type,
      c.sourceAgencyId,
      c.referrerUserId,
      JSON.stringify(input.referrer),
      c.recordedBy,
      input.address.known ? JSON.stringify(input.address) : null,
      input.concern,
      JSON.stringify(input.childSaid),
      JSON.stringify(input.risks),
      JSON.stringify(input.consent),
      c.decisionDue,
      c.draftId,
      // A child at immediate risk, as the referrer says: red on arrival, at the top of the queue.
      input.risks.status === 'yes' ? 'red' : null,
      input.concernCategory ?? 'not_known',
    ],
  );
  const contactId = row!.id;
  const people: NewSubject[] = [
    ...input.children.map((ch) => ({
      kind: 'child' as const,
      ...ch,
      ethnicity: ch.ethnicity ?? null,
      firstLanguage: ch.firstLanguage ?? null,
      interpreterNeeded: ch.interpreterNeeded ?? null,
      disability: ch.disability ?? null,
      relationship: null,
      relationshipDetail: null,
      livesWithChild: null,
      phone: null,
      relationshipTo: null,
    })),
    ...input.adults.map((a) => ({
      kind: 'adult' as const,
      unborn: false,
      expectedDate: null,
      ageYears: null,
      upn: null,
      ethnicity: null,
      firstLanguage: null,
      interpreterNeeded: null,
      disability: null,
      ...a,
      phone: a.phone ?? null,
      relationshipTo: a.relationshipTo ?? null,
    })),
  ];
  for (const [i, s] of people.entries()) {
    await tx.query(
      `insert into contact_subject (partnership_id, contact_id, position, kind, unborn, given_name, family_name,
         other_names, date_of_birth, expected_date, age_years, sex, nhs_number, upn, relationship, relationship_detail,
         lives_with_child, ethnicity, first_language, interpreter_needed, disability, phone, relationship_to)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23)`,
      [
        c.partnershipId,
        contactId,
        i,
        s.kind,
        s.unborn,
        s.givenName,
        s.familyName,
        s.otherNames,
        s.dateOfBirth,
        s.expectedDate,
        s.ageYears,
        s.sex,
        s.nhsNumber,
        s.upn,
        s.relationship,
        s.relationshipDetail,
        s.livesWithChild,
        s.ethnicity,
        s.firstLanguage,
        s.interpreterNeeded,
        s.disability,
        s.phone,
        s.relationshipTo,
      ],
    );
  }
  return contactId;
}

/** What the referrer is told of a contact already made. */
export async function receipt(
  db: Db,
  contactId: string,
): Promise<{ reference: string; receivedAt: Date; decisionDue: string }> {
  const c = await maybeOne<{ reference: string; receivedAt: Date; decisionDue: string }>(
    db,
    `select reference, received_at as "receivedAt", decision_due as "decisionDue" from contact where id = $1`,
    [contactId],
  );
  return c!;
}
