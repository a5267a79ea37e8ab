import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.ts';
import {
  actionDetail,
  actionLog,
  addPartnershipAction,
  updateActionStatus,
  type ActionFilters,
} from './log.ts';
import { listQuerySchema, newActionSchema, statusSchema } from './schemas.ts';

const TAG = 'Actions';

export function actionsApi(app: FastifyInstance): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/actions',
    summary: 'The partnership’s actions, filtered by owner agency, status, source and overdue',
    tag: TAG,
    query: listQuerySchema,
    responses: {
      200: 'total; actions [{id, title, ownerAgencyId, ownerAgency, dueOn, status, rag, sourceKind, sourceLabel, sourceHref}]',
    },
    handler: async ({ db, actor, query }) => {
      const filters: ActionFilters = {
        ...(query.agency && { agencyId: query.agency }),
        ...(query.status && { status: query.status }),
        ...(query.source && { sourceKind: query.source }),
        ...(query.overdue === 'yes' && { overdueOnly: true }),
      };
      const log = await actionLog(db, actor, filters, { all: true });
      return { total: log.total, actions: log.actions };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/actions/:id',
    summary: 'One action, its history and the measure it should move (before and after)',
    tag: TAG,
    responses: { 200: 'The action' },
    handler: async ({ db, actor, params }) => {
      const d = await actionDetail(db, actor, params.id!);
      const { summary, ...action } = d.action;
      return { ...action, rag: summary.rag, measure: d.measure, history: d.history };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/actions',
    summary: 'Adds an action agreed by the partnership (the business manager)',
    tag: TAG,
    body: newActionSchema,
    responses: { 201: 'The action, as recorded' },
    handler: async ({ db, actor, body, reply }) => {
      reply.status(201);
      return addPartnershipAction(db, actor, body);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/actions/:id/status',
    summary:
      'Changes an action’s status; done needs evidence (the business manager, or the owning agency’s lead)',
    tag: TAG,
    body: statusSchema,
    responses: { 200: 'The action, as it now stands' },
    handler: async ({ db, actor, params, body }) => updateActionStatus(db, actor, params.id!, body),
  });
}
