/** The fixed lists of the front door, with their labels. */
import { codeList, type CodeOf } from '../../platform/codes.ts';
import { ETHNICITIES } from '../people/service.ts';

/** The CIN census ethnicity codes (the index's list): a child's ethnicity on a referral. */
export { ETHNICITIES };

/** The values of each list below. */
export type Decision = CodeOf<typeof DECISIONS>;
export type Rag = CodeOf<typeof RAGS>;
export type AdultRelationship = CodeOf<typeof ADULT_RELATIONSHIPS>;
export type ChildSaid = CodeOf<typeof CHILD_SAID>;
export type Risk = CodeOf<typeof RISK>;
export type Consent = CodeOf<typeof CONSENT>;
export type ConcernCategory = CodeOf<typeof CONCERN_CATEGORIES>;
export type Disability = CodeOf<typeof DISABILITIES>;

export const DECISIONS = codeList([
  {
    value: 'no_further_action',
    label: 'No further action',
    hint: 'The threshold for any service is not met.',
  },
  {
    value: 'information_advice',
    label: 'Information and advice',
    hint: 'Advice to the referrer or the family; no service from us.',
  },
  { value: 'early_help', label: 'Early help', hint: 'The family is offered early help support.' },
  {
    value: 'section_17',
    label: 'Section 17 assessment',
    hint: 'A child in need assessment by children’s social care.',
  },
  {
    value: 'strategy_section_47',
    label: 'Strategy discussion / section 47 enquiry',
    hint: 'Reasonable cause to suspect significant harm.',
  },
  {
    value: 'immediate_protection',
    label: 'Immediate protection',
    hint: 'Police protection, an emergency protection order or another immediate action.',
  },
]);
/** Decisions that hand the child to children's social care: a referral awaiting allocation. */
export const REFERRAL_DECISIONS: readonly Decision[] = [
  'section_17',
  'strategy_section_47',
  'immediate_protection',
];

export const RAGS = codeList([
  { value: 'red', label: 'Red', hint: 'A child may be at risk of significant harm now.' },
  { value: 'amber', label: 'Amber', hint: 'Concerns that need a decision today.' },
  { value: 'green', label: 'Green', hint: 'No indication of immediate risk.' },
]);

export const SEXES = codeList([
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'unknown', label: 'Not known' },
]);
/** The sexes a person on a referral may be recorded with (the pages offer the first two and "not known"). */
export const SUBJECT_SEX_VALUES = ['female', 'male', 'indeterminate', 'unknown'] as const;
export type SubjectSex = (typeof SUBJECT_SEX_VALUES)[number];

/** How an adult is related to the children, as a referrer would say it. */
export const ADULT_RELATIONSHIPS = codeList([
  { value: 'mother', label: 'Mother' },
  { value: 'father', label: 'Father' },
  { value: 'step_parent', label: 'Step-parent' },
  { value: 'partner_of_parent', label: 'Partner of a parent' },
  { value: 'carer', label: 'Carer or guardian' },
  { value: 'grandparent', label: 'Grandparent' },
  { value: 'other_relative', label: 'Other relative' },
  { value: 'sibling', label: 'Brother or sister (18 or over)' },
  { value: 'lodger', label: 'Lodger or family friend' },
  { value: 'other', label: 'Other' },
  { value: 'not_known', label: 'Not known' },
]);

export const CHILD_SAID = codeList([
  { value: 'said', label: 'Yes', hint: 'Write what they said in their own words.' },
  { value: 'not_said', label: 'No, they have not said anything about it' },
  { value: 'not_asked', label: 'They have not been asked' },
  {
    value: 'unable',
    label: 'They cannot say',
    hint: 'For example a baby, an unborn child or a child without speech.',
  },
]);

export const RISK = codeList([
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not_known', label: 'I do not know' },
]);

export const CONSENT = codeList([
  { value: 'given', label: 'Yes, they consent to this referral' },
  {
    value: 'refused',
    label: 'No, they refused',
    hint: 'The referral is made without consent under the safeguarding condition.',
  },
  {
    value: 'not_sought',
    label: 'Consent was not asked for',
    hint: 'Because asking would put a child at risk, or would prejudice an enquiry.',
  },
]);

/** Who made a referral: only the MASH, taking a call, records one from the public or anonymously. */
export const REFERRER_TYPE_VALUES = ['professional', 'public', 'anonymous'] as const;
export type ReferrerType = (typeof REFERRER_TYPE_VALUES)[number];

export const SAFEGUARDING_CONDITION =
  'Data Protection Act 2018, Schedule 1, paragraph 18 (safeguarding of children and of individuals at risk)';

export const ragLabel = (v: string | null | undefined) => (v ? RAGS.labelOf(v) : 'Not rated');
/** The sex as a referral shows it: what the pages do not offer ("indeterminate") shows as not known. */
export const sexLabel = (v: string | null | undefined) => (SEXES.isValue(v) ? SEXES.labelOf(v) : 'Not known');

/** The GOV.UK tag colour of a RAG rating (the tag always carries the word too). */
export const RAG_TAG: Record<string, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
};

/** What the referrer thinks the concern is about (the categories of abuse, as far as they can tell). */
export const CONCERN_CATEGORIES = codeList([
  { value: 'neglect', label: 'Neglect' },
  { value: 'physical', label: 'Physical abuse' },
  { value: 'sexual', label: 'Sexual abuse' },
  { value: 'emotional', label: 'Emotional abuse' },
  { value: 'multiple', label: 'More than one of these' },
  { value: 'not_known', label: 'Not yet known' },
]);

/** A child's disability or special educational needs, as the referrer knows them. */
export const DISABILITIES = codeList([
  { value: 'none', label: 'No' },
  { value: 'disability', label: 'Yes, a disability' },
  { value: 'send', label: 'Yes, special educational needs (SEND)' },
  { value: 'both', label: 'Yes, a disability and special educational needs' },
  { value: 'not_known', label: 'I do not know' },
]);
