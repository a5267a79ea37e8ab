/**
 * Who sees a review, and the review as pages show it. The business manager (who runs reviews) and
 * the scrutineer see every review; an agency lead sees the reviews their agency takes part in (the
 * three statutory partners are told of every notification); the user who notified sees their own.
 * Pages show the child by the review's pseudonym; the child's name only to those who may open the
 * record (and that is audited as a read of the record).
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { hasPersonAccess } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { subtractWorkingDays } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';
import { due, doneIn, type Due } from '../../platform/due.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import * as repo from './repository/index.ts';
import { CRITERIA, STAGES, THEMES } from './schemas.ts';

export function mayViewReviews(actor: Actor): boolean {
  return can(actor.roles, 'review.read') || can(actor.roles, 'review.notify');
}

export function scopeOf(actor: Actor): repo.Scope {
  const contributes = can(actor.roles, 'review.contribute');
  return {
    all: can(actor.roles, 'review.read') && !contributes,
    userId: actor.userId,
    agencyId: contributes ? actor.agencyId : null,
  };
}

/** The review, if the actor may see it (404 otherwise, 403 without any review permission). */
export async function visibleReview(db: Db, actor: Actor, id: string): Promise<repo.ReviewRow> {
  if (!mayViewReviews(actor)) throw new ForbiddenError();
  const row = await repo.visibleReview(db, actor.partnershipId, scopeOf(actor), id);
  if (!row) throw new NotFoundError();
  return row;
}

/** The review for a change: visible, locked, at one of the stages the step needs. */
export async function lockedAt(
  tx: Db,
  actor: Actor,
  id: string,
  stages: readonly repo.Stage[],
  what: string,
): Promise<repo.ReviewRow> {
  await visibleReview(tx, actor, id);
  const row = (await repo.lockReview(tx, actor.partnershipId, id))!;
  if (!stages.includes(row.stage))
    throw new ConflictError(`${what} cannot be done now: this review is at “${STAGES.labelOf(row.stage)}”.`);
  return row;
}

export interface ReviewView extends repo.ReviewRow {
  stageLabel: string;
  criteriaLabels: string[];
  themeLabels: string[];
  /** The notification against its 5-working-day clock. */
  notification: { late: boolean; text: string; tag: string };
  /** The rapid review against its 15-working-day clock while it is open. */
  rapidDue?: Due;
  /** Publication date less 7 working days: the latest day to send the report to the panel and the SoS. */
  sendBy?: string;
  /** The child's name for those who may open the record. */
  childName?: string;
  /** Whether a decision about publication is recorded (publish or not). */
  hasDecision: boolean;
  href: string;
}

export function present(row: repo.ReviewRow, childName?: string): ReviewView {
  const today = londonToday();
  const rapidOpen = row.stage === 'notified' || row.stage === 'rapid_review';
  return {
    ...row,
    stageLabel: STAGES.labelOf(row.stage),
    criteriaLabels: row.criteria.map((c) => CRITERIA.labelOf(c)),
    themeLabels: row.themes.map((t) => THEMES.labelOf(t)),
    notification: doneIn(row.notificationDueOn, row.notifiedOn),
    rapidDue: rapidOpen ? due(row.rapidReviewDueOn, today) : undefined,
    sendBy: row.publicationOn ? subtractWorkingDays(row.publicationOn, 7) : undefined,
    childName,
    hasDecision: row.publish !== null,
    href: `/partnership/reviews/${row.id}`,
  };
}

/** The child's name when the actor may open the record (the caller audits the read). */
export async function childNameFor(db: Db, actor: Actor, row: repo.ReviewRow): Promise<string | undefined> {
  if (!row.personId || !(await hasPersonAccess(db, actor, row.personId))) return undefined;
  const [p] = await repo.identities(db, actor.partnershipId, [row.personId]);
  const current = p?.names.at(-1);
  return current ? [current.given, current.family].filter(Boolean).join(' ') : undefined;
}
