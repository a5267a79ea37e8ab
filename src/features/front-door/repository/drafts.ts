/** Referral drafts: each one its writer's, found by id and writer together. */
import { maybeOne, one, type Db } from '../../../db/index.ts';
import type { DraftData } from '../referrals/flow.ts';

export type DraftMode = 'web' | 'phone';

export interface Draft {
  id: string;
  mode: DraftMode;
  data: DraftData;
  submittedContactId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Whose draft: the writer, in their partnership. */
export interface Writer {
  partnershipId: string;
  userId: string;
}

export async function insertDraft(tx: Db, w: Writer, mode: DraftMode) {
  const { id } = await one<{ id: string }>(
    tx,
    `insert into referral_draft (partnership_id, user_id, mode) values ($1,$2,$3) returning id`,
    [w.partnershipId, w.userId, mode],
  );
  return id;
}

export function draftOf(db: Db, w: Writer, draftId: string) {
  return maybeOne<Draft>(
    db,
    `select id, mode, data, submitted_contact_id as "submittedContactId", created_at as "createdAt",
       updated_at as "updatedAt"
     from referral_draft where id = $1 and partnership_id = $2 and user_id = $3`,
    [draftId, w.partnershipId, w.userId],
  );
}

/** The draft's answers under a row lock, and the contact it made if it was submitted. */
export function lockDraft(tx: Db, w: Writer, draftId: string) {
  return maybeOne<{ data: DraftData; contactId: string | null }>(
    tx,
    `select data, submitted_contact_id as "contactId" from referral_draft
     where id = $1 and partnership_id = $2 and user_id = $3 for update`,
    [draftId, w.partnershipId, w.userId],
  );
}

export async function saveDraftData(tx: Db, draftId: string, data: DraftData): Promise<void> {
  await tx.query(`update referral_draft set data = $2, updated_at = now() where id = $1`, [
    draftId,
    JSON.stringify(data),
  ]);
}

/** The referral now lives on the contact; the emptied draft remembers what it made. */
export async function markSubmitted(tx: Db, draftId: string, contactId: string, at: Date): Promise<void> {
  await tx.query(
    `update referral_draft set submitted_contact_id = $2, submitted_at = $3, data = '{}', updated_at = $3
     where id = $1`,
    [draftId, contactId, at],
  );
}

export async function deleteUnsubmitted(tx: Db, w: Writer, draftId: string): Promise<void> {
  await tx.query(
    `delete from referral_draft where id = $1 and user_id = $2 and submitted_contact_id is null`,
    [draftId, w.userId],
  );
}

/** The writer's unsubmitted drafts, newest first. */
export async function unsubmittedDrafts(
  db: Db,
  w: Writer,
  limit: number,
): Promise<{ id: string; mode: DraftMode; updatedAt: Date; data: DraftData }[]> {
  return db.query(
    `select id, mode, updated_at as "updatedAt", data from referral_draft
     where partnership_id = $1 and user_id = $2 and submitted_contact_id is null
     order by updated_at desc limit $3`,
    [w.partnershipId, w.userId, limit],
  );
}
