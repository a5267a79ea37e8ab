import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';

export const homeFeature: Feature = (app) => {
  app.get('/', async (req, reply) => {
    const actor = actorOf(req);
    return reply.render('home/views/home.njk', { title: 'Home', actor });
  });
};
