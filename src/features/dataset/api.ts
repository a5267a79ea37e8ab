/** /api/v1/dataset: the year's figures with their definitions, for a partner's own analysis. */
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.ts';
import { apiYearQuery } from './schemas.ts';
import { currentYear, datasetFigures } from './service.ts';

export function datasetApi(app: FastifyInstance): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/dataset',
    summary:
      'The partnership dataset for a year from 1 April (`year`, default this one): each measure, its definition and figures',
    tag: 'Partnership dataset',
    query: apiYearQuery,
    responses: {
      200: 'year; from; to; refreshedAt; measures [key, area, title, definition, kind, snapshot, figures [period, periodStart, breakdown, group, value, base]]',
    },
    handler: async ({ db, actor, query }) => datasetFigures(db, actor, query.year ?? currentYear()),
  });
}
