/** The MASH manager's decision page; a decision that lost a race answers 409 and says who won. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { bodyOf, idParam, keepValues, submitForm } from '../../../platform/http/forms.ts';
import { parseForm } from '../../../platform/validation.ts';
import * as codes from '../codes.ts';
import { decisionFromForm, decisionSchema } from '../schemas.ts';
import {
  decide,
  DecisionConflictError,
  decisionPage,
  teamsForDecision,
  type DecisionOutcome,
} from '../service.ts';

const VIEW = 'front-door/views/decision.njk';
const TITLE = 'Make the threshold decision';

/** The decision page: the contact, its children and requests, and the teams the work may wait for. */
async function pageData(db: Deps['db'], actor: ReturnType<typeof actorOf>, id: string) {
  const data = await decisionPage(db, actor, id);
  return { title: TITLE, ...data, teams: await teamsForDecision(db, actor), codes };
}

/** What the contact page says after the decision: what it started. */
const doneKey = (o: DecisionOutcome) =>
  o.notOpened.length ? 'decided-already-open' : o.episodesOpened ? 'decided-started' : 'decided';

export async function decisionPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/mash/contacts/:id/decision', async (req, reply) => {
    const data = await pageData(db, actorOf(req), idParam(req));
    return reply.render(VIEW, {
      ...data,
      values: { version: String(data.contact.version), perChild: 'same' },
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
        page: () => pageData(db, actor, id),
        change: async () => {
          const outcome = await decide(db, actor, id, parseForm(decisionSchema, decisionFromForm(body)));
          return `/mash/contacts/${id}?done=${doneKey(outcome)}`;
        },
      });
    } catch (err) {
      if (!(err instanceof DecisionConflictError)) throw err;
      // The page as it is now, what was typed kept, to decide again on the contact's new version.
      const data = await pageData(db, actor, id);
      return reply.status(409).render(VIEW, {
        ...data,
        values: { perChild: 'same', ...keepValues(body), version: String(data.contact.version) },
        conflict: err.message,
      });
    }
  });
}
