/**
 * Practice reviews: from a serious incident notification, through the rapid review and the local
 * child safeguarding practice review, to publication (or reasons not to publish), with every
 * recommendation followed in the one action log. What other features and the routes call.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { aboutPerson, audit } from '../../platform/audit.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { actionsFrom } from '../actions/service.ts';
import { recommendationsWithActions } from './local.ts';
import * as repo from './repository/index.ts';
import { childNameFor, mayViewReviews, present, scopeOf, visibleReview } from './shared.ts';

export { notifyForm, notifyIncident, restrictForReview } from './notify.ts';
export { assembleChronology, addAnalysis, recordMeeting, addImmediateAction } from './rapid.ts';
export {
  saveLocalReview,
  addRecommendation,
  addRecommendationAction,
  closeRecommendation,
  recommendationForAction,
} from './local.ts';
export {
  publicationPage,
  savePublication,
  signOffDecision,
  publishReview,
  publishedReports,
} from './publication.ts';
export { learningAcrossReviews, executivePanel } from './learning.ts';
export * from './schemas.ts';
export { mayViewReviews };

/** The reviews the actor may see, newest first (pseudonyms only: no names on lists). */
export async function listReviews(db: Db, actor: Actor) {
  if (!can(actor.roles, 'review.read')) throw new ForbiddenError();
  const rows = await repo.visibleReviews(db, actor.partnershipId, scopeOf(actor));
  await audit(db, actor, { action: 'review.list_viewed', detail: { n: rows.length } });
  return rows.map((r) => present(r));
}

/** One review with everything it holds that the actor may see, and the steps they may take. */
export async function reviewPage(db: Db, actor: Actor, id: string) {
  const row = await visibleReview(db, actor, id);
  const childName = await childNameFor(db, actor, row);
  await audit(db, actor, {
    action: 'review.viewed',
    entityType: 'review',
    entityId: id,
    personId: childName ? row.personId : null,
  });
  const review = present(row, childName);
  const manages = can(actor.roles, 'review.manage');
  const agencies = await repo.agencyParts(db, id);
  const mine = agencies.find((a) => a.agencyId === actor.agencyId);
  const partners = await repo.signOffs(db, actor.partnershipId, id);
  const myPartner = partners.find((p) => p.agencyId === actor.agencyId);
  const canReadReview = can(actor.roles, 'review.read');
  return {
    review,
    agencies,
    chronology: canReadReview ? await repo.chronology(db, id) : [],
    subjects: canReadReview ? (await repo.subjects(db, id)).filter((s) => s.role !== 'professional') : [],
    immediateActions: await actionsFrom(db, actor, 'review', id),
    recommendations: await recommendationsWithActions(db, actor, id),
    versions: canReadReview ? await repo.reportVersions(db, id) : [],
    signOffs: partners,
    may: {
      assemble: manages && ['notified', 'rapid_review'].includes(row.stage) && !!row.personId,
      analyse: can(actor.roles, 'review.contribute') && row.stage === 'rapid_review' && !!mine,
      meeting: manages && row.stage === 'rapid_review' && !!row.chronologyAssembledAt,
      act: manages && ['rapid_review', 'local_review', 'not_commissioned'].includes(row.stage),
      local: manages && row.stage === 'local_review',
      recommendActions: manages && ['local_review', 'published', 'not_published'].includes(row.stage),
      publication: manages && row.stage === 'local_review',
      signOff:
        can(actor.roles, 'partnership.sign_off') &&
        row.stage === 'local_review' &&
        row.publish !== null &&
        !!myPartner &&
        !myPartner.signedBy,
      report: canReadReview && !!row.rapidCompletedOn,
    },
  };
}

/** The notification document (what went to the national panel), for its notifier and review readers. */
export async function notificationDocument(db: Db, actor: Actor, id: string) {
  if (!mayViewReviews(actor)) throw new ForbiddenError();
  const row = await visibleReview(db, actor, id);
  const childName = await childNameFor(db, actor, row);
  await audit(db, actor, {
    action: 'review.notification_viewed',
    entityType: 'review',
    entityId: id,
    personId: childName ? row.personId : null,
  });
  if (childName && row.personId) await audit(db, actor, aboutPerson(row.personId, 'review.child_named'));
  return { review: present(row, childName), agencies: await repo.agencyParts(db, id) };
}

/** The rapid review report (HTML and PDF): pseudonyms only, by agency. */
export async function rapidReviewReport(db: Db, actor: Actor, id: string) {
  requirePermission(actor, 'review.read');
  const row = await visibleReview(db, actor, id);
  await audit(db, actor, { action: 'review.report_viewed', entityType: 'review', entityId: id });
  const chronology = await repo.chronology(db, id);
  const agencies = await repo.agencyParts(db, id);
  const byAgency = agencies.map((a) => ({
    ...a,
    entries: chronology.filter((c) => c.agencyId === a.agencyId),
  }));
  return {
    review: present(row),
    byAgency,
    immediateActions: await actionsFrom(db, actor, 'review', id),
  };
}

/** The review for a step's form: the step's permission, then the review (audited as viewed). */
export async function reviewForStep(
  db: Db,
  actor: Actor,
  id: string,
  permission: 'review.manage' | 'review.contribute',
) {
  requirePermission(actor, permission);
  const row = await visibleReview(db, actor, id);
  await audit(db, actor, { action: 'review.viewed', entityType: 'review', entityId: id });
  return present(row);
}
