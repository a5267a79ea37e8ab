/** The voice of children and families: "you said, we did", the panel's challenges, the child's voice measure. */
import { withDrawing } from '../../platform/charts.ts';
import type { Feature } from '../../platform/deps.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam } from '../../platform/http/forms.ts';
import { parseForm } from '../../platform/validation.ts';
import { challengeableAgencies, challengeSchema, raiseChallenge } from '../scrutiny/service.ts';
import { KINDS } from './child-voice.ts';
import { feedbackSchema, SOURCES, STATUSES } from './schemas.ts';
import { newActionSchema } from '../actions/service.ts';
import {
  addFeedbackAction,
  childVoicePicture,
  feedbackForAction,
  readFeedback,
  feedbackToEdit,
  listFeedback,
  recordFeedback,
  requireFeedbackManage,
  updateFeedback,
} from './service.ts';

const MESSAGES: Record<string, string> = {
  recorded: 'Feedback recorded.',
  saved: 'Feedback saved.',
  action: 'Action added to the action log.',
};

type Form = Record<string, unknown>;

const items = (list: readonly { value: string; label: string; hint?: string }[], value: unknown) =>
  list.map((c) => ({
    value: c.value,
    text: c.label,
    hint: c.hint ? { text: c.hint } : undefined,
    checked: c.value === value,
  }));

const formItems = (values: Form) => ({
  sourceItems: items(SOURCES, values.source),
  statusItems: items(STATUSES, values.status),
});

export const familyVoiceFeature: Feature = async (app, { db }) => {
  app.get('/partnership/voice', async (req, reply) => {
    const feedback = await listFeedback(db, actorOf(req));
    return reply.render('family-voice/views/you-said.njk', { feedback, flash: flashOf(req, MESSAGES) });
  });

  const FORM = 'family-voice/views/feedback-form.njk';
  app.get('/partnership/voice/new', async (req, reply) => {
    requireFeedbackManage(actorOf(req));
    const values = { status: 'received' };
    return reply.render(FORM, { values, ...formItems(values) });
  });
  formPost(app, '/partnership/voice/new', ({ actor, body }) => ({
    view: FORM,
    schema: feedbackSchema,
    page: () => formItems(body),
    change: async () => {
      await recordFeedback(db, actor, parseForm(feedbackSchema, body));
      return '/partnership/voice?done=recorded';
    },
  }));

  app.get('/partnership/voice/:id/edit', async (req, reply) => {
    const f = await feedbackToEdit(db, actorOf(req), idParam(req));
    const [y, m, d] = f.receivedOn.split('-');
    const values = {
      source: f.source,
      'receivedOn-day': String(Number(d)),
      'receivedOn-month': String(Number(m)),
      'receivedOn-year': y,
      said: f.said,
      weDid: f.weDid,
      status: f.status,
    };
    return reply.render(FORM, { feedback: f, values, ...formItems(values) });
  });
  formPost(app, '/partnership/voice/:id/edit', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: FORM,
      schema: feedbackSchema,
      page: async () => ({ feedback: await feedbackToEdit(db, actor, id), ...formItems(body) }),
      change: async () => {
        await updateFeedback(db, actor, id, parseForm(feedbackSchema, body));
        return '/partnership/voice?done=saved';
      },
    };
  });

  app.get('/partnership/voice/:id', async (req, reply) => {
    const page = await readFeedback(db, actorOf(req), idParam(req));
    return reply.render('family-voice/views/feedback.njk', { ...page, flash: flashOf(req, MESSAGES) });
  });

  const ACTION = 'family-voice/views/action-new.njk';
  app.get('/partnership/voice/:id/actions/new', async (req, reply) => {
    const page = await feedbackForAction(db, actorOf(req), idParam(req));
    return reply.render(ACTION, { ...page, values: {} });
  });
  formPost(app, '/partnership/voice/:id/actions/new', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: ACTION,
      schema: newActionSchema,
      page: () => feedbackForAction(db, actor, id, body),
      change: async () => {
        await addFeedbackAction(db, actor, id, parseForm(newActionSchema, body));
        return `/partnership/voice/${id}?done=action`;
      },
    };
  });

  const CHALLENGE = 'scrutiny/views/challenge-new.njk';
  const challengePage = async (actor: Actor, values: Form) => {
    const ticked = [values.agencyIds].flat();
    return {
      agencyItems: (await challengeableAgencies(db, actor, 'young_peoples_panel')).map((a) => ({
        value: a.id,
        text: a.name,
        hint: a.statutory ? { text: 'Statutory partner' } : undefined,
        checked: ticked.includes(a.id),
      })),
      action: '/partnership/voice/challenges/new',
      back: '/partnership/voice',
      panel: true,
    };
  };
  app.get('/partnership/voice/challenges/new', async (req, reply) => {
    return reply.render(CHALLENGE, { values: {}, ...(await challengePage(actorOf(req), {})) });
  });
  formPost(app, '/partnership/voice/challenges/new', ({ actor, body }) => ({
    view: CHALLENGE,
    schema: challengeSchema,
    page: () => challengePage(actor, body),
    change: async () => {
      const { id } = await raiseChallenge(db, actor, parseForm(challengeSchema, body), 'young_peoples_panel');
      return `/partnership/scrutiny/challenges/${id}?done=raised`;
    },
  }));

  app.get('/partnership/voice/child-voice', async (req, reply) => {
    const picture = await childVoicePicture(db, actorOf(req));
    return reply.render('family-voice/views/child-voice.njk', {
      ...picture,
      chart: await withDrawing(picture.chart),
      kinds: KINDS,
    });
  });
};
