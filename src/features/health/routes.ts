import type { Feature } from '../../platform/deps.ts';
import { ping } from './repository.ts';

export const healthFeature: Feature = (app, { db }) => {
  app.get('/health', { config: { public: true } }, async (_req, reply) => {
    try {
      await ping(db);
      return { status: 'ok', database: db.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: db.engine });
    }
  });
};
