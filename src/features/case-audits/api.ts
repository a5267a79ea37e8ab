import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.ts';
import { idParam } from '../../platform/http/forms.ts';
import { answerSchema, planSchema } from './schemas.ts';
import { answerChild, auditDetail, auditList, childDetail, planAudit, type AnswerInput } from './service.ts';

/** The case audits' API: the same services, access and audit as the pages. */
export function caseAuditsApi(app: FastifyInstance): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/case-audits',
    summary: 'The partnership’s case audits, newest first',
    tag: 'Case audits',
    handler: async ({ db, actor }) => ({ audits: await auditList(db, actor) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/case-audits/:id',
    summary:
      'One case audit: its plan, agencies, auditors, sample (names only where you may open the record) and findings',
    tag: 'Case audits',
    handler: async ({ db, actor, params }) => {
      const { mayManage: _m, ...detail } = await auditDetail(db, actor, idParam({ params }));
      return detail;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/case-audits',
    summary: 'Plans a case audit and draws its sample (the same seed and criteria draw the same children)',
    tag: 'Case audits',
    body: planSchema,
    responses: { 201: 'The audit, as planned, with its sample' },
    handler: async ({ db, actor, body, reply }) => {
      const id = await planAudit(db, actor, body);
      reply.status(201);
      const { mayManage: _m, ...detail } = await auditDetail(db, actor, id);
      return detail;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/case-audits/:id/answers',
    summary: 'Your agency’s answers for one sampled child (`childRef`), while the audit runs',
    tag: 'Case audits',
    body: answerSchema,
    responses: { 201: 'Every agency’s answers for the child, as recorded' },
    handler: async ({ db, actor, params, body, reply }) => {
      const id = idParam({ params });
      const input = body as AnswerInput;
      await answerChild(db, actor, id, input);
      reply.status(201);
      const detail = await childDetail(db, actor, id, input.childRef);
      return { child: detail.child, answers: detail.answers };
    },
  });
}
