import type { FastifyReply } from 'fastify';
import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { bodyOf, flashOf, queryOf, textParam } from '../../platform/http/forms.ts';
import { parse } from '../../platform/validation.ts';
import { datasetApi } from './api.ts';
import { refreshSchema, yearQuery } from './schemas.ts';
import { AREA_KEYS, datasetArea, datasetCsv, datasetOverview, refreshYear } from './service.ts';

const V = 'dataset/views';
const MESSAGES: Record<string, string> = { refreshed: 'The figures are worked out again from the records' };

function download(reply: FastifyReply, filename: string, body: string) {
  return reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff')
    .send(body);
}

export const datasetFeature: Feature = (app, { db }) => {
  datasetApi(app);

  app.get('/partnership/dataset', async (req, reply) => {
    const { year } = yearQuery.parse(queryOf(req));
    const data = await datasetOverview(db, actorOf(req), year);
    return reply.render(`${V}/overview.njk`, {
      title: 'The partnership dataset',
      ...data,
      flash: flashOf(req, MESSAGES),
    });
  });

  app.get('/partnership/dataset.csv', async (req, reply) => {
    const { year } = yearQuery.parse(queryOf(req));
    return download(reply, `partnership-dataset-${year}.csv`, await datasetCsv(db, actorOf(req), year));
  });

  app.post('/partnership/dataset/refresh', async (req, reply) => {
    const { year } = parse(refreshSchema, bodyOf(req));
    await refreshYear(db, actorOf(req), year);
    return reply.redirect(`/partnership/dataset?year=${year}&done=refreshed`, 303);
  });

  app.get('/partnership/dataset/:area', async (req, reply) => {
    const area = textParam(req, 'area', AREA_KEYS);
    const { year } = yearQuery.parse(queryOf(req));
    const data = await datasetArea(db, actorOf(req), area, year);
    return reply.render(`${V}/area.njk`, { title: `${data.area.title}: the partnership dataset`, ...data });
  });
};
