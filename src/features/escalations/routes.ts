import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam, queryOf, type Body } from '../../platform/http/forms.ts';
import { UUID } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { withDrawing } from '../../platform/charts.ts';
import { ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { parseForm } from '../../platform/validation.ts';
import { actionFormItems } from '../actions/service.ts';
import { escalationsApi } from './api.ts';
import {
  escalationCounts,
  forStep,
  getEscalation,
  listEscalations,
  moveToNextStage,
  OUTCOMES,
  raiseEscalation,
  raiseForm,
  raiseSchema,
  resolutionSchema,
  resolveEscalation,
  setEscalationSettings,
  settingsForPage,
  settingsSchema,
  stageSchema,
} from './service.ts';

const V = 'escalations/views';
const MESSAGES: Record<string, string> = {
  raised: 'The escalation is raised: the practitioners’ stage has started',
  moved: 'The escalation has moved to the next stage',
  resolved: 'The escalation is resolved',
  settings: 'The escalation timescales are saved',
};

/** The agency select of the raise form, with what was chosen kept. */
const agencyItems = (agencies: { id: string; name: string }[], chosen: unknown) => [
  { value: '', text: 'Choose an agency' },
  ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === chosen })),
];

export const escalationsFeature: Feature = (app, { db }) => {
  app.get('/escalations', async (req, reply) => {
    const actor = actorOf(req);
    const { open, resolved } = await listEscalations(db, actor);
    return reply.render(`${V}/list.njk`, {
      title: 'Escalations',
      open,
      resolved,
      flash: flashOf(req, MESSAGES),
    });
  });

  app.get('/escalations/new', async (req, reply) => {
    const actor = actorOf(req);
    const person = queryOf(req).person;
    if (person === undefined || person === '') {
      if (!can(actor.roles, 'escalation.raise')) throw new ForbiddenError();
      return reply.render(`${V}/start.njk`, { title: 'Raise an escalation' });
    }
    if (typeof person !== 'string' || !UUID.test(person)) throw new NotFoundError();
    const form = await raiseForm(db, actor, person);
    return reply.render(`${V}/new.njk`, {
      title: 'Raise an escalation',
      ...form,
      agencyItems: agencyItems(form.agencies, undefined),
      values: {},
    });
  });
  formPost(app, '/escalations/new', ({ actor, body }) => ({
    view: `${V}/new.njk`,
    schema: raiseSchema,
    page: async () => {
      const form = await raiseForm(db, actor, String(body.personId));
      return {
        title: 'Raise an escalation',
        ...form,
        agencyItems: agencyItems(form.agencies, body.otherAgencyId),
      };
    },
    change: async () => {
      const e = await raiseEscalation(db, actor, parseForm(raiseSchema, body));
      return `/escalations/${e.id}?done=raised`;
    },
  }));

  app.get('/escalations/data', async (req, reply) => {
    const counts = await escalationCounts(db, actorOf(req));
    return reply.render(`${V}/data.njk`, {
      title: 'Escalations by agency and stage',
      ...counts,
      chart: await withDrawing(counts.chart),
    });
  });

  const settingsPage = async (actor: Actor, values?: Body) => {
    const settings = await settingsForPage(db, actor);
    return {
      title: 'Escalation timescales',
      settings,
      values: values ?? Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, String(v)])),
    };
  };
  app.get('/escalations/settings', async (req, reply) =>
    reply.render(`${V}/settings.njk`, {
      ...(await settingsPage(actorOf(req))),
      flash: flashOf(req, MESSAGES),
    }),
  );
  formPost(app, '/escalations/settings', ({ actor, body }) => ({
    view: `${V}/settings.njk`,
    schema: settingsSchema,
    page: () => settingsPage(actor, body),
    change: async () => {
      await setEscalationSettings(db, actor, parseForm(settingsSchema, body));
      return '/escalations/settings?done=settings';
    },
  }));

  app.get('/escalations/:id', async (req, reply) => {
    const actor = actorOf(req);
    const data = await getEscalation(db, actor, idParam(req));
    return reply.render(`${V}/show.njk`, {
      title: `Escalation ${data.escalation.reference}`,
      ...data,
      mayViewData: can(actor.roles, 'assurance.read'),
      flash: flashOf(req, MESSAGES),
    });
  });

  const stagePage = async (actor: Actor, id: string) => ({
    title: 'Move to the next stage',
    escalation: await forStep(db, actor, id, 'stage'),
  });
  app.get('/escalations/:id/stage', async (req, reply) =>
    reply.render(`${V}/stage.njk`, { ...(await stagePage(actorOf(req), idParam(req))), values: {} }),
  );
  formPost(app, '/escalations/:id/stage', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: `${V}/stage.njk`,
      schema: stageSchema,
      page: () => stagePage(actor, id),
      change: async () => {
        await moveToNextStage(db, actor, id, parseForm(stageSchema, body));
        return `/escalations/${id}?done=moved`;
      },
    };
  });

  const resolutionPage = async (actor: Actor, id: string, values: Body = {}) => {
    const escalation = await forStep(db, actor, id, 'resolution');
    return {
      title: 'Resolve the escalation',
      escalation,
      outcomes: OUTCOMES.filter(
        (o) => o.value !== 'partnership_decided' || escalation.stage === 'partnership',
      ),
      actionItems: await actionFormItems(db, actor, values),
    };
  };
  app.get('/escalations/:id/resolution', async (req, reply) =>
    reply.render(`${V}/resolution.njk`, {
      ...(await resolutionPage(actorOf(req), idParam(req))),
      values: {},
    }),
  );
  formPost(app, '/escalations/:id/resolution', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: `${V}/resolution.njk`,
      schema: resolutionSchema,
      page: () => resolutionPage(actor, id, body),
      change: async () => {
        await resolveEscalation(db, actor, id, parseForm(resolutionSchema, body));
        return `/escalations/${id}?done=resolved`;
      },
    };
  });

  escalationsApi(app);
};
