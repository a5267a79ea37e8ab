/**
 * The published arrangements: versions drafted by the business manager, signed off by a lead of
 * each statutory partner, published when all have signed, and never edited after (a change is the
 * next version).
 */
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { londonToday } from '../../platform/dates.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { field, parse } from '../../platform/validation.ts';
import {
  agencyOf,
  insertSignoff,
  insertVersion,
  partnerSignoffs,
  publish,
  updateDraft,
  version,
  versions,
  type VersionRow,
} from './repository/arrangements.ts';

export const draftSchema = z.object({
  title: field.requiredText(200, 'Title', 'Enter the title'),
  body: field.requiredText(100_000, 'Text of the arrangements', 'Enter the text of the arrangements'),
});
export type DraftInput = z.infer<typeof draftSchema>;

export const PUBLISHED_LOCKED = (v: number) =>
  `Version ${v} is signed off and published, so it cannot be changed. Start a new version to change the arrangements.`;

/** Whether the actor may sign this version for their agency (the page offers it only then). */
function maySign(actor: Actor, v: VersionRow, signed: { agencyId: string; signedBy: string | null }[]) {
  if (v.status !== 'draft' || !can(actor.roles, 'partnership.sign_off')) return false;
  return signed.some((s) => s.agencyId === actor.agencyId && !s.signedBy);
}

export async function arrangementsOverview(db: Db, actor: Actor) {
  requirePermission(actor, 'assurance.read');
  const all = await versions(db, actor.partnershipId);
  await audit(db, actor, { action: 'arrangements.list' });
  return {
    versions: all,
    published: all.find((v) => v.status === 'published'),
    draft: all.find((v) => v.status === 'draft'),
    mayManage: can(actor.roles, 'partnership.manage'),
  };
}

async function found(db: Db, actor: Actor, id: string, lock = false): Promise<VersionRow> {
  const v = await version(db, actor.partnershipId, id, lock);
  if (!v) throw new NotFoundError();
  return v;
}

export async function versionPage(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'assurance.read');
  const v = await found(db, actor, id);
  const partners = await partnerSignoffs(db, actor.partnershipId, id);
  await audit(db, actor, { action: 'arrangements.read', entityType: 'arrangements_version', entityId: id });
  return {
    version: v,
    partners,
    mayEdit: v.status === 'draft' && can(actor.roles, 'partnership.manage'),
    maySign: maySign(actor, v, partners),
  };
}

/** The draft for the edit form; a published version is refused (409) with the reason. */
export async function draftForEdit(db: Db, actor: Actor, id: string): Promise<VersionRow> {
  requirePermission(actor, 'partnership.manage');
  const v = await found(db, actor, id);
  if (v.status !== 'draft') throw new ConflictError(PUBLISHED_LOCKED(v.version));
  return v;
}

/** Starts the next version from the latest text; one draft at a time. */
export async function startVersion(db: Db, actor: Actor): Promise<{ id: string }> {
  requirePermission(actor, 'partnership.manage');
  return db.transaction(async (tx) => {
    const all = await versions(tx, actor.partnershipId);
    const draft = all.find((v) => v.status === 'draft');
    if (draft) throw new ConflictError(`Version ${draft.version} is already in draft: change that one.`);
    const latest = all[0];
    const created = await insertVersion(tx, {
      pid: actor.partnershipId,
      title: latest?.title ?? 'Local safeguarding arrangements',
      body: latest?.body ?? '',
      by: actor.userId,
    });
    await audit(tx, actor, {
      action: 'arrangements.new_version',
      entityType: 'arrangements_version',
      entityId: created.id,
      detail: { version: created.version },
    });
    return { id: created.id };
  });
}

/**
 * Changes a draft. Sign-offs already given are withdrawn: the partners signed another text.
 * A published version is refused (409).
 */
export async function editDraft(db: Db, actor: Actor, id: string, input: DraftInput): Promise<void> {
  requirePermission(actor, 'partnership.manage');
  const d = parse(draftSchema, input);
  await db.transaction(async (tx) => {
    const v = await found(tx, actor, id, true);
    if (v.status !== 'draft') throw new ConflictError(PUBLISHED_LOCKED(v.version));
    const cleared = await updateDraft(tx, id, d.title, d.body);
    await audit(tx, actor, {
      action: 'arrangements.edit',
      entityType: 'arrangements_version',
      entityId: id,
      detail: { version: v.version, signoffsWithdrawn: cleared },
    });
  });
}

/**
 * Signs a draft for the actor's agency, which must be a statutory partner. When every statutory
 * partner has signed, the version is published (today) and locked.
 */
export async function signOff(db: Db, actor: Actor, id: string): Promise<{ published: boolean }> {
  requirePermission(actor, 'partnership.sign_off');
  const agency = await agencyOf(db, actor.partnershipId, actor.agencyId);
  if (!agency?.statutory)
    throw new ForbiddenError(
      'Only a lead of one of the three statutory partners can sign off the arrangements.',
    );
  return db.transaction(async (tx) => {
    const v = await found(tx, actor, id, true);
    if (v.status !== 'draft') throw new ConflictError(PUBLISHED_LOCKED(v.version));
    const partners = await partnerSignoffs(tx, actor.partnershipId, id);
    if (partners.some((p) => p.agencyId === actor.agencyId && p.signedBy))
      throw new ConflictError(`${agency.name} has already signed off version ${v.version}.`);
    await insertSignoff(tx, actor.partnershipId, id, actor.agencyId, actor.userId);
    const published = partners.every((p) => p.signedBy || p.agencyId === actor.agencyId);
    if (published) await publish(tx, id, londonToday());
    await audit(tx, actor, {
      action: 'arrangements.sign_off',
      entityType: 'arrangements_version',
      entityId: id,
      detail: { version: v.version, agencyId: actor.agencyId, published },
    });
    return { published };
  });
}
