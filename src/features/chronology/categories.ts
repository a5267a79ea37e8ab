/** The fixed lists of the chronology: categories, significance and visibility levels, with labels. */

export const CATEGORIES = [
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
] as const;

export type Category = (typeof CATEGORIES)[number]['value'];
export const CATEGORY_VALUES = CATEGORIES.map((c) => c.value) as [Category, ...Category[]];

export const SIGNIFICANCES = [
  { value: 'high', label: 'High' },
  { value: 'medium', label: 'Medium' },
  { value: 'low', label: 'Low' },
] as const;
export type Significance = (typeof SIGNIFICANCES)[number]['value'];
export const SIGNIFICANCE_VALUES = SIGNIFICANCES.map((s) => s.value) as [Significance, ...Significance[]];

export const VISIBILITIES = [
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
] as const;
export type Visibility = (typeof VISIBILITIES)[number]['value'];
export const VISIBILITY_VALUES = VISIBILITIES.map((v) => v.value) as [Visibility, ...Visibility[]];

const categoryLabels = new Map<string, string>(CATEGORIES.map((c) => [c.value, c.label]));
const significanceLabels = new Map<string, string>(SIGNIFICANCES.map((s) => [s.value, s.label]));
const visibilityLabels = new Map<string, string>(VISIBILITIES.map((v) => [v.value, v.short]));

export const categoryLabel = (v: string): string => categoryLabels.get(v) ?? v;
export const significanceLabel = (v: string): string => significanceLabels.get(v) ?? v;
export const visibilityLabel = (v: string): string => visibilityLabels.get(v) ?? v;

export const isCategory = (v: unknown): v is Category => typeof v === 'string' && categoryLabels.has(v);
export const isSignificance = (v: unknown): v is Significance =>
  typeof v === 'string' && significanceLabels.has(v);
export const isVisibility = (v: unknown): v is Visibility => typeof v === 'string' && visibilityLabels.has(v);
