/** The referral pages' form posts as sections of a referral, and saved sections as form values. */
import { parseDateInput, type DateParts } from '../../../platform/validation.ts';
import { londonToday } from '../../../platform/dates.ts';
import type { DraftData, FormPage } from './flow.ts';
import {
  checkAddress,
  checkChildSaid,
  checkConcern,
  checkConsent,
  checkReferrer,
  checkRisks,
} from './answers.ts';
import {
  checkAdult,
  checkChild,
  Problems,
  type AddressData,
  type AdultData,
  type ChildData,
  type ChildSaidData,
  type ConsentData,
  type ReferrerData,
  type RiskData,
} from './rules.ts';

export type Body = Record<string, unknown>;

/** One value of a form post (a repeated field counts as its first value). */
export const str = (v: unknown): string =>
  typeof v === 'string' ? v : Array.isArray(v) ? String(v[0] ?? '') : '';

const same = (k: string) => k;
const yesNo = (v: string): boolean | undefined => (v === 'yes' ? true : v === 'no' ? false : undefined);
const parts = (body: Body, prefix: string): DateParts => ({
  day: str(body[`${prefix}-day`]),
  month: str(body[`${prefix}-month`]),
  year: str(body[`${prefix}-year`]),
});

function date(p: Problems, body: Body, prefix: string, label: string, notFuture = false): string | null {
  return p.try(() => parseDateInput(prefix, label, parts(body, prefix), { notFuture })) ?? null;
}

export function parseChildForm(body: Body, today = londonToday()): ChildData {
  const p = new Problems();
  const status = str(body.status);
  if (status !== 'born' && status !== 'unborn') p.add('status', 'Select whether the child has been born');
  const unborn = status === 'unborn';
  const dob = unborn ? null : date(p, body, 'dob', 'Date of birth', true);
  const expected = unborn ? date(p, body, 'expected', 'Expected date of birth') : null;
  const child = checkChild(
    {
      givenName: str(body.givenName),
      familyName: str(body.familyName),
      otherNames: str(body.otherNames),
      unborn,
      dateOfBirth: dob,
      expectedDate: expected,
      ageYears: unborn ? '' : str(body.ageYears),
      sex: str(body.sex),
      nhsNumber: str(body.nhsNumber),
      upn: str(body.upn),
    },
    same,
    { dob: 'dob-day', expected: 'expected-day' },
    p,
    today,
  );
  p.throwIfAny([
    'status',
    'dob',
    'ageYears',
    'expected',
    'givenName',
    'familyName',
    'otherNames',
    'nhsNumber',
    'upn',
  ]);
  return child;
}

export function parseAdultForm(body: Body, today = londonToday()): AdultData {
  const p = new Problems();
  const dob = date(p, body, 'dob', 'Date of birth', true);
  const adult = checkAdult(
    {
      givenName: str(body.givenName),
      familyName: str(body.familyName),
      otherNames: str(body.otherNames),
      dateOfBirth: dob,
      sex: str(body.sex),
      nhsNumber: str(body.nhsNumber),
      relationship: str(body.relationship),
      relationshipDetail: str(body.relationshipDetail),
      livesWithChild: yesNo(str(body.livesWithChild)),
    },
    same,
    { dob: 'dob-day' },
    p,
    today,
  );
  p.throwIfAny([
    'givenName',
    'familyName',
    'otherNames',
    'dob',
    'relationship',
    'relationshipDetail',
    'livesWithChild',
    'sex',
    'nhsNumber',
  ]);
  return adult;
}

type SectionOf<P extends FormPage> = P extends 'address'
  ? AddressData
  : P extends 'concern'
    ? string
    : P extends 'child-said'
      ? ChildSaidData
      : P extends 'risks'
        ? RiskData
        : P extends 'consent'
          ? ConsentData
          : P extends 'referrer'
            ? ReferrerData
            : never;

/** The single-form pages (the children and adults pages are lists, parsed above). */
export function parseSection<
  P extends 'address' | 'concern' | 'child-said' | 'risks' | 'consent' | 'referrer',
>(page: P, body: Body, opts: { phone: boolean }): SectionOf<P> {
  const p = new Problems();
  let out: unknown;
  switch (page) {
    case 'address':
      out = checkAddress(
        {
          known: str(body.unknown) !== 'yes',
          line1: str(body.line1),
          line2: str(body.line2),
          town: str(body.town),
          postcode: str(body.postcode),
        },
        same,
        p,
      );
      break;
    case 'concern':
      out = checkConcern(str(body.concern), 'concern', p);
      break;
    case 'child-said':
      out = checkChildSaid({ status: str(body.status), details: str(body.details) }, same, p);
      break;
    case 'risks':
      out = checkRisks({ status: str(body.status), details: str(body.details) }, same, p);
      break;
    case 'consent':
      out = checkConsent(
        {
          familyAware: yesNo(str(body.familyAware)),
          consent: str(body.consent),
          reason: str(body.reason),
          decidedBy: str(body.decidedBy),
        },
        same,
        p,
      );
      break;
    case 'referrer':
      out = checkReferrer(
        {
          type: str(body.type),
          name: str(body.name),
          jobTitle: str(body.jobTitle),
          agencyId: str(body.agencyId),
          agencyName: str(body.agencyName),
          phone: str(body.phone),
          email: str(body.email),
          relationship: str(body.relationship),
        },
        same,
        p,
        opts,
      );
      break;
  }
  p.throwIfAny([
    'line1',
    'line2',
    'town',
    'postcode',
    'familyAware',
    'consent',
    'reason',
    'decidedBy',
    'type',
    'name',
    'jobTitle',
    'agencyName',
    'phone',
    'email',
  ]);
  return out as SectionOf<P>;
}

function dateValues(prefix: string, iso: string | null | undefined): Record<string, string> {
  if (!iso) return {};
  const [y, m, d] = iso.split('-');
  return {
    [`${prefix}-day`]: String(Number(d)),
    [`${prefix}-month`]: String(Number(m)),
    [`${prefix}-year`]: y!,
  };
}

export function childValues(c: ChildData): Record<string, string> {
  return {
    status: c.unborn ? 'unborn' : 'born',
    givenName: c.givenName,
    familyName: c.familyName,
    otherNames: c.otherNames,
    ageYears: c.ageYears === null ? '' : String(c.ageYears),
    sex: c.sex,
    nhsNumber: c.nhsNumber ?? '',
    upn: c.upn ?? '',
    ...dateValues('dob', c.dateOfBirth),
    ...dateValues('expected', c.expectedDate),
  };
}

export function adultValues(a: AdultData): Record<string, string> {
  return {
    givenName: a.givenName,
    familyName: a.familyName,
    otherNames: a.otherNames,
    sex: a.sex,
    nhsNumber: a.nhsNumber ?? '',
    relationship: a.relationship,
    relationshipDetail: a.relationshipDetail ?? '',
    livesWithChild: a.livesWithChild ? 'yes' : 'no',
    ...dateValues('dob', a.dateOfBirth),
  };
}

/** A saved single-form section as the values of its form. */
export function sectionValues(page: FormPage, d: DraftData): Record<string, string> {
  const yn = (b: boolean | undefined) => (b === undefined ? '' : b ? 'yes' : 'no');
  switch (page) {
    case 'address':
      if (!d.address) return {};
      return d.address.known
        ? {
            line1: d.address.line1,
            line2: d.address.line2 ?? '',
            town: d.address.town ?? '',
            postcode: d.address.postcode,
          }
        : { unknown: 'yes' };
    case 'concern':
      return { concern: d.concern ?? '' };
    case 'child-said':
      return d.childSaid ? { status: d.childSaid.status, details: d.childSaid.details ?? '' } : {};
    case 'risks':
      return d.risks ? { status: d.risks.status, details: d.risks.details ?? '' } : {};
    case 'consent':
      return d.consent
        ? {
            familyAware: yn(d.consent.familyAware),
            consent: d.consent.consent,
            reason: d.consent.reason ?? '',
            decidedBy: d.consent.decidedBy ?? '',
          }
        : {};
    case 'referrer': {
      const r = d.referrer;
      if (!r) return {};
      return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]));
    }
    default:
      return {};
  }
}

/** What the user typed, as strings, for re-rendering a form with its errors. */
export function typedValues(body: Body): Record<string, string> {
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, str(v)]));
}
