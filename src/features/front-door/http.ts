/** Small helpers the front door's pages share. */
import type { FastifyReply } from 'fastify';
import { ValidationError } from '../../platform/errors.ts';
import type { Draft } from './referrals/drafts.ts';
import { PAGE_TITLES, previousPage, type Page } from './referrals/flow.ts';

export const V = 'front-door/views';

export function bodyOf(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
}

export function queryOf(query: unknown): Record<string, unknown> {
  return query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
}

/** The values of a repeated form field (checkboxes) as strings. */
export function listOf(v: unknown): string[] {
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );
}

/**
 * Runs a form's work; on bad input re-renders the page with status 400 and the error summary,
 * otherwise returns what the work returned.
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

export const draftBase = (draftId: string) => `/referrals/drafts/${draftId}`;

/** A page of the draft, keeping "came from the check page" when it applies. */
export function draftUrl(draftId: string, page: Page | string, returnToCheck = false): string {
  return `${draftBase(draftId)}/${page}${returnToCheck ? '?return=check' : ''}`;
}

export function returnsToCheck(query: unknown): boolean {
  return queryOf(query).return === 'check';
}

/** What every page of the referral form shows around its questions. */
export function frame(draft: Draft, page: Page, returnToCheck: boolean) {
  const prev = previousPage(page);
  return {
    draft,
    page,
    phone: draft.mode === 'phone',
    caption: draft.mode === 'phone' ? 'Record a referral taken by phone' : 'Make a referral',
    title: PAGE_TITLES[page],
    returnToCheck,
    back: returnToCheck
      ? draftUrl(draft.id, 'check')
      : prev
        ? draftUrl(draft.id, prev)
        : draft.mode === 'phone'
          ? '/mash'
          : '/referrals',
  };
}
