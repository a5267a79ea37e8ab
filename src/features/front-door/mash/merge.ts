/**
 * Merging two records of one person while working a contact, and undoing it. What moves, and how it
 * is put back, is the repository's (repository/merges.ts).
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { personAccessMany, requirePermission } from '../../../platform/access/policy.ts';
import { audit } from '../../../platform/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { parse } from '../../../platform/validation.ts';
import { requireHub } from '../access.ts';
import { mergeSchema, type MergeInput } from '../schemas.ts';
import { recordIdsOn } from '../repository/links.ts';
import * as repo from '../repository/merges.ts';
import { auditListed, loadSubjects } from './contacts.ts';
import { candidatesFor, contactAndSubject, linkInTx, mergedAway, requireOpen } from './matching.ts';

export type { MergeRow } from '../repository/merges.ts';

/**
 * Merges `mergeId` into `keepId`, both people the officer may see on this contact's work (on the
 * contact, or candidates for the person on it), and links the person on the contact to the kept
 * record. Restricted records are never merged here.
 */
export async function mergePeople(
  db: Db,
  actor: Actor,
  contactId: string,
  subjectId: string,
  input: MergeInput,
): Promise<string> {
  requireHub(actor);
  requirePermission(actor, 'person.edit');
  const { keepId, mergeId, reason } = parse(mergeSchema, input);
  const { contact } = await contactAndSubject(db, actor, contactId, subjectId);
  requireOpen(contact);
  const { candidates } = await candidatesFor(db, actor, contact.id, subjectId);
  const onContact = await recordIdsOn(db, contact.id);
  const allowed = new Set([...candidates.map((c) => c.personId), ...onContact]);
  if (!allowed.has(keepId) || !allowed.has(mergeId)) throw new NotFoundError();
  const access = await personAccessMany(db, actor, [keepId, mergeId]);
  if (access.get(keepId)?.hidden || access.get(mergeId)?.hidden) throw new NotFoundError();
  if ((await mergedAway(db, actor.partnershipId, [keepId, mergeId])).size)
    throw new ConflictError('One of these records has already been merged into another.');

  const mergeRecordId = await db.transaction(async (tx) => {
    const people = await repo.lockRecords(tx, actor.partnershipId, [keepId, mergeId]);
    const kept = people.find((x) => x.id === keepId);
    const merged = people.find((x) => x.id === mergeId);
    if (!kept || !merged) throw new NotFoundError();
    if (kept.restricted || merged.restricted)
      throw new ValidationError([{ field: 'mergeId', message: 'Restricted records cannot be merged here' }]);
    if (kept.kind !== merged.kind)
      throw new ValidationError([
        { field: 'mergeId', message: 'A child’s record cannot be merged with an adult’s' },
      ]);
    const refusal = await whyNotOnePerson(tx, actor.partnershipId, kept, merged);
    if (refusal) throw new ValidationError([{ field: 'mergeId', message: refusal }]);
    const moved = await repo.moveRecord(tx, merged, kept);
    const id = await repo.insertMerge(tx, {
      partnershipId: actor.partnershipId,
      keptId: keepId,
      mergedId: mergeId,
      contactId: contact.id,
      reason,
      moved,
      by: actor.userId,
    });
    const counts = {
      moved: moved.filter((m) => m.op === 'moved').length,
      set_aside: moved.filter((m) => m.op === 'deleted').length,
    };
    for (const personId of [keepId, mergeId]) {
      await audit(tx, actor, {
        action: 'person.merge',
        entityType: 'person_merge',
        entityId: id,
        personId,
        reason,
        detail: { kept: keepId, merged: mergeId, contactId: contact.id, ...counts },
      });
    }
    // The person on the contact is the kept record now.
    const subject = (await loadSubjects(tx, actor.partnershipId, contact.id)).find((s) => s.id === subjectId);
    if (subject && subject.personId !== keepId)
      await linkInTx(tx, actor, contact.id, subject, keepId, 'existing');
    return id;
  });
  return mergeRecordId;
}

/** Relationships between generations (or a parent's partner), in words: never one person. */
const GENERATIONS: Record<string, string> = {
  parent: 'parent',
  child: 'parent',
  carer: 'carer',
  partner_of_parent: 'parent’s partner',
};

const SEX_WORDS: Record<string, string> = { female: 'female', male: 'male', indeterminate: 'indeterminate' };

/**
 * Why two records cannot be one person, in words, or null: their recorded sex differs (both known),
 * or the index records one as the other's parent, carer or parent's partner (a young mother and her
 * baby are both children's records): a person is not their own parent. A sibling link between two
 * records is not refused: duplicates made from one referral are often linked so by mistake, and the
 * merge sets that link aside.
 */
async function whyNotOnePerson(
  tx: Db,
  partnershipId: string,
  kept: repo.MergeCandidate,
  merged: repo.MergeCandidate,
): Promise<string | null> {
  const a = SEX_WORDS[kept.sex];
  const b = SEX_WORDS[merged.sex];
  if (a && b && a !== b)
    return `These records cannot be merged: one is recorded as ${a} and the other as ${b}. If one is wrong, correct it on the record first.`;
  const words = (await repo.relationshipBetween(tx, partnershipId, kept.id, merged.id))
    .map((r) => GENERATIONS[r.kind])
    .find(Boolean);
  if (words) {
    return `These records cannot be merged: the person index records one as the other’s ${words}, and a person cannot be their own ${words}.`;
  }
  return null;
}

/** The merges made while working a contact. */
export const mergesForContact = repo.mergesOn;

/** Throws 403 unless the actor may merge records and undo merges (the hub's officers and managers). */
export function requireMergeRights(actor: Actor): void {
  requireHub(actor);
  requirePermission(actor, 'person.edit');
}

/** The merge the confirmation page asks about before undoing it (its two records named, audited). */
export async function mergeToUndo(db: Db, actor: Actor, mergeId: string): Promise<repo.MergeRow> {
  requireMergeRights(actor);
  const m = await repo.mergeById(db, actor.partnershipId, mergeId);
  if (!m) throw new NotFoundError();
  await auditListed(db, actor, [m.keptPersonId, m.mergedPersonId], { page: 'mash.merge_undo', mergeId });
  return m;
}

/** Undoes a merge: every moved row goes back, every row set aside is restored. */
export async function undoMerge(
  db: Db,
  actor: Actor,
  mergeId: string,
): Promise<{ contactId: string | null }> {
  requireHub(actor);
  requirePermission(actor, 'person.edit');
  const id = mergeId;
  return db.transaction(async (tx) => {
    const m = await repo.lockMerge(tx, actor.partnershipId, id);
    if (!m) throw new NotFoundError();
    if (m.undoneAt) throw new ConflictError('This merge has already been undone.');
    const problems = await repo.undoMoves(tx, m);
    await repo.markUndone(tx, id, actor.userId);
    for (const personId of [m.kept, m.merged]) {
      await audit(tx, actor, {
        action: 'person.merge_undone',
        entityType: 'person_merge',
        entityId: id,
        personId,
        detail: { kept: m.kept, merged: m.merged, problems },
      });
    }
    return { contactId: m.contactId };
  });
}
