/** The audit tool (the default question set), grades, themes and the sample's criteria. */
import { codeList } from '../../platform/codes.ts';

export const GRADES = codeList([
  { value: 'outstanding', label: 'Outstanding' },
  { value: 'good', label: 'Good' },
  { value: 'requires_improvement', label: 'Requires improvement' },
  { value: 'inadequate', label: 'Inadequate' },
] as const);
export type Grade = (typeof GRADES.values)[number];

export const THEMES = codeList([
  { value: 'neglect', label: 'Neglect' },
  { value: 'domestic_abuse', label: 'Domestic abuse' },
  { value: 'exploitation', label: 'Child exploitation' },
  { value: 'sexual_abuse', label: 'Child sexual abuse' },
  { value: 'mental_health', label: 'Parental mental health' },
  { value: 'early_help', label: 'Early help' },
  { value: 'other', label: 'Other' },
] as const);

/** The questions each agency answers for each sampled child: a grade and a comment each. */
export const QUESTIONS = [
  {
    key: 'recognition',
    text: 'Was the child’s need recognised and responded to at the right time?',
  },
  {
    key: 'voice',
    text: 'Was the child seen and heard, and did what they said shape what was done?',
  },
  {
    key: 'sharing',
    text: 'Was information shared with partners promptly and appropriately?',
  },
  {
    key: 'risk',
    text: 'Was risk assessed and reviewed, taking account of the family’s history?',
  },
  {
    key: 'outcomes',
    text: 'Did the work and the plan make a difference to the child’s outcomes?',
  },
] as const;
export type QuestionKey = (typeof QUESTIONS)[number]['key'];

export const SAMPLE_METHODS = codeList([
  { value: 'criteria', label: 'By criteria', hint: 'Children who match what you choose below' },
  { value: 'random', label: 'At random', hint: 'Any child of the partnership' },
] as const);

export const SAMPLE_STATUSES = codeList([
  { value: 'any', label: 'Any child' },
  { value: 'cp_plan', label: 'On a child protection plan' },
  { value: 'cin_plan', label: 'On a child in need plan' },
  { value: 'open_episode', label: 'In an open episode of need' },
] as const);
