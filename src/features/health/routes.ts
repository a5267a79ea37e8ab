import type { Feature } from '../../platform/deps.ts';

export const healthFeature: Feature = (app, { db }) => {
  app.get('/health', { config: { public: true } }, async (_req, reply) => {
    try {
      await db.query('select 1');
      return { status: 'ok', database: db.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: db.engine });
    }
  });
};
