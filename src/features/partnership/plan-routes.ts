import type { FastifyInstance } from 'fastify';
import type { Db } from '../../db/index.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, type Body } from '../../platform/http/forms.ts';
import { parseForm } from '../../platform/validation.ts';
import {
  chooseRelevant,
  fundingChoices,
  fundingSchema,
  fundingTable,
  partners,
  plan,
  recordFunding,
  recordValue,
  relevantSchema,
  valueSchema,
} from './plan.ts';

const MESSAGES: Record<string, string> = {
  relevant: 'The relevant agencies are saved',
  value: 'The value is recorded',
  funding: 'The contribution is recorded',
};

async function partnersModel(db: Db, actor: Actor, values?: Body) {
  const data = await partners(db, actor);
  const chosen = values ? [values.relevant ?? []].flat() : data.relevant.map((a) => a.id);
  return {
    title: 'Partners and relevant agencies',
    ...data,
    relevantItems: data.others.map((a) => ({ value: a.id, text: a.name, checked: chosen.includes(a.id) })),
  };
}

async function valueModel(db: Db, actor: Actor, values: Body = {}) {
  requirePermission(actor, 'partnership.manage');
  const data = await plan(db, actor);
  return {
    title: 'Record a measure’s value',
    values,
    measureItems: [
      { value: '', text: 'Choose a measure' },
      ...data.measures.map((m) => ({ value: m.id, text: m.name, selected: values.measureId === m.id })),
    ],
  };
}

async function fundingModel(db: Db, actor: Actor, values: Body = {}) {
  const choices = await fundingChoices(db, actor);
  return {
    title: 'Record a contribution',
    values,
    agencyItems: [
      { value: '', text: 'Choose an agency' },
      ...choices.map((a) => ({ value: a.id, text: a.name, selected: values.agencyId === a.id })),
    ],
  };
}

export function planRoutes(app: FastifyInstance, db: Db): void {
  const PARTNERS = 'partnership/views/partners.njk';
  app.get('/partnership/partners', async (req, reply) =>
    reply.render(PARTNERS, { ...(await partnersModel(db, actorOf(req))), flash: flashOf(req, MESSAGES) }),
  );
  formPost(app, '/partnership/partners', ({ actor, body }) => ({
    view: PARTNERS,
    schema: relevantSchema,
    page: () => partnersModel(db, actor, body),
    change: async () => {
      await chooseRelevant(db, actor, parseForm(relevantSchema, body));
      return '/partnership/partners?done=relevant';
    },
  }));

  app.get('/partnership/plan', async (req, reply) =>
    reply.render('partnership/views/plan.njk', {
      title: 'Priorities and measures',
      ...(await plan(db, actorOf(req))),
      flash: flashOf(req, MESSAGES),
    }),
  );
  const VALUE = 'partnership/views/value-new.njk';
  app.get('/partnership/plan/values/new', async (req, reply) =>
    reply.render(VALUE, await valueModel(db, actorOf(req))),
  );
  formPost(app, '/partnership/plan/values/new', ({ actor, body }) => ({
    view: VALUE,
    schema: valueSchema,
    page: () => valueModel(db, actor, body),
    change: async () => {
      requirePermission(actor, 'partnership.manage');
      await recordValue(db, actor, parseForm(valueSchema, body));
      return '/partnership/plan?done=value';
    },
  }));

  app.get('/partnership/funding', async (req, reply) =>
    reply.render('partnership/views/funding.njk', {
      title: 'Funding',
      ...(await fundingTable(db, actorOf(req))),
      flash: flashOf(req, MESSAGES),
    }),
  );
  const FUND = 'partnership/views/funding-new.njk';
  app.get('/partnership/funding/new', async (req, reply) =>
    reply.render(FUND, await fundingModel(db, actorOf(req))),
  );
  formPost(app, '/partnership/funding/new', ({ actor, body }) => ({
    view: FUND,
    schema: fundingSchema,
    page: () => fundingModel(db, actor, body),
    change: async () => {
      requirePermission(actor, 'partnership.manage');
      await recordFunding(db, actor, parseForm(fundingSchema, body));
      return '/partnership/funding?done=funding';
    },
  }));
}
