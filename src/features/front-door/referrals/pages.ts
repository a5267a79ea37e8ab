/** Pages: your referrals, drafts, the single-question pages of the referral form, check and send. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { bodyOf, flashOf, idParam, queryOf, submitForm, textParam } from '../../../platform/http/forms.ts';
import { parse } from '../../../platform/validation.ts';
import * as codes from '../codes.ts';
import { pageQuerySchema } from '../schemas.ts';
import {
  agencyChoices,
  confirmationFor,
  createDraft,
  deleteDraft,
  getDraft,
  getOwnReferral,
  listDrafts,
  listOwnReferrals,
  saveSection,
  submitDraft,
  type Draft,
} from '../service.ts';
import { firstUnanswered, mayVisit, missingItems, nextPage, PAGES } from './flow.ts';
import { draftUrl, frame, returnsToCheck } from './frame.ts';
import { readSectionPage, SECTION_PAGES, type SectionPage } from './answers.ts';
import { sectionValues } from './values.ts';

const MESSAGES = { deleted: 'Draft deleted' };
const SECTIONS = Object.keys(SECTION_PAGES) as SectionPage[];
const confirmation = (contactId: string) => `/referrals/${contactId}/confirmation`;

export async function referralPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/referrals', async (req, reply) => {
    const actor = actorOf(req);
    const { page } = parse(pageQuerySchema, queryOf(req));
    const [referrals, drafts] = await Promise.all([listOwnReferrals(db, actor, page), listDrafts(db, actor)]);
    return reply.render('front-door/views/your-referrals.njk', {
      title: 'Your referrals',
      referrals,
      drafts: drafts.filter((d) => d.mode === 'web'),
      flash: flashOf(req, MESSAGES),
    });
  });

  app.post('/referrals/new', async (req, reply) => {
    const id = await createDraft(db, actorOf(req), 'web');
    return reply.redirect(draftUrl(id, 'children'), 303);
  });

  app.get('/referrals/drafts/:draftId', async (req, reply) => {
    const draft = await getDraft(db, actorOf(req), idParam(req, 'draftId'));
    if (draft.submittedContactId) return reply.redirect(confirmation(draft.submittedContactId));
    return reply.redirect(draftUrl(draft.id, firstUnanswered(draft.data)));
  });

  app.post('/referrals/drafts/:draftId/delete', async (req, reply) => {
    const actor = actorOf(req);
    const draft = await getDraft(db, actor, idParam(req, 'draftId'));
    await deleteDraft(db, actor, draft.id);
    return reply.redirect(draft.mode === 'phone' ? '/mash?done=deleted' : '/referrals?done=deleted', 303);
  });

  app.get('/referrals/drafts/:draftId/:page', async (req, reply) => {
    const actor = actorOf(req);
    const page = textParam(req, 'page', PAGES);
    const draft = await getDraft(db, actor, idParam(req, 'draftId'));
    if (draft.submittedContactId) return reply.redirect(confirmation(draft.submittedContactId));
    if (!mayVisit(page, draft.data)) return reply.redirect(draftUrl(draft.id, firstUnanswered(draft.data)));
    const back = returnsToCheck(req);
    if (page === 'children' || page === 'adults')
      return reply.redirect(draftUrl(draft.id, `${page}/list`, back));
    if (page === 'check') return reply.render('front-door/views/check.njk', checkData(draft));
    let values = sectionValues(page, draft.data);
    // A web referral's referrer is the user: their details to start from.
    if (page === 'referrer' && !draft.data.referrer && draft.mode === 'web')
      values = { name: actor.name, email: actor.email, agencyName: actor.agencyName };
    return reply.render(`front-door/views/${page}.njk`, {
      ...frame(draft, page, back),
      values,
      codes,
      agencies: page === 'referrer' && draft.mode === 'phone' ? await agencyChoices(db, actor) : [],
    });
  });

  app.post('/referrals/drafts/:draftId/:page', async (req, reply) => {
    const actor = actorOf(req);
    const page = textParam(req, 'page', [...SECTIONS, 'check'] as const);
    const draft = await getDraft(db, actor, idParam(req, 'draftId'));
    if (draft.submittedContactId) return reply.redirect(confirmation(draft.submittedContactId), 303);
    const body = bodyOf(req);
    if (page === 'check') {
      // A referral with items missing comes back to the check page, which names each.
      return submitForm(reply, {
        view: 'front-door/views/check.njk',
        body,
        page: async () => checkData(await getDraft(db, actor, draft.id)),
        change: async () => confirmation((await submitDraft(db, actor, draft.id)).contactId),
      });
    }
    const back = returnsToCheck(req);
    const phone = draft.mode === 'phone';
    return submitForm(reply, {
      view: `front-door/views/${page}.njk`,
      body,
      page: async () => ({
        ...frame(draft, page, back),
        codes,
        agencies: page === 'referrer' && phone ? await agencyChoices(db, actor) : [],
      }),
      change: async () => {
        await saveSection(db, actor, draft.id, readSectionPage(page, body, { phone }));
        return draftUrl(draft.id, nextPage(page, back));
      },
    });
  });

  app.get('/referrals/:id/confirmation', async (req, reply) => {
    const received = await confirmationFor(db, actorOf(req), idParam(req));
    return reply.render('front-door/views/confirmation.njk', { title: 'Referral sent', received });
  });

  app.get('/referrals/:id', async (req, reply) => {
    const referral = await getOwnReferral(db, actorOf(req), idParam(req));
    return reply.render('front-door/views/your-referral.njk', {
      title: `Referral ${referral.reference}`,
      referral,
      codes,
    });
  });
}

function checkData(draft: Draft) {
  return {
    ...frame(draft, 'check', false),
    data: draft.data,
    missing: missingItems(draft.data, draft.mode === 'phone'),
    codes,
  };
}
