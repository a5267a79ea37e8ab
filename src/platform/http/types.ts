import type { Db } from '../../db/index.ts';
import type { Actor } from '../access/actor.ts';
import type { SessionRow } from '../auth/sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    session?: SessionRow;
  }
  interface FastifyReply {
    /** Renders a page with the common context (user, CSRF token, CSP nonce, navigation). */
    render(template: string, data?: Record<string, unknown>): FastifyReply;
  }
  interface FastifyInstance {
    /** The database handle the app was built with (API routes hand it, or a transaction, to handlers). */
    db: Db;
    /** Every route the features registered (method, url), for tests that walk them all. */
    routeTable: { method: string; url: string; public: boolean }[];
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
  }
}
