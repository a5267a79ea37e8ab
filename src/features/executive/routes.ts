import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { executivePage } from './service.ts';

export const executiveFeature: Feature = (app, { db }) => {
  app.get('/partnership/executive', async (req, reply) =>
    reply.render('executive/views/executive.njk', {
      title: 'The executive’s page',
      panels: await executivePage(db, actorOf(req)),
    }),
  );
};
