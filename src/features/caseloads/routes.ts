import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { ValidationError } from '../../platform/errors.ts';
import { pagination } from '../../platform/http/pagination.ts';
import { allocateChild, allocationPage, bulkReallocate, reallocationPage } from './allocation.ts';
import { DUE_SOON_WORKING_DAYS } from '../../platform/due.ts';
import {
  driftOptions,
  driftReport,
  myWork,
  pageOf,
  teamView,
  unallocated,
  type DriftFilter,
} from './service.ts';
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  formValues,
  INTERVAL_UNITS,
  saveSettingsForm,
  settingsForAdmin,
} from './settings.ts';
import { caseloadsApi } from './api.ts';

type Body = Record<string, unknown>;

interface Worker {
  id: string;
  name: string;
  teamName: string | null;
}

/** Select items for workers, with a first empty choice. */
function workerItems(workers: Worker[], selected: unknown, empty: string) {
  return [
    { value: '', text: empty },
    ...workers.map((w) => ({
      value: w.id,
      text: w.teamName ? `${w.name} – ${w.teamName}` : w.name,
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

function bodyOf(req: FastifyRequest): Body {
  const b = req.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Body) : {};
}

function queryOf(req: FastifyRequest): Record<string, unknown> {
  return (req.query ?? {}) as Record<string, unknown>;
}

const DONE: Record<string, string> = {
  allocated: 'Child allocated',
  reallocated: 'Children reallocated',
  settings: 'Settings saved',
};

function flashOf(req: FastifyRequest): string | undefined {
  const key = queryOf(req).done;
  return typeof key === 'string' ? DONE[key] : undefined;
}

/** Post/redirect/get; bad input re-renders the form with status 400 and the error summary. */
async function submit(
  reply: FastifyReply,
  view: string,
  page: () => Promise<Record<string, unknown>>,
  change: () => Promise<string>,
): Promise<FastifyReply> {
  try {
    return reply.redirect(await change(), 303);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return reply.status(400).render(view, { ...(await page()), errors: err.errors });
  }
}

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
      flash: flashOf(req),
    });
  });

  app.get('/unallocated', async (req, reply) => {
    const data = await unallocated(db, actorOf(req), pageOf(queryOf(req).page));
    return reply.render('caseloads/views/unallocated.njk', {
      title: 'Children waiting for allocation',
      ...data,
      pagination: pages(data.page, data.pages, (n) => `/unallocated?page=${n}`, 'Pages of children waiting'),
    });
  });

  app.get('/reports/drift', async (req, reply) => {
    const actor = actorOf(req);
    const q = queryOf(req);
    const filter: DriftFilter = { kind: q.kind ?? '', team: q.team ?? '', page: pageOf(q.page) };
    const view = 'caseloads/views/drift.njk';
    try {
      const data = await driftReport(db, actor, filter);
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
        kind: typeof filter.kind === 'string' ? filter.kind : '',
        team: typeof filter.team === 'string' ? filter.team : '',
        errors: err.errors,
      });
    }
  });

  const allocateModel = (data: Awaited<ReturnType<typeof allocationPage>>, values: Body) => ({
    title: data.current ? 'Reallocate a worker' : 'Allocate a worker',
    ...data,
    values,
    workerItems: workerItems(data.workers, values.workerId, 'Choose a worker'),
  });
  const personIdOf = (req: FastifyRequest) => (req.params as { personId?: string }).personId ?? '';

  app.get('/allocations/:personId', async (req, reply) => {
    const data = await allocationPage(db, actorOf(req), personIdOf(req));
    return reply.render('caseloads/views/allocate.njk', allocateModel(data, {}));
  });

  app.post('/allocations/:personId', async (req, reply) => {
    const actor = actorOf(req);
    const body = bodyOf(req);
    return submit(
      reply,
      'caseloads/views/allocate.njk',
      async () => allocateModel(await allocationPage(db, actor, personIdOf(req)), body),
      async () => {
        await allocateChild(db, actor, personIdOf(req), body);
        return '/team?done=allocated';
      },
    );
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

  app.post('/team/reallocate', async (req, reply) => {
    const actor = actorOf(req);
    const body = bodyOf(req);
    const from = typeof body.from === 'string' ? body.from : undefined;
    return submit(
      reply,
      reallocateView,
      async () => {
        const data = await reallocationPage(db, actor, from).catch(async (err: unknown) => {
          if (err instanceof ValidationError) return reallocationPage(db, actor, undefined);
          throw err;
        });
        return reallocateModel(data, body);
      },
      async () => {
        await bulkReallocate(db, actor, body);
        return '/team?done=reallocated';
      },
    );
  });

  const settingsPage = async (req: FastifyRequest, values: Record<string, unknown>) => ({
    title: 'Caseload and casework settings',
    kinds: CASE_KINDS.map((k) => ({ key: k, label: CASE_KIND_LABELS[k] })),
    unitItems: Object.entries(INTERVAL_UNITS).map(([value, text]) => ({
      value,
      text,
      checked: values.cinPlanReviewUnit === value,
    })),
    values,
    nearDueWorkingDays: DUE_SOON_WORKING_DAYS,
    flash: flashOf(req),
  });

  app.get('/caseloads/settings', async (req, reply) => {
    const values = formValues(await settingsForAdmin(db, actorOf(req)));
    return reply.render('caseloads/views/settings.njk', await settingsPage(req, values));
  });

  app.post('/caseloads/settings', async (req, reply) => {
    const actor = actorOf(req);
    const body = bodyOf(req);
    return submit(
      reply,
      'caseloads/views/settings.njk',
      () => settingsPage(req, body),
      async () => {
        await saveSettingsForm(db, actor, body);
        return '/caseloads/settings?done=settings';
      },
    );
  });
  caseloadsApi(app);
};
