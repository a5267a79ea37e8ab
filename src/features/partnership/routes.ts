import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { arrangementsRoutes } from './arrangements-routes.ts';
import { meetingRoutes } from './meetings-routes.ts';
import { planRoutes } from './plan-routes.ts';
import { hub } from './service.ts';

export const partnershipFeature: Feature = async (app, { db }) => {
  app.get('/partnership', async (req, reply) => {
    const data = await hub(db, actorOf(req));
    return reply.render('partnership/views/hub.njk', { title: 'Partnership', ...data });
  });

  meetingRoutes(app, db);
  arrangementsRoutes(app, db);
  planRoutes(app, db);
};
