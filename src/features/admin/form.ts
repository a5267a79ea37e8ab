import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../platform/errors.ts';

export type Body = Record<string, unknown>;

export function bodyOf(req: FastifyRequest): Body {
  const b = req.body;
  return b && typeof b === 'object' && !Array.isArray(b) ? (b as Body) : {};
}

export function paramsOf(req: FastifyRequest): Record<string, string | undefined> {
  return req.params as Record<string, string | undefined>;
}

/**
 * Post/redirect/get: runs the change and redirects to where it says; on bad input re-renders the
 * form with status 400 and the error summary.
 */
export async function submitForm(
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

/** Success messages shown after a redirect, named by a key in the query (never user text). */
const DONE: Record<string, string> = {
  'agency-created': 'Agency added',
  'agency-updated': 'Agency updated',
  'team-created': 'Team added',
  'team-updated': 'Team updated',
  'user-created': 'Account created',
  'user-updated': 'Account updated',
  'user-created-waiting':
    'Account created. The roles that read child data or administer the system wait for another administrator to approve them.',
  'user-updated-waiting':
    'Account updated. The roles given that read child data or administer the system wait for another administrator to approve them.',
  'roles-approved': 'Roles approved: the user holds them from their next page',
  'roles-refused': 'Roles refused: the user does not hold them',
  'user-unlocked': 'Account unlocked',
  'two-factor-reset': 'Two-factor authentication reset: the user sets it up again when they next sign in',
  'password-set': 'New password set',
  'token-revoked': 'Token revoked',
};

export function flashOf(req: FastifyRequest): string | undefined {
  const key = (req.query as Record<string, unknown>).done;
  return typeof key === 'string' ? DONE[key] : undefined;
}
