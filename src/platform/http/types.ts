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
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean;
  }
}
