/**
 * Referral drafts: saved at every step, each visible to the user who writes it only. A phone
 * referral's draft belongs to the MASH officer taking the call.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { requirePermission } from '../../../platform/access/policy.ts';
import { audit } from '../../../platform/audit.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { idOf, requireHub } from '../access.ts';
import type { DraftData } from './flow.ts';

export type DraftMode = 'web' | 'phone';

export interface Draft {
  id: string;
  mode: DraftMode;
  data: DraftData;
  submittedContactId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLS = `id, mode, data, submitted_contact_id as "submittedContactId", created_at as "createdAt",
  updated_at as "updatedAt"`;

function requireMode(actor: Actor, mode: DraftMode): void {
  if (mode === 'phone') requireHub(actor, 'mash.work');
  else requirePermission(actor, 'referral.make');
}

export async function createDraft(db: Db, actor: Actor, mode: DraftMode): Promise<string> {
  requireMode(actor, mode);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>(
      `insert into referral_draft (partnership_id, user_id, mode) values ($1,$2,$3) returning id`,
      [actor.partnershipId, actor.userId, mode],
    );
    await audit(tx, actor, {
      action: 'referral_draft.create',
      entityType: 'referral_draft',
      entityId: row!.id,
    });
    return row!.id;
  });
}

/** The actor's own draft (submitted or not); anyone else's answers 404. */
export async function getDraft(db: Db, actor: Actor, draftId: string): Promise<Draft> {
  const id = idOf(draftId);
  const [row] = await db.query<Draft>(
    `select ${COLS} from referral_draft where id = $1 and partnership_id = $2 and user_id = $3`,
    [id, actor.partnershipId, actor.userId],
  );
  if (!row) throw new NotFoundError();
  requireMode(actor, row.mode);
  return row;
}

/**
 * Changes an unsubmitted draft under a row lock, so two tabs saving at once do not lose a section.
 * Returns the saved data, or undefined when the draft was submitted meanwhile.
 */
export async function saveDraft(
  db: Db,
  actor: Actor,
  draftId: string,
  page: string,
  change: (data: DraftData) => DraftData,
): Promise<DraftData | undefined> {
  const draft = await getDraft(db, actor, draftId);
  return db.transaction(async (tx) => {
    const [row] = await tx.query<{ data: DraftData; submitted: boolean }>(
      `select data, submitted_contact_id is not null as submitted from referral_draft
       where id = $1 and partnership_id = $2 and user_id = $3 for update`,
      [draft.id, actor.partnershipId, actor.userId],
    );
    if (!row || row.submitted) return undefined;
    const data = change(row.data ?? {});
    await tx.query(`update referral_draft set data = $2, updated_at = now() where id = $1`, [
      draft.id,
      JSON.stringify(data),
    ]);
    await audit(tx, actor, {
      action: 'referral_draft.save',
      entityType: 'referral_draft',
      entityId: draft.id,
      detail: { page },
    });
    return data;
  });
}

export async function deleteDraft(db: Db, actor: Actor, draftId: string): Promise<void> {
  const draft = await getDraft(db, actor, draftId);
  if (draft.submittedContactId) return;
  await db.transaction(async (tx) => {
    await tx.query(
      `delete from referral_draft where id = $1 and user_id = $2 and submitted_contact_id is null`,
      [draft.id, actor.userId],
    );
    await audit(tx, actor, {
      action: 'referral_draft.delete',
      entityType: 'referral_draft',
      entityId: draft.id,
    });
  });
}

export interface DraftSummary {
  id: string;
  mode: DraftMode;
  updatedAt: Date;
  children: string;
}

/** The actor's unsubmitted drafts, newest first. */
export async function listDrafts(db: Db, actor: Actor): Promise<DraftSummary[]> {
  const rows = await db.query<{ id: string; mode: DraftMode; updatedAt: Date; data: DraftData }>(
    `select id, mode, updated_at as "updatedAt", data from referral_draft
     where partnership_id = $1 and user_id = $2 and submitted_contact_id is null
     order by updated_at desc limit 50`,
    [actor.partnershipId, actor.userId],
  );
  return rows.map((r) => ({
    id: r.id,
    mode: r.mode,
    updatedAt: r.updatedAt,
    children:
      (r.data.children ?? [])
        .map((c) => [c.givenName, c.familyName].filter(Boolean).join(' ') || 'Unborn child')
        .join(', ') || 'No children added yet',
  }));
}

/** The partnership's active agencies, for the referrer's organisation on a phone referral. */
export async function agencyChoices(db: Db, actor: Actor): Promise<{ id: string; name: string }[]> {
  requirePermission(actor, 'referral.make');
  return db.query(`select id, name from agency where partnership_id = $1 and active order by name`, [
    actor.partnershipId,
  ]);
}
