/** The fixed lists of the chronology: categories, significance and visibility levels, with labels. */
import { codeList, type CodeOf } from '../../platform/codes.ts';

/** The values of each list below. */
export type Category = CodeOf<typeof CATEGORIES>;
export type Significance = CodeOf<typeof SIGNIFICANCES>;
export type Visibility = CodeOf<typeof VISIBILITIES>;

export const CATEGORIES = codeList([
  { value: 'referral', label: 'Referral' },
  { value: 'assessment', label: 'Assessment' },
  { value: 'child_protection', label: 'Child protection' },
  { value: 'police_incident', label: 'Police incident' },
  { value: 'domestic_abuse', label: 'Domestic abuse' },
  { value: 'missing_episode', label: 'Missing episode' },
  { value: 'hospital_attendance', label: 'Hospital attendance' },
  { value: 'health', label: 'Health' },
  { value: 'school_attendance', label: 'School attendance' },
  { value: 'exclusion', label: 'Exclusion from school' },
  { value: 'education', label: 'Education' },
  { value: 'housing', label: 'Housing' },
  { value: 'probation', label: 'Probation' },
  { value: 'youth_justice', label: 'Youth justice' },
  { value: 'early_help', label: 'Early help' },
  { value: 'disclosure', label: 'Disclosure by the child' },
  { value: 'injury', label: 'Injury' },
  { value: 'family_circumstances', label: 'Family circumstances' },
  { value: 'other', label: 'Other' },
]);

export const SIGNIFICANCES = codeList([
  { value: 'high', label: 'High' },
  { value: 'medium', label: 'Medium' },
  { value: 'low', label: 'Low' },
]);

export const VISIBILITIES = codeList([
  {
    value: 'partnership',
    label: 'Everyone who may open this record',
    short: 'Partnership',
    hint: 'Any agency working with the child can see it.',
  },
  {
    value: 'mash_and_allocated',
    label: 'MASH and the allocated worker only',
    short: 'MASH and allocated worker',
    hint: 'For example police intelligence. Your agency can also see it.',
  },
  {
    value: 'agency',
    label: 'My agency only',
    short: 'Recording agency only',
    hint: 'Only people in your agency can see it.',
  },
]);

/** A visibility's short name, as lists and exports show it. */
export const visibilityLabel = (v: string): string => VISIBILITIES.find((x) => x.value === v)?.short ?? v;
