/** Pages of the MASH hub: the queue, a contact, matching its people, requests and the decision. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Actor } from '../../../platform/access/actor.ts';
import { worksInMashHub } from '../../../platform/access/policy.ts';
import { can } from '../../../platform/access/roles.ts';
import type { Deps } from '../../../platform/deps.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { ValidationError } from '../../../platform/errors.ts';
import * as codes from '../codes.ts';
import { idOf } from '../access.ts';
import { contactPage } from './contact-page.ts';
import { assignContact, setRag } from './contacts.ts';
import { createDraft, listDrafts } from '../referrals/drafts.ts';
import { bodyOf, draftUrl, listOf, orRerender, queryOf, V } from '../http.ts';
import { createRequests } from '../requests/requests.ts';
import { candidatesFor, createFromSubject, linkSubject, unlinkSubject } from './matching.ts';
import { mergePeople, undoMerge } from './merge.ts';
import { mashQueue, queueFilters } from './queue.ts';
import { hubOfficers } from './contacts.ts';
import { requestDeadlinesFor, describeDeadline } from '../settings.ts';
import { str } from '../referrals/forms.ts';

const FLASH: Record<string, string> = {
  rag: 'RAG rating saved',
  assigned: 'Assignment saved',
  requests: 'Information requests sent',
  linked: 'Linked to the record',
  created: 'New record created and linked',
  unlinked: 'Link removed',
  merged: 'Records merged',
  undone: 'Merge undone: every moved row is back on its own record',
  decided: 'Decision recorded',
  deleted: 'Draft deleted',
};

function flashOf(query: unknown): string | undefined {
  return FLASH[str(queryOf(query).saved)];
}

export async function mashPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  async function contactView(actor: Actor, contactId: string) {
    const page = await contactPage(db, actor, contactId);
    const deadlines = await requestDeadlinesFor(db, actor.partnershipId);
    return {
      title: `Contact ${page.contact.reference ?? ''}`.trim(),
      ...page,
      deadlines: Object.fromEntries(Object.entries(deadlines).map(([k, v]) => [k, describeDeadline(v)])),
      mayDecide: can(actor.roles, 'mash.decide'),
      codes,
    };
  }

  app.get('/mash', async (req, reply) => {
    const actor = actorOf(req);
    if (!worksInMashHub(actor) && can(actor.roles, 'mash.answer'))
      return reply.redirect('/information-requests');
    const filters = queueFilters(req.query);
    const [rows, officers, drafts] = await Promise.all([
      mashQueue(db, actor, filters),
      hubOfficers(db, actor),
      listDrafts(db, actor),
    ]);
    const q = queryOf(req.query);
    return reply.render(`${V}/queue.njk`, {
      title: 'MASH contacts',
      rows,
      filters,
      officers,
      drafts: drafts.filter((d) => d.mode === 'phone'),
      codes,
      flash: q.deleted === '1' ? FLASH.deleted : undefined,
    });
  });

  app.post('/mash/phone-referral', async (req, reply) => {
    const id = await createDraft(db, actorOf(req), 'phone');
    return reply.redirect(draftUrl(id, 'children'));
  });

  app.get('/mash/contacts/:id', async (req, reply) => {
    const actor = actorOf(req);
    const data = await contactView(actor, (req.params as { id: string }).id);
    return reply.render(`${V}/contact.njk`, { ...data, flash: flashOf(req.query) });
  });

  /** A form on the contact page: on bad input the page again with the error summary. */
  function contactForm(
    path: string,
    work: (actor: Actor, id: string, body: Record<string, unknown>) => Promise<string>,
  ) {
    app.post(`/mash/contacts/:id/${path}`, async (req, reply: FastifyReply) => {
      const actor = actorOf(req);
      const id = idOf((req.params as { id: string }).id);
      const body = bodyOf(req.body);
      return orRerender(
        reply,
        `${V}/contact.njk`,
        async () => ({ ...(await contactView(actor, id)), values: body }),
        async () => reply.redirect(`/mash/contacts/${id}?saved=${await work(actor, id, body)}`),
      );
    });
  }

  contactForm('rag', async (actor, id, body) => {
    await setRag(db, actor, id, str(body.rag));
    return 'rag';
  });
  contactForm('assign', async (actor, id, body) => {
    const who = str(body.assignee);
    await assignContact(db, actor, id, who === 'me' ? actor.userId : who);
    return 'assigned';
  });
  contactForm('requests', async (actor, id, body) => {
    await createRequests(db, actor, id, { agencyIds: listOf(body.agencies), question: str(body.question) });
    return 'requests';
  });

  async function matchView(actor: Actor, contactId: string, subjectId: string) {
    const m = await candidatesFor(db, actor, contactId, subjectId);
    return { title: 'Match to the person index', ...m, codes };
  }

  app.get('/mash/contacts/:id/people/:subjectId', async (req, reply) => {
    const { id, subjectId } = req.params as { id: string; subjectId: string };
    return reply.render(`${V}/match.njk`, {
      ...(await matchView(actorOf(req), id, subjectId)),
      flash: flashOf(req.query),
    });
  });

  function matchForm(
    path: string,
    work: (actor: Actor, id: string, sid: string, body: Record<string, unknown>) => Promise<string>,
  ) {
    app.post(`/mash/contacts/:id/people/:subjectId/${path}`, async (req, reply) => {
      const actor = actorOf(req);
      const { id, subjectId } = req.params as { id: string; subjectId: string };
      const body = bodyOf(req.body);
      return orRerender(
        reply,
        `${V}/match.njk`,
        async () => ({ ...(await matchView(actor, id, subjectId)), values: body }),
        async () =>
          reply.redirect(`/mash/contacts/${idOf(id)}?saved=${await work(actor, id, subjectId, body)}`),
      );
    });
  }

  matchForm('link', async (actor, id, sid, body) => {
    await linkSubject(db, actor, id, sid, str(body.personId));
    return 'linked';
  });
  matchForm('create', async (actor, id, sid) => {
    await createFromSubject(db, actor, id, sid);
    return 'created';
  });
  matchForm('unlink', async (actor, id, sid) => {
    await unlinkSubject(db, actor, id, sid);
    return 'unlinked';
  });
  matchForm('merge', async (actor, id, sid, body) => {
    if (str(body.confirm) !== 'yes')
      throw new ValidationError([
        { field: 'confirm', message: 'Confirm that these two records are the same person' },
      ]);
    await mergePeople(db, actor, {
      contactId: id,
      subjectId: sid,
      keepId: str(body.keepId),
      mergeId: str(body.mergeId),
      reason: str(body.reason),
    });
    return 'merged';
  });

  app.post('/mash/merges/:id/undo', async (req, reply) => {
    const { contactId } = await undoMerge(db, actorOf(req), (req.params as { id: string }).id);
    return reply.redirect(contactId ? `/mash/contacts/${contactId}?saved=undone` : '/mash');
  });
}
