/** Casework pages: thin handlers; access, rules and audit live in the services. */
import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Feature } from '../../platform/deps.ts';
import { ValidationError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { caseworkApi } from './api.ts';
import { recordDirectWork } from './cin-plans.ts';
import { bodyOf, keepValues } from './forms.ts';
import { FORMS, type FormPage } from './pages.ts';
import { caseworkOverview, childVoicePage, formPerson } from './service.ts';
import { LABELS, formItems, overviewView, voiceView } from './view-model.ts';
import { idParam } from '../../platform/http/forms.ts';

const V = 'casework/views';

const personIdOf = (params: unknown): string => idParam({ params });

/** Saved-banner texts by key: the page never reflects text from the address. */
const SAVED = new Map(FORMS.map((f, i) => [String(i), f.saved]));
SAVED.set('voice', 'What the child told us is recorded');

async function renderForm(
  reply: FastifyReply,
  db: Db,
  actor: Actor,
  personId: string,
  f: FormPage,
  values: Record<string, string | string[]> | undefined,
  errors?: unknown,
) {
  const person = await formPerson(db, actor, personId, f.transition, f.path);
  const data = await f.load(db, actor, personId);
  const v = values ?? f.initial?.(data, actor) ?? {};
  return reply.status(errors ? 400 : 200).render(`${V}/${f.template}.njk`, {
    title: f.title,
    action: `/people/${personId}/casework${f.path}`,
    person,
    values: v,
    errors,
    ...data,
    labels: LABELS,
    items: formItems(v, data),
  });
}

export const caseworkFeature: Feature = (app, { db }) => {
  app.get('/people/:id/casework', async (req, reply) => {
    const id = personIdOf(req.params);
    const overview = await caseworkOverview(db, actorOf(req), id);
    const saved = SAVED.get(String((req.query as { saved?: unknown }).saved ?? ''));
    return reply.render(`${V}/overview.njk`, { ...overviewView(overview), flash: saved });
  });

  FORMS.forEach((f, i) => {
    const url = `/people/:id/casework${f.path}`;
    app.get(url, async (req, reply) =>
      renderForm(reply, db, actorOf(req), personIdOf(req.params), f, undefined),
    );
    app.post(url, async (req, reply) => {
      const actor = actorOf(req);
      const id = personIdOf(req.params);
      const body = bodyOf(req.body);
      try {
        await f.save(db, actor, id, body);
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        return renderForm(reply, db, actor, id, f, keepValues(body), err.errors);
      }
      return reply.redirect(`/people/${id}/casework?saved=${i}`, 303);
    });
  });

  app.get('/people/:id/voice', async (req, reply) => {
    const id = personIdOf(req.params);
    const page = await childVoicePage(db, actorOf(req), id);
    const saved = (req.query as { saved?: unknown }).saved === 'voice' ? SAVED.get('voice') : undefined;
    return reply.render(`${V}/voice.njk`, { ...voiceView(page), flash: saved });
  });

  const voiceForm = async (
    reply: FastifyReply,
    actor: Actor,
    id: string,
    values: Record<string, string | string[]>,
    errors?: unknown,
  ) => {
    const person = await formPerson(db, actor, id, 'voice.record', '/voice/new');
    return reply.status(errors ? 400 : 200).render(`${V}/voice-new.njk`, {
      person,
      values,
      errors,
      items: formItems(values, {}),
    });
  };
  app.get('/people/:id/voice/new', async (req, reply) => {
    const actor = actorOf(req);
    return voiceForm(reply, actor, personIdOf(req.params), { voiceBy: actor.name });
  });
  app.post('/people/:id/voice/new', async (req, reply) => {
    const actor = actorOf(req);
    const id = personIdOf(req.params);
    const body = bodyOf(req.body);
    try {
      await recordDirectWork(db, actor, id, body);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return voiceForm(reply, actor, id, keepValues(body), err.errors);
    }
    return reply.redirect(`/people/${id}/voice?saved=voice`, 303);
  });

  caseworkApi(app);
};
