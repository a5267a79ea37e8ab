/** Pages for an agency's staff: the MASH's requests addressed to their agency, and the answer form. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { ConflictError } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { bodyOf, flashOf, idParam, keepValues, queryOf, submitForm } from '../../../platform/http/forms.ts';
import { parse, parseForm } from '../../../platform/validation.ts';
import * as codes from '../codes.ts';
import { answerFormSchema, answersFromForm, pageQuerySchema } from '../schemas.ts';
import { answerFormFor, answerRequest, requestForAgency, requestsForAgency } from '../service.ts';

const VIEW = 'front-door/views/request.njk';
const TITLE = 'Answer an information request';
const MESSAGES = { answered: 'Answer sent to the MASH' };

export async function requestPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/information-requests', async (req, reply) => {
    const { page } = parse(pageQuerySchema, queryOf(req));
    const requests = await requestsForAgency(db, actorOf(req), page);
    return reply.render('front-door/views/requests.njk', {
      title: 'Information requests',
      requests,
      flash: flashOf(req, MESSAGES),
    });
  });

  app.get('/information-requests/:id', async (req, reply) => {
    const request = await requestForAgency(db, actorOf(req), idParam(req));
    return reply.render(VIEW, { title: TITLE, request, codes, values: {} });
  });

  app.post('/information-requests/:id', async (req, reply) => {
    const actor = actorOf(req);
    const id = idParam(req);
    const body = bodyOf(req);
    const page = async () => ({ title: TITLE, request: await requestForAgency(db, actor, id), codes });
    const people = await answerFormFor(db, actor, id);
    const schema = answerFormSchema(people);
    try {
      return await submitForm(reply, {
        view: VIEW,
        body,
        schema,
        page,
        change: async () => {
          await answerRequest(db, actor, id, answersFromForm(people, parseForm(schema, body)));
          return '/information-requests?done=answered';
        },
      });
    } catch (err) {
      // Answered by someone else meanwhile, or withdrawn: the request as it is now, and why.
      if (!(err instanceof ConflictError)) throw err;
      return reply
        .status(409)
        .render(VIEW, { ...(await page()), values: keepValues(body), conflict: err.message });
    }
  });
}
