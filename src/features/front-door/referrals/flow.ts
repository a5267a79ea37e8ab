/**
 * The referral form as a state machine: its pages in order, what each page completes, which pages
 * may be visited now, and which items are still missing before the referral can be submitted.
 */
import type { ConcernCategory } from '../codes.ts';
import type {
  AdultData,
  AddressData,
  ChildData,
  ChildSaidData,
  ConsentData,
  ReferralInput,
  ReferrerData,
  RiskData,
} from './data.ts';

/** What a draft holds: each section once its page has been saved with valid answers. */
export interface DraftData {
  children?: ChildData[];
  adults?: AdultData[];
  /** The adults page was answered with no adults known (or the list was confirmed). */
  adultsDone?: boolean;
  address?: AddressData;
  concern?: string;
  concernCategory?: ConcernCategory;
  childSaid?: ChildSaidData;
  risks?: RiskData;
  consent?: ConsentData;
  referrer?: ReferrerData;
}

export const PAGES = [
  'children',
  'adults',
  'address',
  'concern',
  'child-said',
  'risks',
  'consent',
  'referrer',
  'check',
] as const;
export type Page = (typeof PAGES)[number];
export type FormPage = Exclude<Page, 'check'>;

export const PAGE_TITLES: Record<Page, string> = {
  children: 'The children',
  adults: 'Adults in the household',
  address: 'Where the children live',
  concern: 'Your concern',
  'child-said': 'What the child has said',
  risks: 'Immediate risks',
  consent: 'Does the family know?',
  referrer: 'Your details',
  check: 'Check your answers before sending the referral',
};

/** Whether a page's section has been answered. */
export function isComplete(page: FormPage, d: DraftData): boolean {
  switch (page) {
    case 'children':
      return (d.children?.length ?? 0) > 0;
    case 'adults':
      return d.adultsDone === true || (d.adults?.length ?? 0) > 0;
    case 'address':
      return d.address !== undefined;
    case 'concern':
      return Boolean(d.concern);
    case 'child-said':
      return d.childSaid !== undefined;
    case 'risks':
      return d.risks !== undefined;
    case 'consent':
      return d.consent !== undefined;
    case 'referrer':
      return d.referrer !== undefined;
  }
}

const FORM_PAGES = PAGES.filter((p): p is FormPage => p !== 'check');

const MISSING: Record<FormPage, (phone: boolean) => string> = {
  children: () => 'Add at least one child',
  adults: () => 'Tell us about the adults in the household, or say you do not know of any',
  address: () => 'Enter where the children live, or say you do not know',
  concern: () => 'Describe the concern about the child',
  'child-said': () => 'Say whether the child has said anything about this',
  risks: () => 'Say whether any child is at immediate risk of harm',
  consent: () => 'Say whether the family knows about the referral and consents',
  referrer: (phone) => (phone ? 'Enter the referrer’s details' : 'Enter your details'),
};

export interface MissingItem {
  page: FormPage;
  message: string;
}

/** Every item still missing, in page order (the check page names each with a link to its page). */
export function missingItems(d: DraftData, phone = false): MissingItem[] {
  return FORM_PAGES.filter((p) => !isComplete(p, d)).map((p) => ({ page: p, message: MISSING[p](phone) }));
}

/**
 * Pages may be visited in order: any page up to the first unanswered one, any page already
 * answered, and the check page at any time (it names what is missing).
 */
export function mayVisit(page: Page, d: DraftData): boolean {
  if (page === 'check') return true;
  if (isComplete(page, d)) return true;
  const first = FORM_PAGES.find((p) => !isComplete(p, d));
  return first === undefined || PAGES.indexOf(page) <= PAGES.indexOf(first);
}

/** Where to send the user when they may not visit `page`. */
export function firstUnanswered(d: DraftData): Page {
  return FORM_PAGES.find((p) => !isComplete(p, d)) ?? 'check';
}

/** The page after a saved page (back to the check page when the user came from it). */
export function nextPage(page: FormPage, returnToCheck: boolean): Page {
  if (returnToCheck) return 'check';
  return PAGES[PAGES.indexOf(page) + 1] ?? 'check';
}

export function previousPage(page: Page): Page | undefined {
  const i = PAGES.indexOf(page);
  return i > 0 ? PAGES[i - 1] : undefined;
}

/** The whole referral when nothing is missing. */
export function completeReferral(d: DraftData): ReferralInput | undefined {
  if (missingItems(d).length) return undefined;
  return {
    children: d.children!,
    adults: d.adults ?? [],
    address: d.address!,
    concern: d.concern!,
    concernCategory: d.concernCategory ?? 'not_known',
    childSaid: d.childSaid!,
    risks: d.risks!,
    consent: d.consent!,
    referrer: d.referrer!,
  };
}
