/**
 * The draft's pages read their answers through the referral's sections (schemas.ts): each page's
 * form, the problems in the order the page asks its questions.
 */
import { z } from 'zod';
import { ValidationError } from '../../../platform/errors.ts';
import { field, parseForm, type Body } from '../../../platform/validation.ts';
import type { AdultData, ChildData, ReferralInput } from './data.ts';
import {
  addressPage,
  adult,
  childPage,
  childSaid,
  concernPage,
  consent,
  referrer,
  risks,
} from './schemas.ts';

const BORN_ONLY = ['dateOfBirth-day', 'dateOfBirth-month', 'dateOfBirth-year', 'ageYears'];
const UNBORN_ONLY = ['expectedDate-day', 'expectedDate-month', 'expectedDate-year'];

/** The child page's answers; the page hides the questions of the choice not made, so they are not read. */
export function readChildPage(body: Body): ChildData {
  const hidden = body.status === 'unborn' ? BORN_ONLY : UNBORN_ONLY;
  const shown = Object.fromEntries(Object.entries(body).filter(([k]) => !hidden.includes(k)));
  return childPage.to(parseAnswers(childPage.fields, shown));
}

/**
 * A page's answers through its fields and rules, the problems in the order the page asks its
 * questions (the rules' problems would otherwise follow every field's own).
 */
function parseAnswers<S extends z.ZodObject>(fields: S, body: Body): z.output<S> {
  try {
    return parseForm(fields, body);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const keys = Object.keys(fields.shape);
    const rank = (f: string) => {
      const i = keys.findIndex((k) => f === k || f.startsWith(`${k}-`));
      return i < 0 ? keys.length : i;
    };
    throw new ValidationError([...err.errors].sort((a, b) => rank(a.field) - rank(b.field)));
  }
}

export function readAdultPage(body: Body): AdultData {
  return adult.to(parseAnswers(adult.fields, body));
}

/** The pages that each answer one section of the draft, and the section each answers. */
export const SECTION_PAGES = {
  address: { key: 'address', section: addressPage },
  concern: { key: 'concern', section: concernPage },
  'child-said': { key: 'childSaid', section: childSaid },
  risks: { key: 'risks', section: risks },
  consent: { key: 'consent', section: consent },
  referrer: { key: 'referrer', section: referrer },
} as const;
export type SectionPage = keyof typeof SECTION_PAGES;

/** What each section of the draft holds, by the draft's key (the lists of people aside). */
export type Sections = Omit<ReferralInput, 'children' | 'adults'>;

/** A section page's answers, by the draft's keys (the concern page answers two: the concern and its category). */
export type SectionAnswer = Partial<Sections>;

/** A section page's answers. A web referral's referrer is always a professional: the page does not ask. */
export function readSectionPage(page: SectionPage, body: Body, opts: { phone: boolean }): SectionAnswer {
  const answers = page === 'referrer' && !opts.phone ? { ...body, type: 'professional' } : body;
  const { key, section: s } = SECTION_PAGES[page];
  // Each page's section makes the data of its key; the concern page's, of its keys.
  const to = s.to as (v: unknown) => unknown;
  const value = to(parseAnswers(s.fields, answers));
  return (page === 'concern' ? value : { [key]: value }) as SectionAnswer;
}

/** "Do you need to add another?" under the list of children, or of adults. */
export function anotherSchema(which: 'children' | 'adults') {
  return z.object({
    another: field.yesNo(
      which === 'children'
        ? 'Select whether you need to add another child'
        : 'Select whether you need to add an adult',
    ),
  });
}
