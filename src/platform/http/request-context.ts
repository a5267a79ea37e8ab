import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Environment } from 'nunjucks';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { actorForApiToken, loadSession, SESSION_COOKIE } from '../auth/sessions.ts';
import { can } from '../access/roles.ts';
import { AppError } from '../errors.ts';
import { navigationFor } from './navigation.ts';
import { isApi } from './actor.ts';
import { refuseNul, refuseUnreadable } from './readable.ts';

export function cookieOptions(config: Config) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.production };
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/**
 * Who is asking, for every request: the session cookie for pages, a bearer token for the API.
 * Routes are signed-in only unless their config says public. Every form post carries the session's
 * CSRF token. Also decorates reply.render with the common page context.
 */
export function requestContext(app: FastifyInstance, deps: { db: Db; config: Config; views: Environment }) {
  const { db, config, views } = deps;
  app.decorateRequest('actor', undefined);
  app.decorateRequest('session', undefined);

  app.decorateReply('render', function (this: import('fastify').FastifyReply, template: string, data = {}) {
    const req = this.request;
    const html = views.render(template, {
      actor: req.actor,
      csrfToken: req.session?.csrf_token,
      cspNonce: (this as unknown as { cspNonce?: { script: string } }).cspNonce?.script,
      navigation: navigationFor(req.actor, req.url.split('?')[0] ?? '/'),
      currentPath: req.url,
      can: (p: Parameters<typeof can>[1]) => Boolean(req.actor && can(req.actor.roles, p)),
      ...data,
    });
    return this.type('text/html; charset=utf-8').send(html);
  });

  app.addHook('onRequest', async (req: FastifyRequest) => {
    const q = req.url.indexOf('?');
    if (q >= 0) refuseUnreadable(req.url.slice(q + 1));
    if (req.url.startsWith('/assets/') || req.url === '/health') return;
    if (isApi(req)) {
      const header = req.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (match?.[1]) {
        req.actor = await actorForApiToken(db, match[1], req.ip);
        if (req.actor && !can(req.actor.roles, 'api.use')) req.actor = undefined;
      }
    } else {
      const cookie = req.cookies[SESSION_COOKIE];
      if (cookie) {
        const loaded = await loadSession(db, cookie, config.SESSION_IDLE_MINUTES, req.ip);
        req.session = loaded?.session;
        req.actor = loaded?.actor;
      }
    }
  });

  app.addHook('preHandler', async (req, reply) => {
    if (req.routeOptions.config?.public || req.url.startsWith('/assets/')) return;
    if (!req.actor) {
      if (isApi(req))
        throw new AppError(401, 'Unauthorised', 'Send a valid API token as "Authorization: Bearer <token>".');
      const next = encodeURIComponent(req.url);
      return reply.redirect(req.method === 'GET' ? `/sign-in?next=${next}` : '/sign-in');
    }
  });

  app.addHook('preValidation', async (req) => {
    if (req.body === undefined || req.body === null) return;
    // One content type each: JSON for the API, form posts for pages.
    const json = /^application\/(.+\+)?json\b/.test(req.headers['content-type'] ?? '');
    if (isApi(req) && !json) {
      throw new AppError(
        415,
        'Unsupported content type',
        'The API accepts JSON only: send Content-Type: application/json.',
      );
    }
    if (!isApi(req) && json)
      throw new AppError(415, 'Unsupported content type', 'Pages accept form posts only.');
    // PostgreSQL text cannot hold NUL: refused once here for every JSON body (forms are checked as
    // they are parsed, in app.ts).
    refuseNul(req.body);
  });

  app.addHook('preHandler', async (req) => {
    if (isApi(req) || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
    if (!req.session || typeof sent !== 'string' || !safeEqual(sent, req.session.csrf_token)) {
      throw new AppError(
        403,
        'This form has expired',
        'The form you sent had expired or did not come from this service. Go back, reload the page and try again.',
      );
    }
  });
}
