/** The notification outbox: messages written beside the change they tell of, sent later. */
import { one, type Db } from '../../../db/index.ts';

export interface NewMessage {
  kind: 'referral.received' | 'referral.decided' | 'referral.immediate_risk';
  contactId: string;
  recipientUserId: string | null;
  recipientEmail: string | null;
  subject: string;
  body: string;
  /** Written once per this key; the kind and the contact by default. */
  dedupeKey?: string;
}

/** Queues a message once: the same kind about the same contact (or the same key) is written once. */
export async function enqueue(tx: Db, partnershipId: string, m: NewMessage): Promise<void> {
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
      m.dedupeKey ?? `${m.kind}:${m.contactId}`,
    ],
  );
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

const WHERE = `o.partnership_id = $1 and ($2::boolean = false or o.sent_at is null)`;

/** Messages newest first (unsent ones only when asked). */
export function messages(
  db: Db,
  partnershipId: string,
  opts: { unsentOnly: boolean; limit: number; offset?: number },
) {
  return db.query<OutboxRow>(
    `select o.id, o.kind, o.contact_id as "contactId", coalesce(u.email, o.recipient_email) as recipient, o.subject,
       o.body, o.created_at as "createdAt", o.sent_at as "sentAt", o.attempts
     from notification_outbox o left join app_user u on u.id = o.recipient_user_id
     where ${WHERE} order by o.created_at desc, o.id limit $3 offset $4`,
    [partnershipId, opts.unsentOnly, opts.limit, opts.offset ?? 0],
  );
}

export async function countMessages(db: Db, partnershipId: string, unsentOnly: boolean) {
  const { n } = await one<{ n: number }>(
    db,
    `select count(*)::int as n from notification_outbox o where ${WHERE}`,
    [partnershipId, unsentOnly],
  );
  return n;
}

export async function markSent(db: Db, id: string): Promise<void> {
  await db.query(`update notification_outbox set sent_at = now(), attempts = attempts + 1 where id = $1`, [
    id,
  ]);
}

export async function markFailed(db: Db, id: string, error: string): Promise<void> {
  await db.query(`update notification_outbox set attempts = attempts + 1, last_error = $2 where id = $1`, [
    id,
    error.slice(0, 1000),
  ]);
}
