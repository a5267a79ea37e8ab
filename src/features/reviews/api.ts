/**
 * /api/v1/serious-incidents, /api/v1/rapid-reviews, /api/v1/practice-reviews and their steps: the
 * same services as the pages, so the same access, rules and audit. Children by pseudonym; the
 * child's record id only to a caller who may open the record.
 */
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.ts';
import { newActionSchema } from '../actions/service.ts';
import {
  addAnalysis,
  addImmediateAction,
  addRecommendation,
  addRecommendationAction,
  analysisSchema,
  assembleChronology,
  closeRecommendation,
  listReviews,
  localReviewSchema,
  meetingSchema,
  notificationDocument,
  notifyIncident,
  notifySchema,
  periodSchema,
  publicationSchema,
  publishReview,
  rapidReviewReport,
  recommendationSchema,
  recordMeeting,
  reviewPage,
  saveLocalReview,
  savePublication,
} from './service.ts';
import type { ReviewView } from './shared.ts';

function reviewJson(r: ReviewView) {
  return {
    id: r.id,
    reference: r.reference,
    pseudonym: r.pseudonym,
    child: r.childName ? { id: r.personId, name: r.childName } : null,
    stage: r.stage,
    criteria: r.criteria,
    whatHappened: r.whatHappened,
    awareOn: r.awareOn,
    notificationDueOn: r.notificationDueOn,
    notifiedOn: r.notifiedOn,
    notifiedLate: r.notification.late,
    rapidReviewDueOn: r.rapidReviewDueOn,
  };
}

function rapidJson(r: ReviewView) {
  return {
    ...reviewJson(r),
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    meetingOn: r.meetingOn,
    meetingNotes: r.meetingNotes,
    learning: r.learning,
    themes: r.themes,
    commission: r.commission,
    decisionReasons: r.decisionReasons,
    panelResponse: r.panelResponse,
    completedOn: r.rapidCompletedOn,
  };
}

const RAPID = ['rapid_review', 'not_commissioned', 'local_review', 'not_published', 'published'];
const PRACTICE = ['local_review', 'not_published', 'published'];

export function reviewsApi(app: FastifyInstance): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/serious-incidents',
    summary: 'The serious incident notifications you may see, newest first',
    tag: 'Practice reviews',
    responses: { 200: 'notifications [{id, reference, pseudonym, stage, criteria, notifiedOn, …}]' },
    handler: async ({ db, actor }) => ({ notifications: (await listReviews(db, actor)).map(reviewJson) }),
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/serious-incidents',
    summary: 'Notifies the national panel of a serious incident (the council); restricts the child’s record',
    tag: 'Practice reviews',
    body: notifySchema,
    responses: { 201: 'id, reference' },
    handler: async ({ db, actor, body, reply }) => {
      reply.status(201);
      return notifyIncident(db, actor, body);
    },
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/serious-incidents/:id',
    summary: 'One notification, as sent, with the partners told',
    tag: 'Practice reviews',
    responses: { 200: 'notification; partnersTold [{agency, toldAt}]' },
    handler: async ({ db, actor, params }) => {
      const { review, agencies } = await notificationDocument(db, actor, params.id!);
      return {
        ...reviewJson(review),
        partnersTold: agencies.filter((a) => a.toldAt).map((a) => ({ agency: a.agency, toldAt: a.toldAt })),
      };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/rapid-reviews',
    summary: 'The rapid reviews you may see (begun, with their chronology assembled)',
    tag: 'Practice reviews',
    responses: { 200: 'rapidReviews [...]' },
    handler: async ({ db, actor }) => ({
      rapidReviews: (await listReviews(db, actor)).filter((r) => RAPID.includes(r.stage)).map(rapidJson),
    }),
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/rapid-reviews/:id',
    summary: 'One rapid review: the decision, each agency’s chronology and analysis, immediate actions',
    tag: 'Practice reviews',
    responses: { 200: 'rapid review; agencies [{agency, entries, analysis, notRecorded}]; immediateActions' },
    handler: async ({ db, actor, params }) => {
      const r = await rapidReviewReport(db, actor, params.id!);
      return {
        ...rapidJson(r.review),
        agencies: r.byAgency.map((a) => ({
          agencyId: a.agencyId,
          agency: a.agency,
          entries: a.entries.map((e) => ({
            occurredOn: e.occurredOn,
            subject: e.subject,
            category: e.category,
            summary: e.summary,
          })),
          analysis: a.analysis,
          notRecorded: a.notRecorded,
        })),
        immediateActions: r.immediateActions,
      };
    },
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/rapid-reviews/:id/chronology',
    summary: 'Assembles the multi-agency chronology of the child, siblings and linked adults for a period',
    tag: 'Practice reviews',
    body: periodSchema,
    responses: {
      200: 'entries, people',
      409: 'The review is past its rapid review, or the child is not known',
    },
    handler: async ({ db, actor, params, body }) => assembleChronology(db, actor, params.id!, body),
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/rapid-reviews/:id/analysis',
    summary: 'Your agency’s analysis of its involvement, and what it did not record',
    tag: 'Practice reviews',
    body: analysisSchema,
    responses: { 204: 'Added', 409: 'The rapid review is not under way' },
    handler: async ({ db, actor, params, body, reply }) => {
      await addAnalysis(db, actor, params.id!, body);
      return reply.status(204).send();
    },
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/rapid-reviews/:id/decision',
    summary: 'The meeting, learning, themes and the decision whether to commission a local review',
    tag: 'Practice reviews',
    body: meetingSchema,
    responses: { 200: 'commission', 409: 'The rapid review is not under way' },
    handler: async ({ db, actor, params, body }) => recordMeeting(db, actor, params.id!, body),
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/rapid-reviews/:id/actions',
    summary: 'An immediate safety action, into the partnership’s action log',
    tag: 'Practice reviews',
    body: newActionSchema,
    responses: { 201: 'id' },
    handler: async ({ db, actor, params, body, reply }) => {
      reply.status(201);
      return addImmediateAction(db, actor, params.id!, body);
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/practice-reviews',
    summary: 'The local child safeguarding practice reviews you may see',
    tag: 'Practice reviews',
    responses: { 200: 'practiceReviews [...]' },
    handler: async ({ db, actor }) => ({
      practiceReviews: (await listReviews(db, actor))
        .filter((r) => PRACTICE.includes(r.stage))
        .map(reviewJson),
    }),
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/practice-reviews/:id',
    summary:
      'One practice review: the local review, report versions, recommendations and their actions, publication',
    tag: 'Practice reviews',
    responses: { 200: 'review; recommendations [{number, text, ownerAgency, closedOn, actions}]; signOffs' },
    handler: async ({ db, actor, params }) => {
      const p = await reviewPage(db, actor, params.id!);
      const r = p.review;
      return {
        ...rapidJson(r),
        reviewer: r.reviewer,
        termsOfReference: r.termsOfReference,
        timeline: r.timeline,
        agencyReports: r.agencyReports,
        familyInvolvement: r.familyInvolvement,
        reportVersions: p.versions.map((v) => ({ version: v.version, final: v.final, by: v.by, at: v.at })),
        recommendations: p.recommendations.map((rec) => ({
          id: rec.id,
          number: rec.number,
          text: rec.text,
          ownerAgency: rec.ownerAgency,
          themes: rec.themes,
          closedOn: rec.closedOn,
          actions: rec.actions,
        })),
        publish: r.publish,
        publishReasons: r.publishReasons,
        publicationOn: r.publicationOn,
        sendToPanelBy: r.sendBy ?? null,
        publishedOn: r.publishedOn,
        signOffs: p.signOffs,
      };
    },
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/practice-reviews/:id/report',
    summary: 'The local review’s details; a report given becomes its next version',
    tag: 'Practice reviews',
    body: localReviewSchema,
    responses: { 200: 'version' },
    handler: async ({ db, actor, params, body }) => saveLocalReview(db, actor, params.id!, body),
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/practice-reviews/:id/recommendations',
    summary: 'Adds a recommendation owned by an agency',
    tag: 'Practice reviews',
    body: recommendationSchema,
    responses: { 201: 'id, number' },
    handler: async ({ db, actor, params, body, reply }) => {
      reply.status(201);
      return addRecommendation(db, actor, params.id!, body);
    },
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/practice-reviews/:id/recommendations/:recId/actions',
    summary: 'An action towards a recommendation, into the partnership’s action log',
    tag: 'Practice reviews',
    body: newActionSchema,
    responses: { 201: 'id', 409: 'The recommendation is closed' },
    handler: async ({ db, actor, params, body, reply }) => {
      reply.status(201);
      return addRecommendationAction(db, actor, params.id!, params.recId!, body);
    },
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/practice-reviews/:id/publication',
    summary: 'The decision to publish or not, with reasons (withdraws sign-offs given)',
    tag: 'Practice reviews',
    body: publicationSchema,
    responses: { 204: 'Saved' },
    handler: async ({ db, actor, params, body, reply }) => {
      await savePublication(db, actor, params.id!, body);
      return reply.status(204).send();
    },
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/practice-reviews/:id/recommendations/:recId/close',
    summary: 'Closes a recommendation: refused (409) while any of its actions is open, naming them',
    tag: 'Practice reviews',
    responses: { 204: 'Closed', 409: 'Actions still open, or closed already' },
    handler: async ({ db, actor, params, reply }) => {
      await closeRecommendation(db, actor, params.id!, params.recId!);
      return reply.status(204).send();
    },
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/practice-reviews/:id/publish',
    summary:
      'Publishes the anonymised report: refused (400) without the three partners’ sign-off, or while it names anyone',
    tag: 'Practice reviews',
    responses: {
      200: 'publishedOn',
      400: 'Not signed off, or the report still names people (each hit named)',
    },
    handler: async ({ db, actor, params }) => publishReview(db, actor, params.id!),
  });
}
