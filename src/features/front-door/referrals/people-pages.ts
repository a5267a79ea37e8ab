/**
 * The two list pages of the referral form (children, adults in the household): the people added so
 * far, a form to add or change one, removing one, and "do you need to add another?".
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { bodyOf, idParam, submitForm, textParam } from '../../../platform/http/forms.ts';
import { parseForm } from '../../../platform/validation.ts';
import * as codes from '../codes.ts';
import { confirmAdults, getDraft, removePerson, savePerson, type Draft } from '../service.ts';
import { firstUnanswered, mayVisit, nextPage } from './flow.ts';
import { draftUrl, frame, returnsToCheck } from './frame.ts';
import { anotherSchema, readAdultPage, readChildPage } from './answers.ts';
import { MAX_PEOPLE } from './data.ts';
import { adultValues, childValues } from './values.ts';

type Which = 'children' | 'adults';
const WHICH = ['children', 'adults'] as const;
/** 'list', 'add', or the index of a person already added. */
const ITEMS = ['list', 'add', ...Array.from({ length: MAX_PEOPLE }, (_, i) => String(i))];

const personView = (which: Which) => `front-door/views/${which === 'children' ? 'child' : 'adult'}.njk`;

export async function referralPeoplePages(app: FastifyInstance, { db }: Deps): Promise<void> {
  /** The draft of a list page, or where to go instead (its confirmation, its first unanswered page). */
  async function open(req: FastifyRequest, reply: FastifyReply, status: 302 | 303) {
    const which = textParam(req, 'which', WHICH);
    const draft = await getDraft(db, actorOf(req), idParam(req, 'draftId'));
    if (draft.submittedContactId)
      return { sent: reply.redirect(`/referrals/${draft.submittedContactId}/confirmation`, status) };
    if (!mayVisit(which, draft.data))
      return { sent: reply.redirect(draftUrl(draft.id, firstUnanswered(draft.data)), status) };
    return { draft, which, back: returnsToCheck(req) };
  }

  /** 'add', or the index of a person on the draft's list; anything else 404. */
  function itemOf(req: FastifyRequest, draft: Draft, which: Which): 'add' | number {
    const item = textParam(req, 'item', ITEMS);
    if (item === 'add') return 'add';
    if (item === 'list' || Number(item) >= (draft.data[which] ?? []).length) throw new NotFoundError();
    return Number(item);
  }

  function listPage(draft: Draft, which: Which, back: boolean) {
    return { ...frame(draft, which, back), which, people: draft.data[which] ?? [], codes, values: {} };
  }

  function formPage(draft: Draft, which: Which, item: 'add' | number, back: boolean) {
    return {
      ...frame(draft, which, back),
      back: draftUrl(draft.id, `${which}/list`, back),
      title: which === 'children' ? 'About the child' : 'About the adult',
      which,
      item,
      codes,
    };
  }

  app.get('/referrals/drafts/:draftId/:which/:item', async (req, reply) => {
    const o = await open(req, reply, 302);
    if ('sent' in o) return o.sent;
    const { draft, which, back } = o;
    if (textParam(req, 'item', ITEMS) === 'list') {
      if (which === 'children' && !(draft.data.children ?? []).length)
        return reply.redirect(draftUrl(draft.id, 'children/add', back));
      return reply.render('front-door/views/people-list.njk', listPage(draft, which, back));
    }
    const item = itemOf(req, draft, which);
    const child = which === 'children' && item !== 'add' ? draft.data.children![item] : undefined;
    const adult = which === 'adults' && item !== 'add' ? draft.data.adults![item] : undefined;
    const values = child
      ? childValues(child)
      : adult
        ? adultValues(adult)
        : which === 'children'
          ? { status: 'born', sex: 'unknown' }
          : { sex: 'unknown' };
    return reply.render(personView(which), { ...formPage(draft, which, item, back), values });
  });

  app.post('/referrals/drafts/:draftId/:which/:item', async (req, reply) => {
    const actor = actorOf(req);
    const o = await open(req, reply, 303);
    if ('sent' in o) return o.sent;
    const { draft, which, back } = o;
    const body = bodyOf(req);
    if (textParam(req, 'item', ITEMS) === 'list') {
      const schema = anotherSchema(which);
      return submitForm(reply, {
        view: 'front-door/views/people-list.njk',
        body,
        schema,
        page: () => listPage(draft, which, back),
        change: async () => {
          if (parseForm(schema, body).another) return draftUrl(draft.id, `${which}/add`, back);
          if (which === 'adults') await confirmAdults(db, actor, draft.id);
          return draftUrl(draft.id, nextPage(which, back));
        },
      });
    }
    const item = itemOf(req, draft, which);
    return submitForm(reply, {
      view: personView(which),
      body,
      page: () => formPage(draft, which, item, back),
      change: async () => {
        await savePerson(
          db,
          actor,
          draft.id,
          item,
          which === 'children' ? { which, data: readChildPage(body) } : { which, data: readAdultPage(body) },
        );
        return draftUrl(draft.id, `${which}/list`, back);
      },
    });
  });

  app.post('/referrals/drafts/:draftId/:which/:item/remove', async (req, reply) => {
    const o = await open(req, reply, 303);
    if ('sent' in o) return o.sent;
    const { draft, which, back } = o;
    const item = itemOf(req, draft, which);
    if (item === 'add') throw new NotFoundError();
    await removePerson(db, actorOf(req), draft.id, which, item);
    return reply.redirect(draftUrl(draft.id, `${which}/list`, back), 303);
  });
}
