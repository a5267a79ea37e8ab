/** Practice reviews: the pages (and the public page of published reports), then the API. */
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/index.ts';
import type { Feature } from '../../platform/deps.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { UUID } from '../../platform/access/policy.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam, queryOf, type Body } from '../../platform/http/forms.ts';
import { withDrawing } from '../../platform/charts.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/validation.ts';
import { actionFormItems, newActionSchema } from '../actions/service.ts';
import { reviewsApi } from './api.ts';
import { notificationPdf, rapidReviewPdf } from './pdf.ts';
import { registerPublicationPages } from './publication-routes.ts';
import {
  addAnalysis,
  addImmediateAction,
  addRecommendation,
  addRecommendationAction,
  analysisSchema,
  assembleChronology,
  closeRecommendation,
  CRITERIA,
  learningAcrossReviews,
  listReviews,
  localReviewSchema,
  meetingSchema,
  notificationDocument,
  notifyForm,
  notifyIncident,
  notifySchema,
  periodSchema,
  rapidReviewReport,
  recommendationForAction,
  recommendationSchema,
  recordMeeting,
  reviewForStep,
  reviewPage,
  saveLocalReview,
  THEMES,
} from './service.ts';

export const V = 'reviews/views';
export const MESSAGES: Record<string, string> = {
  notified:
    'The national panel is notified. The statutory partners are told, and the child’s record is restricted.',
  assembled: 'The chronology is assembled from the agencies’ records for the period.',
  analysis: 'Your agency’s analysis is added to the rapid review.',
  decided: 'The rapid review’s meeting and decision are recorded.',
  action: 'The action is in the partnership’s action log.',
  local: 'The local review is saved.',
  recommendation: 'The recommendation is added: add its actions next.',
  closed: 'The recommendation is closed: all its actions are done.',
  publication: 'The publication decision is saved. The three statutory partners can now sign it off.',
  signed: 'Your agency has signed off the publication decision.',
  published: 'The report is published on the public page.',
};

const checked = (list: readonly { value: string; label: string }[], chosen: unknown) => {
  const values = Array.isArray(chosen) ? chosen : chosen ? [chosen] : [];
  return list.map((c) => ({ value: c.value, text: c.label, checked: values.includes(c.value) }));
};

function download(reply: FastifyReply, type: string, filename: string, body: Buffer) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

/** A form of one review's step: its page, and its post (which goes back to the review). */
function stepForm<S extends Parameters<typeof parseForm>[0]>(
  app: Parameters<Feature>[0],
  db: Db,
  o: {
    path: string;
    view: string;
    title: string;
    permission: 'review.manage' | 'review.contribute';
    schema: S;
    extra?: (actor: Actor, values: Body) => Promise<Record<string, unknown>> | Record<string, unknown>;
    initial?: (review: Awaited<ReturnType<typeof reviewForStep>>) => Record<string, unknown>;
    change: (actor: Actor, id: string, body: Body) => Promise<unknown>;
    done: string;
  },
) {
  const page = async (actor: Actor, id: string, values: Body) => ({
    title: o.title,
    review: await reviewForStep(db, actor, id, o.permission),
    ...(o.extra ? await o.extra(actor, values) : {}),
  });
  app.get(`/partnership/reviews/:id/${o.path}`, async (req, reply) => {
    const data = await page(actorOf(req), idParam(req), {});
    return reply.render(`${V}/${o.view}`, { ...data, values: o.initial ? o.initial(data.review) : {} });
  });
  formPost(app, `/partnership/reviews/:id/${o.path}`, ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: `${V}/${o.view}`,
      schema: o.schema,
      page: () => page(actor, id, body),
      change: async () => {
        await o.change(actor, id, body);
        return `/partnership/reviews/${id}?done=${o.done}`;
      },
    };
  });
}

export const reviewsFeature: Feature = (app, { db }) => {
  app.get('/partnership/reviews', async (req, reply) =>
    reply.render(`${V}/list.njk`, {
      title: 'Practice reviews',
      reviews: await listReviews(db, actorOf(req)),
      flash: flashOf(req, MESSAGES),
    }),
  );

  app.get('/partnership/reviews/learning', async (req, reply) => {
    const f = await learningAcrossReviews(db, actorOf(req));
    return reply.render(`${V}/learning.njk`, {
      title: 'Learning across reviews',
      ...f,
      chart: await withDrawing(f.chart),
    });
  });

  const notifyPage = async (actor: Actor, personId: string | undefined, values: Body) => ({
    title: 'Notify a serious incident',
    ...(await notifyForm(db, actor, personId)),
    criteria: checked(CRITERIA, values.criteria),
  });
  app.get('/partnership/reviews/notify', async (req, reply) => {
    const person = queryOf(req).person;
    if (person !== undefined && person !== '' && (typeof person !== 'string' || !UUID.test(person)))
      throw new NotFoundError();
    const personId = typeof person === 'string' && person ? person : undefined;
    return reply.render(`${V}/notify.njk`, { ...(await notifyPage(actorOf(req), personId, {})), values: {} });
  });
  formPost(app, '/partnership/reviews/notify', ({ actor, body }) => ({
    view: `${V}/notify.njk`,
    schema: notifySchema,
    page: () =>
      notifyPage(
        actor,
        typeof body.personId === 'string' && UUID.test(body.personId) ? body.personId : undefined,
        body,
      ),
    change: async () => {
      const r = await notifyIncident(db, actor, parseForm(notifySchema, body));
      return `/partnership/reviews/${r.id}/notification?done=notified`;
    },
  }));

  app.get('/partnership/reviews/:id', async (req, reply) => {
    const data = await reviewPage(db, actorOf(req), idParam(req));
    return reply.render(`${V}/review.njk`, {
      title: `Review ${data.review.reference}`,
      ...data,
      flash: flashOf(req, MESSAGES),
    });
  });

  app.get('/partnership/reviews/:id/notification', async (req, reply) => {
    const data = await notificationDocument(db, actorOf(req), idParam(req));
    return reply.render(`${V}/notification.njk`, {
      title: `Serious incident notification ${data.review.reference}`,
      ...data,
      flash: flashOf(req, MESSAGES),
    });
  });

  app.get('/partnership/reviews/:id/notification.pdf', async (req, reply) => {
    const data = await notificationDocument(db, actorOf(req), idParam(req));
    return download(
      reply,
      'application/pdf',
      `notification-${data.review.reference}.pdf`,
      await notificationPdf(data),
    );
  });

  app.get('/partnership/reviews/:id/report', async (req, reply) => {
    const data = await rapidReviewReport(db, actorOf(req), idParam(req));
    return reply.render(`${V}/report.njk`, { title: `Rapid review ${data.review.reference}`, ...data });
  });
  app.get('/partnership/reviews/:id/report.pdf', async (req, reply) => {
    const data = await rapidReviewReport(db, actorOf(req), idParam(req));
    return download(
      reply,
      'application/pdf',
      `rapid-review-${data.review.reference}.pdf`,
      await rapidReviewPdf(data),
    );
  });

  stepForm(app, db, {
    path: 'rapid-review',
    view: 'rapid-review.njk',
    title: 'Assemble the rapid review’s chronology',
    permission: 'review.manage',
    schema: periodSchema,
    initial: (r) => ({
      ...(r.periodFrom && { periodFrom: r.periodFrom }),
      ...(r.periodTo && { periodTo: r.periodTo }),
    }),
    change: (actor, id, body) => assembleChronology(db, actor, id, parseForm(periodSchema, body)),
    done: 'assembled',
  });
  stepForm(app, db, {
    path: 'analysis',
    view: 'analysis.njk',
    title: 'Your agency’s analysis',
    permission: 'review.contribute',
    schema: analysisSchema,
    change: (actor, id, body) => addAnalysis(db, actor, id, parseForm(analysisSchema, body)),
    done: 'analysis',
  });
  stepForm(app, db, {
    path: 'meeting',
    view: 'meeting.njk',
    title: 'The rapid review meeting and decision',
    permission: 'review.manage',
    schema: meetingSchema,
    extra: (_actor, values) => ({ themes: checked(THEMES, values.themes) }),
    change: (actor, id, body) => recordMeeting(db, actor, id, parseForm(meetingSchema, body)),
    done: 'decided',
  });
  stepForm(app, db, {
    path: 'actions/new',
    view: 'action-new.njk',
    title: 'Add an immediate action',
    permission: 'review.manage',
    schema: newActionSchema,
    extra: async (actor, values) => ({ actionItems: await actionFormItems(db, actor, values) }),
    change: (actor, id, body) => addImmediateAction(db, actor, id, parseForm(newActionSchema, body)),
    done: 'action',
  });
  stepForm(app, db, {
    path: 'local-review',
    view: 'local-review.njk',
    title: 'The local child safeguarding practice review',
    permission: 'review.manage',
    schema: localReviewSchema,
    initial: (r) => ({
      reviewer: r.reviewer ?? '',
      termsOfReference: r.termsOfReference ?? '',
      timeline: r.timeline ?? '',
      agencyReports: r.agencyReports ?? '',
      familyInvolvement: r.familyInvolvement ?? '',
    }),
    change: (actor, id, body) => saveLocalReview(db, actor, id, parseForm(localReviewSchema, body)),
    done: 'local',
  });
  stepForm(app, db, {
    path: 'recommendations/new',
    view: 'recommendation-new.njk',
    title: 'Add a recommendation',
    permission: 'review.manage',
    schema: recommendationSchema,
    extra: async (actor, values) => ({
      agencyItems: (await actionFormItems(db, actor, { ownerAgencyId: values.ownerAgencyId })).agencies,
      themes: checked(THEMES, values.themes),
    }),
    change: (actor, id, body) => addRecommendation(db, actor, id, parseForm(recommendationSchema, body)),
    done: 'recommendation',
  });

  const recActionPage = async (actor: Actor, id: string, recId: string, values: Body) => ({
    title: 'Add an action to the recommendation',
    ...(await recommendationForAction(db, actor, id, recId)),
    actionItems: await actionFormItems(db, actor, values),
  });
  app.get('/partnership/reviews/:id/recommendations/:recId/actions/new', async (req, reply) =>
    reply.render(`${V}/recommendation-action.njk`, {
      ...(await recActionPage(actorOf(req), idParam(req), idParam(req, 'recId'), {})),
      values: {},
    }),
  );
  formPost(app, '/partnership/reviews/:id/recommendations/:recId/actions/new', ({ req, actor, body }) => {
    const id = idParam(req);
    const recId = idParam(req, 'recId');
    return {
      view: `${V}/recommendation-action.njk`,
      schema: newActionSchema,
      page: () => recActionPage(actor, id, recId, body),
      change: async () => {
        await addRecommendationAction(db, actor, id, recId, parseForm(newActionSchema, body));
        return `/partnership/reviews/${id}?done=action`;
      },
    };
  });
  app.post('/partnership/reviews/:id/recommendations/:recId/close', async (req, reply) => {
    const id = idParam(req);
    await closeRecommendation(db, actorOf(req), id, idParam(req, 'recId'));
    return reply.redirect(`/partnership/reviews/${id}?done=closed`, 303);
  });

  registerPublicationPages(app, db);
  reviewsApi(app);
};
