/** Pages of the MASH hub: the queue, a contact and its forms, matching its people, merging records. */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { worksInMashHub } from '../../../platform/access/policy.ts';
import { can } from '../../../platform/access/roles.ts';
import type { Deps } from '../../../platform/deps.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { bodyOf, flashOf, formPost, idParam, queryOf } from '../../../platform/http/forms.ts';
import { parse, parseForm } from '../../../platform/validation.ts';
import * as codes from '../codes.ts';
import { draftUrl } from '../referrals/frame.ts';
import {
  assignSchema,
  linkSchema,
  mergeSchema,
  queueQuerySchema,
  ragSchema,
  requestsSchema,
} from '../schemas.ts';
import {
  assignContact,
  candidatesFor,
  contactPage,
  createDraft,
  createFromSubject,
  createRequests,
  hubOfficers,
  linkSubject,
  listDrafts,
  mashQueue,
  mergePeople,
  mergeToUndo,
  requireMergeRights,
  setRag,
  undoMerge,
  unlinkSubject,
} from '../service.ts';

/** What the hub's pages say after a change, by the key in `?done=`. */
const MESSAGES = {
  rag: 'RAG rating saved',
  assigned: 'Assignment saved',
  requests: 'Information requests sent',
  linked: 'Linked to the record',
  created: 'New record created and linked',
  unlinked: 'Link removed',
  merged: 'Records merged',
  undone: 'Merge undone: every moved row is back on its own record',
  decided: 'Decision recorded',
  'decided-started':
    'Decision recorded. The children’s episodes of need are open and their clocks have started; the work waits for the team you chose.',
  'decided-already-open':
    'Decision recorded. A child on this contact already had an open episode of need: no second episode was opened, and the referral joins the open episode’s work.',
  deleted: 'Draft deleted',
};
type Done = keyof typeof MESSAGES;

export async function mashPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/mash', async (req, reply) => {
    const actor = actorOf(req);
    // Partner agencies' MASH staff, and practitioners, answer their agency's requests.
    if (!worksInMashHub(actor) && can(actor.roles, 'mash.answer'))
      return reply.redirect('/information-requests');
    const filters = parse(queueQuerySchema, queryOf(req));
    const [queue, officers, drafts] = await Promise.all([
      mashQueue(db, actor, filters),
      hubOfficers(db, actor),
      listDrafts(db, actor),
    ]);
    return reply.render('front-door/views/queue.njk', {
      title: 'MASH contacts',
      queue,
      filters,
      officers,
      drafts: drafts.filter((d) => d.mode === 'phone'),
      codes,
      flash: flashOf(req, MESSAGES),
    });
  });

  app.post('/mash/phone-referral', async (req, reply) => {
    const id = await createDraft(db, actorOf(req), 'phone');
    return reply.redirect(draftUrl(id, 'children'), 303);
  });

  async function contactView(actor: Actor, contactId: string) {
    const page = await contactPage(db, actor, contactId);
    return { title: `Contact ${page.contact.reference ?? ''}`.trim(), ...page, codes };
  }

  app.get('/mash/contacts/:id', async (req, reply) => {
    const data = await contactView(actorOf(req), idParam(req));
    return reply.render('front-door/views/contact.njk', { ...data, flash: flashOf(req, MESSAGES) });
  });

  /** A form on the contact page: on bad input, the page again with the error summary. */
  function contactForm<S extends z.ZodObject>(
    path: string,
    schema: S,
    change: (actor: Actor, contactId: string, input: z.output<S>) => Promise<Done>,
  ) {
    formPost(app, `/mash/contacts/:id/${path}`, ({ req, actor, body }) => {
      const id = idParam(req);
      return {
        view: 'front-door/views/contact.njk',
        schema,
        page: () => contactView(actor, id),
        change: async () => `/mash/contacts/${id}?done=${await change(actor, id, parseForm(schema, body))}`,
      };
    });
  }

  contactForm('rag', ragSchema, async (actor, id, { rag }) => {
    await setRag(db, actor, id, rag);
    return 'rag';
  });
  contactForm('assign', assignSchema, async (actor, id, { assignee }) => {
    await assignContact(db, actor, id, assignee === 'me' ? actor.userId : (assignee ?? null));
    return 'assigned';
  });
  contactForm('requests', requestsSchema, async (actor, id, input) => {
    await createRequests(db, actor, id, input);
    return 'requests';
  });

  async function matchView(actor: Actor, contactId: string, subjectId: string) {
    const m = await candidatesFor(db, actor, contactId, subjectId);
    return { title: 'Match to the person index', ...m, codes };
  }

  app.get('/mash/contacts/:id/people/:subjectId', async (req, reply) => {
    const data = await matchView(actorOf(req), idParam(req), idParam(req, 'subjectId'));
    return reply.render('front-door/views/match.njk', { ...data, flash: flashOf(req, MESSAGES) });
  });

  /** A form on the matching page; after it, back to the contact. */
  function matchForm<S extends z.ZodObject>(
    path: string,
    schema: S | undefined,
    change: (actor: Actor, contactId: string, subjectId: string, input: z.output<S>) => Promise<Done>,
  ) {
    formPost(app, `/mash/contacts/:id/people/:subjectId/${path}`, ({ req, actor, body }) => {
      const id = idParam(req);
      const subjectId = idParam(req, 'subjectId');
      return {
        view: 'front-door/views/match.njk',
        schema,
        page: () => matchView(actor, id, subjectId),
        change: async () => {
          const input = (schema ? parseForm(schema, body) : {}) as z.output<S>;
          return `/mash/contacts/${id}?done=${await change(actor, id, subjectId, input)}`;
        },
      };
    });
  }

  matchForm('link', linkSchema, async (actor, id, sid, { personId }) => {
    await linkSubject(db, actor, id, sid, personId);
    return 'linked';
  });
  matchForm('create', undefined, async (actor, id, sid) => {
    await createFromSubject(db, actor, id, sid);
    return 'created';
  });
  matchForm('unlink', undefined, async (actor, id, sid) => {
    await unlinkSubject(db, actor, id, sid);
    return 'unlinked';
  });
  matchForm('merge', mergeSchema, async (actor, id, sid, input) => {
    await mergePeople(db, actor, id, sid, input);
    return 'merged';
  });

  // Undoing a merge is destructive: a confirmation page first, and only its POST (confirmed=yes) undoes.
  app.get('/mash/merges/:id/undo', async (req, reply) => {
    const merge = await mergeToUndo(db, actorOf(req), idParam(req));
    return reply.render('front-door/views/undo-merge.njk', { title: 'Undo the merge', merge });
  });
  app.post('/mash/merges/:id/undo', async (req, reply) => {
    const id = idParam(req);
    const actor = actorOf(req);
    requireMergeRights(actor);
    if (bodyOf(req).confirmed !== 'yes') return reply.redirect(`/mash/merges/${id}/undo`, 303);
    const { contactId } = await undoMerge(db, actor, id);
    return reply.redirect(contactId ? `/mash/contacts/${contactId}?done=undone` : '/mash', 303);
  });
}
