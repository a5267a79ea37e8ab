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
import { parse } from '../../../platform/validation.ts';
import { londonToday } from '../../../platform/dates.ts';
import { lockDraft, markSubmitted } from '../repository/drafts.ts';
import { insertContact, nextReference, receipt } from '../repository/intake.ts';
import { getDraft } from './drafts.ts';
import { notifyImmediateRisk, notifyReceived } from '../outbox/outbox.ts';
import { completeReferral, missingItems, type MissingItem } from './flow.ts';
import type { ReferralInput } from './data.ts';
import { referralSchema } from './schemas.ts';
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
  source: 'web' | 'phone' | 'api' | 'early_help';
  referrerUserId: string | null;
  sourceAgencyId: string | null;
  draftId?: string;
}

async function makeContact(
  tx: Db,
  actor: Actor,
  input: ReferralInput,
  meta: Meta,
  now: Date,
): Promise<Omit<Received, 'replay'>> {
  const pid = actor.partnershipId;
  const reference = await nextReference(tx, pid, Number(londonToday(now).slice(0, 4)));
  const due = decisionDue(now);
  const contactId = await insertContact(tx, {
    partnershipId: pid,
    receivedAt: now,
    reference,
    source: meta.source,
    sourceAgencyId: meta.sourceAgencyId,
    referrerUserId: meta.referrerUserId,
    recordedBy: actor.userId,
    decisionDue: due,
    draftId: meta.draftId ?? null,
    input,
  });
  await notifyReceived(tx, pid, {
    contactId,
    reference,
    referrerUserId: meta.referrerUserId,
    referrerEmail: meta.referrerUserId ? null : input.referrer.email,
    receivedAt: now,
    decisionDue: due,
  });
  if (input.risks.status === 'yes')
    await notifyImmediateRisk(tx, pid, { contactId, reference, receivedAt: now });
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
    const row = await lockDraft(tx, actor, draft.id);
    if (row?.contactId)
      return { contactId: row.contactId, ...(await receipt(tx, row.contactId)), replay: true };
    const data = row?.data ?? {};
    const complete = completeReferral(data);
    if (!complete) throw new IncompleteReferralError(missingItems(data, phone));
    const input = parse(referralSchema, complete);
    const received = await makeContact(
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
    await markSubmitted(tx, draft.id, received.contactId, now);
    return { ...received, replay: false };
  });
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
  const checked = parse(referralSchema, input);
  return db.transaction((tx) =>
    makeContact(
      tx,
      actor,
      checked,
      { source: 'api', referrerUserId: actor.userId, sourceAgencyId: actor.agencyId },
      now,
    ),
  );
}

/**
 * A family stepped up from early help: a contact at the MASH whose concern carries what early help
 * tried (assessment, plan, reviews, the child's voice). Runs in the caller's transaction, so that the
 * episode's step and the contact commit together.
 */
export async function submitStepUp(
  tx: Db,
  actor: Actor,
  input: ReferralInput,
  now = new Date(),
): Promise<Omit<Received, 'replay'>> {
  requirePermission(actor, 'referral.make');
  const checked = parse(referralSchema, input);
  return makeContact(
    tx,
    actor,
    checked,
    { source: 'early_help', referrerUserId: actor.userId, sourceAgencyId: actor.agencyId },
    now,
  );
}
