import { z } from 'zod';
import type { Feature } from '../../platform/deps.ts';
import { ValidationError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { pagination } from '../../platform/http/pagination.ts';
import { ROLE_CHANGES_PAGE_SIZE, roleChangeLog } from '../admin/service.ts';
import * as svc from './service.ts';

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).catch(1).default(1) });
const param = (req: { params: unknown }, name: string) =>
  String((req.params as Record<string, unknown>)[name] ?? '');

/** The audit pages: who has looked at a record, break-glass reviews, and the chain check. */
export const auditFeature: Feature = (app, { db }) => {
  app.get('/people/:id/audit', async (req, reply) => {
    const { page } = pageQuery.parse(req.query ?? {});
    const { person, events, total } = await svc.personViews(db, actorOf(req), param(req, 'id'), page);
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
    const done = (req.query as Record<string, unknown>).done === 'reviewed';
    return reply.render('audit/views/break-glass.njk', {
      title: 'Break-glass reviews',
      ...queue,
      flash: done ? 'Review recorded' : undefined,
    });
  });

  const detailPage = async (req: Parameters<typeof actorOf>[0], extra: Record<string, unknown> = {}) => {
    const detail = await svc.breakGlassDetail(db, actorOf(req), param(req, 'id'));
    return { title: 'Review break-glass access', ...detail, values: {}, ...extra };
  };

  app.get('/audit/break-glass/:id', async (req, reply) => {
    return reply.render('audit/views/break-glass-review.njk', await detailPage(req));
  });

  app.post('/audit/break-glass/:id/review', async (req, reply) => {
    try {
      await svc.reviewBreakGlass(db, actorOf(req), param(req, 'id'), req.body);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      const page = await detailPage(req, { values: req.body ?? {}, errors: err.errors });
      return reply.status(400).render('audit/views/break-glass-review.njk', page);
    }
    return reply.redirect('/audit/break-glass?done=reviewed', 303);
  });

  app.get('/audit/role-changes', async (req, reply) => {
    const { page } = pageQuery.parse(req.query ?? {});
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
