/**
 * The notification outbox: messages written in the same transaction as the change they tell of,
 * for a notification service to send later. Messages name the referral by its reference only, never
 * a child, since email is not a safe place for a child's name.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { requirePermission } from '../../../platform/access/policy.ts';
import { audit } from '../../../platform/audit.ts';
import { formatDate, formatDateTime } from '../../../platform/dates.ts';
import { DECISIONS } from '../codes.ts';
import { paged, sliceOf, type Paged } from '../paging.ts';
import { can } from '../../../platform/access/roles.ts';
import { localAuthorityStaff } from '../repository/contacts.ts';
import * as repo from '../repository/outbox.ts';
import type { OutboxRow } from '../repository/outbox.ts';

export type { OutboxRow } from '../repository/outbox.ts';

/** Queues a message to the referrer, when there is someone to tell. */
async function send(tx: Db, partnershipId: string, m: repo.NewMessage): Promise<void> {
  if (m.recipientUserId || m.recipientEmail) await repo.enqueue(tx, partnershipId, m);
}

interface Recipient {
  contactId: string;
  reference: string;
  referrerUserId: string | null;
  referrerEmail: string | null;
}

export async function notifyReceived(
  tx: Db,
  partnershipId: string,
  r: Recipient & { receivedAt: Date; decisionDue: string },
): Promise<void> {
  await send(tx, partnershipId, {
    kind: 'referral.received',
    contactId: r.contactId,
    recipientUserId: r.referrerUserId,
    recipientEmail: r.referrerEmail,
    subject: `Referral ${r.reference} received`,
    body: `Your referral ${r.reference} was received by the MASH on ${formatDateTime(r.receivedAt)}. A decision is due by the end of ${formatDate(r.decisionDue)}. You will be told what was decided. If a child is in immediate danger, call 999.`,
  });
}

/**
 * A referral saying a child is at immediate risk: each MASH manager is told at once (one message
 * each), by the referral's reference only.
 */
export async function notifyImmediateRisk(
  tx: Db,
  partnershipId: string,
  r: { contactId: string; reference: string; receivedAt: Date },
): Promise<void> {
  const staff = await localAuthorityStaff(tx, partnershipId);
  for (const m of staff.filter((u) => can(u.roles, 'mash.decide'))) {
    await repo.enqueue(tx, partnershipId, {
      kind: 'referral.immediate_risk',
      contactId: r.contactId,
      recipientUserId: m.id,
      recipientEmail: null,
      subject: `Immediate risk: referral ${r.reference}`,
      body: `Referral ${r.reference}, received on ${formatDateTime(r.receivedAt)}, says a child is at immediate risk. It is rated red and at the top of the MASH queue: open it in Together now.`,
      dedupeKey: `referral.immediate_risk:${r.contactId}:${m.id}`,
    });
  }
}

export async function notifyDecided(
  tx: Db,
  partnershipId: string,
  r: Recipient & { decision: string; decidedAt: Date },
): Promise<void> {
  await send(tx, partnershipId, {
    kind: 'referral.decided',
    contactId: r.contactId,
    recipientUserId: r.referrerUserId,
    recipientEmail: r.referrerEmail,
    subject: `Referral ${r.reference}: decision made`,
    body: `The MASH made a decision on your referral ${r.reference} on ${formatDateTime(r.decidedAt)}: ${DECISIONS.labelOf(r.decision)}. Sign in to Together to see your referrals.`,
  });
}

/** The outbox, newest first, a page at a time (administrators; a sender uses pendingMessages). */
export async function listOutbox(
  db: Db,
  actor: Actor,
  opts: { unsentOnly?: boolean; page?: number } = {},
): Promise<Paged<OutboxRow>> {
  requirePermission(actor, 'admin.manage');
  const unsentOnly = opts.unsentOnly ?? false;
  const page = opts.page ?? 1;
  const [rows, total] = await Promise.all([
    repo.messages(db, actor.partnershipId, { unsentOnly, ...sliceOf(page) }),
    repo.countMessages(db, actor.partnershipId, unsentOnly),
  ]);
  await audit(db, actor, {
    action: 'outbox.list',
    entityType: 'notification_outbox',
    detail: { count: rows.length },
  });
  return paged(rows, page, total);
}

/** For a sender process: unsent messages, oldest first. */
export async function pendingMessages(db: Db, partnershipId: string, limit = 100): Promise<OutboxRow[]> {
  const rows = await repo.messages(db, partnershipId, {
    unsentOnly: true,
    limit: Math.min(Math.max(limit, 1), 1000),
  });
  return rows.reverse();
}

/** For a sender process: record a message sent, or a failed attempt. */
export async function markAttempt(
  db: Db,
  id: string,
  outcome: { sent: true } | { error: string },
): Promise<void> {
  if ('sent' in outcome) await repo.markSent(db, id);
  else await repo.markFailed(db, id, outcome.error);
}
