/**
 * The serious incident notification: the council tells the national panel within 5 working days of
 * becoming aware (`si-notification`); the rapid review's clock (`rapid-review`, 15 working days)
 * starts on the day it is sent. The three statutory partners are told, and the child's record is
 * restricted from then on to those who could already open it (docs/access.md, restricted records).
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import {
  personAccessMany,
  requirePermission,
  requirePersonWriteAccess,
  UUID,
} from '../../platform/access/policy.ts';
import { isRole, RECORD_PARTS, ROLES, ROLE_PERMISSIONS } from '../../platform/access/roles.ts';
import { aboutPerson, audit } from '../../platform/audit.ts';
import { dueDate } from '../../platform/clocks.ts';
import { londonToday } from '../../platform/dates.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { personHeading } from '../people/service.ts';
import * as repo from './repository/index.ts';
import { notifySchema, type NotifyInput } from './schemas.ts';

function requireCouncil(actor: Actor): void {
  requirePermission(actor, 'review.notify');
  if (actor.agencyKind !== 'local_authority')
    throw new ForbiddenError('The council notifies the national panel of a serious incident.');
}

/** The notification form: for a child of the record (the notifier must be able to act on it), or by hand. */
export async function notifyForm(db: Db, actor: Actor, personId?: string) {
  requireCouncil(actor);
  if (!personId) return { person: undefined };
  await requirePersonWriteAccess(db, actor, personId);
  const { person } = await personHeading(db, actor, personId);
  await audit(db, actor, aboutPerson(personId, 'review.notify_form_viewed'));
  return {
    person: {
      id: person.id,
      name: [person.givenName, person.familyName].filter(Boolean).join(' '),
      kind: person.kind,
    },
  };
}

/** Who may open the record now: they keep access once it is restricted. */
export async function currentReaders(tx: Db, actor: Actor, personId: string): Promise<string[]> {
  const readingRoles = ROLES.filter((r) =>
    Object.values(RECORD_PARTS).some((p) => ROLE_PERMISSIONS[r].includes(p)),
  );
  const users = await repo.possibleReaders(tx, actor.partnershipId, readingRoles);
  const out = [actor.userId];
  for (const u of users) {
    const other: Actor = {
      ...u,
      partnershipId: actor.partnershipId,
      roles: u.roles.filter(isRole),
      via: 'web',
    };
    const access = await personAccessMany(tx, other, [personId]);
    if (access.get(personId)?.canOpen) out.push(u.userId);
  }
  return [...new Set(out)];
}

/**
 * Restricts the child's record to those who may open it now (and the actor): the restriction of a
 * notification. Returns how many users keep access. The caller audits, in its transaction.
 */
export async function restrictForReview(tx: Db, actor: Actor, personId: string): Promise<number> {
  const readers = await currentReaders(tx, actor, personId);
  await repo.restrictRecord(tx, actor.partnershipId, personId, readers);
  return readers.length;
}

/** Notifies the national panel: the review starts, partners are told, the record is restricted. */
export async function notifyIncident(db: Db, actor: Actor, input: NotifyInput) {
  requireCouncil(actor);
  // The record first: someone who may not act on the child learns nothing of it.
  const raw = typeof input?.personId === 'string' ? input.personId.trim().toLowerCase() : '';
  if (UUID.test(raw)) await requirePersonWriteAccess(db, actor, raw);
  const v = parse(notifySchema, input);
  const problems = new Problems();
  if (v.personId) {
    const p = await repo.personKind(db, actor.partnershipId, v.personId);
    if (p?.kind !== 'child') problems.add('personId', 'Choose a child: a serious incident is about a child');
  }
  problems.check();
  const today = londonToday();
  return db.transaction(async (tx) => {
    const reference = await repo.nextReference(tx, actor.partnershipId, today.slice(0, 4));
    const id = await repo.insertReview(tx, actor.partnershipId, {
      reference,
      personId: v.personId ?? null,
      childDescription: v.personId ? null : (v.childDescription ?? null),
      pseudonym: v.pseudonym,
      criteria: v.criteria,
      whatHappened: v.whatHappened,
      awareOn: v.awareOn,
      notificationDueOn: dueDate('si-notification', v.awareOn),
      notifiedOn: today,
      notifiedBy: actor.userId,
      notifierAgencyId: actor.agencyId,
      rapidReviewDueOn: dueDate('rapid-review', today),
    });
    const partners = await repo.statutoryPartners(tx, actor.partnershipId);
    for (const a of partners) await repo.addAgency(tx, actor.partnershipId, id, a.id, true);
    await repo.addAgency(tx, actor.partnershipId, id, actor.agencyId, true);
    await repo.addSubject(tx, actor.partnershipId, id, {
      personId: v.personId ?? null,
      role: 'child',
      name: null,
      pseudonym: v.pseudonym,
    });
    const keptAccess = v.personId ? await restrictForReview(tx, actor, v.personId) : 0;
    await audit(tx, actor, {
      action: 'review.notified',
      entityType: 'review',
      entityId: id,
      personId: v.personId ?? null,
      detail: { reference, criteria: v.criteria, partnersTold: partners.map((p) => p.id), keptAccess },
    });
    return { id, reference };
  });
}
