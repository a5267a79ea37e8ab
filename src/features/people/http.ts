/** Small helpers the people pages share. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { UUID } from '../../platform/access/policy.ts';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';

/**
 * Registers routes in a scope that accepts only what it expects: form posts for pages, JSON for
 * the API. Anything else answers 415 (through the app's error page or problem document).
 */
export async function scoped(
  app: FastifyInstance,
  accept: 'form' | 'json',
  routes: (scope: FastifyInstance) => void,
): Promise<void> {
  await app.register(async (scope) => {
    const drop =
      accept === 'form'
        ? ['application/json', 'text/plain']
        : ['text/plain', 'application/x-www-form-urlencoded'];
    for (const type of drop) if (scope.hasContentTypeParser(type)) scope.removeContentTypeParser(type);
    routes(scope);
  });
}

/** The :id of a person route, or 404 for anything that is not a uuid. */
export function personIdOf(params: unknown): string {
  const id = (params as { id?: string }).id ?? '';
  if (!UUID.test(id)) throw new NotFoundError();
  return id.toLowerCase();
}

export function bodyOf(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

/**
 * Runs a form's work; on bad input re-renders the page with status 400 and the error summary
 * (with what the user typed), otherwise returns what the work returned.
 */
export async function orRerender<T>(
  reply: FastifyReply,
  template: string,
  data: () => Record<string, unknown> | Promise<Record<string, unknown>>,
  work: () => Promise<T>,
): Promise<T | FastifyReply> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    return reply.status(400).render(template, { ...(await data()), errors: err.errors });
  }
}

/** Splits a stored ISO date into the parts a GOV.UK date input shows. */
export function dateValues(prefix: string, iso: string | null | undefined): Record<string, string> {
  if (!iso) return {};
  const [y, m, d] = iso.split('-');
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y ?? '',
  };
}
