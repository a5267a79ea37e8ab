import type { FastifyRequest } from 'fastify';
import { formatDate } from '../../platform/dates.ts';
import type { Feature } from '../../platform/deps.ts';
import { DUE_SOON_WORKING_DAYS } from '../../platform/due.ts';
import { ValidationError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam, queryOf, type Body } from '../../platform/http/forms.ts';
import { pagination } from '../../platform/http/pagination.ts';
import { parse, parseForm } from '../../platform/validation.ts';
import { allocateChild, allocationPage, bulkReallocate, reallocationPage } from './allocation.ts';
import {
  allocateSchema,
  childrenIn,
  driftFilterSchema,
  reallocateSchema,
  unallocatedFilterSchema,
} from './schemas.ts';
import { driftOptions, driftReport, myWork, teamView, unallocated, unallocatedOptions } from './service.ts';
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  formValues,
  INTERVAL_UNITS,
  saveSettingsForm,
  settingsForAdmin,
} from './settings.ts';
import { caseloadsApi } from './api.ts';

interface Worker {
  id: string;
  name: string;
  teamName: string | null;
  /** Shown after the name and team (a worker's caseload). */
  note?: string;
}

/** Select items for workers, with a first empty choice. */
function workerItems(workers: Worker[], selected: unknown, empty: string) {
  return [
    { value: '', text: empty },
    ...workers.map((w) => ({
      value: w.id,
      text: `${w.teamName ? `${w.name} – ${w.teamName}` : w.name}${w.note ? ` ${w.note}` : ''}`,
      selected: w.id === selected,
    })),
  ];
}

/** GOV.UK pagination for a list of pages, none when there is one page. */
function pages(page: number, count: number, href: (n: number) => string, landmarkLabel: string) {
  return count > 1 ? { ...pagination(page, count, href), landmarkLabel } : undefined;
}

function reallocateModel(data: Awaited<ReturnType<typeof reallocationPage>>, values: Body) {
  return {
    title: 'Move a worker’s children',
    ...data,
    values,
    fromItems: workerItems(
      data.teamWorkers
        .filter((w) => w.children > 0)
        .map((w) => ({ ...w, name: `${w.name} (${w.children})` })),
      values.from,
      'Choose a worker',
    ),
    allItems: workerItems(data.targets, values.all, 'Choose for each child below'),
    childRows: data.children.map((c) => ({
      child: c,
      items: workerItems(data.targets, values[`to-${c.personId}`], 'As chosen above'),
    })),
  };
}

/** The banners after a change, by key (`?done=`). */
const MESSAGES: Record<string, string> = {
  allocated: 'Child allocated',
  reallocated: 'Children reallocated',
  settings: 'Settings saved',
};

/** Your work, the team manager's view, allocation, bulk reallocation, the drift report, settings. */
export const caseloadsFeature: Feature = (app, { db }) => {
  app.get('/my-work', async (req, reply) => {
    const data = await myWork(db, actorOf(req));
    return reply.render('caseloads/views/my-work.njk', { title: 'Your work', ...data });
  });

  app.get('/team', async (req, reply) => {
    const data = await teamView(db, actorOf(req));
    return reply.render('caseloads/views/team.njk', {
      title: data.teamName || 'Your team',
      ...data,
      flash: flashOf(req, MESSAGES),
    });
  });

  app.get('/unallocated', async (req, reply) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const view = 'caseloads/views/unallocated.njk';
    const title = 'Children waiting for allocation';
    try {
      const data = await unallocated(db, actor, parse(unallocatedFilterSchema, q));
      const link = (n: number) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries({ team: data.team, urgency: data.urgency, page: n }))
          if (v !== '') params.set(k, String(v));
        return `/unallocated?${params.toString()}`;
      };
      return reply.render(view, {
        title,
        ...data,
        pagination: pages(data.page, data.pages, link, 'Pages of children waiting'),
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      return reply.status(400).render(view, {
        title,
        ...(await unallocatedOptions(db, actor)),
        team: typeof q.team === 'string' ? q.team : '',
        urgency: typeof q.urgency === 'string' ? q.urgency : '',
        children: [],
        errors: err.errors,
      });
    }
  });

  app.get('/reports/drift', async (req, reply) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const view = 'caseloads/views/drift.njk';
    try {
      const data = await driftReport(db, actor, parse(driftFilterSchema, q));
      const link = (extra: Record<string, string | number>) => {
        const params = new URLSearchParams();
        for (const [k, v] of Object.entries({ kind: data.kind, team: data.team, ...extra }))
          if (v !== '') params.set(k, String(v));
        const text = params.toString();
        return text ? `/reports/drift?${text}` : '/reports/drift';
      };
      return reply.render(view, {
        title: 'Drift report',
        ...data,
        countLinks: data.counts.map((c) => ({ ...c, href: link({ kind: c.kind }) })),
        allHref: link({ kind: '' }),
        pagination: pages(data.page, data.pages, (n) => link({ page: n }), 'Drift report pages'),
      });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const options = await driftOptions(db, actor);
      return reply.status(400).render(view, {
        title: 'Drift report',
        ...options,
        kind: typeof q.kind === 'string' ? q.kind : '',
        team: typeof q.team === 'string' ? q.team : '',
        errors: err.errors,
      });
    }
  });

  const allocateModel = (data: Awaited<ReturnType<typeof allocationPage>>, values: Body) => ({
    title: data.current ? 'Reallocate a worker' : 'Allocate a worker',
    ...data,
    values,
    // Each worker's weighted caseload against the limit, beside their name.
    workerItems: workerItems(
      data.workers.map((w) => ({
        ...w,
        note: `(caseload ${w.caseload.weight} of ${data.limit}, ${w.caseload.count} ${
          w.caseload.count === 1 ? 'child' : 'children'
        }${w.caseload.overLimit ? ', over the limit' : ''})`,
      })),
      values.workerId,
      'Choose a worker',
    ),
    siblingItems: data.siblings.map((c) => ({
      value: c.personId,
      text: c.name,
      hint: c.dateOfBirth ? { text: `Born ${formatDate(c.dateOfBirth)}` } : undefined,
      checked: [values.siblings ?? []].flat().includes(c.personId),
    })),
  });
  const allocateView = 'caseloads/views/allocate.njk';

  app.get('/allocations/:personId', async (req, reply) => {
    const data = await allocationPage(db, actorOf(req), idParam(req, 'personId'));
    return reply.render(allocateView, allocateModel(data, {}));
  });

  formPost(app, '/allocations/:personId', ({ req, actor, body }) => {
    const id = idParam(req, 'personId');
    return {
      view: allocateView,
      schema: allocateSchema,
      page: async () => allocateModel(await allocationPage(db, actor, id), body),
      change: async () => {
        await allocateChild(db, actor, id, parseForm(allocateSchema, body));
        return '/team?done=allocated';
      },
    };
  });

  const reallocateView = 'caseloads/views/reallocate.njk';
  app.get('/team/reallocate', async (req, reply) => {
    const actor = actorOf(req);
    const from = queryOf(req).from;
    try {
      const data = await reallocationPage(db, actor, typeof from === 'string' ? from : undefined);
      return reply.render(reallocateView, reallocateModel(data, { from }));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const data = await reallocationPage(db, actor, undefined);
      return reply.status(400).render(reallocateView, { ...reallocateModel(data, {}), errors: err.errors });
    }
  });

  formPost(app, '/team/reallocate', ({ actor, body }) => {
    const from = typeof body.from === 'string' ? body.from : undefined;
    const schema = reallocateSchema(childrenIn(body));
    return {
      view: reallocateView,
      schema,
      page: async () => {
        const data = await reallocationPage(db, actor, from).catch(async (err: unknown) => {
          if (err instanceof ValidationError) return reallocationPage(db, actor, undefined);
          throw err;
        });
        return reallocateModel(data, body);
      },
      change: async () => {
        await bulkReallocate(db, actor, parseForm(schema, body));
        return '/team?done=reallocated';
      },
    };
  });

  const settingsPage = async (req: FastifyRequest, values: Body) => ({
    title: 'Caseload and casework settings',
    kinds: CASE_KINDS.map((k) => ({ key: k, label: CASE_KIND_LABELS[k] })),
    unitItems: Object.entries(INTERVAL_UNITS).map(([value, text]) => ({
      value,
      text,
      checked: values.cinPlanReviewUnit === value,
    })),
    values,
    nearDueWorkingDays: DUE_SOON_WORKING_DAYS,
    flash: flashOf(req, MESSAGES),
  });

  app.get('/caseloads/settings', async (req, reply) => {
    const values = formValues(await settingsForAdmin(db, actorOf(req)));
    return reply.render('caseloads/views/settings.njk', await settingsPage(req, values));
  });

  formPost(app, '/caseloads/settings', ({ req, actor, body }) => ({
    view: 'caseloads/views/settings.njk',
    page: () => settingsPage(req, body),
    change: async () => {
      await saveSettingsForm(db, actor, body);
      return '/caseloads/settings?done=settings';
    },
  }));
  caseloadsApi(app);
};
