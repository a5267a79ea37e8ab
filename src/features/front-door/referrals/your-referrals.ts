/**
 * What a referrer sees: the referrals they made, that each was received, and when decided what was
 * decided; never the record, the MASH's notes or other agencies' answers.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { requirePermission } from '../../../platform/access/policy.ts';
import { audit } from '../../../platform/audit.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { DECISIONS } from '../codes.ts';
import { subjectsOf, type ContactSubject } from '../repository/contacts.ts';
import { londonToday } from '../../../platform/dates.ts';
import { due, type Due } from '../../../platform/due.ts';
import { paged, sliceOf, type Paged } from '../paging.ts';
import { mashPhoneFor } from '../settings.ts';
import {
  countReferralsBy,
  receiptFor,
  referralBy,
  referralsBy,
  type OwnReferralDetailRow,
  type OwnReferralRow,
} from '../repository/referrers.ts';

export interface OwnReferral extends Omit<OwnReferralRow, 'children'> {
  decisionLabel: string;
  children: string;
  /** While it waits for a decision: how that stands (platform/due.ts). */
  due: Due | null;
}

/** A person as the referrer described them: not the record the MASH linked them to. */
export type OwnSubject = Omit<ContactSubject, 'id' | 'position' | 'personId' | 'linkKind'>;

export interface OwnReferralDetail extends Omit<OwnReferralDetailRow, 'children'>, OwnReferral {
  subjects: OwnSubject[];
}

function withLabel<T extends OwnReferralRow>(r: T, today = londonToday()): T & OwnReferral {
  return {
    ...r,
    decisionLabel: DECISIONS.labelOf(r.decision),
    children: r.children ?? '',
    due: r.status === 'received' && r.decisionDue ? due(r.decisionDue, today) : null,
  };
}

/** The actor's referrals, newest first (their own words; listing them is audited). */
export async function listOwnReferrals(db: Db, actor: Actor, page = 1): Promise<Paged<OwnReferral>> {
  requirePermission(actor, 'referral.make');
  const [rows, total] = await Promise.all([
    referralsBy(db, actor, sliceOf(page)),
    countReferralsBy(db, actor),
  ]);
  if (rows.length) {
    await audit(db, actor, {
      action: 'contact.list_own',
      entityType: 'contact',
      detail: { count: rows.length },
    });
  }
  return paged(
    rows.map((r) => withLabel(r)),
    page,
    total,
  );
}

/** One of the actor's referrals; anyone else's is 404 (it does not say that it exists). */
export async function getOwnReferral(db: Db, actor: Actor, contactId: string): Promise<OwnReferralDetail> {
  requirePermission(actor, 'referral.make');
  const row = await referralBy(db, actor, contactId);
  if (!row) throw new NotFoundError();
  const subjects = (await subjectsOf(db, actor.partnershipId, row.id)).map(
    ({ id: _id, position: _p, personId: _pid, linkKind: _lk, ...described }) => described,
  );
  await audit(db, actor, { action: 'contact.view_own', entityType: 'contact', entityId: row.id });
  return { ...withLabel(row), subjects };
}

/**
 * What the confirmation page shows: the referral's reference and clock, for the referrer or the
 * MASH officer who recorded it. Anyone else: 404.
 */
export async function confirmationFor(db: Db, actor: Actor, contactId: string) {
  const row = await receiptFor(db, actor, contactId);
  if (!row) throw new NotFoundError();
  // A child at immediate risk: the referrer is told to phone the MASH now.
  return { ...row, mashPhone: row.immediateRisk ? await mashPhoneFor(db, actor.partnershipId) : null };
}
