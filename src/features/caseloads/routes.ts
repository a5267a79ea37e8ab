import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { ValidationError } from '../../platform/errors.ts';
import { allocateChild, allocationPage, bulkReallocate, reallocationPage } from './allocation.ts';
import { driftReport, myWork, teamView, unallocated } from './service.ts';
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  setCaseloadSettings,
  settingsForAdmin,
  settingsFromForm,
} from './settings.ts';

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

function pagination(page: number, pages: number) {
  if (pages <= 1) return undefined;
  const href = (n: number) => `/unallocated?page=${n}`;
  const near = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages);
  const items: ({ number: number; href: string; current: boolean } | { ellipsis: true })[] = [];
  near.forEach((n, i) => {
    if (i > 0 && n - near[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: href(n), current: n === page });
  });
  return {
    previous: page > 1 ? { href: href(page - 1) } : undefined,
    next: page < pages ? { href: href(page + 1) } : undefined,
    items,
  };
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
  settings: 'Caseload settings saved',
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
    const raw = queryOf(req).page;
    const page = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : 1;
    const data = await unallocated(db, actorOf(req), page);
    return reply.render('caseloads/views/unallocated.njk', {
      title: 'Children waiting for allocation',
      ...data,
      pagination: pagination(data.page, data.pages),
    });
  });

  app.get('/reports/drift', async (req, reply) => {
    const data = await driftReport(db, actorOf(req));
    return reply.render('caseloads/views/drift.njk', { title: 'Drift report', ...data });
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
    title: 'Caseload weighting and limit',
    kinds: CASE_KINDS.map((k) => ({ key: k, label: CASE_KIND_LABELS[k] })),
    values,
    flash: flashOf(req),
  });

  app.get('/caseloads/settings', async (req, reply) => {
    const s = await settingsForAdmin(db, actorOf(req));
    const values: Record<string, unknown> = {
      limit: s.limit,
      nearDueWorkingDays: s.nearDueWorkingDays,
      ...Object.fromEntries(CASE_KINDS.map((k) => [`weight-${k}`, s.weights[k]])),
    };
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
        await setCaseloadSettings(db, actor, settingsFromForm(body));
        return '/caseloads/settings?done=settings';
      },
    );
  });
};
