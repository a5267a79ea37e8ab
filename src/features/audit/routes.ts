import { z } from 'zod';
import type { Feature } from '../../platform/deps.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { flashOf, formPost, idParam, queryOf } from '../../platform/http/forms.ts';
import { pagination } from '../../platform/http/pagination.ts';
import { parseForm } from '../../platform/validation.ts';
import { ROLE_CHANGES_PAGE_SIZE, roleChangeLog } from '../admin/service.ts';
import * as svc from './service.ts';

/** A list's page from the query: anything that is not a page number shows the first. */
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1) });
const DONE = { reviewed: 'Review recorded' };

/** The audit pages: who has looked at a record, break-glass reviews, and the chain check. */
export const auditFeature: Feature = (app, { db }) => {
  app.get('/people/:id/audit', async (req, reply) => {
    const { page } = pageQuery.parse(queryOf(req));
    const { person, events, total } = await svc.personViews(db, actorOf(req), idParam(req), page);
    const pages = Math.max(1, Math.ceil(total / svc.EVENTS_PAGE_SIZE));
    return reply.render('audit/views/person-views.njk', {
      title: 'Who has looked at this record',
      person,
      events,
      total,
      page,
      pages,
      pagination: pagination(page, pages, (n) => `/people/${person.id}/audit?page=${n}`),
    });
  });

  app.get('/audit/break-glass', async (req, reply) => {
    const queue = await svc.breakGlassQueue(db, actorOf(req));
    return reply.render('audit/views/break-glass.njk', {
      title: 'Break-glass reviews',
      ...queue,
      flash: flashOf(req, DONE),
    });
  });

  const V = 'audit/views/break-glass-review.njk';
  const detailPage = async (actor: ReturnType<typeof actorOf>, id: string) => ({
    title: 'Review break-glass access',
    ...(await svc.breakGlassDetail(db, actor, id)),
    values: {},
  });

  app.get('/audit/break-glass/:id', async (req, reply) => {
    return reply.render(V, await detailPage(actorOf(req), idParam(req)));
  });

  formPost(app, '/audit/break-glass/:id/review', ({ req, actor, body }) => {
    const id = idParam(req);
    return {
      view: V,
      schema: svc.reviewSchema,
      page: () => detailPage(actor, id),
      change: async () => {
        await svc.reviewBreakGlass(db, actor, id, parseForm(svc.reviewSchema, body));
        return '/audit/break-glass?done=reviewed';
      },
    };
  });

  app.get('/audit/role-changes', async (req, reply) => {
    const { page } = pageQuery.parse(queryOf(req));
    const { changes, total } = await roleChangeLog(db, actorOf(req), page);
    const pages = Math.max(1, Math.ceil(total / ROLE_CHANGES_PAGE_SIZE));
    return reply.render('audit/views/role-changes.njk', {
      title: 'Changes of roles',
      changes,
      total,
      page,
      pages,
      pagination: pagination(page, pages, (n) => `/audit/role-changes?page=${n}`),
    });
  });

  app.get('/audit/verify', async (req, reply) => {
    const result = await svc.verifyChain(db, actorOf(req));
    return reply.render('audit/views/verify.njk', { title: 'Check the audit trail', result });
  });
};
