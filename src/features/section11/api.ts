import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.ts';
import { apiAnswerSchema, listQuerySchema } from './schemas.ts';
import * as svc from './service.ts';

/** `/api/v1/self-assessments`: the same access, rules and audit as the pages. */
export function apiRoutes(app: FastifyInstance): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/self-assessments',
    summary: 'Section 11 and schools’ self-assessments, newest round first (?round= for one round)',
    tag: 'Section 11',
    query: listQuerySchema,
    handler: async ({ db, actor, query }) => ({
      selfAssessments: await svc.listAssessments(db, actor, query.round),
    }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/self-assessments/:id',
    summary: 'One self-assessment: each standard’s answer and its peer challenges',
    tag: 'Section 11',
    handler: async ({ db, actor, params }) => {
      const v = await svc.assessmentView(db, actor, params.id!);
      return { ...v.assessment, answers: v.answers };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/self-assessments/:id/answers',
    summary: 'Answers one standard of your agency’s draft self-assessment (rating, narrative, evidence)',
    tag: 'Section 11',
    body: apiAnswerSchema,
    responses: { 201: 'The answer, saved', 409: 'The self-assessment has been submitted' },
    handler: async ({ db, actor, params, body, reply }) => {
      const { standardId, ...answer } = body;
      const saved = await svc.saveAnswer(db, actor, params.id!, standardId, answer);
      reply.status(201);
      return saved;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/self-assessments/:id/submit',
    summary: 'Submits your agency’s self-assessment: every standard rated, answers carried forward reviewed',
    tag: 'Section 11',
    responses: { 200: 'The self-assessment, submitted', 409: 'Already submitted' },
    handler: async ({ db, actor, params }) => {
      await svc.submitAssessment(db, actor, params.id!);
      return (await svc.assessmentView(db, actor, params.id!)).assessment;
    },
  });
}
