import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can, isRole, ROLE_LABELS } from '../../platform/access/roles.ts';
import { aboutPerson, audit, auditMany, verifyAuditChain, type ChainCheck } from '../../platform/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { field, parse } from '../../platform/validation.ts';
import { personHeading, type PersonHeading } from '../people/service.ts';
import { actionLabel } from './labels.ts';
import * as repo from './repository.ts';

export const EVENTS_PAGE_SIZE = 50;
const WINDOW_EVENTS_LIMIT = 1000;
const QUEUE_LIMIT = 200;
const REVIEWED_DAYS = 90;

export interface ShownEvent extends repo.EventRow {
  label: string;
  roleLabels: string;
}

function shown(e: repo.EventRow): ShownEvent {
  const roles = (e.role ?? '')
    .split(',')
    .filter(Boolean)
    .map((r) => (isRole(r) ? ROLE_LABELS[r] : r));
  return { ...e, label: actionLabel(e.action, e.page), roleLabels: roles.join(', ') };
}

/**
 * "Who has looked at this record": the person's audit events, newest first. Managers see it for
 * people they may open (the access check of personHeading); the data protection officer for anyone
 * in the partnership. Looking is itself audited.
 */
export async function personViews(db: Db, actor: Actor, personId: string, page: number) {
  const anyone = can(actor.roles, 'audit.any_person_views');
  if (!anyone) requirePermission(actor, 'audit.person_views');
  let person: PersonHeading | undefined;
  if (anyone) {
    person = await repo.personForDpo(db, actor.partnershipId, personId);
    if (!person) throw new NotFoundError();
  } else {
    person = (await personHeading(db, actor, personId)).person;
  }
  const { events, total } = await repo.eventsForPerson(
    db,
    actor.partnershipId,
    person.id,
    EVENTS_PAGE_SIZE,
    (page - 1) * EVENTS_PAGE_SIZE,
  );
  await audit(db, actor, aboutPerson(person.id, 'audit.person_views.view', { page }));
  return { person, events: events.map(shown), total };
}

export interface QueueItem extends repo.BreakGlassRow {
  looked: { label: string; n: number }[];
}

/** Break-glass uses awaiting review and those reviewed recently, with what was looked at. */
export async function breakGlassQueue(db: Db, actor: Actor) {
  requirePermission(actor, 'breakglass.review');
  const [awaiting, reviewed] = [
    await repo.awaitingReview(db, actor.partnershipId, QUEUE_LIMIT),
    await repo.recentlyReviewed(db, actor.partnershipId, REVIEWED_DAYS, QUEUE_LIMIT),
  ];
  const all = [...awaiting, ...reviewed];
  const summaries = await repo.windowSummaries(
    db,
    actor.partnershipId,
    all.map((b) => b.id),
  );
  const withLooks = (b: repo.BreakGlassRow): QueueItem => ({
    ...b,
    looked: summaries
      .filter((s) => s.id === b.id)
      .map((s) => ({ label: actionLabel(s.action, s.page), n: s.n })),
  });
  await auditMany(
    db,
    actor,
    all.map((b) => ({
      action: 'audit.break_glass.list',
      entityType: 'break_glass',
      entityId: b.id,
      personId: b.personId,
    })),
  );
  return {
    awaiting: awaiting.map(withLooks),
    reviewed: reviewed.map(withLooks),
    reviewedDays: REVIEWED_DAYS,
  };
}

/** One break-glass use with every event of it, for review. */
export async function breakGlassDetail(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'breakglass.review');
  const b = await repo.findBreakGlass(db, actor.partnershipId, id);
  if (!b) throw new NotFoundError();
  const events = await repo.windowEvents(db, actor.partnershipId, b, WINDOW_EVENTS_LIMIT);
  await audit(db, actor, {
    action: 'audit.break_glass.view',
    entityType: 'break_glass',
    entityId: b.id,
    personId: b.personId,
  });
  return { breakGlass: b, events: events.map(shown), capped: events.length >= WINDOW_EVENTS_LIMIT };
}

export const reviewSchema = z
  .object({
    outcome: z.enum(['appropriate', 'inappropriate'], {
      error: 'Select whether the use of break-glass was appropriate',
    }),
    note: field.text(2000, 'Note'),
  })
  .superRefine((v, ctx) => {
    if (v.outcome === 'inappropriate' && !v.note)
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: 'Say why the use was inappropriate and what will happen next',
      });
  });

export type ReviewInput = z.infer<typeof reviewSchema>;

/** Records the review of a break-glass use: who reviewed it, when, the outcome and the note. */
export async function reviewBreakGlass(
  db: Db,
  actor: Actor,
  bid: string,
  review: ReviewInput,
): Promise<void> {
  requirePermission(actor, 'breakglass.review');
  await db.transaction(async (tx) => {
    const b = await repo.findBreakGlass(tx, actor.partnershipId, bid, true);
    if (!b) throw new NotFoundError();
    if (b.userId === actor.userId) throw new ForbiddenError('You cannot review your own use of break-glass.');
    if (b.reviewedAt) throw new ConflictError('This use of break-glass has already been reviewed.');
    const input = parse(reviewSchema, review);
    await repo.recordReview(tx, actor.partnershipId, bid, {
      by: actor.userId,
      outcome: input.outcome,
      note: input.note ?? null,
    });
    await audit(tx, actor, {
      action: 'breakglass.review',
      entityType: 'break_glass',
      entityId: bid,
      personId: b.personId,
      detail: { outcome: input.outcome, breakGlassUserId: b.userId },
    });
  });
}

/** Checks the partnership's audit chain; the check itself is audited. */
export async function verifyChain(db: Db, actor: Actor): Promise<ChainCheck> {
  requirePermission(actor, 'audit.verify');
  const result = await verifyAuditChain(db, actor.partnershipId);
  await audit(db, actor, {
    action: 'audit.verify',
    entityType: 'audit_event',
    detail: { ok: result.ok, checked: result.checked, head: result.head, brokenAt: result.brokenAt },
  });
  return result;
}
export { actionLabel } from './labels.ts';
