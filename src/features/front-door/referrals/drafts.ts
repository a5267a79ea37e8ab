/**
 * Referral drafts: saved at every step, each visible to the user who writes it only. A phone
 * referral's draft belongs to the MASH officer taking the call.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { requirePermission } from '../../../platform/access/policy.ts';
import { audit } from '../../../platform/audit.ts';
import { NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { PAGE_SIZE } from '../../../platform/due.ts';
import { parse } from '../../../platform/validation.ts';
import { requireHub } from '../access.ts';
import { activeAgencies } from '../repository/contacts.ts';
import * as repo from '../repository/drafts.ts';
import type { DraftData } from './flow.ts';
import type { SectionAnswer } from './answers.ts';
import { MAX_PEOPLE, type AdultData, type ChildData } from './data.ts';
import { adult, child, referralSchema } from './schemas.ts';

export type { Draft, DraftMode } from '../repository/drafts.ts';

function requireMode(actor: Actor, mode: repo.DraftMode): void {
  if (mode === 'phone') requireHub(actor, 'mash.work');
  else requirePermission(actor, 'referral.make');
}

export async function createDraft(db: Db, actor: Actor, mode: repo.DraftMode): Promise<string> {
  requireMode(actor, mode);
  return db.transaction(async (tx) => {
    const id = await repo.insertDraft(tx, actor, mode);
    await audit(tx, actor, { action: 'referral_draft.create', entityType: 'referral_draft', entityId: id });
    return id;
  });
}

/** The actor's own draft (submitted or not); anyone else's answers 404. */
export async function getDraft(db: Db, actor: Actor, draftId: string): Promise<repo.Draft> {
  const row = await repo.draftOf(db, actor, draftId);
  if (!row) throw new NotFoundError();
  requireMode(actor, row.mode);
  return row;
}

/**
 * Changes an unsubmitted draft under a row lock, so two tabs saving at once do not lose a section.
 * Returns the saved data, or undefined when the draft was submitted meanwhile.
 */
async function saveDraft(
  db: Db,
  actor: Actor,
  draftId: string,
  page: string,
  change: (data: DraftData) => DraftData,
): Promise<DraftData | undefined> {
  const draft = await getDraft(db, actor, draftId);
  return db.transaction(async (tx) => {
    const row = await repo.lockDraft(tx, actor, draft.id);
    if (!row || row.contactId) return undefined;
    const data = change(row.data ?? {});
    await repo.saveDraftData(tx, draft.id, data);
    await audit(tx, actor, {
      action: 'referral_draft.save',
      entityType: 'referral_draft',
      entityId: draft.id,
      detail: { page },
    });
    return data;
  });
}

/** Saves the answer of one section's page. */
export async function saveSection(
  db: Db,
  actor: Actor,
  draftId: string,
  answer: SectionAnswer,
): Promise<void> {
  const draft = await getDraft(db, actor, draftId);
  const keys = Object.keys(answer) as (keyof SectionAnswer)[];
  const value = Object.fromEntries(keys.map((k) => [k, parse(referralSchema.shape[k], answer[k])]));
  if (answer.referrer && draft.mode === 'web' && answer.referrer.type !== 'professional')
    throw new ValidationError([
      { field: 'type', message: 'A referral made online is made by a professional' },
    ]);
  await saveDraft(db, actor, draft.id, keys.join(','), (d) => ({ ...d, ...value }));
}

export type PersonAnswer = { which: 'children'; data: ChildData } | { which: 'adults'; data: AdultData };

export async function savePerson(
  db: Db,
  actor: Actor,
  draftId: string,
  item: 'add' | number,
  person: PersonAnswer,
): Promise<void> {
  const draft = await getDraft(db, actor, draftId);
  const { which } = person;
  const data =
    person.which === 'children' ? parse(child.schema, person.data) : parse(adult.schema, person.data);
  const count = (draft.data[which] ?? []).length;
  if (item === 'add' && count >= MAX_PEOPLE)
    throw new ValidationError([
      { field: 'givenName', message: `A referral can name up to ${MAX_PEOPLE} people of each kind` },
    ]);
  if (item !== 'add' && item >= count) throw new NotFoundError();
  await saveDraft(db, actor, draft.id, which, (d) => {
    const list: unknown[] = [...(d[which] ?? [])];
    if (item === 'add') list.push(data);
    else if (item < list.length) list[item] = data;
    return { ...d, [which]: list };
  });
}

/** Takes a child or an adult off the draft's list. */
export async function removePerson(
  db: Db,
  actor: Actor,
  draftId: string,
  which: 'children' | 'adults',
  item: number,
): Promise<void> {
  const draft = await getDraft(db, actor, draftId);
  if (item >= (draft.data[which] ?? []).length) throw new NotFoundError();
  await saveDraft(db, actor, draft.id, which, (d) => {
    const list = [...(d[which] ?? [])];
    list.splice(item, 1);
    return { ...d, [which]: list, ...(which === 'adults' && !list.length ? { adultsDone: false } : {}) };
  });
}

/** "No more adults": the adults page is answered, with the adults listed or none known. */
export async function confirmAdults(db: Db, actor: Actor, draftId: string): Promise<void> {
  await saveDraft(db, actor, draftId, 'adults', (d) => ({ ...d, adultsDone: true }));
}

export async function deleteDraft(db: Db, actor: Actor, draftId: string): Promise<void> {
  const draft = await getDraft(db, actor, draftId);
  if (draft.submittedContactId) return;
  await db.transaction(async (tx) => {
    await repo.deleteUnsubmitted(tx, actor, draft.id);
    await audit(tx, actor, {
      action: 'referral_draft.delete',
      entityType: 'referral_draft',
      entityId: draft.id,
    });
  });
}

export interface DraftSummary {
  id: string;
  mode: repo.DraftMode;
  updatedAt: Date;
  children: string;
}

/** The actor's unsubmitted drafts, newest first. */
export async function listDrafts(db: Db, actor: Actor): Promise<DraftSummary[]> {
  const rows = await repo.unsubmittedDrafts(db, actor, PAGE_SIZE);
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
  return (await activeAgencies(db, actor.partnershipId)).map(({ id, name }) => ({ id, name }));
}
