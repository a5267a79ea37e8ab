/** Small helpers the people pages share. */
import type { FastifyReply } from 'fastify';
import { ValidationError } from '../../platform/errors.ts';
import { idParam } from '../../platform/http/forms.ts';

/** The :id of a person route, or 404 for anything that is not a uuid. */
export const personIdOf = (params: unknown): string => idParam({ params });

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
