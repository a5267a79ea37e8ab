/**
 * The two list pages of the referral form (children, adults in the household): the people added so
 * far, a form to add or change one, removing one, and "do you need to add another?".
 */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { NotFoundError, ValidationError } from '../../../platform/errors.ts';
import * as codes from '../codes.ts';
import { getDraft, saveDraft, type Draft } from './drafts.ts';
import { bodyOf, draftUrl, frame, orRerender, returnsToCheck, V } from '../http.ts';
import { firstUnanswered, mayVisit, nextPage, type DraftData } from './flow.ts';
import { adultValues, childValues, parseAdultForm, parseChildForm, str, typedValues } from './forms.ts';

type Which = 'children' | 'adults';
const MAX_PEOPLE = 20;

function whichOf(v: string): Which {
  if (v !== 'children' && v !== 'adults') throw new NotFoundError();
  return v;
}

/** 'add', or the index of a person already added; anything else 404. */
function itemOf(v: string, d: DraftData, which: Which): 'add' | number {
  if (v === 'add') return 'add';
  const list = d[which] ?? [];
  if (!/^\d{1,2}$/.test(v) || Number(v) >= list.length) throw new NotFoundError();
  return Number(v);
}

export async function referralPeoplePages(app: FastifyInstance, { db }: Deps): Promise<void> {
  /** Loads the draft for a list page, or says where to go instead. */
  async function open(req: import('fastify').FastifyRequest) {
    const { draftId, which: w } = req.params as { draftId: string; which: string };
    const which = whichOf(w);
    const draft = await getDraft(db, actorOf(req), draftId);
    if (draft.submittedContactId) return { redirect: `/referrals/${draft.submittedContactId}/confirmation` };
    if (!mayVisit(which, draft.data)) return { redirect: draftUrl(draft.id, firstUnanswered(draft.data)) };
    return { draft, which, back: returnsToCheck(req.query) };
  }

  function listPage(draft: Draft, which: Which, back: boolean) {
    return {
      ...frame(draft, which, back),
      which,
      people: draft.data[which] ?? [],
      codes,
      values: {},
    };
  }

  function formPage(
    draft: Draft,
    which: Which,
    item: 'add' | number,
    back: boolean,
    values: Record<string, string>,
  ) {
    const f = frame(draft, which, back);
    return {
      ...f,
      back: draftUrl(draft.id, `${which}/list`, back),
      title: which === 'children' ? 'About the child' : 'About the adult',
      which,
      item,
      values,
      codes,
    };
  }

  app.get('/referrals/drafts/:draftId/:which/:item', async (req, reply) => {
    const o = await open(req);
    if ('redirect' in o) return reply.redirect(o.redirect!);
    const { draft, which, back } = o;
    const itemText = (req.params as { item: string }).item;
    if (itemText === 'list') {
      if (which === 'children' && !(draft.data.children ?? []).length)
        return reply.redirect(draftUrl(draft.id, 'children/add', back));
      return reply.render(`${V}/people-list.njk`, listPage(draft, which, back));
    }
    const item = itemOf(itemText, draft.data, which);
    const saved = item === 'add' ? undefined : draft.data[which]![item];
    const values = !saved
      ? which === 'children'
        ? { status: 'born', sex: 'unknown' }
        : { sex: 'unknown' }
      : which === 'children'
        ? childValues(saved as NonNullable<DraftData['children']>[number])
        : adultValues(saved as NonNullable<DraftData['adults']>[number]);
    return reply.render(
      `${V}/${which === 'children' ? 'child' : 'adult'}.njk`,
      formPage(draft, which, item, back, values),
    );
  });

  app.post('/referrals/drafts/:draftId/:which/:item', async (req, reply) => {
    const actor = actorOf(req);
    const o = await open(req);
    if ('redirect' in o) return reply.redirect(o.redirect!);
    const { draft, which, back } = o;
    const body = bodyOf(req.body);
    const itemText = (req.params as { item: string }).item;
    if (itemText === 'list') {
      return orRerender(
        reply,
        `${V}/people-list.njk`,
        () => ({ ...listPage(draft, which, back), values: typedValues(body) }),
        async () => {
          const another = str(body.another);
          if (another !== 'yes' && another !== 'no')
            throw new ValidationError([
              {
                field: 'another',
                message:
                  which === 'children'
                    ? 'Select whether you need to add another child'
                    : 'Select whether you need to add an adult',
              },
            ]);
          if (another === 'yes') return reply.redirect(draftUrl(draft.id, `${which}/add`, back));
          if (which === 'adults')
            await saveDraft(db, actor, draft.id, 'adults', (d) => ({ ...d, adultsDone: true }));
          return reply.redirect(draftUrl(draft.id, nextPage(which, back)));
        },
      );
    }
    const item = itemOf(itemText, draft.data, which);
    const template = `${V}/${which === 'children' ? 'child' : 'adult'}.njk`;
    return orRerender(
      reply,
      template,
      () => formPage(draft, which, item, back, typedValues(body)),
      async () => {
        const person = which === 'children' ? parseChildForm(body) : parseAdultForm(body);
        if (item === 'add' && (draft.data[which] ?? []).length >= MAX_PEOPLE)
          throw new ValidationError([
            { field: 'givenName', message: `A referral can name up to ${MAX_PEOPLE} people of each kind` },
          ]);
        await saveDraft(db, actor, draft.id, which, (d) => {
          const list = [...(d[which] ?? [])] as unknown[];
          if (item === 'add') list.push(person);
          else if (item < list.length) list[item] = person;
          return { ...d, [which]: list };
        });
        return reply.redirect(draftUrl(draft.id, `${which}/list`, back));
      },
    );
  });

  app.post('/referrals/drafts/:draftId/:which/:item/remove', async (req, reply) => {
    const actor = actorOf(req);
    const o = await open(req);
    if ('redirect' in o) return reply.redirect(o.redirect!);
    const { draft, which, back } = o;
    const item = itemOf((req.params as { item: string }).item, draft.data, which);
    if (item === 'add') throw new NotFoundError();
    await saveDraft(db, actor, draft.id, which, (d) => {
      const list = [...(d[which] ?? [])];
      list.splice(item, 1);
      return { ...d, [which]: list, ...(which === 'adults' && !list.length ? { adultsDone: false } : {}) };
    });
    return reply.redirect(draftUrl(draft.id, `${which}/list`, back));
  });
}
