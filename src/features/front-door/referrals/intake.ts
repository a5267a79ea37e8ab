/**
 * A referral becomes a contact in the MASH: from a submitted draft (pages, phone) or from a partner
 * system (API). Each submission makes one contact however often it is sent: a draft's row lock and
 * the contact's unique draft id, or the API's Idempotency-Key (platform/http/idempotency.ts).
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { requirePermission } from '../../../platform/access/policy.ts';
import { audit } from '../../../platform/audit.ts';
import { ValidationError } from '../../../platform/errors.ts';
import { londonToday } from '../../../platform/dates.ts';
import { getDraft } from './drafts.ts';
import { notifyReceived } from '../outbox/outbox.ts';
import { completeReferral, missingItems, type DraftData, type MissingItem } from './flow.ts';
import type { ReferralInput } from './rules.ts';
import { decisionDue } from '../timing.ts';

export interface Received {
  contactId: string;
  reference: string;
  receivedAt: Date;
  decisionDue: string;
  /** True when this submission had already made the contact. */
  replay: boolean;
}

/** A referral with items missing: each named, with the page that asks for it. */
export class IncompleteReferralError extends ValidationError {
  constructor(readonly missing: MissingItem[]) {
    super(missing.map((m) => ({ field: `missing-${m.page}`, message: m.message })));
  }
}

interface Meta {
  source: 'web' | 'phone' | 'api';
  referrerUserId: string | null;
  sourceAgencyId: string | null;
  draftId?: string;
  submissionKey?: string;
  requestHash?: string;
}

async function nextReference(tx: Db, partnershipId: string, at: Date): Promise<string> {
  const year = Number(londonToday(at).slice(0, 4));
  const [row] = await tx.query<{ last: number }>(
    `insert into contact_reference_counter (partnership_id, year, last) values ($1, $2, 1)
     on conflict (partnership_id, year) do update set last = contact_reference_counter.last + 1 returning last`,
    [partnershipId, year],
  );
  return `R-${year}-${String(row!.last).padStart(6, '0')}`;
}

async function insertContact(
  tx: Db,
  actor: Actor,
  input: ReferralInput,
  meta: Meta,
  now: Date,
): Promise<Omit<Received, 'replay'>> {
  const pid = actor.partnershipId;
  const reference = await nextReference(tx, pid, now);
  const due = decisionDue(now);
  const { referrer } = input;
  const [row] = await tx.query<{ id: string }>(
    `insert into contact (partnership_id, status, received_at, reference, source, referrer_type, source_agency_id,
       referrer_user_id, referrer, recorded_by, address, concern, child_said, immediate_risk, consent, decision_due,
       draft_id, submission_key, request_hash)
     values ($1, 'open', $2, $3, $4, $5, (select id from agency where id = $6 and partnership_id = $1), $7, $8, $9,
       $10, $11, $12, $13, $14, $15, $16, $17, $18)
     returning id`,
    [
      pid,
      now,
      reference,
      meta.source,
      referrer.type,
      meta.sourceAgencyId,
      meta.referrerUserId,
      JSON.stringify(referrer),
      actor.userId,
      input.address.known ? JSON.stringify(input.address) : null,
      input.concern,
      JSON.stringify(input.childSaid),
      JSON.stringify(input.risks),
      JSON.stringify(input.consent),
      due,
      meta.draftId ?? null,
      meta.submissionKey ?? null,
      meta.requestHash ?? null,
    ],
  );
  const contactId = row!.id;
  const people = [
    ...input.children.map((c) => ({
      kind: 'child',
      ...c,
      relationship: null,
      relationshipDetail: null,
      livesWithChild: null,
    })),
    ...input.adults.map((a) => ({
      kind: 'adult',
      unborn: false,
      expectedDate: null,
      ageYears: null,
      upn: null,
      ...a,
    })),
  ];
  for (const [i, s] of people.entries()) {
    await tx.query(
      `insert into contact_subject (partnership_id, contact_id, position, kind, unborn, given_name, family_name,
         other_names, date_of_birth, expected_date, age_years, sex, nhs_number, upn, relationship, relationship_detail,
         lives_with_child)
       values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17)`,
      [
        pid,
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
      ],
    );
  }
  await notifyReceived(tx, pid, {
    contactId,
    reference,
    referrerUserId: meta.referrerUserId,
    referrerEmail: meta.referrerUserId ? null : referrer.email,
    receivedAt: now,
    decisionDue: due,
  });
  await audit(tx, actor, {
    action: 'contact.create',
    entityType: 'contact',
    entityId: contactId,
    detail: { reference, source: meta.source, children: input.children.length, adults: input.adults.length },
  });
  return { contactId, reference, receivedAt: now, decisionDue: due };
}

/**
 * Submits the actor's draft. A draft already submitted answers with the contact it made (a double
 * click or a replayed post makes one referral); an incomplete one throws IncompleteReferralError
 * and stays as it was.
 */
export async function submitDraft(
  db: Db,
  actor: Actor,
  draftId: string,
  now = new Date(),
): Promise<Received> {
  const draft = await getDraft(db, actor, draftId);
  const phone = draft.mode === 'phone';
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ data: DraftData; contactId: string | null }>(
      `select data, submitted_contact_id as "contactId" from referral_draft
       where id = $1 and user_id = $2 and partnership_id = $3 for update`,
      [draft.id, actor.userId, actor.partnershipId],
    );
    if (row?.contactId) return { ...(await contactSummary(tx, row.contactId)), replay: true };
    const data = row?.data ?? {};
    const input = completeReferral(data);
    if (!input) throw new IncompleteReferralError(missingItems(data, phone));
    const received = await insertContact(
      tx,
      actor,
      input,
      {
        source: phone ? 'phone' : 'web',
        referrerUserId: phone ? null : actor.userId,
        sourceAgencyId: phone ? input.referrer.agencyId : actor.agencyId,
        draftId: draft.id,
      },
      now,
    );
    // The referral now lives on the contact; the emptied draft remembers what it made.
    await tx.query(
      `update referral_draft set submitted_contact_id = $2, submitted_at = $3, data = '{}', updated_at = $3
       where id = $1`,
      [draft.id, received.contactId, now],
    );
    return { ...received, replay: false };
  });
}

async function contactSummary(db: Db, contactId: string): Promise<Omit<Received, 'replay'>> {
  const [c] = await db.query<{ reference: string; receivedAt: Date; decisionDue: string }>(
    `select reference, received_at as "receivedAt", decision_due as "decisionDue" from contact where id = $1`,
    [contactId],
  );
  return { contactId, reference: c!.reference, receivedAt: c!.receivedAt, decisionDue: c!.decisionDue };
}

/**
 * A referral from a partner system. The API route makes it idempotent (one contact per
 * Idempotency-Key or client reference): this runs once per key.
 */
export async function submitFromApi(
  db: Db,
  actor: Actor,
  input: ReferralInput,
  now = new Date(),
): Promise<Omit<Received, 'replay'>> {
  requirePermission(actor, 'referral.make');
  requirePermission(actor, 'api.use');
  return db.transaction((tx) =>
    insertContact(
      tx,
      actor,
      input,
      { source: 'api', referrerUserId: actor.userId, sourceAgencyId: actor.agencyId },
      now,
    ),
  );
}
