/** The fixed lists of the front door, with their labels. */

export const DECISIONS = [
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
] as const;
export type Decision = (typeof DECISIONS)[number]['value'];
export const DECISION_VALUES = DECISIONS.map((d) => d.value) as [Decision, ...Decision[]];
/** Decisions that hand the child to children's social care: a referral awaiting allocation. */
export const REFERRAL_DECISIONS: readonly Decision[] = [
  'section_17',
  'strategy_section_47',
  'immediate_protection',
];

export const RAGS = [
  { value: 'red', label: 'Red', hint: 'A child may be at risk of significant harm now.' },
  { value: 'amber', label: 'Amber', hint: 'Concerns that need a decision today.' },
  { value: 'green', label: 'Green', hint: 'No indication of immediate risk.' },
] as const;
export type Rag = (typeof RAGS)[number]['value'];
export const RAG_VALUES = RAGS.map((r) => r.value) as [Rag, ...Rag[]];

export const SEXES = [
  { value: 'female', label: 'Female' },
  { value: 'male', label: 'Male' },
  { value: 'unknown', label: 'Not known' },
] as const;
/** The sexes a person on a referral may be recorded with (the pages offer the first two and "not known"). */
export const SUBJECT_SEX_VALUES = ['female', 'male', 'indeterminate', 'unknown'] as const;
export type SubjectSex = (typeof SUBJECT_SEX_VALUES)[number];

/** How an adult is related to the children, as a referrer would say it. */
export const ADULT_RELATIONSHIPS = [
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
] as const;
export type AdultRelationship = (typeof ADULT_RELATIONSHIPS)[number]['value'];
export const ADULT_RELATIONSHIP_VALUES = ADULT_RELATIONSHIPS.map((r) => r.value) as [
  AdultRelationship,
  ...AdultRelationship[],
];

export const CHILD_SAID = [
  { value: 'said', label: 'Yes', hint: 'Write what they said in their own words.' },
  { value: 'not_said', label: 'No, they have not said anything about it' },
  { value: 'not_asked', label: 'They have not been asked' },
  {
    value: 'unable',
    label: 'They cannot say',
    hint: 'For example a baby, an unborn child or a child without speech.',
  },
] as const;
export type ChildSaid = (typeof CHILD_SAID)[number]['value'];
export const CHILD_SAID_VALUES = CHILD_SAID.map((c) => c.value) as [ChildSaid, ...ChildSaid[]];

export const RISK = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
  { value: 'not_known', label: 'I do not know' },
] as const;
export type Risk = (typeof RISK)[number]['value'];
export const RISK_VALUES = RISK.map((r) => r.value) as [Risk, ...Risk[]];

export const CONSENT = [
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
] as const;
export type Consent = (typeof CONSENT)[number]['value'];
export const CONSENT_VALUES = CONSENT.map((c) => c.value) as [Consent, ...Consent[]];

/** Who made a referral: only the MASH, taking a call, records one from the public or anonymously. */
export const REFERRER_TYPE_VALUES = ['professional', 'public', 'anonymous'] as const;
export type ReferrerType = (typeof REFERRER_TYPE_VALUES)[number];

export const SAFEGUARDING_CONDITION =
  'Data Protection Act 2018, Schedule 1, paragraph 18 (safeguarding of children and of individuals at risk)';

const labels = <T extends { value: string; label: string }>(list: readonly T[]) =>
  new Map<string, string>(list.map((x) => [x.value, x.label]));
const decisionLabels = labels(DECISIONS);
const ragLabels = labels(RAGS);
const relationshipLabels = labels(ADULT_RELATIONSHIPS);
const saidLabels = labels(CHILD_SAID);
const riskLabels = labels(RISK);
const consentLabels = labels(CONSENT);
const sexLabels = labels(SEXES);

export const decisionLabel = (v: string | null | undefined) => (v ? (decisionLabels.get(v) ?? v) : '');
export const ragLabel = (v: string | null | undefined) => (v ? (ragLabels.get(v) ?? v) : 'Not rated');
export const relationshipLabel = (v: string | null | undefined) =>
  v ? (relationshipLabels.get(v) ?? v) : '';
export const childSaidLabel = (v: string | null | undefined) => (v ? (saidLabels.get(v) ?? v) : '');
export const riskLabel = (v: string | null | undefined) => (v ? (riskLabels.get(v) ?? v) : '');
export const consentLabel = (v: string | null | undefined) => (v ? (consentLabels.get(v) ?? v) : '');
export const sexLabel = (v: string | null | undefined) =>
  v ? (sexLabels.get(v) ?? 'Not known') : 'Not known';

/** The GOV.UK tag colour of a RAG rating (the tag always carries the word too). */
export const RAG_TAG: Record<string, string> = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
};
