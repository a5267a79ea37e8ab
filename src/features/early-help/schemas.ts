import { z } from 'zod';
import { codeList, type CodeOf } from '../../platform/codes.ts';
import { field } from '../../platform/validation.ts';
import { actionFields } from '../actions/service.ts';

export const TEXT_MAX = 5000;

export const SOURCES = codeList([
  { value: 'mash', label: 'Early help decision at the MASH' },
  { value: 'direct', label: 'Started by the lead practitioner' },
  { value: 'step_down', label: 'Stepped down from social care' },
]);

export const STATUSES = codeList([
  { value: 'offered', label: 'Waiting for a lead practitioner' },
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
]);
export type Status = CodeOf<typeof STATUSES>;

export const OUTCOMES = codeList([
  { value: 'needs_met', label: 'Needs met' },
  { value: 'stepped_up', label: 'Stepped up to social care' },
  { value: 'consent_withdrawn', label: 'Family withdrew consent' },
  { value: 'moved_away', label: 'Moved away' },
  { value: 'other_service', label: 'Needs met by another service' },
  { value: 'disengaged', label: 'Family stopped taking part' },
]);

/** The Supporting Families outcomes: the default areas of need (a local setting). */
export const DEFAULT_AREAS = [
  { value: 'education', label: 'Getting a good education' },
  { value: 'early_years', label: 'Good early years development' },
  { value: 'health', label: 'Improved mental and physical health' },
  { value: 'substance_use', label: 'Promoting recovery and reducing harm from substance use' },
  { value: 'relationships', label: 'Improved family relationships' },
  { value: 'abuse_exploitation', label: 'Children safe from abuse and exploitation' },
  { value: 'crime', label: 'Crime prevention and tackling crime' },
  { value: 'domestic_abuse', label: 'Safe from domestic abuse' },
  { value: 'housing', label: 'Secure housing' },
  { value: 'financial', label: 'Financial stability' },
];
export type Area = { value: string; label: string };

const consentFields = {
  consent: field.yesNo('Select whether the family consents to early help'),
  safeguardingReason: field.text(TEXT_MAX, 'The safeguarding decision'),
};

/** A lead practitioner starts an episode for a child they work with. */
export const startSchema = z.object({
  personId: field.id('Choose the child'),
  familyIds: field.ids('The family'),
  ...consentFields,
});
export type StartInput = z.infer<typeof startSchema>;

/** The early help service takes a MASH early help decision and names the lead practitioner. */
export const fromRequestSchema = z.object({
  requestId: field.id('Choose the early help request'),
  leadUserId: field.id('Select the lead practitioner'),
  familyIds: field.ids('The family'),
  ...consentFields,
});
export type FromRequestInput = z.infer<typeof fromRequestSchema>;

/** Social care steps a family down (after an RC9 closure) to a named lead practitioner. */
export const stepDownSchema = z.object({
  personId: field.id('Choose the child'),
  leadUserId: field.id('Select the lead practitioner'),
  familyIds: field.ids('The family'),
  reason: field.requiredText(TEXT_MAX, 'What is handed over', 'Enter what is handed over and why'),
  ...consentFields,
});
export type StepDownInput = z.infer<typeof stepDownSchema>;

export const stepDecisionSchema = z.object({
  accept: field.yesNo('Select whether you will lead early help for this family'),
  reason: field.requiredText(TEXT_MAX, 'Reasons', 'Enter your reasons'),
});
export type StepDecisionInput = z.infer<typeof stepDecisionSchema>;

export const allocateSchema = z.object({
  leadUserId: field.id('Select the lead practitioner'),
});

/** Scores keyed by area ('score-<area>'), 1 to 10, or blank when the area is not a need. */
const scores = z.record(
  z.string(),
  z.preprocess(
    (v) => (v === '' || v === undefined || v === null ? undefined : typeof v === 'string' ? Number(v) : v),
    z.number().int().min(1).max(10).optional(),
  ),
);

export const voiceSchema = z.object({
  personId: field.id('Choose the child'),
  words: field.text(TEXT_MAX, 'What the child said'),
  method: field.text(40, 'How it was gathered'),
  absentReason: field.text(TEXT_MAX, 'Why the child’s voice is not recorded'),
});

export const assessmentSchema = z.object({
  completedOn: field.requiredDate(
    'The date the assessment was completed',
    'Enter the date the assessment was completed',
    {
      notFuture: true,
    },
  ),
  familyView: field.requiredText(TEXT_MAX, 'The family’s view', 'Enter the family’s own view'),
  strengths: field.text(TEXT_MAX, 'Strengths'),
  plan: field.requiredText(TEXT_MAX, 'The plan', 'Enter the plan'),
  scores,
  voices: z.array(voiceSchema).default([]),
});
export type AssessmentInput = z.infer<typeof assessmentSchema>;

export const teamMemberSchema = z.object({
  userId: field.id('Select the practitioner'),
  role: field.requiredText(200, 'Their part', 'Enter their part in the team around the family'),
});
export type TeamMemberInput = z.infer<typeof teamMemberSchema>;

export const meetingSchema = z.object({
  heldOn: field.requiredDate('The date of the meeting', 'Enter the date of the meeting', { notFuture: true }),
  notes: field.requiredText(TEXT_MAX, 'Notes', 'Enter what the meeting agreed'),
  attended: field.ids('Who attended'),
});
export type MeetingInput = z.infer<typeof meetingSchema>;

export const actionSchema = z.object({
  title: field.requiredText(200, 'Action', 'Enter what is to be done'),
  ownerAgencyId: field.id('Select the agency that owns the action'),
  ownerUserId: actionFields.ownerUserId,
  dueOn: field.requiredDate('Due date', 'Enter the date the action is due'),
});
export type ActionInput = z.infer<typeof actionSchema>;

export const reviewSchema = z.object({
  heldOn: field.requiredDate('The date of the review', 'Enter the date of the review', { notFuture: true }),
  summary: field.requiredText(TEXT_MAX, 'What has changed', 'Enter what has changed for the family'),
  scores,
});
export type ReviewInput = z.infer<typeof reviewSchema>;

export const stepUpSchema = z.object({
  reason: field.requiredText(
    TEXT_MAX,
    'Why social care is needed',
    'Enter why the family needs social care now',
  ),
});
export type StepUpInput = z.infer<typeof stepUpSchema>;

export const consentSchema = z.object({
  safeguardingReason: field.text(TEXT_MAX, 'The safeguarding decision'),
});
export type ConsentInput = z.infer<typeof consentSchema>;

export const closeSchema = z.object({
  closedOn: field.requiredDate('The closure date', 'Enter the closure date', { notFuture: true }),
  outcome: field.code(OUTCOMES.values, 'Select the outcome'),
  feedback: field.requiredText(
    TEXT_MAX,
    'The family’s feedback',
    'Enter the family’s feedback, in their words',
  ),
});
export type CloseInput = z.infer<typeof closeSchema>;

export const settingsSchema = z.object({
  earlyHelpAssessmentWorkingDays: field.int('The time for an assessment', {
    min: 5,
    max: 90,
    missing: 'Enter the time for an assessment in working days',
  }),
  earlyHelpReviewWeeks: field.int('The time between reviews', {
    min: 1,
    max: 26,
    missing: 'Enter the time between reviews in weeks',
  }),
  areas: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
        : v,
    z
      .array(z.string().max(120, { error: 'Each area must be 120 characters or fewer' }))
      .min(1, { error: 'Enter at least one area of need' })
      .max(30, { error: 'Enter 30 areas or fewer' }),
  ),
});
export type SettingsInput = z.infer<typeof settingsSchema>;
