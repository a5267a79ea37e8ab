/** The notification outbox for administrators: what has been, and is waiting to be, sent. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { queryOf } from '../../../platform/http/forms.ts';
import { parse } from '../../../platform/validation.ts';
import { outboxQuerySchema } from '../schemas.ts';
import { listOutbox } from '../service.ts';

export async function outboxPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/admin/notifications', async (req, reply) => {
    const { unsent, page } = parse(outboxQuerySchema, queryOf(req));
    const unsentOnly = unsent === '1';
    const messages = await listOutbox(db, actorOf(req), { unsentOnly, page });
    return reply.render('front-door/views/outbox.njk', { title: 'Notifications', messages, unsentOnly });
  });
}
