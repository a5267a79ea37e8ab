/** Casework pages: thin handlers; access, rules and audit live in the services. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam, type Body } from '../../platform/http/forms.ts';
import { parseForm } from '../../platform/validation.ts';
import { caseworkApi } from './api.ts';
import { FORMS, doneKey, type FormPage } from './pages.ts';
import { planContentPage } from './plan-content.ts';
import {
  conferenceForCorrection,
  conferencePage,
  correctConference,
  correctStrategyDiscussion,
  strategyDiscussionPage,
  strategyForCorrection,
} from './meetings.ts';
import {
  conferenceCorrectionSchema,
  directWorkSchema,
  strategyCorrectionSchema,
  visitFrequencySchema,
  withVoice,
} from './schemas.ts';
import { caseworkOverview, childVoicePage, formPerson, recordDirectWork } from './service.ts';
import { practiceSettings, setVisitFrequency } from './settings.ts';
import { LABELS, formItems, overviewView, voiceView } from './view-model.ts';

const V = 'casework/views';

/** The banners after saving, by key (`?done=`): the page never shows text from the address. */
const MESSAGES: Record<string, string> = {
  ...Object.fromEntries(FORMS.map((f) => [doneKey(f), f.saved])),
  voice: 'What the child told us is recorded',
  settings: 'The visit frequency is saved',
  corrected: 'The strategy discussion is corrected; the earlier version is kept below',
  'conference-corrected': 'The conference is corrected; the earlier version is kept below',
};

/** What a casework form shows besides what was typed: the child, the current record, the choices. */
async function formPage(db: Db, actor: Actor, personId: string, f: FormPage, values: Body) {
  const person = await formPerson(db, actor, personId, f.transition, f.path);
  const data = await f.load(db, actor, personId);
  return {
    title: f.title,
    action: `/people/${personId}/casework${f.path}`,
    person,
    ...data,
    labels: LABELS,
    items: formItems(values as Record<string, string>, data),
  };
}

async function renderForm(reply: FastifyReply, db: Db, actor: Actor, personId: string, f: FormPage) {
  const page = await formPage(db, actor, personId, f, {});
  const values = { 'voice-gatheredBy': actor.name, ...f.initial?.(page) };
  return reply.render(`${V}/${f.template}.njk`, { ...page, values, items: formItems(values, page) });
}

export const caseworkFeature: Feature = (app, { db }) => {
  app.get('/people/:id/casework', async (req, reply) => {
    const overview = await caseworkOverview(db, actorOf(req), idParam(req));
    return reply.render(`${V}/overview.njk`, { ...overviewView(overview), flash: flashOf(req, MESSAGES) });
  });

  for (const f of FORMS) {
    const url = `/people/:id/casework${f.path}`;
    const schema = f.schema();
    app.get(url, async (req, reply) => renderForm(reply, db, actorOf(req), idParam(req), f));
    formPost(app, url, ({ req, actor, body }) => {
      const id = idParam(req);
      return {
        view: `${V}/${f.template}.njk`,
        schema,
        page: () => formPage(db, actor, id, f, body),
        change: async () => {
          await f.save(db, actor, id, parseForm(schema, withVoice(body)));
          return `/people/${id}/casework?done=${doneKey(f)}`;
        },
      };
    });
  }

  app.get('/people/:id/voice', async (req, reply) => {
    const page = await childVoicePage(db, actorOf(req), idParam(req));
    return reply.render(`${V}/voice.njk`, { ...voiceView(page), flash: flashOf(req, MESSAGES) });
  });

  const voiceForm = async (actor: Actor, id: string, values: Body) => ({
    person: await formPerson(db, actor, id, 'voice.record', '/voice/new'),
    items: formItems(values as Record<string, string>, {}),
  });
  const directWork = directWorkSchema();
  app.get('/people/:id/voice/new', async (req, reply) => {
    const actor = actorOf(req);
    const values = { gatheredBy: actor.name };
    return reply.render(`${V}/voice-new.njk`, { ...(await voiceForm(actor, idParam(req), values)), values });
  });
  formPost(app, '/people/:id/voice/new', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: `${V}/voice-new.njk`,
      schema: directWork,
      page: () => voiceForm(actor, id, body),
      change: async () => {
        await recordDirectWork(db, actor, id, parseForm(directWork, body));
        return `/people/${id}/voice?done=voice`;
      },
    };
  });

  // The child protection plan's content: outcomes, actions, owners, dates and progress.
  app.get('/people/:id/casework/cp-plan', async (req, reply) => {
    const page = await planContentPage(db, actorOf(req), idParam(req));
    return reply.render(`${V}/cp-plan.njk`, { title: 'Child protection plan', ...page });
  });

  // A recorded strategy discussion: its own page, and its correction with a reason.
  // The meeting's id is checked after the child's access (a refusal never depends on it).
  const sdIdOf = (req: FastifyRequest) => String((req.params as { sdId?: string }).sdId ?? '');
  app.get('/people/:id/strategy-discussions/:sdId', async (req, reply) => {
    const page = await strategyDiscussionPage(db, actorOf(req), idParam(req), sdIdOf(req));
    return reply.render(`${V}/strategy-record.njk`, {
      title: 'Strategy discussion',
      ...page,
      flash: flashOf(req, MESSAGES),
    });
  });
  const correctView = `${V}/strategy-correct.njk`;
  const correctPage = async (actor: Actor, id: string, sdId: string, values: Body) => {
    const data = await strategyForCorrection(db, actor, id, sdId);
    return {
      title: 'Correct the strategy discussion',
      ...data,
      values,
      items: formItems(values as Record<string, string>, data),
    };
  };
  app.get('/people/:id/strategy-discussions/:sdId/correct', async (req, reply) => {
    const actor = actorOf(req);
    const id = idParam(req);
    const sdId = sdIdOf(req);
    const { record } = await strategyForCorrection(db, actor, id, sdId);
    const [year, month, day] = record.heldOn.split('-');
    const values: Body = {
      'heldOn-day': String(Number(day)),
      'heldOn-month': String(Number(month)),
      'heldOn-year': year!,
      agencies: record.agencyIds,
      participants: record.participants,
      decision: record.decision,
      rationale: record.rationale,
      version: String(record.version),
    };
    return reply.render(correctView, await correctPage(actor, id, sdId, values));
  });
  const correction = strategyCorrectionSchema();
  formPost(app, '/people/:id/strategy-discussions/:sdId/correct', ({ req, actor, body }) => {
    const id = idParam(req);
    const sdId = sdIdOf(req);
    return {
      view: correctView,
      schema: correction,
      page: () => correctPage(actor, id, sdId, body),
      change: async () => {
        await correctStrategyDiscussion(db, actor, id, sdId, parseForm(correction, body));
        return `/people/${id}/strategy-discussions/${sdId}?done=corrected`;
      },
    };
  });

  // A recorded child protection conference: its own page, and (an initial one) its correction.
  const confIdOf = (req: FastifyRequest) => String((req.params as { confId?: string }).confId ?? '');
  app.get('/people/:id/conferences/:confId', async (req, reply) => {
    const page = await conferencePage(db, actorOf(req), idParam(req), confIdOf(req));
    return reply.render(`${V}/conference-record.njk`, {
      title: 'Child protection conference',
      ...page,
      flash: flashOf(req, MESSAGES),
    });
  });
  const confCorrectView = `${V}/conference-correct.njk`;
  const confCorrectPage = async (actor: Actor, id: string, confId: string, values: Body) => {
    const data = await conferenceForCorrection(db, actor, id, confId);
    return {
      title: 'Correct the initial child protection conference',
      ...data,
      values,
      items: formItems(values as Record<string, string>, data),
    };
  };
  app.get('/people/:id/conferences/:confId/correct', async (req, reply) => {
    const actor = actorOf(req);
    const id = idParam(req);
    const confId = confIdOf(req);
    const { record } = await conferenceForCorrection(db, actor, id, confId);
    const values: Body = {
      chair: record.chair,
      agencies: record.agencyIds,
      attendanceNotes: record.attendanceNotes ?? '',
      category: record.category ?? '',
      version: String(record.version),
    };
    return reply.render(confCorrectView, await confCorrectPage(actor, id, confId, values));
  });
  const confCorrection = conferenceCorrectionSchema();
  formPost(app, '/people/:id/conferences/:confId/correct', ({ req, actor, body }) => {
    const id = idParam(req);
    const confId = confIdOf(req);
    return {
      view: confCorrectView,
      schema: confCorrection,
      page: () => confCorrectPage(actor, id, confId, body),
      change: async () => {
        await correctConference(db, actor, id, confId, parseForm(confCorrection, body));
        return `/people/${id}/conferences/${confId}?done=conference-corrected`;
      },
    };
  });

  const settingsView = `${V}/settings.njk`;
  const settingsPage = async (actor: Actor, values: Body, req?: FastifyRequest) => ({
    title: 'Casework settings',
    settings: await practiceSettings(db, actor),
    values,
    flash: req ? flashOf(req, MESSAGES) : undefined,
  });
  app.get('/casework/settings', async (req, reply) => {
    const actor = actorOf(req);
    const data = await settingsPage(actor, {}, req);
    return reply.render(settingsView, {
      ...data,
      values: { visitWorkingDays: String(data.settings.visitWorkingDays) },
    });
  });
  formPost(app, '/casework/settings', ({ actor, body }) => ({
    view: settingsView,
    schema: visitFrequencySchema,
    page: () => settingsPage(actor, body),
    change: async () => {
      await setVisitFrequency(db, actor, parseForm(visitFrequencySchema, body));
      return '/casework/settings?done=settings';
    },
  }));

  caseworkApi(app);
};
