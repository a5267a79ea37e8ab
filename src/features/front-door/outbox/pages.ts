/** The notification outbox for administrators: what has been, and is waiting to be, sent. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { queryOf, V } from '../http.ts';
import { listOutbox } from './outbox.ts';

export async function outboxPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/admin/notifications', async (req, reply) => {
    const unsentOnly = queryOf(req.query).unsent === '1';
    const messages = await listOutbox(db, actorOf(req), { unsentOnly });
    return reply.render(`${V}/outbox.njk`, { title: 'Notifications', messages, unsentOnly });
  });
}
