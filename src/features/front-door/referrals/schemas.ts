/**
 * What a referral holds and its rules, written once: the API's body and the draft's pages read
 * their answers through the same fields (platform/validation.ts) and the same rules, into the same
 * typed ReferralInput (data.ts).
 */
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { UUID } from '../../../platform/access/policy.ts';
import { addMonths } from '../../../platform/calendar.ts';
import { londonToday } from '../../../platform/dates.ts';
import { field } from '../../../platform/validation.ts';
import {
  ADULT_RELATIONSHIPS,
  CHILD_SAID,
  CONCERN_CATEGORIES,
  CONSENT,
  DISABILITIES,
  ETHNICITIES,
  REFERRER_TYPE_VALUES,
  RISK,
  SUBJECT_SEX_VALUES,
} from '../codes.ts';
import { LONG_MAX, PHONE, withRules, type Issue, type Values } from '../schemas.ts';
import {
  MAX_PEOPLE,
  NAME_MAX,
  SHORT_MAX,
  type AddressData,
  type AdultData,
  type ChildData,
  type ConsentData,
  type ReferralInput,
  type ReferrerData,
  type RiskData,
} from './data.ts';

/**
 * A section of a referral: its fields with the rules across them (what a page's form reads), and
 * `schema`, the same turned into the section's data (what the API and the services read).
 */
function section<F extends z.ZodObject, T>(
  fields: F,
  rules: (v: Values, issue: Issue) => void,
  to: (v: z.output<F>) => T,
) {
  const checked = withRules(fields, rules);
  return { fields: checked, to, schema: checked.transform(to) };
}

const isText = (v: unknown): v is string => typeof v === 'string';

/** One value of a list that may be left unanswered (a select's empty first choice, radios not chosen). */
function optionalCode<const T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z.preprocess(
    (v) => (v === '' || v === null ? undefined : v),
    z
      .enum(values, {
        error: (i) => `${message}: “${String(i.input).slice(0, 20)}” is not one of the choices`,
      })
      .optional(),
  );
}

/** Female, male, indeterminate or not known (the default). */
const sexField = z.preprocess(
  (v) => (v === undefined || v === null || v === '' ? 'unknown' : v),
  z.enum(SUBJECT_SEX_VALUES, { error: 'Sex must be female, male, indeterminate or unknown' }),
);

// ---- The children ----

const childFields = {
  dateOfBirth: field.date('Date of birth'),
  // A number from the API, the page's text: checked by the rules, since it counts only without a date of birth.
  ageYears: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), field.text(3, 'Age')),
  expectedDate: field.date('Expected date of birth'),
  givenName: field.text(NAME_MAX, 'First name'),
  familyName: field.requiredText(NAME_MAX, 'Last name', 'Enter the child’s last name, or “Not known”'),
  otherNames: field.text(SHORT_MAX, 'Other names'),
  sex: sexField,
  nhsNumber: field.nhsNumber(),
  upn: field.upn(),
  ethnicity: optionalCode(ETHNICITIES.values, 'Ethnicity'),
  firstLanguage: field.text(NAME_MAX, 'First language'),
  // Yes, no, or not answered.
  interpreterNeeded: z.preprocess(
    (v) => (v === 'yes' ? true : v === 'no' ? false : v === '' || v === null ? undefined : v),
    z.boolean({ error: 'Interpreter needed: answer yes or no' }).optional(),
  ),
  disability: optionalCode(DISABILITIES.values, 'Disability or special educational needs'),
};

function childRules(v: Values, issue: Issue, unborn: boolean, today = londonToday()): void {
  if (!unborn && !v.givenName) issue('givenName', 'Enter the child’s first name');
  if (unborn) {
    if (v.expectedDate === undefined) issue('expectedDate', 'Enter the expected date of birth');
    else if (
      isText(v.expectedDate) &&
      (v.expectedDate < addMonths(today, -1) || v.expectedDate > addMonths(today, 10))
    )
      issue('expectedDate', 'Expected date of birth must be between a month ago and 10 months from now');
    return;
  }
  if (isText(v.dateOfBirth)) {
    if (v.dateOfBirth > today) issue('dateOfBirth', 'Date of birth must be today or in the past');
    else if (v.dateOfBirth <= addMonths(today, -12 * 18))
      issue('dateOfBirth', 'A child is under 18: add someone 18 or over as an adult in the household');
  } else if (v.dateOfBirth === undefined) {
    // Without a date of birth, the age; a date that failed its own check is not missing.
    if (isText(v.ageYears)) {
      if (!/^\d{1,2}$/.test(v.ageYears) || Number(v.ageYears) > 17)
        issue('ageYears', 'Age must be a whole number of years from 0 to 17');
    } else issue('dateOfBirth', 'Enter the child’s date of birth, or their age if you do not know it');
  }
}

type ChildFields = z.output<z.ZodObject<typeof childFields>>;

function toChild(v: ChildFields, unborn: boolean): ChildData {
  const dob = unborn ? null : (v.dateOfBirth ?? null);
  return {
    givenName: v.givenName ?? '',
    familyName: v.familyName,
    otherNames: v.otherNames ?? '',
    unborn,
    dateOfBirth: dob,
    expectedDate: unborn ? (v.expectedDate ?? null) : null,
    ageYears: unborn || dob || !v.ageYears ? null : Number(v.ageYears),
    sex: v.sex,
    nhsNumber: v.nhsNumber ?? null,
    upn: v.upn ?? null,
    ethnicity: v.ethnicity ?? null,
    firstLanguage: v.firstLanguage ?? null,
    interpreterNeeded: v.interpreterNeeded ?? null,
    disability: v.disability ?? null,
  };
}

/** A child as the API (and a stored referral) gives one: `unborn` true or false, false if left out. */
export const child = section(
  z.strictObject({ unborn: field.yesNo('Say whether the child is unborn').optional(), ...childFields }),
  (v, issue) => childRules(v, issue, v.unborn === true),
  (v) => toChild(v, v.unborn === true),
);

/** The child page asks "Has the child been born?" first. */
export const childPage = section(
  z.object({
    status: field.code(['born', 'unborn'], 'Select whether the child has been born'),
    ...childFields,
  }),
  (v, issue) => childRules(v, issue, v.status === 'unborn'),
  (v) => toChild(v, v.status === 'unborn'),
);

// ---- The adults in the household ----

export const adult = section(
  z.strictObject({
    givenName: field.text(NAME_MAX, 'First name'),
    familyName: field.text(NAME_MAX, 'Last name'),
    otherNames: field.text(SHORT_MAX, 'Other names'),
    dateOfBirth: field.date('Date of birth', { notFuture: true }),
    relationship: field.code(ADULT_RELATIONSHIPS.values, 'Select how they are related to the child'),
    relationshipDetail: field.text(SHORT_MAX, 'Relationship'),
    livesWithChild: field.yesNo('Select whether they live with the child'),
    // Which child the relationship is to (the child's place in the list, from 0): none, every child.
    relationshipTo: z.preprocess(
      (v) =>
        v === '' || v === 'all' || v === null
          ? undefined
          : typeof v === 'string' && /^\d{1,2}$/.test(v)
            ? Number(v)
            : v,
      z
        .number({ error: 'Select which child the relationship is to' })
        .int({ error: 'Select which child the relationship is to' })
        .min(0, { error: 'Select which child the relationship is to' })
        .max(MAX_PEOPLE - 1, { error: 'Select which child the relationship is to' })
        .optional(),
    ),
    phone: field.text(30, 'Phone number'),
    sex: sexField,
    nhsNumber: field.nhsNumber(),
  }),
  (v, issue) => {
    if (!v.givenName && !v.familyName) issue('givenName', 'Enter their name, or what you know of it');
    else if (!v.familyName) issue('familyName', 'Enter their last name, or “Not known”');
    if (v.relationship === 'other' && !v.relationshipDetail)
      issue('relationshipDetail', 'Say how they are related to the child');
    if (isText(v.phone) && !PHONE.test(v.phone))
      issue('phone', 'Enter their phone number, like 01632 960 001 or 07700 900 982');
  },
  (v): AdultData => ({
    givenName: v.givenName ?? '',
    familyName: v.familyName ?? 'Not known',
    otherNames: v.otherNames ?? '',
    dateOfBirth: v.dateOfBirth ?? null,
    sex: v.sex,
    nhsNumber: v.nhsNumber ?? null,
    relationship: v.relationship,
    relationshipDetail: v.relationshipDetail ?? null,
    livesWithChild: v.livesWithChild,
    relationshipTo: v.relationshipTo ?? null,
    phone: v.phone ?? null,
  }),
);

// ---- Where the children live ----

const addressFields = {
  line1: field.text(SHORT_MAX, 'Address line 1'),
  line2: field.text(SHORT_MAX, 'Address line 2'),
  town: field.text(NAME_MAX, 'Town or city'),
  postcode: field.postcode(),
};

function addressRules(v: Values, issue: Issue): void {
  if (!v.line1) issue('line1', 'Enter the first line of the address');
  if (v.postcode === undefined) issue('postcode', 'Enter the postcode');
}

const toAddress = (v: z.output<z.ZodObject<typeof addressFields>>): AddressData => ({
  known: true,
  line1: v.line1!,
  line2: v.line2 ?? null,
  town: v.town ?? null,
  postcode: v.postcode!,
});

const givenAddress = section(
  z.strictObject(addressFields, { error: 'address must be an object, or null when not known' }),
  addressRules,
  toAddress,
);

/** The API's address, or null when not known; a stored AddressData reads the same. */
const addressSchema = z
  .preprocess((v) => {
    if (!v || typeof v !== 'object' || !('known' in v)) return v;
    const { known, ...rest } = v as Values;
    return known === false ? null : rest;
  }, givenAddress.fields.nullable())
  .transform((v): AddressData => (v ? toAddress(v) : { known: false }));

/** The address page: an address, or "I do not know where the children live". */
export const addressPage = section(
  z.object({ ...addressFields, unknown: field.codes(['yes'], 'I do not know where the children live') }),
  (v, issue) => {
    if (!(Array.isArray(v.unknown) && v.unknown.includes('yes'))) addressRules(v, issue);
  },
  (v): AddressData => (v.unknown.includes('yes') ? { known: false } : toAddress(v)),
);

// ---- The concern, what the child said, the risks, consent ----

const concernField = field.requiredText(LONG_MAX, 'Your concern', 'Describe your concern about the child');
const concernCategoryField = optionalCode(CONCERN_CATEGORIES.values, 'Category of concern');
/** The concern page: the concern in the referrer's words, and its category as far as they can tell. */
export const concernPage = section(
  z.object({ concern: concernField, concernCategory: concernCategoryField }),
  () => undefined,
  (v) => ({ concern: v.concern, concernCategory: v.concernCategory ?? 'not_known' }),
);

/** A question answered from a list, and the details one of its answers needs. */
function answerWithDetails<const V extends readonly [string, ...string[]]>(
  values: V,
  select: string,
  detailsLabel: string,
  needsDetails: V[number],
  missingDetails: string,
) {
  return section(
    z.strictObject({ status: field.code(values, select), details: field.text(LONG_MAX, detailsLabel) }),
    (v, issue) => {
      if (v.status === needsDetails && !v.details) issue('details', missingDetails);
    },
    (v) => ({ status: v.status, details: v.status === needsDetails ? v.details! : null }),
  );
}

export const childSaid = answerWithDetails(
  CHILD_SAID.values,
  'Select whether the child has said anything about this',
  'What the child said',
  'said',
  'Write what the child said, in their own words',
);

const immediateRisk = answerWithDetails(
  RISK.values,
  'Select whether any child is at immediate risk of harm',
  'The immediate risk',
  'yes',
  'Describe the immediate risk',
);

/** The risks page: immediate risk to a child, and risks to workers visiting the home. */
export const risks = section(
  immediateRisk.fields.extend({ visitRisks: field.text(LONG_MAX, 'Risks to workers visiting the home') }),
  (v, issue) => {
    if (v.status === 'yes' && !v.details) issue('details', 'Describe the immediate risk');
  },
  (v): RiskData => ({
    status: v.status,
    details: v.status === 'yes' ? v.details! : null,
    visitRisks: v.visitRisks ?? null,
  }),
);

const withoutConsent = (consent: unknown) => consent === 'refused' || consent === 'not_sought';

export const consent = section(
  z.strictObject({
    familyAware: field.yesNo('Select whether the family knows about this referral'),
    consent: field.code(CONSENT.values, 'Select whether the family consents to this referral'),
    reason: field.text(LONG_MAX, 'Why consent was not given or asked for'),
    decidedBy: field.text(SHORT_MAX, 'Who decided'),
  }),
  (v, issue) => {
    if (!withoutConsent(v.consent)) return;
    if (!v.reason)
      issue(
        'reason',
        'Say why you are referring without consent (for example, asking would put the child at risk)',
      );
    if (!v.decidedBy) issue('decidedBy', 'Enter the name and role of who decided to share without consent');
  },
  (v): ConsentData => ({
    familyAware: v.familyAware,
    consent: v.consent,
    reason: withoutConsent(v.consent) ? v.reason! : null,
    decidedBy: withoutConsent(v.consent) ? v.decidedBy! : null,
  }),
);

// ---- The referrer ----

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const ANONYMOUS: ReferrerData = {
  type: 'anonymous',
  name: null,
  jobTitle: null,
  agencyId: null,
  agencyName: null,
  phone: null,
  email: null,
  relationship: null,
};

/**
 * The referrer. Only a referral the MASH takes by phone may come from a member of the public or an
 * anonymous caller; the referrer page of a web referral is always a professional's.
 */
export const referrer = section(
  z.object({
    type: field.code(REFERRER_TYPE_VALUES, 'Select who made the referral'),
    name: field.text(NAME_MAX * 2, 'Name'),
    jobTitle: field.text(SHORT_MAX, 'Job title'),
    agencyId: z.preprocess(
      (v) => (v === '' || v === null ? undefined : typeof v === 'string' ? v.toLowerCase() : v),
      z.string().regex(UUID, { error: 'Select their agency from the list' }).optional(),
    ),
    agencyName: field.text(SHORT_MAX, 'Organisation'),
    phone: field.text(30, 'Phone number'),
    email: field.text(254, 'Email address'),
    relationship: field.text(SHORT_MAX, 'How they know the family'),
  }),
  (v, issue) => {
    if (v.type !== 'professional' && v.type !== 'public') return;
    if (!v.name) issue('name', 'Enter the referrer’s full name');
    if (v.type === 'professional' && !v.jobTitle) issue('jobTitle', 'Enter the referrer’s job title or role');
    if (isText(v.phone) && !PHONE.test(v.phone))
      issue('phone', 'Enter a phone number, like 01632 960 001 or 07700 900 982');
    if (isText(v.email) && !EMAIL.test(v.email))
      issue('email', 'Enter an email address in the correct format, like name@example.com');
    if (!v.phone && !v.email)
      issue('phone', 'Enter a phone number or an email address so the MASH can contact the referrer');
  },
  (v): ReferrerData => {
    if (v.type === 'anonymous') return ANONYMOUS;
    const professional = v.type === 'professional';
    return {
      type: v.type,
      name: v.name ?? null,
      jobTitle: professional ? (v.jobTitle ?? null) : null,
      agencyId: professional ? (v.agencyId ?? null) : null,
      agencyName: professional ? (v.agencyName ?? null) : null,
      phone: v.phone ?? null,
      email: v.email ?? null,
      relationship: v.type === 'public' ? (v.relationship ?? null) : null,
    };
  },
);

// ---- The whole referral ----

/** A whole referral: what the services check again before a contact is made. */
export const referralSchema = z
  .object({
    children: z
      .array(child.schema)
      .min(1, { error: 'Include at least one child' })
      .max(MAX_PEOPLE, { error: `A referral can name up to ${MAX_PEOPLE} children` }),
    adults: z
      .array(adult.schema)
      .max(MAX_PEOPLE, { error: `A referral can name up to ${MAX_PEOPLE} adults` }),
    address: addressSchema,
    concern: concernField,
    concernCategory: concernCategoryField,
    childSaid: childSaid.schema,
    risks: risks.schema,
    consent: consent.schema,
    referrer: referrer.schema,
  })
  .superRefine((v, ctx) => {
    // An adult's relationship names one of the referral's children.
    v.adults.forEach((a, i) => {
      if (a.relationshipTo != null && a.relationshipTo >= v.children.length)
        ctx.addIssue({
          code: 'custom',
          path: ['adults', i, 'relationshipTo'],
          message: 'Select which child the relationship is to, from the children on this referral',
        });
    });
  }) satisfies z.ZodType<ReferralInput>;

/**
 * A referral from a partner system: the same sections (immediate risk named as the API always
 * named it), the referrer being the caller, who gives a job title and a way to be called.
 */
export const apiReferralSchema = z.strictObject({
  clientReference: z
    .string()
    .regex(/^[\x21-\x7e]{1,100}$/, { error: 'clientReference must be 1 to 100 visible characters' })
    .optional(),
  children: z
    .array(child.schema)
    .min(1, { error: 'Include at least one child' })
    .max(MAX_PEOPLE, {
      error: `A referral can name up to ${MAX_PEOPLE} children`,
    }),
  adults: z
    .array(adult.schema)
    .max(MAX_PEOPLE, { error: `A referral can name up to ${MAX_PEOPLE} adults` })
    .optional(),
  address: addressSchema,
  concern: concernField,
  concernCategory: concernCategoryField,
  childSaid: childSaid.schema,
  immediateRisk: risks.schema,
  consent: consent.schema,
  referrer: z.strictObject({
    jobTitle: field.requiredText(SHORT_MAX, 'Job title', 'Enter the referrer’s job title or role'),
    phone: field.text(30, 'Phone number'),
    email: field.text(254, 'Email address'),
  }),
});
export type ApiReferral = z.output<typeof apiReferralSchema>;

/** The API's referral as a ReferralInput: the caller is the referrer, from their agency. */
export function referralFromApi(b: ApiReferral, caller: Actor): ReferralInput {
  return {
    children: b.children,
    adults: b.adults ?? [],
    address: b.address,
    concern: b.concern,
    concernCategory: b.concernCategory ?? 'not_known',
    childSaid: b.childSaid,
    risks: b.immediateRisk,
    consent: b.consent,
    referrer: {
      type: 'professional',
      name: caller.name,
      jobTitle: b.referrer.jobTitle,
      agencyId: caller.agencyId,
      agencyName: caller.agencyName,
      phone: b.referrer.phone ?? null,
      email: b.referrer.email ?? caller.email,
      relationship: null,
    },
  };
}
