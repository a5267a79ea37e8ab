import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { readsAcrossPartnership } from '../../platform/access/policy.ts';
import { homeData } from './service.ts';

export const homeFeature: Feature = (app, { db }) => {
  app.get('/', async (req, reply) => {
    const actor = actorOf(req);
    const data = await homeData(db, actor);
    return reply.render('home/views/home.njk', {
      title: 'Home',
      ...data,
      readsAcrossPartnership: readsAcrossPartnership(actor),
    });
  });
};
