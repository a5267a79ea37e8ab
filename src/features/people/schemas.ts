/** Validation of the person form and the search form, shared by the pages and the API. */
import { z } from 'zod';
import { ValidationError, type FieldError } from '../../platform/errors.ts';
import {
  isValidNhsNumber,
  isValidPostcode,
  isValidUpn,
  normaliseNhsNumber,
  normaliseUpn,
  upnCheckLetter,
} from '../../platform/identifiers.ts';
import { isRealDate, isoDate, londonToday } from '../../platform/dates.ts';
import {
  parse,
  parseDateInput,
  optionalText,
  requiredText,
  type DateParts,
} from '../../platform/validation.ts';
import { ETHNICITY_CODES, SEX_CODES, type EthnicityCode, type Sex } from './codes.ts';

export const NAME_MAX = 100;

/** What a person record holds, validated and normalised; the same for pages and the API. */
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

/** Field ids of a channel: the web form's ids differ from the API's property names for dates. */
export interface FieldIds {
  dateOfBirth: string;
  expectedDate: string;
}
export const WEB_FIELDS: FieldIds = { dateOfBirth: 'dob-day', expectedDate: 'expected-day' };
export const API_FIELDS: FieldIds = { dateOfBirth: 'dateOfBirth', expectedDate: 'expectedDate' };

/** Runs each check, gathering every field's error so the summary lists them all at once. */
export class Errors {
  readonly list: FieldError[] = [];
  add(field: string, message: string) {
    // The parts of a date input are one question: one message for it.
    const group = (f: string) => f.replace(/-(day|month|year)$/, '');
    if (!this.list.some((e) => group(e.field) === group(field))) this.list.push({ field, message });
  }
  try<T>(fn: () => T): T | undefined {
    try {
      return fn();
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const e of err.errors) this.add(e.field, e.message);
      return undefined;
    }
  }
  throwIfAny() {
    if (this.list.length) throw new ValidationError(sortByForm(this.list));
  }
}

/** The order fields appear in on the forms, so the error summary reads top to bottom. */
const FORM_ORDER = [
  'kind',
  'givenName',
  'familyName',
  'dob',
  'dateOfBirth',
  'expected',
  'expectedDate',
  'sex',
  'ethnicity',
  'nhsNumber',
  'upn',
  'councilId',
  'line1',
  'line2',
  'town',
  'postcode',
];

export function sortByForm(errors: FieldError[]): FieldError[] {
  const rank = (f: string) => {
    const i = FORM_ORDER.indexOf(f.replace(/-(day|month|year)$/, ''));
    return i < 0 ? FORM_ORDER.length : i;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

export function nhsProblem(raw: string): string | undefined {
  if (!normaliseNhsNumber(raw)) return 'NHS number must be 10 digits, like 485 777 3456';
  if (!isValidNhsNumber(raw))
    return 'Enter a valid NHS number: its last digit (the check digit) does not match the first nine, so a digit may be mistyped';
  return undefined;
}

export function upnProblem(raw: string): string | undefined {
  const upn = normaliseUpn(raw);
  if (!/^[A-Z]\d{11}[0-9A-Z]$/.test(upn))
    return 'Unique pupil number must be 13 characters: a letter, 11 digits, then a digit or letter';
  if (upn.slice(1, 4) === '000') return 'Unique pupil number has no local authority code (characters 2 to 4)';
  if (upnCheckLetter(upn.slice(1)) !== upn[0])
    return 'Enter a valid unique pupil number: its first letter (the check letter) does not match the rest, so a character may be mistyped';
  if (!isValidUpn(upn)) return 'Enter a valid unique pupil number';
  return undefined;
}

export function normaliseCouncilId(raw: string): string {
  return raw.replace(/\s/g, '').toUpperCase();
}

function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Rules across fields and for identifiers; `raw` identifiers are as typed. */
export function checkPerson(
  input: Omit<PersonInput, 'nhsNumber' | 'upn' | 'councilId'> & {
    nhsNumber?: string;
    upn?: string;
    councilId?: string;
  },
  ids: FieldIds,
  errors: Errors,
  today = londonToday(),
): PersonInput {
  if (!input.unborn && !input.givenName) errors.add('givenName', 'Enter their first name');
  if (input.unborn) {
    if (input.kind !== 'child') errors.add('kind', 'Only a child can be unborn');
    if (input.dateOfBirth)
      errors.add(ids.dateOfBirth, 'An unborn child has an expected date, not a date of birth');
    if (!input.expectedDate) errors.add(ids.expectedDate, 'Enter the expected date of birth');
    else if (input.expectedDate > addMonths(today, 10))
      errors.add(ids.expectedDate, 'Expected date of birth must be within the next 10 months');
    else if (input.expectedDate < addMonths(today, -12))
      errors.add(ids.expectedDate, 'Expected date of birth must be within the last year');
  } else {
    if (input.kind === 'child' && !input.dateOfBirth)
      errors.add(ids.dateOfBirth, 'Enter their date of birth');
    if (input.dateOfBirth && input.dateOfBirth > today)
      errors.add(ids.dateOfBirth, 'Date of birth must be today or in the past');
    if (input.dateOfBirth && input.dateOfBirth < '1900-01-01')
      errors.add(ids.dateOfBirth, 'Date of birth must be after 1 January 1900');
  }
  const nhs = input.nhsNumber ? nhsProblem(input.nhsNumber) : undefined;
  if (nhs) errors.add('nhsNumber', nhs);
  const upn = input.upn ? upnProblem(input.upn) : undefined;
  if (upn) errors.add('upn', upn);
  const council = input.councilId ? normaliseCouncilId(input.councilId) : undefined;
  if (council && !/^[A-Z0-9/-]{1,30}$/.test(council))
    errors.add('councilId', 'Council child ID must be up to 30 letters, digits, hyphens or slashes');
  errors.throwIfAny();
  return {
    ...input,
    dateOfBirth: input.unborn ? null : input.dateOfBirth,
    expectedDate: input.unborn ? input.expectedDate : null,
    nhsNumber: input.nhsNumber ? (normaliseNhsNumber(input.nhsNumber) ?? null) : null,
    upn: input.upn ? normaliseUpn(input.upn) : null,
    councilId: council ?? null,
  };
}

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '');
const dateParts = (body: Record<string, unknown>, prefix: string): DateParts => ({
  day: str(body[`${prefix}-day`]),
  month: str(body[`${prefix}-month`]),
  year: str(body[`${prefix}-year`]),
});

const personFormSchema = z.object({
  kind: z.enum(['child', 'unborn', 'adult'], {
    error: 'Select whether this is a child, an unborn child or an adult',
  }),
  givenName: optionalText(NAME_MAX, 'First name'),
  familyName: requiredText(NAME_MAX, 'Last name'),
  sex: z.enum(SEX_CODES, { error: 'Select their sex' }),
  ethnicity: z
    .union([z.literal(''), z.enum(ETHNICITY_CODES, { error: 'Select an ethnicity from the list' })])
    .optional(),
  nhsNumber: optionalText(20, 'NHS number'),
  upn: optionalText(20, 'Unique pupil number'),
  councilId: optionalText(40, 'Council child ID'),
});

/** The person form (create and edit) as a PersonInput, or every problem as field errors. */
export function parsePersonForm(body: Record<string, unknown>, today = londonToday()): PersonInput {
  const errors = new Errors();
  const fields = Object.fromEntries(Object.keys(personFormSchema.shape).map((k) => [k, str(body[k])]));
  // Each field on its own, so that one bad field does not hide the problems of the others.
  const shape = personFormSchema.shape;
  const field = <K extends keyof typeof shape>(k: K) =>
    errors.try(() => parse(z.object({ [k]: shape[k] }), { [k]: fields[k] }))?.[k] as
      z.infer<(typeof shape)[K]> | undefined;
  const base = {
    kind: field('kind'),
    givenName: field('givenName'),
    familyName: field('familyName') ?? '',
    sex: field('sex') ?? 'unknown',
    ethnicity: field('ethnicity'),
    nhsNumber: field('nhsNumber'),
    upn: field('upn'),
    councilId: field('councilId'),
  };
  const dob = errors.try(() => parseDateInput('dob', 'Date of birth', dateParts(body, 'dob')));
  const expected = errors.try(() =>
    parseDateInput('expected', 'Expected date of birth', dateParts(body, 'expected')),
  );
  return checkPerson(
    {
      kind: base.kind === 'adult' ? 'adult' : 'child',
      // An unknown kind has its own error; the other checks still run as for a child.
      unborn: base.kind === 'unborn',
      givenName: base.givenName ?? '',
      familyName: base.familyName,
      dateOfBirth: base.kind === 'unborn' ? null : (dob ?? null),
      expectedDate: base.kind === 'unborn' ? (expected ?? null) : null,
      sex: base.sex,
      ethnicity: base.ethnicity || null,
      nhsNumber: base.nhsNumber,
      upn: base.upn,
      councilId: base.councilId,
    },
    WEB_FIELDS,
    errors,
    today,
  );
}

export { str, dateParts };

// ---- The search form ----

export interface SearchForm {
  name: string;
  identifier: string;
  postcode: string;
  'dob-day': string;
  'dob-month': string;
  'dob-year': string;
}

export const SEARCH_FIELDS: (keyof SearchForm)[] = [
  'name',
  'identifier',
  'postcode',
  'dob-day',
  'dob-month',
  'dob-year',
];

/** The search form's values as typed (each cut to a sane length). */
export function searchFormValues(query: unknown): SearchForm {
  const q = (query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(SEARCH_FIELDS.map((k) => [k, str(q[k]).slice(0, 300)])) as unknown as SearchForm;
}

/** The search form as criteria for searchPeople, or field errors. */
export function parseSearchForm(v: SearchForm, today = londonToday()) {
  const errors = new Errors();
  if (v.name.trim().length > 200) errors.add('name', 'Name must be 200 characters or fewer');
  if (v.identifier.trim().length > 40) errors.add('identifier', 'Identifier must be 40 characters or fewer');
  const postcode = v.postcode.trim();
  if (postcode && !isValidPostcode(postcode)) errors.add('postcode', 'Enter a real postcode, like EL1 2AB');
  const [d, m, y] = [v['dob-day'].trim(), v['dob-month'].trim(), v['dob-year'].trim()];
  let dob: { year: number; month?: number; day?: number } | undefined;
  if (d || m || y) {
    if (![d, m, y].every((x) => /^\d*$/.test(x))) errors.add('dob-day', 'Date of birth must be numbers');
    else if (!y) errors.add('dob-year', 'Date of birth must include a year');
    else if (d && !m) errors.add('dob-month', 'Date of birth must include a month when it includes a day');
    else {
      dob = { year: Number(y), month: m ? Number(m) : undefined, day: d ? Number(d) : undefined };
      const thisYear = Number(today.slice(0, 4));
      if (!/^\d{4}$/.test(y) || dob.year < 1900 || dob.year > thisYear)
        errors.add('dob-year', `Year of birth must be 4 numbers between 1900 and ${thisYear}`);
      else if (dob.month !== undefined && (dob.month < 1 || dob.month > 12))
        errors.add('dob-month', 'Month of birth must be a number from 1 to 12');
      else if (dob.day !== undefined && !isRealDate(dob.year, dob.month!, dob.day))
        errors.add('dob-day', 'Date of birth must be a real date');
      else if (dob.day !== undefined && isoDate(dob.year, dob.month!, dob.day) > today)
        errors.add('dob-day', 'Date of birth must be today or in the past');
    }
  }
  if (!v.name.trim() && !v.identifier.trim() && !postcode && !errors.list.length)
    errors.add('name', 'Enter a name, an NHS number or other identifier, or a postcode');
  errors.throwIfAny();
  return {
    name: v.name.trim() || undefined,
    identifier: v.identifier.trim() || undefined,
    postcode: postcode || undefined,
    dob,
  };
}
