/** The MASH manager's decision page; a decision that lost a race answers 409 and says who won. */
import type { FastifyInstance } from 'fastify';
import type { Actor } from '../../../platform/access/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { ValidationError } from '../../../platform/errors.ts';
import * as codes from '../codes.ts';
import { idOf, requireHub } from '../access.ts';
import { auditContactView, linkedPeople, loadContact } from './contacts.ts';
import { decide, decisionBlockers, DecisionConflictError } from './decisions.ts';
import { bodyOf, V } from '../http.ts';
import { requestsForContact } from '../requests/requests.ts';
import { str } from '../referrals/forms.ts';
import { decisionClock } from '../timing.ts';

export async function decisionPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  async function view(actor: Actor, contactId: string, now = new Date()) {
    requireHub(actor, 'mash.decide');
    const contact = await loadContact(db, actor.partnershipId, contactId);
    const [people, requests, blockers] = await Promise.all([
      linkedPeople(db, actor, contact.id),
      requestsForContact(db, actor.partnershipId, contact.id, now),
      decisionBlockers(db, actor, contact.id),
    ]);
    await auditContactView(db, actor, contact.id, people, 'mash.decision');
    const clock = decisionClock(
      new Date(contact.receivedAt),
      contact.decisionDue,
      now,
      contact.decidedAt ? new Date(contact.decidedAt) : null,
    );
    return {
      title: 'Make the threshold decision',
      contact,
      children: people.filter((p) => p.kind === 'child'),
      requests,
      waiting: requests.filter((r) => r.status === 'open').length,
      blockers,
      clock,
      codes,
    };
  }

  app.get('/mash/contacts/:id/decision', async (req, reply) => {
    const actor = actorOf(req);
    const data = await view(actor, (req.params as { id: string }).id);
    return reply.render(`${V}/decision.njk`, { ...data, values: { version: String(data.contact.version) } });
  });

  app.post('/mash/contacts/:id/decision', async (req, reply) => {
    const actor = actorOf(req);
    const id = idOf((req.params as { id: string }).id);
    const body = bodyOf(req.body);
    const values = {
      decision: str(body.decision),
      rationale: str(body.rationale),
      version: str(body.version),
    };
    try {
      await decide(db, actor, id, {
        version: Number(values.version),
        decision: values.decision,
        rationale: values.rationale,
      });
      return reply.redirect(`/mash/contacts/${id}?saved=decided`);
    } catch (err) {
      if (err instanceof DecisionConflictError) {
        const data = await view(actor, id);
        return reply.status(409).render(`${V}/decision.njk`, {
          ...data,
          values: { ...values, version: String(data.contact.version) },
          conflict: err.message,
        });
      }
      if (!(err instanceof ValidationError)) throw err;
      return reply
        .status(400)
        .render(`${V}/decision.njk`, { ...(await view(actor, id)), values, errors: err.errors });
    }
  });
}
