/** Where the referral form's pages are, and what each shows around its questions. */
import type { FastifyRequest } from 'fastify';
import { queryOf } from '../../../platform/http/forms.ts';
import type { Draft } from '../repository/drafts.ts';
import { PAGE_TITLES, previousPage, type Page } from './flow.ts';

/** A page of the draft, keeping "came from the check page" when it applies. */
export function draftUrl(draftId: string, page: Page | string, returnToCheck = false): string {
  return `/referrals/drafts/${draftId}/${page}${returnToCheck ? '?return=check' : ''}`;
}

export function returnsToCheck(req: FastifyRequest): boolean {
  return queryOf(req).return === 'check';
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
