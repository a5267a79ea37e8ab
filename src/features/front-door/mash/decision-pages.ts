/** The MASH manager's decision page; a decision that lost a race answers 409 and says who won. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { bodyOf, idParam, keepValues, submitForm } from '../../../platform/http/forms.ts';
import { parseForm } from '../../../platform/validation.ts';
import * as codes from '../codes.ts';
import { decisionSchema } from '../schemas.ts';
import { decide, DecisionConflictError, decisionPage } from '../service.ts';

const VIEW = 'front-door/views/decision.njk';
const TITLE = 'Make the threshold decision';

export async function decisionPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/mash/contacts/:id/decision', async (req, reply) => {
    const data = await decisionPage(db, actorOf(req), idParam(req));
    return reply.render(VIEW, {
      title: TITLE,
      ...data,
      codes,
      values: { version: String(data.contact.version) },
    });
  });

  app.post('/mash/contacts/:id/decision', async (req, reply) => {
    const actor = actorOf(req);
    const id = idParam(req);
    const body = bodyOf(req);
    try {
      return await submitForm(reply, {
        view: VIEW,
        body,
        schema: decisionSchema,
        page: async () => ({ title: TITLE, ...(await decisionPage(db, actor, id)), codes }),
        change: async () => {
          await decide(db, actor, id, parseForm(decisionSchema, body));
          return `/mash/contacts/${id}?done=decided`;
        },
      });
    } catch (err) {
      if (!(err instanceof DecisionConflictError)) throw err;
      // The page as it is now, what was typed kept, to decide again on the contact's new version.
      const data = await decisionPage(db, actor, id);
      return reply.status(409).render(VIEW, {
        title: TITLE,
        ...data,
        codes,
        values: { ...keepValues(body), version: String(data.contact.version) },
        conflict: err.message,
      });
    }
  });
}
