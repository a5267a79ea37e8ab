import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import path from 'node:path';
import qs from 'node:querystring';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import type { Deps, Feature } from './platform/deps.ts';
import { createViews, GOVUK_DIR, SRC_DIR } from './platform/views.ts';
import { createLogger } from './platform/logger.ts';
import { requestContext } from './platform/http/request-context.ts';
import { errorHandling } from './platform/http/errors.ts';
import { refuseUnreadable } from './platform/http/readable.ts';
import './platform/http/types.ts';
import { healthFeature } from './features/health/routes.ts';
import { authFeature } from './features/auth/routes.ts';
import { homeFeature } from './features/home/routes.ts';
import { escalationsFeature } from './features/escalations/routes.ts';
import { earlyHelpFeature } from './features/early-help/routes.ts';
import { returnsFeature } from './features/returns/routes.ts';
import { executiveFeature } from './features/executive/routes.ts';
import { apiDocsFeature } from './features/api/routes.ts';
import { peopleFeature } from './features/people/routes.ts';
import { chronologyFeature } from './features/chronology/routes.ts';
import { recordFeature } from './features/record/routes.ts';
import { frontDoorFeature } from './features/front-door/routes.ts';
import { caseworkFeature } from './features/casework/routes.ts';
import { scrutinyFeature } from './features/scrutiny/routes.ts';
import { familyVoiceFeature } from './features/family-voice/routes.ts';
import { caseloadsFeature } from './features/caseloads/routes.ts';
import { adminFeature } from './features/admin/routes.ts';
import { actionsFeature } from './features/actions/routes.ts';
import { partnershipFeature } from './features/partnership/routes.ts';
import { auditFeature } from './features/audit/routes.ts';
import { trainingFeature } from './features/training/routes.ts';
import { section11Feature } from './features/section11/routes.ts';
import { caseAuditsFeature } from './features/case-audits/routes.ts';
import { reviewsFeature } from './features/reviews/routes.ts';
import { datasetFeature } from './features/dataset/routes.ts';
import { yearlyReportFeature } from './features/yearly-report/routes.ts';

/** Features in the order their routes are registered. */
const FEATURES: Feature[] = [
  healthFeature,
  authFeature,
  homeFeature,
  peopleFeature,
  chronologyFeature,
  recordFeature,
  frontDoorFeature,
  caseworkFeature,
  caseloadsFeature,
  caseAuditsFeature,
  reviewsFeature,
  auditFeature,
  trainingFeature,
  section11Feature,
  adminFeature,
  escalationsFeature,
  earlyHelpFeature,
  executiveFeature,
  datasetFeature,
  yearlyReportFeature,
  partnershipFeature,
  actionsFeature,
  scrutinyFeature,
  familyVoiceFeature,
  returnsFeature,
  apiDocsFeature,
];

/** Builds the web app: platform plugins first, then the features. */
export async function buildApp(opts: { db: Db; config: Config; logger?: boolean }): Promise<FastifyInstance> {
  const { db, config } = opts;
  // Typed as the plain instance so features need not know the logger's type.
  const app: FastifyInstance = Fastify({
    loggerInstance: opts.logger === false ? undefined : createLogger(config.LOG_LEVEL),
    trustProxy: config.production,
    bodyLimit: 512 * 1024,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    // A HEAD would run a GET handler (and audit a read nobody saw).
    exposeHeadRoutes: false,
  }) as unknown as FastifyInstance;
  const deps: Deps = { db, config, views: createViews() };
  app.decorate('db', db);

  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    strictTransportSecurity: config.production,
  });
  // Forms and JSON only: text/plain bodies are refused with 415.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  // Repeated fields arrive as arrays; parsing is bounded by bodyLimit.
  await app.register(formbody, {
    parser: (s) => {
      refuseUnreadable(s);
      return qs.parse(s, '&', '=', { maxKeys: 500 });
    },
  });
  await app.register(rateLimit, { global: false });
  await app.register(fastifyStatic, {
    root: [
      path.join(GOVUK_DIR, 'dist/govuk/assets'),
      path.join(GOVUK_DIR, 'dist/govuk'),
      path.join(SRC_DIR, 'public'),
    ],
    prefix: '/assets/',
    maxAge: config.production ? '7d' : 0,
    index: false,
  });
  errorHandling(app);
  requestContext(app, deps);
  app.addHook('onSend', async (_req, reply) => {
    // Personal data must not stay in shared caches or the browser's back-forward cache.
    if (!reply.getHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  // The route table, for the access test that walks every route with every role.
  const routes: { method: string; url: string; public: boolean }[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: r.url, public: Boolean(r.config?.public) });
    }
  });
  app.decorate('routeTable', routes);
  for (const feature of FEATURES) await feature(app, deps);
  return app;
}
