import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam, queryOf } from '../../platform/http/forms.ts';
import { pagination } from '../../platform/http/pagination.ts';
import { parseForm } from '../../platform/validation.ts';
import { actionsApi } from './api.ts';
import {
  actionDetail,
  actionLog,
  filterQuery,
  filtersFromQuery,
  overduePage,
  requireActionUpdate,
  updateActionStatus,
  type ActionDetail,
} from './log.ts';
import { ACTION_STATUSES, SOURCE_KINDS, statusSchema } from './schemas.ts';

const MESSAGES: Record<string, string> = { status: 'The action’s status is updated' };

function statusItems(current: string, values: Record<string, unknown>) {
  const chosen = typeof values.status === 'string' ? values.status : current;
  return ACTION_STATUSES.map((s) => ({
    value: s.value,
    text: s.label,
    checked: s.value === chosen,
    ...(s.value === 'done' && { hint: { text: 'Give the evidence that it is done.' } }),
  }));
}

const detailModel = (d: ActionDetail, values: Record<string, unknown> = {}) => ({
  title: d.action.title,
  ...d,
  statusItems: statusItems(d.action.status, values),
});

export const actionsFeature: Feature = async (app, { db }) => {
  app.get('/partnership/actions', async (req, reply) => {
    const filters = filtersFromQuery(queryOf(req));
    const log = await actionLog(db, actorOf(req), filters);
    const base = (n: number) => {
      const q = new URLSearchParams(log.query);
      if (n > 1) q.set('page', String(n));
      const s = q.toString();
      return `/partnership/actions${s ? `?${s}` : ''}`;
    };
    const f = log.filters;
    return reply.render('actions/views/list.njk', {
      title: 'Actions',
      ...log,
      pagination:
        log.pages > 1
          ? { ...pagination(log.page, log.pages, base), landmarkLabel: 'Pages of actions' }
          : undefined,
      agencyItems: [
        { value: '', text: 'All agencies' },
        ...log.agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === f.agencyId })),
      ],
      statusFilterItems: [
        { value: '', text: 'Any status' },
        ...ACTION_STATUSES.map((s) => ({ value: s.value, text: s.label, selected: s.value === f.status })),
      ],
      sourceItems: [
        { value: '', text: 'Any source' },
        ...SOURCE_KINDS.map((s) => ({ value: s.value, text: s.label, selected: s.value === f.sourceKind })),
      ],
      overdueItems: [{ value: 'yes', text: 'Overdue only', checked: !!f.overdueOnly }],
      filtered: filterQuery(f) !== '',
    });
  });

  app.get('/partnership/actions/overdue', async (req, reply) => {
    const data = await overduePage(db, actorOf(req));
    return reply.render('actions/views/overdue.njk', { title: 'Overdue actions by agency', ...data });
  });

  const V = 'actions/views/action.njk';
  app.get('/partnership/actions/:id', async (req, reply) => {
    const d = await actionDetail(db, actorOf(req), idParam(req));
    return reply.render(V, { ...detailModel(d), flash: flashOf(req, MESSAGES) });
  });

  formPost(app, '/partnership/actions/:id/status', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: V,
      schema: statusSchema,
      page: async () => detailModel(await actionDetail(db, actor, id), body),
      change: async () => {
        await requireActionUpdate(db, actor, id);
        await updateActionStatus(db, actor, id, parseForm(statusSchema, body));
        return `/partnership/actions/${id}?done=status`;
      },
    };
  });

  actionsApi(app);
};
