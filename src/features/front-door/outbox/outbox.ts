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
import { decisionLabel } from '../codes.ts';

export interface OutboxMessage {
  kind: 'referral.received' | 'referral.decided';
  contactId: string;
  recipientUserId: string | null;
  recipientEmail: string | null;
  subject: string;
  body: string;
}

async function enqueue(tx: Db, partnershipId: string, m: OutboxMessage): Promise<void> {
  if (!m.recipientUserId && !m.recipientEmail) return;
  await tx.query(
    `insert into notification_outbox (partnership_id, kind, contact_id, recipient_user_id, recipient_email, subject,
       body, dedupe_key) values ($1,$2,$3,$4,$5,$6,$7,$8) on conflict (partnership_id, dedupe_key) do nothing`,
    [
      partnershipId,
      m.kind,
      m.contactId,
      m.recipientUserId,
      m.recipientEmail,
      m.subject,
      m.body,
      `${m.kind}:${m.contactId}`,
    ],
  );
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
  await enqueue(tx, partnershipId, {
    kind: 'referral.received',
    contactId: r.contactId,
    recipientUserId: r.referrerUserId,
    recipientEmail: r.referrerEmail,
    subject: `Referral ${r.reference} received`,
    body: `Your referral ${r.reference} was received by the MASH on ${formatDateTime(r.receivedAt)}. A decision is due by the end of ${formatDate(r.decisionDue)}. You will be told what was decided. If a child is in immediate danger, call 999.`,
  });
}

export async function notifyDecided(
  tx: Db,
  partnershipId: string,
  r: Recipient & { decision: string; decidedAt: Date },
): Promise<void> {
  await enqueue(tx, partnershipId, {
    kind: 'referral.decided',
    contactId: r.contactId,
    recipientUserId: r.referrerUserId,
    recipientEmail: r.referrerEmail,
    subject: `Referral ${r.reference}: decision made`,
    body: `The MASH made a decision on your referral ${r.reference} on ${formatDateTime(r.decidedAt)}: ${decisionLabel(r.decision)}. Sign in to Together to see your referrals.`,
  });
}

export interface OutboxRow {
  id: string;
  kind: string;
  contactId: string | null;
  recipient: string;
  subject: string;
  body: string;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
}

/** The outbox, newest first (administrators; a sender uses pendingMessages). */
export async function listOutbox(
  db: Db,
  actor: Actor,
  opts: { unsentOnly?: boolean; limit?: number } = {},
): Promise<OutboxRow[]> {
  requirePermission(actor, 'admin.manage');
  const rows = await pendingOrAll(db, actor.partnershipId, opts.unsentOnly ?? false, opts.limit ?? 100);
  await audit(db, actor, {
    action: 'outbox.list',
    entityType: 'notification_outbox',
    detail: { count: rows.length },
  });
  return rows;
}

async function pendingOrAll(db: Db, partnershipId: string, unsentOnly: boolean, limit: number) {
  return db.query<OutboxRow>(
    `select o.id, o.kind, o.contact_id as "contactId", coalesce(u.email, o.recipient_email) as recipient, o.subject,
       o.body, o.created_at as "createdAt", o.sent_at as "sentAt", o.attempts
     from notification_outbox o left join app_user u on u.id = o.recipient_user_id
     where o.partnership_id = $1 and ($2::boolean = false or o.sent_at is null)
     order by o.created_at desc, o.id limit $3`,
    [partnershipId, unsentOnly, Math.min(Math.max(limit, 1), 1000)],
  );
}

/** For a sender process: unsent messages, oldest first. */
export async function pendingMessages(db: Db, partnershipId: string, limit = 100): Promise<OutboxRow[]> {
  const rows = await pendingOrAll(db, partnershipId, true, limit);
  return rows.reverse();
}

/** For a sender process: record a message sent, or a failed attempt. */
export async function markAttempt(
  db: Db,
  id: string,
  outcome: { sent: true } | { error: string },
): Promise<void> {
  if ('sent' in outcome) {
    await db.query(`update notification_outbox set sent_at = now(), attempts = attempts + 1 where id = $1`, [
      id,
    ]);
  } else {
    await db.query(`update notification_outbox set attempts = attempts + 1, last_error = $2 where id = $1`, [
      id,
      outcome.error.slice(0, 1000),
    ]);
  }
}
