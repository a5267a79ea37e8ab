/**
 * The person's own fields and the search: one schema each, shared by the pages and the API
 * (platform/validation.ts). The page's forms are turned into the schemas' shape in forms.ts.
 */
import { z } from 'zod';
import { addMonths } from '../../platform/calendar.ts';
import { isRealDate, isoDate, londonToday } from '../../platform/dates.ts';
import { field } from '../../platform/validation.ts';
import { ETHNICITIES, SEXES, type EthnicityCode, type Sex } from './codes.ts';

export const NAME_MAX = 100;

/** What a person record holds, validated and normalised; what the services take. */
export interface PersonInput {
  kind: 'child' | 'adult';
  unborn: boolean;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  expectedDate: string | null;
  sex: Sex;
  ethnicity: EthnicityCode | null;
  nhsNumber: string | null;
  upn: string | null;
  councilId: string | null;
}

/** Who a person is at a glance: what headings, lists and search results show. */
export type PersonSummary = Pick<
  PersonInput,
  'kind' | 'unborn' | 'givenName' | 'familyName' | 'dateOfBirth' | 'expectedDate'
>;

const blank = (v: unknown) => v === undefined || v === null || v === '';

/** A field that may be left out: blank (or null, from the API) is undefined. */
export function optional<S extends z.ZodType>(schema: S) {
  return z.preprocess((v) => (blank(v) ? undefined : v), schema.optional());
}

export function normaliseCouncilId(raw: string): string {
  return raw.replace(/\s/g, '').toUpperCase();
}

/** A council's own child ID: letters, digits, hyphens and slashes. */
const councilId = field
  .text(40, 'Council child ID')
  .transform((v) => (v ? normaliseCouncilId(v) : undefined))
  .refine((v) => v === undefined || /^[A-Z0-9/-]{1,30}$/.test(v), {
    error: 'Council child ID must be up to 30 letters, digits, hyphens or slashes',
  });

/** The person's fields, each on its own; `today` is a function so a running server never keeps a stale date. */
function personFieldsFor(today: () => string) {
  return {
    kind: field.code(['child', 'adult'], 'Select whether this is a child, an unborn child or an adult'),
    unborn: field.yesNo('Say whether the child is unborn').default(false),
    givenName: field.text(NAME_MAX, 'First name'),
    familyName: field.requiredText(NAME_MAX, 'Last name'),
    // The person form's date inputs are dob-day/-month/-year and expected-day/-month/-year.
    dateOfBirth: field.date('Date of birth', { formName: 'dob', notFuture: true, today }),
    expectedDate: field.date('Expected date of birth', { formName: 'expected', today }),
    sex: field.code(SEXES.values, 'Select their sex').default('unknown'),
    ethnicity: optional(field.code(ETHNICITIES.values, 'Select an ethnicity from the CIN census list')),
    nhsNumber: field.nhsNumber(),
    upn: field.upn(),
    councilId,
  };
}

type PersonFields = z.infer<z.ZodObject<ReturnType<typeof personFieldsFor>>>;
const RULE_KEYS = ['kind', 'unborn', 'givenName', 'dateOfBirth', 'expectedDate'] as const;
type RuleFields = Pick<PersonFields, (typeof RULE_KEYS)[number]>;

/**
 * The person's rules across fields: an unborn child has an expected date (within the next 10
 * months or the last year) and no date of birth; a child has a date of birth; anyone born has a
 * first name. Problems name the schema's keys (a page points a date's at its first input).
 */
export function personRules(today: () => string) {
  return (p: RuleFields, ctx: z.RefinementCtx) => {
    const add = (key: string, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
    const now = today();
    if (!p.unborn && !p.givenName) add('givenName', 'Enter their first name');
    if (p.unborn) {
      if (p.kind !== 'child') add('kind', 'Only a child can be unborn');
      if (p.dateOfBirth) add('dateOfBirth', 'An unborn child has an expected date, not a date of birth');
      if (!p.expectedDate) add('expectedDate', 'Enter the expected date of birth');
      else if (p.expectedDate > addMonths(now, 10))
        add('expectedDate', 'Expected date of birth must be within the next 10 months');
      else if (p.expectedDate < addMonths(now, -12))
        add('expectedDate', 'Expected date of birth must be within the last year');
    } else if (p.kind === 'child' && !p.dateOfBirth) add('dateOfBirth', 'Enter their date of birth');
  };
}

/**
 * A rule across fields runs alongside the fields' own problems (the error summary lists every
 * problem at once), once the fields it reads are good.
 */
export const whenGood =
  (keys: readonly string[]) => (payload: { issues: readonly { path?: readonly PropertyKey[] }[] }) =>
    !payload.issues.some((i) => keys.includes(String(i.path?.[0])));

/** The person's fields without the rules across them: what a record holds, however it was made. */
export function personFieldsSchemaFor(today: () => string = londonToday) {
  return z.strictObject(personFieldsFor(today));
}

/**
 * A person as the person index's pages and API create or change them: fields and rules. `more`
 * adds fields of the action (the API's first address of a new person).
 */
export function personSchemaFor<M extends z.ZodRawShape = Record<never, never>>(
  today: () => string = londonToday,
  more?: M,
) {
  // The rules read only the person's fields, whatever else the action adds.
  const rules = personRules(today) as (p: unknown, ctx: z.RefinementCtx) => void;
  return z
    .strictObject({ ...personFieldsFor(today), ...(more as M) })
    .superRefine(rules, { when: whenGood(RULE_KEYS) });
}

export const personFieldsSchema = personFieldsSchemaFor();
export const personSchema = personSchemaFor();

/** The parsed fields as the record stores them: blanks as null, only the date that applies. */
export function personInput(p: PersonFields): PersonInput {
  return {
    kind: p.kind,
    unborn: p.unborn,
    givenName: p.givenName ?? '',
    familyName: p.familyName,
    dateOfBirth: p.unborn ? null : (p.dateOfBirth ?? null),
    expectedDate: p.unborn ? (p.expectedDate ?? null) : null,
    sex: p.sex,
    ethnicity: p.ethnicity ?? null,
    nhsNumber: p.nhsNumber ?? null,
    upn: p.upn ?? null,
    councilId: p.councilId ?? null,
  };
}

// ---- The search ----

export interface PartialDob {
  year: number;
  month?: number;
  day?: number;
}

/** A problem with one part of the date of birth (a page points at that part's input). */
function dobProblem(ctx: z.RefinementCtx, message: string, part: 'day' | 'month' | 'year') {
  ctx.addIssue({ code: 'custom', message, params: { part } });
  return z.NEVER;
}

/**
 * A partial date of birth: a year, a month and year, or the full date. The API sends 'YYYY',
 * 'YYYY-MM' or 'YYYY-MM-DD'; the search page its date input's parts; a service caller numbers.
 */
function partialDob(today: () => string) {
  return z.preprocess((v, ctx): PartialDob | undefined => {
    let parts: [string, string, string];
    if (typeof v === 'string') {
      if (!v.trim()) return undefined;
      if (!/^\d{4}(-\d{2}(-\d{2})?)?$/.test(v))
        return dobProblem(ctx, 'Date of birth must be a year, like 2016, 2016-03 or 2016-03-28', 'year');
      const [y, m = '', d = ''] = v.split('-');
      parts = [d, m, y!];
    } else if (v && typeof v === 'object') {
      const p = v as Record<string, unknown>;
      const text = (x: unknown) =>
        typeof x === 'string' ? x.trim() : typeof x === 'number' ? String(x) : '';
      parts = [p.day, p.month, p.year].map(text) as typeof parts;
      if (parts.every((x) => !x)) return undefined;
    } else if (blank(v)) return undefined;
    else return dobProblem(ctx, 'Date of birth must be a date', 'day');
    const [d, m, y] = parts;
    if (![d, m, y].every((x) => /^\d*$/.test(x)))
      return dobProblem(ctx, 'Date of birth must be numbers', 'day');
    if (!y) return dobProblem(ctx, 'Date of birth must include a year', 'year');
    if (d && !m) return dobProblem(ctx, 'Date of birth must include a month when it includes a day', 'month');
    const now = today();
    const thisYear = Number(now.slice(0, 4));
    const dob: PartialDob = {
      year: Number(y),
      month: m ? Number(m) : undefined,
      day: d ? Number(d) : undefined,
    };
    if (!/^\d{4}$/.test(y) || dob.year < 1900 || dob.year > thisYear)
      return dobProblem(ctx, `Year of birth must be 4 numbers between 1900 and ${thisYear}`, 'year');
    if (dob.month !== undefined && (dob.month < 1 || dob.month > 12))
      return dobProblem(ctx, 'Month of birth must be a number from 1 to 12', 'month');
    if (dob.day !== undefined && !isRealDate(dob.year, dob.month!, dob.day))
      return dobProblem(ctx, 'Date of birth must be a real date', 'day');
    if (dob.day !== undefined && isoDate(dob.year, dob.month!, dob.day) > now)
      return dobProblem(ctx, 'Date of birth must be today or in the past', 'day');
    return dob;
  }, z.custom<PartialDob>().optional());
}

/** The search: a name, an identifier or a postcode, narrowed by a partial date of birth. */
export function searchSchemaFor(today: () => string = londonToday) {
  return z
    .strictObject({
      name: field.text(200, 'Name'),
      dob: partialDob(today),
      identifier: field.text(40, 'Identifier'),
      postcode: field.postcode(),
    })
    .superRefine((s, ctx) => {
      if (!s.name && !s.identifier && !s.postcode)
        ctx.addIssue({
          code: 'custom',
          path: ['name'],
          message: 'Enter a name, an NHS number or other identifier, or a postcode',
        });
    });
}

export const searchSchema = searchSchemaFor();
export type SearchCriteria = z.infer<typeof searchSchema>;
