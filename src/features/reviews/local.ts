/**
 * The local child safeguarding practice review: reviewer, terms of reference, timeline, agency
 * reports, family involvement, the report's versions (draft, then final), and recommendations,
 * each owned by an agency with actions in the one action log. A recommendation closes only when
 * every one of its actions is done (`allActionsDone`).
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { londonToday } from '../../platform/dates.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import {
  actionsFrom,
  addActionIn,
  allActionsDone,
  newActionSchema,
  type NewActionInput,
} from '../actions/service.ts';
import * as repo from './repository/index.ts';
import {
  localReviewSchema,
  recommendationSchema,
  type LocalReviewInput,
  type RecommendationInput,
} from './schemas.ts';
import { lockedAt, visibleReview } from './shared.ts';

/** Saves the local review's details; a report typed in becomes its next version. */
export async function saveLocalReview(db: Db, actor: Actor, id: string, input: LocalReviewInput) {
  requirePermission(actor, 'review.manage');
  await visibleReview(db, actor, id);
  const v = parse(localReviewSchema, input);
  const problems = new Problems();
  if (v.final && !v.report) problems.add('report', 'Enter the final report');
  problems.check();
  return db.transaction(async (tx) => {
    await lockedAt(tx, actor, id, ['local_review'], 'Changing the local review');
    await repo.updateReview(tx, id, {
      reviewer: v.reviewer,
      terms_of_reference: v.termsOfReference,
      timeline: v.timeline ?? null,
      agency_reports: v.agencyReports ?? null,
      family_involvement: v.familyInvolvement ?? null,
    });
    const version = v.report
      ? await repo.addReportVersion(tx, actor.partnershipId, id, {
          text: v.report,
          final: v.final,
          by: actor.userId,
        })
      : undefined;
    await audit(tx, actor, {
      action: 'review.local_review_saved',
      entityType: 'review',
      entityId: id,
      detail: { version, final: v.final },
    });
    return { version };
  });
}

export async function addRecommendation(db: Db, actor: Actor, id: string, input: RecommendationInput) {
  requirePermission(actor, 'review.manage');
  await visibleReview(db, actor, id);
  const v = parse(recommendationSchema, input);
  const problems = new Problems();
  if (!(await repo.agencies(db, actor.partnershipId)).some((a) => a.id === v.ownerAgencyId))
    problems.add('ownerAgencyId', 'Select the agency that owns the recommendation from the list');
  problems.check();
  return db.transaction(async (tx) => {
    await lockedAt(tx, actor, id, ['local_review'], 'Adding a recommendation');
    const rec = await repo.insertRecommendation(tx, actor.partnershipId, id, v);
    await audit(tx, actor, {
      action: 'review.recommendation_added',
      entityType: 'review',
      entityId: id,
      detail: { recommendationId: rec.id, number: rec.number, ownerAgencyId: v.ownerAgencyId },
    });
    return rec;
  });
}

async function recommendationOf(db: Db, actor: Actor, id: string, recId: string) {
  const review = await visibleReview(db, actor, id);
  const rec = await repo.recommendation(db, id, recId);
  if (!rec) throw new NotFoundError();
  return { review, rec };
}

/** The recommendation for its action form (the business manager). */
export async function recommendationForAction(db: Db, actor: Actor, id: string, recId: string) {
  requirePermission(actor, 'review.manage');
  const { review, rec } = await recommendationOf(db, actor, id, recId);
  if (rec.closedOn)
    throw new ConflictError(`Recommendation ${rec.number} is closed: it takes no more actions.`);
  return { review, rec };
}

/** An action towards a recommendation, in the one action log (owned by any agency, due by a date). */
export async function addRecommendationAction(
  db: Db,
  actor: Actor,
  id: string,
  recId: string,
  input: NewActionInput,
) {
  const { review, rec } = await recommendationForAction(db, actor, id, recId);
  const v = parse(newActionSchema, input);
  return db.transaction(async (tx) => {
    await lockedAt(tx, actor, id, ['local_review', 'published', 'not_published'], 'Adding an action');
    return addActionIn(tx, actor, {
      ...v,
      sourceKind: 'review',
      sourceId: rec.id,
      sourceLabel: `Review ${review.reference}, recommendation ${rec.number}`,
      sourceHref: `/partnership/reviews/${id}#recommendation-${rec.number}`,
    });
  });
}

/** Closes a recommendation: refused while any of its actions is open, naming them. */
export async function closeRecommendation(db: Db, actor: Actor, id: string, recId: string) {
  requirePermission(actor, 'review.manage');
  const { rec } = await recommendationOf(db, actor, id, recId);
  if (rec.closedOn) throw new ConflictError(`Recommendation ${rec.number} is closed already.`);
  if (!(await allActionsDone(db, 'review', rec.id))) {
    const open = (await actionsFrom(db, actor, 'review', rec.id)).filter(
      (a) => a.status !== 'done' && a.status !== 'dropped',
    );
    throw new ConflictError(
      open.length === 0
        ? `Recommendation ${rec.number} has no actions yet: it closes when its actions are done.`
        : `Recommendation ${rec.number} cannot close while its actions are open: ${open.map((a) => `“${a.title}” (${a.ownerAgency})`).join(', ')}.`,
    );
  }
  return db.transaction(async (tx) => {
    await repo.closeRecommendation(tx, rec.id, londonToday(), actor.userId);
    await audit(tx, actor, {
      action: 'review.recommendation_closed',
      entityType: 'review',
      entityId: id,
      detail: { recommendationId: rec.id, number: rec.number },
    });
  });
}

/** The recommendations with their actions, for the review's page (the caller audits the read). */
export async function recommendationsWithActions(db: Db, actor: Actor, id: string) {
  const recs = await repo.recommendations(db, id);
  return Promise.all(
    recs.map(async (r) => {
      const actions = await actionsFrom(db, actor, 'review', r.id);
      return { ...r, actions, allDone: await allActionsDone(db, 'review', r.id) };
    }),
  );
}
