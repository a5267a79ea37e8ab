/** Pages: your referrals, drafts, the single-question pages of the referral form, check and send. */
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../../platform/deps.ts';
import { requirePermission } from '../../../platform/access/policy.ts';
import { actorOf } from '../../../platform/http/actor.ts';
import { NotFoundError } from '../../../platform/errors.ts';
import * as codes from '../codes.ts';
import {
  agencyChoices,
  createDraft,
  deleteDraft,
  getDraft,
  listDrafts,
  saveDraft,
  type Draft,
} from './drafts.ts';
import { bodyOf, draftUrl, frame, orRerender, returnsToCheck, V } from '../http.ts';
import { IncompleteReferralError, submitDraft } from './intake.ts';
import { firstUnanswered, isPage, mayVisit, missingItems, nextPage, type DraftData } from './flow.ts';
import { parseSection, sectionValues, typedValues } from './forms.ts';
import { confirmationFor, getOwnReferral, listOwnReferrals } from './your-referrals.ts';

const SECTIONS = ['address', 'concern', 'child-said', 'risks', 'consent', 'referrer'] as const;
type Section = (typeof SECTIONS)[number];
const isSection = (p: string): p is Section => (SECTIONS as readonly string[]).includes(p);

const SECTION_KEY: Record<Section, keyof DraftData> = {
  address: 'address',
  concern: 'concern',
  'child-said': 'childSaid',
  risks: 'risks',
  consent: 'consent',
  referrer: 'referrer',
};

export async function referralPages(app: FastifyInstance, { db }: Deps): Promise<void> {
  app.get('/referrals', async (req, reply) => {
    const actor = actorOf(req);
    requirePermission(actor, 'referral.make');
    const [referrals, drafts] = await Promise.all([listOwnReferrals(db, actor), listDrafts(db, actor)]);
    const deleted = (req.query as Record<string, unknown>).deleted === '1';
    return reply.render(`${V}/your-referrals.njk`, {
      title: 'Your referrals',
      referrals,
      drafts: drafts.filter((d) => d.mode === 'web'),
      flash: deleted ? 'Draft deleted' : undefined,
    });
  });

  app.post('/referrals/new', async (req, reply) => {
    const id = await createDraft(db, actorOf(req), 'web');
    return reply.redirect(draftUrl(id, 'children'));
  });

  app.get('/referrals/drafts/:draftId', async (req, reply) => {
    const draft = await getDraft(db, actorOf(req), (req.params as { draftId: string }).draftId);
    if (draft.submittedContactId)
      return reply.redirect(`/referrals/${draft.submittedContactId}/confirmation`);
    return reply.redirect(draftUrl(draft.id, firstUnanswered(draft.data)));
  });

  app.post('/referrals/drafts/:draftId/delete', async (req, reply) => {
    const actor = actorOf(req);
    const draft = await getDraft(db, actor, (req.params as { draftId: string }).draftId);
    await deleteDraft(db, actor, draft.id);
    return reply.redirect(draft.mode === 'phone' ? '/mash?deleted=1' : '/referrals?deleted=1');
  });

  app.get('/referrals/drafts/:draftId/:page', async (req, reply) => {
    const actor = actorOf(req);
    const { draftId, page } = req.params as { draftId: string; page: string };
    if (!isPage(page)) throw new NotFoundError();
    const draft = await getDraft(db, actor, draftId);
    if (draft.submittedContactId)
      return reply.redirect(`/referrals/${draft.submittedContactId}/confirmation`);
    if (!mayVisit(page, draft.data)) return reply.redirect(draftUrl(draft.id, firstUnanswered(draft.data)));
    const back = returnsToCheck(req.query);
    if (page === 'children' || page === 'adults')
      return reply.redirect(draftUrl(draft.id, `${page}/list`, back));
    if (page === 'check') return reply.render(`${V}/check.njk`, checkData(draft));
    let values = sectionValues(page, draft.data);
    if (page === 'referrer' && !draft.data.referrer && draft.mode === 'web')
      values = { name: actor.name, email: actor.email, agencyName: actor.agencyName };
    return reply.render(`${V}/${page}.njk`, {
      ...frame(draft, page, back),
      values,
      codes,
      agencies: page === 'referrer' && draft.mode === 'phone' ? await agencyChoices(db, actor) : [],
    });
  });

  app.post('/referrals/drafts/:draftId/:page', async (req, reply) => {
    const actor = actorOf(req);
    const { draftId, page } = req.params as { draftId: string; page: string };
    if (!isPage(page) || !(isSection(page) || page === 'check')) throw new NotFoundError();
    const draft = await getDraft(db, actor, draftId);
    if (draft.submittedContactId)
      return reply.redirect(`/referrals/${draft.submittedContactId}/confirmation`);
    const body = bodyOf(req.body);
    if (page === 'check') {
      try {
        const received = await submitDraft(db, actor, draft.id);
        return reply.redirect(`/referrals/${received.contactId}/confirmation`);
      } catch (err) {
        if (!(err instanceof IncompleteReferralError)) throw err;
        const fresh = await getDraft(db, actor, draft.id);
        return reply.status(400).render(`${V}/check.njk`, { ...checkData(fresh), errors: err.errors });
      }
    }
    const back = returnsToCheck(req.query);
    const phone = draft.mode === 'phone';
    return orRerender(
      reply,
      `${V}/${page}.njk`,
      async () => ({
        ...frame(draft, page, back),
        values: typedValues(body),
        codes,
        agencies: page === 'referrer' && phone ? await agencyChoices(db, actor) : [],
      }),
      async () => {
        const section = parseSection(page, body, { phone });
        await saveDraft(db, actor, draft.id, page, (d) => ({ ...d, [SECTION_KEY[page]]: section }));
        return reply.redirect(draftUrl(draft.id, nextPage(page, back)));
      },
    );
  });

  app.get('/referrals/:id/confirmation', async (req, reply) => {
    const received = await confirmationFor(db, actorOf(req), (req.params as { id: string }).id);
    return reply.render(`${V}/confirmation.njk`, { title: 'Referral sent', received });
  });

  app.get('/referrals/:id', async (req, reply) => {
    const referral = await getOwnReferral(db, actorOf(req), (req.params as { id: string }).id);
    return reply.render(`${V}/your-referral.njk`, {
      title: `Referral ${referral.reference}`,
      referral,
      codes,
    });
  });
}

function checkData(draft: Draft) {
  const phone = draft.mode === 'phone';
  return {
    ...frame(draft, 'check', false),
    data: draft.data,
    missing: missingItems(draft.data, phone),
    codes,
  };
}
