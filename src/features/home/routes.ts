import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { readsAcrossPartnership } from '../../platform/access/policy.ts';
import { queryOf } from '../../platform/http/forms.ts';
import { homeData } from './service.ts';

/** A page number from the address: a whole number from 1, else the first page. */
function pageOf(raw: unknown): number {
  const n = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
  return n > 0 ? n : 1;
}

export const homeFeature: Feature = (app, { db }) => {
  app.get('/', async (req, reply) => {
    const actor = actorOf(req);
    const data = await homeData(db, actor, pageOf(queryOf(req).page));
    return reply.render('home/views/home.njk', {
      title: 'Home',
      ...data,
      readsAcrossPartnership: readsAcrossPartnership(actor),
    });
  });
};
