/** The fixed lists of section 11: kinds of round, ratings, the survey's scale, the default standards. */
import { codeList, type CodeOf } from '../../platform/codes.ts';

export const KINDS = codeList([
  {
    value: 'section11',
    label: 'Section 11',
    hint: 'Agencies’ duty under section 11 of the Children Act 2004.',
  },
  {
    value: 'schools',
    label: 'Schools (section 175/157)',
    hint: 'Schools’ and colleges’ duty under section 175 or 157 of the Education Act 2002.',
  },
]);
export type Kind = CodeOf<typeof KINDS>;

export const RATINGS = codeList([
  { value: 'green', label: 'Green', hint: 'The standard is met and the evidence shows it.' },
  { value: 'amber', label: 'Amber', hint: 'Partly met: work is under way.' },
  { value: 'red', label: 'Red', hint: 'Not met.' },
]);
export type Rating = CodeOf<typeof RATINGS>;

/** The GOV.UK tag for a rating: the word is always shown, never the colour alone. */
export const RATING_TAG: Record<string, string> = {
  green: 'govuk-tag--green',
  amber: 'govuk-tag--yellow',
  red: 'govuk-tag--red',
};

export const AGREE = codeList([
  { value: 'strongly_agree', label: 'Strongly agree' },
  { value: 'agree', label: 'Agree' },
  { value: 'neither', label: 'Neither agree nor disagree' },
  { value: 'disagree', label: 'Disagree' },
  { value: 'strongly_disagree', label: 'Strongly disagree' },
]);
export const AGREEING = ['strongly_agree', 'agree'];

export const OUTCOMES = codeList([
  { value: 'confirmed', label: 'Rating confirmed' },
  { value: 'changed', label: 'Rating changed' },
]);

/**
 * Where an agency's own rating and its practitioners disagree: green but fewer than this share
 * agreeing, or red but more than the other share agreeing.
 */
export const GAP_GREEN_BELOW = 60;
export const GAP_RED_ABOVE = 80;
/** Fewer answers than this are too few to flag (and to show as a share). */
export const GAP_MIN_ANSWERS = 3;

/** The standards a partnership starts with (it may add, reword and retire its own). */
export const DEFAULT_STANDARDS: Record<Kind, { title: string; description: string }[]> = {
  section11: [
    {
      title: 'Senior management commitment',
      description:
        'Senior managers commit to the importance of safeguarding and promoting children’s welfare.',
    },
    {
      title: 'Clear line of accountability',
      description:
        'A clear statement of the agency’s responsibilities and a named lead accountable for them.',
    },
    {
      title: 'A culture of listening to children',
      description: 'Services are shaped by children’s wishes and feelings.',
    },
    {
      title: 'Clear whistleblowing procedures',
      description: 'Staff know how to raise concerns and are supported when they do.',
    },
    {
      title: 'Safe recruitment and allegations management',
      description: 'Safer recruitment, vetting and the management of allegations against staff.',
    },
    {
      title: 'Appropriate supervision and training',
      description: 'Staff are trained in safeguarding for their role and supervised.',
    },
    {
      title: 'The child’s views',
      description: 'The child’s views are sought and recorded in the work done with them.',
    },
    {
      title: 'Multi-agency working and information sharing',
      description: 'Effective work with other agencies and timely, lawful sharing of information.',
    },
  ],
  schools: [
    {
      title: 'Designated safeguarding lead',
      description: 'A trained designated safeguarding lead and deputies.',
    },
    { title: 'Policies', description: 'Child protection and behaviour policies, reviewed each year.' },
    { title: 'Training', description: 'All staff and governors trained, with regular updates.' },
    { title: 'Safer recruitment', description: 'Safer recruitment and the single central record.' },
    { title: 'Online safety', description: 'Filtering, monitoring and teaching about online safety.' },
    { title: 'Early help', description: 'Children who need early help are identified and supported.' },
    {
      title: 'Working with the local authority',
      description:
        'Referrals to children’s social care and work with the local authority designated officer.',
    },
    { title: 'Record keeping', description: 'Concerns, decisions and actions recorded and kept securely.' },
  ],
};
