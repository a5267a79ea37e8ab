/** Pages for an agency's staff: the MASH's requests addressed to their agency, and the answer form. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { ConflictError } from '../../../platform/errors.ts';
import * as codes from '../codes.ts';
import { bodyOf, orRerender, queryOf, V } from '../http.ts';
import { answerRequest, requestForAgency, requestsForAgency } from './requests.ts';
import { str } from '../referrals/forms.ts';

export async function requestPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/information-requests', async (req, reply) => {
    const actor = actorOf(req);
    const requests = await requestsForAgency(db, actor);
    return reply.render(`${V}/requests.njk`, {
      title: 'Information requests',
      requests,
      flash: queryOf(req.query).saved === 'answered' ? 'Answer sent to the MASH' : undefined,
    });
  });

  app.get('/information-requests/:id', async (req, reply) => {
    const request = await requestForAgency(db, actorOf(req), (req.params as { id: string }).id);
    return reply.render(`${V}/request.njk`, {
      title: 'Answer an information request',
      request,
      codes,
      values: {},
    });
  });

  app.post('/information-requests/:id', async (req, reply) => {
    const actor = actorOf(req);
    const id = (req.params as { id: string }).id;
    const body = bodyOf(req.body);
    const values = { holds: str(body.holds), answer: str(body.answer) };
    const page = async () => ({
      title: 'Answer an information request',
      request: await requestForAgency(db, actor, id),
      codes,
      values,
    });
    try {
      return await orRerender(reply, `${V}/request.njk`, page, async () => {
        await answerRequest(db, actor, id, values);
        return reply.redirect('/information-requests?saved=answered');
      });
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      return reply.status(409).render(`${V}/request.njk`, { ...(await page()), conflict: err.message });
    }
  });
}
