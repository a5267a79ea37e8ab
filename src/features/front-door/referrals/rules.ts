/**
 * What a referral holds and the rules for each part, the same for the pages and the API. Callers
 * turn their channel's input into the raw shapes here (dates already as 'YYYY-MM-DD') and name the
 * fields the way their channel does.
 */
import { ValidationError, type FieldError } from '../../../platform/errors.ts';
import { addMonths } from '../../../platform/calendar.ts';
import { londonToday } from '../../../platform/dates.ts';
import {
  isValidNhsNumber,
  isValidUpn,
  normaliseNhsNumber,
  normaliseUpn,
  upnCheckLetter,
} from '../../../platform/identifiers.ts';
import {
  ADULT_RELATIONSHIP_VALUES,
  type AdultRelationship,
  type ChildSaid,
  type Consent,
  type Risk,
  type SubjectSex,
} from '../codes.ts';

export const NAME_MAX = 100;
export const SHORT_MAX = 200;
export const LONG_MAX = 10_000;

export interface ChildData {
  givenName: string;
  familyName: string;
  otherNames: string;
  unborn: boolean;
  dateOfBirth: string | null;
  expectedDate: string | null;
  ageYears: number | null;
  sex: SubjectSex;
  nhsNumber: string | null;
  upn: string | null;
}

export interface AdultData {
  givenName: string;
  familyName: string;
  otherNames: string;
  dateOfBirth: string | null;
  sex: SubjectSex;
  nhsNumber: string | null;
  relationship: AdultRelationship;
  relationshipDetail: string | null;
  livesWithChild: boolean;
}

export type AddressData =
  | { known: true; line1: string; line2: string | null; town: string | null; postcode: string }
  | { known: false };

export interface ChildSaidData {
  status: ChildSaid;
  details: string | null;
}
export interface RiskData {
  status: Risk;
  details: string | null;
}
export interface ConsentData {
  familyAware: boolean;
  consent: Consent;
  /** When not consent: why, and who decided to share under the safeguarding condition. */
  reason: string | null;
  decidedBy: string | null;
}
export type ReferrerType = 'professional' | 'public' | 'anonymous';

export interface ReferrerData {
  type: ReferrerType;
  name: string | null;
  jobTitle: string | null;
  /** The agency the referral comes from, when it is one of the partnership's. */
  agencyId: string | null;
  agencyName: string | null;
  phone: string | null;
  email: string | null;
  /** A member of the public: how they know the family. */
  relationship: string | null;
}

/** A whole referral, ready to submit. */
export interface ReferralInput {
  children: ChildData[];
  adults: AdultData[];
  address: AddressData;
  concern: string;
  childSaid: ChildSaidData;
  risks: RiskData;
  consent: ConsentData;
  referrer: ReferrerData;
}

/** Gathers one problem per field, so the error summary names every one at once. */
export class Problems {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
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
  get any(): boolean {
    return this.list.length > 0;
  }
  /** Throws every problem, in the order the fields appear on the page when `order` is given. */
  throwIfAny(order: readonly string[] = []): void {
    if (!this.any) return;
    const rank = (f: string) => {
      const i = order.indexOf(f.replace(/-(day|month|year)$/, ''));
      return i < 0 ? order.length : i;
    };
    throw new ValidationError([...this.list].sort((a, b) => rank(a.field) - rank(b.field)));
  }
}

export type Field = (name: string) => string;

/** Trimmed text within a limit; '' when blank. Adds a problem when too long. */
export function text(p: Problems, field: string, label: string, v: unknown, max: number): string {
  const s = typeof v === 'string' ? v.trim() : '';
  if (s.length > max) p.add(field, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);
  return s.slice(0, max);
}

export function nhsNumberProblem(raw: string): string | undefined {
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
  if (upnCheckLetter(upn.slice(1)) !== upn[0] || !isValidUpn(upn))
    return 'Enter a valid unique pupil number: its first letter (the check letter) does not match the rest, so a character may be mistyped';
  return undefined;
}

function nhs(p: Problems, field: string, v: unknown): string | null {
  const s = text(p, field, 'NHS number', v, 20);
  if (!s) return null;
  const problem = nhsNumberProblem(s);
  if (problem) p.add(field, problem);
  return problem ? null : (normaliseNhsNumber(s) ?? null);
}

function sexOf(v: unknown): SubjectSex {
  return v === 'female' || v === 'male' || v === 'indeterminate' ? v : 'unknown';
}

export interface RawPerson {
  givenName?: unknown;
  familyName?: unknown;
  otherNames?: unknown;
  unborn?: boolean;
  dateOfBirth?: string | null;
  expectedDate?: string | null;
  ageYears?: unknown;
  sex?: unknown;
  nhsNumber?: unknown;
  upn?: unknown;
  relationship?: unknown;
  relationshipDetail?: unknown;
  livesWithChild?: unknown;
}

/** A child on a referral. `dates` names the date fields (they differ between pages and the API). */
export function checkChild(
  raw: RawPerson,
  f: Field,
  dates: { dob: string; expected: string },
  p: Problems,
  today = londonToday(),
): ChildData {
  const unborn = raw.unborn === true;
  const givenName = text(p, f('givenName'), 'First name', raw.givenName, NAME_MAX);
  const familyName = text(p, f('familyName'), 'Last name', raw.familyName, NAME_MAX);
  const otherNames = text(p, f('otherNames'), 'Other names', raw.otherNames, SHORT_MAX);
  if (!unborn && !givenName) p.add(f('givenName'), 'Enter the child’s first name');
  if (!familyName) p.add(f('familyName'), 'Enter the child’s last name, or “Not known”');
  let dob = unborn ? null : (raw.dateOfBirth ?? null);
  let expected = unborn ? (raw.expectedDate ?? null) : null;
  let ageYears: number | null = null;
  const ageText =
    typeof raw.ageYears === 'number' ? String(raw.ageYears) : text(p, f('ageYears'), 'Age', raw.ageYears, 3);
  if (unborn) {
    if (!expected) p.add(dates.expected, 'Enter the expected date of birth');
    else if (expected < addMonths(today, -1) || expected > addMonths(today, 10)) {
      p.add(dates.expected, 'Expected date of birth must be between a month ago and 10 months from now');
      expected = null;
    }
  } else if (dob) {
    if (dob > today) p.add(dates.dob, 'Date of birth must be today or in the past');
    else if (dob <= addMonths(today, -12 * 18))
      p.add(dates.dob, 'A child is under 18: add someone 18 or over as an adult in the household');
  } else if (ageText) {
    if (!/^\d{1,2}$/.test(ageText) || Number(ageText) > 17)
      p.add(f('ageYears'), 'Age must be a whole number of years from 0 to 17');
    else ageYears = Number(ageText);
  } else {
    p.add(dates.dob, 'Enter the child’s date of birth, or their age if you do not know it');
  }
  if (p.list.some((e) => e.field === dates.dob)) dob = null;
  const upnText = text(p, f('upn'), 'Unique pupil number', raw.upn, 20);
  const upnIssue = upnText ? upnProblem(upnText) : undefined;
  if (upnIssue) p.add(f('upn'), upnIssue);
  return {
    givenName,
    familyName,
    otherNames,
    unborn,
    dateOfBirth: dob,
    expectedDate: expected,
    ageYears,
    sex: sexOf(raw.sex),
    nhsNumber: nhs(p, f('nhsNumber'), raw.nhsNumber),
    upn: upnText && !upnIssue ? normaliseUpn(upnText) : null,
  };
}

/** An adult in the household. */
export function checkAdult(
  raw: RawPerson,
  f: Field,
  dates: { dob: string },
  p: Problems,
  today = londonToday(),
): AdultData {
  const givenName = text(p, f('givenName'), 'First name', raw.givenName, NAME_MAX);
  const familyName = text(p, f('familyName'), 'Last name', raw.familyName, NAME_MAX);
  const otherNames = text(p, f('otherNames'), 'Other names', raw.otherNames, SHORT_MAX);
  if (!givenName && !familyName) p.add(f('givenName'), 'Enter their name, or what you know of it');
  else if (!familyName) p.add(f('familyName'), 'Enter their last name, or “Not known”');
  const dob = raw.dateOfBirth ?? null;
  if (dob && dob > today) p.add(dates.dob, 'Date of birth must be today or in the past');
  const relationship = (ADULT_RELATIONSHIP_VALUES as readonly unknown[]).includes(raw.relationship)
    ? (raw.relationship as AdultRelationship)
    : undefined;
  if (!relationship) p.add(f('relationship'), 'Select how they are related to the child');
  const detail = text(p, f('relationshipDetail'), 'Relationship', raw.relationshipDetail, SHORT_MAX);
  if (relationship === 'other' && !detail)
    p.add(f('relationshipDetail'), 'Say how they are related to the child');
  const lives = raw.livesWithChild;
  if (lives !== true && lives !== false)
    p.add(f('livesWithChild'), 'Select whether they live with the child');
  return {
    givenName,
    familyName: familyName || 'Not known',
    otherNames,
    dateOfBirth: dob && dob <= today ? dob : null,
    sex: sexOf(raw.sex),
    nhsNumber: nhs(p, f('nhsNumber'), raw.nhsNumber),
    relationship: relationship ?? 'not_known',
    relationshipDetail: detail || null,
    livesWithChild: lives === true,
  };
}
