/**
 * One schema per casework action, for its page (parseForm) and, where there is one, its API call:
 * the same fields, the same messages. Each is a function of today (a long-running server never
 * keeps a stale date; tests give their own). Rules across fields or on the database are the
 * services'. The child's voice is one group, `voice` (a page's inputs `voice-words`, ...).
 */
import { z } from 'zod';
import { londonToday } from '../../platform/dates.ts';
import type { Code, CodeList } from '../../platform/codes.ts';
import { field, readForm, type Body } from '../../platform/validation.ts';
import {
  ABUSE_CATEGORIES,
  ACTION_PROGRESS,
  ASSESSMENT_FACTORS,
  ASSESSMENT_OUTCOMES,
  CIN_PLAN_END_REASONS,
  CLOSURE_REASONS,
  CP_PLAN_END_REASONS,
  ICPC_DECISIONS,
  PRIMARY_NEEDS,
  REFERRAL_SOURCES,
  REVIEW_DECISIONS,
  S47_OUTCOMES,
  STRATEGY_DECISIONS,
  VOICE_METHODS,
} from './codes.ts';

export const SHORT_MAX = 500;
export const TEXT_MAX = 10_000;
export const LONG_MAX = 20_000;

type Today = () => string;

/** A date that must be given, today or before. */
const day = (label: string, today: Today) =>
  field.requiredDate(label, `Enter ${label.toLowerCase()}`, { notFuture: true, today });

/** A choice that may be left out: an empty one is no choice. */
const optional = <S extends z.ZodType>(s: S) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

/** The record a form was opened for (another tab may have changed what is current since). */
const shownId = () => optional(field.id('This form is out of date: go back to the casework page'));

const note = () => field.requiredText(LONG_MAX, 'Your decision', 'Enter your decision and its reasons');

const codeOf = <C extends Code>(list: CodeList<C>, missing: string) => field.code(list.values, missing);

/** What the child said or showed: words, how, by whom (default: you), when (default: the step's day). */
export const voiceGroup = (today: Today = londonToday) =>
  z.strictObject(
    {
      words: field.text(TEXT_MAX, 'What the child said or showed'),
      methods: field.codes(VOICE_METHODS.values, 'How it was gathered'),
      gatheredBy: field.text(SHORT_MAX, 'Who heard it'),
      gatheredOn: field.date('The date the child said or showed it', { notFuture: true, today }),
    },
    { error: (iss) => (iss.code === 'invalid_type' ? 'voice must be an object' : undefined) },
  );

/** The child's voice, or why it is not recorded: every step that requires it. */
const voiceFields = (today: Today) => ({
  voice: voiceGroup(today).optional(),
  voiceAbsentReason: field.text(TEXT_MAX, 'Why the child’s voice is not recorded'),
});

export type VoiceFields = z.infer<ReturnType<typeof voiceGroup>>;

/** A page's body with its voice inputs (`voice-words`, `voice-gatheredOn-day`, ...) as the `voice` group. */
export function withVoice(body: Body): Body {
  const group: Body = {};
  for (const [k, v] of Object.entries(body)) if (k.startsWith('voice-')) group[k.slice(6)] = v;
  return { ...body, voice: readForm(voiceGroup(), group) };
}

export const episodeStartSchema = (today: Today = londonToday) =>
  z.strictObject({
    // A referral from the front door, or 'none' (a referral not recorded here, with its date).
    referral: z.preprocess(
      (v) => (v === '' ? undefined : typeof v === 'string' ? v.toLowerCase() : v),
      z.union([z.literal('none'), field.id('Select a referral from the list')], {
        error: (i) =>
          i.input === undefined
            ? 'Select the referral the episode starts from'
            : 'Select a referral from the list',
      }),
    ),
    referralDate: field.date('The referral date', { notFuture: true, today }),
    referralSource: codeOf(REFERRAL_SOURCES, 'Select the source of the referral'),
    primaryNeed: codeOf(PRIMARY_NEEDS, 'Select the primary need'),
    stepUpReference: field.text(SHORT_MAX, 'The early help reference'),
  });

export const episodeCloseSchema = (today: Today = londonToday) =>
  z.strictObject({
    episodeId: shownId(),
    closureDate: day('The closure date', today),
    closureReason: codeOf(CLOSURE_REASONS, 'Select the reason for closure'),
    stepDownReference: field.text(SHORT_MAX, 'Where the family was stepped down to'),
    note: note(),
  });

export const assessmentStartSchema = (today: Today = londonToday) =>
  z.strictObject({ startDate: day('The start date', today) });

export const assessmentSubmitSchema = (today: Today = londonToday) =>
  z.strictObject({
    assessmentId: shownId(),
    factors: field.codes(ASSESSMENT_FACTORS.values, 'Factors identified'),
    ...voiceFields(today),
    analysis: field.requiredText(LONG_MAX, 'Analysis', 'Enter your analysis'),
    outcome: codeOf(ASSESSMENT_OUTCOMES, 'Select the outcome of the assessment'),
    completedDate: day('The completion date', today),
    lateReason: field.text(TEXT_MAX, 'The reason the assessment is late'),
  });

/** A team manager's decision on work sent to them: agree, or return it for more work. */
const decisionFields = (missing: string, today: Today) => ({
  decision: field.code(['agreed', 'returned'], missing),
  decidedOn: day('The date of your decision', today),
  note: note(),
});

export const assessmentAuthoriseSchema = (today: Today = londonToday) =>
  z.strictObject({
    assessmentId: shownId(),
    ...decisionFields('Select whether you authorise the assessment or return it', today),
    lateReason: field.text(TEXT_MAX, 'The reason the assessment is late'),
  });

const strategyFields = (today: Today) => ({
  heldOn: day('The date of the strategy discussion', today),
  agencies: field.ids('Agencies that took part', { min: 1, missing: 'Select the agencies that took part' }),
  participants: field.requiredText(TEXT_MAX, 'Who took part', 'Enter who took part: name, role and agency'),
  decision: codeOf(STRATEGY_DECISIONS, 'Select the decision'),
  rationale: field.requiredText(
    LONG_MAX,
    'The reasons for the decision',
    'Enter the reasons for the decision',
  ),
});

/**
 * One choice a record, from one select each sharing a name: '<record id>:<value>' (a sibling's
 * decision, an action's progress); a select left blank is no choice.
 */
const pairs = (values: readonly string[], message: string, tooMany: string) => {
  const shape = new RegExp(
    `^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:(${values.join('|')})$`,
  );
  return z
    .preprocess(
      (v) =>
        (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v])
          .filter((x) => x !== '')
          .map((x) => (typeof x === 'string' ? x.toLowerCase() : x)),
      z.array(z.string().regex(shape, { error: message })).max(50, { error: tooMany }),
    )
    .optional();
};

/** Each action's progress at a core group or review conference. */
const progressField = () =>
  pairs(ACTION_PROGRESS.values, 'Choose the progress of each action from the list', 'Too many actions');

export const strategySchema = (today: Today = londonToday) =>
  z.strictObject({
    ...strategyFields(today),
    /** Brothers and sisters discussed at the same meeting, each with their own decision (a select each). */
    siblingDecisions: pairs(
      STRATEGY_DECISIONS.values,
      'Choose a decision from the list for each child',
      'Record the discussion for 50 children or fewer',
    ),
  });

/** A correction of a recorded strategy discussion: the same fields, and why it is corrected. */
export const strategyCorrectionSchema = (today: Today = londonToday) =>
  z.strictObject({
    ...strategyFields(today),
    version: field.int('The version', {
      min: 1,
      max: 10_000,
      missing: 'This form is out of date: go back and start again',
    }),
    reason: field.requiredText(
      TEXT_MAX,
      'The reason for the correction',
      'Enter why the record is corrected',
    ),
  });
export type StrategyCorrection = z.infer<ReturnType<typeof strategyCorrectionSchema>>;

export const section47StartSchema = (today: Today = londonToday) =>
  z.strictObject({ strategyDiscussionId: shownId(), startDate: day('The start date of the enquiry', today) });

export const section47OutcomeSchema = (today: Today = londonToday) =>
  z.strictObject({
    section47Id: shownId(),
    outcome: codeOf(S47_OUTCOMES, 'Select the outcome of the enquiry'),
    conferenceNeeded: field.yesNo('Select whether an initial child protection conference is needed'),
    outcomeDate: day('The date of the outcome', today),
    outcomeNotes: field.requiredText(LONG_MAX, 'The findings', 'Enter the findings of the enquiry'),
  });

export const section47SignOffSchema = (today: Today = londonToday) =>
  z.strictObject({
    section47Id: shownId(),
    ...decisionFields('Select whether you sign off the outcome or return it', today),
  });

const conferenceFields = (today: Today) => ({
  heldOn: day('The date of the conference', today),
  chair: field.requiredText(SHORT_MAX, 'The chair', 'Enter the name of the chair'),
  agencies: field.ids('Agencies that attended', { min: 1, missing: 'Select the agencies that attended' }),
  attendanceNotes: field.text(TEXT_MAX, 'Attendance notes'),
  ...voiceFields(today),
  category: optional(codeOf(ABUSE_CATEGORIES, 'Select the category of abuse')),
});

/** A brother's or sister's decision at the same initial conference: a plan with its category, or no plan. */
export const SIBLING_ICPC_DECISIONS = [
  ...ABUSE_CATEGORIES.values.map((c) => `plan_${c.toLowerCase()}`),
  'cin_plan',
  'no_plan',
] as const;

/** One text a brother or sister (a textarea each, in the order of the hidden `siblingIds`). */
const siblingTexts = (label: string) =>
  z
    .preprocess(
      (v) =>
        (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) =>
          typeof x === 'string' ? x.trim() : x,
        ),
      z
        .array(z.string().max(TEXT_MAX, { error: `${label} must be ${TEXT_MAX} characters or fewer` }))
        .max(50, { error: 'Record the conference for 50 children or fewer' }),
    )
    .optional();

export const initialConferenceSchema = (today: Today = londonToday) =>
  z.strictObject({
    section47Id: shownId(),
    ...conferenceFields(today),
    decision: codeOf(ICPC_DECISIONS, 'Select the conference’s decision'),
    /** Brothers and sisters at the same conference: each their own decision (a select each). */
    siblingDecisions: pairs(
      SIBLING_ICPC_DECISIONS,
      'Choose a decision from the list for each child',
      'Record the conference for 50 children or fewer',
    ),
    /** The children the form offered, in order; each one's voice below is in the same order. */
    siblingIds: field.ids('Brothers and sisters', { max: 50 }).optional(),
    siblingWords: siblingTexts('What the child said or showed'),
    siblingMethods: pairs(
      VOICE_METHODS.values,
      'Choose how each child’s voice was gathered from the list',
      'Record the conference for 50 children or fewer',
    ),
    siblingAbsent: siblingTexts('Why the child’s voice is not recorded'),
  });

/** A correction of a recorded initial conference: what may change without moving a clock, and why. */
export const conferenceCorrectionSchema = () =>
  z.strictObject({
    chair: field.requiredText(SHORT_MAX, 'The chair', 'Enter the name of the chair'),
    agencies: field.ids('Agencies that attended', { min: 1, missing: 'Select the agencies that attended' }),
    attendanceNotes: field.text(TEXT_MAX, 'Attendance notes'),
    category: optional(codeOf(ABUSE_CATEGORIES, 'Select the category of abuse')),
    version: field.int('The version', {
      min: 1,
      max: 10_000,
      missing: 'This form is out of date: go back and start again',
    }),
    reason: field.requiredText(
      TEXT_MAX,
      'The reason for the correction',
      'Enter why the record is corrected',
    ),
  });
export type ConferenceCorrection = z.infer<ReturnType<typeof conferenceCorrectionSchema>>;

export const reviewConferenceSchema = (today: Today = londonToday) =>
  z.strictObject({
    planId: shownId(),
    ...conferenceFields(today),
    decision: codeOf(REVIEW_DECISIONS, 'Select the conference’s decision'),
    progress: progressField(),
  });

export const coreGroupSchema = (today: Today = londonToday) =>
  z.strictObject({
    planId: shownId(),
    heldOn: day('The date of the core group', today),
    agencies: field.ids('Agencies that attended', { min: 1, missing: 'Select the agencies that attended' }),
    attendees: field.text(TEXT_MAX, 'Who attended'),
    notes: field.text(LONG_MAX, 'Notes'),
    progress: progressField(),
  });

/** An outcome for the child, in the plan. */
export const planOutcomeSchema = () =>
  z.strictObject({
    planId: shownId(),
    outcome: field.requiredText(TEXT_MAX, 'The outcome', 'Enter the outcome for the child'),
  });

/** An action of the plan: what, towards which outcome, who owns it (an agency or a person), by when. */
export const planActionSchema = () =>
  z.strictObject({
    planId: shownId(),
    outcomeId: optional(field.id('Choose an outcome from the list')),
    action: field.requiredText(TEXT_MAX, 'The action', 'Enter the action'),
    ownerAgency: optional(field.id('Choose an agency from the list')),
    ownerName: field.text(SHORT_MAX, 'The person who owns the action'),
    dueDate: field.requiredDate('The date it is due', 'Enter the date the action is due'),
  });

const planEnd = <C extends Code>(reasons: CodeList<C>) => {
  return (today: Today = londonToday) =>
    z.strictObject({
      planId: shownId(),
      endDate: day('The end date', today),
      endReason: codeOf(reasons, 'Select why the plan ends'),
      note: note(),
    });
};

export const cpPlanEndSchema = planEnd(CP_PLAN_END_REASONS);
export const cinPlanEndSchema = planEnd(CIN_PLAN_END_REASONS);

export const cinPlanStartSchema = (today: Today = londonToday) =>
  z.strictObject({ startDate: day('The start date of the plan', today) });

export const cinReviewSchema = (today: Today = londonToday) =>
  z.strictObject({
    planId: shownId(),
    heldOn: day('The date of the review', today),
    notes: field.requiredText(LONG_MAX, 'The review', 'Enter what the review found and decided'),
    ...voiceFields(today),
  });

/** A visit: the page's form and the API's body (`POST /api/v1/people/{id}/visits`). */
export const visitSchema = (today: Today = londonToday) =>
  z.strictObject({
    visitedOn: day('The date of the visit', today),
    seen: field.yesNo('Select whether the child was seen'),
    seenAlone: field.yesNo('Select whether the child was seen alone').optional(),
    bedroomSeen: field.yesNo('Select whether the child’s bedroom was seen'),
    notSeenReason: field.text(TEXT_MAX, 'Why the child was not seen'),
    notes: field.text(LONG_MAX, 'Notes of the visit'),
    ...voiceFields(today),
  });

/** Direct work: the page's form and the API's body (`POST /api/v1/people/{id}/voice`). */
export const directWorkSchema = (today: Today = londonToday) =>
  z.strictObject({
    words: field.requiredText(
      TEXT_MAX,
      'What the child said or showed',
      'Enter what the child said or showed, in their own words',
    ),
    methods: field.codes(VOICE_METHODS.values, 'How it was gathered'),
    gatheredBy: field.text(SHORT_MAX, 'Who heard it'),
    gatheredOn: field.requiredDate(
      'The date the child said or showed it',
      'Enter the date the child said or showed it',
      { notFuture: true, today },
    ),
  });

/** The visit frequency, as a team manager or the principal social worker sets it. */
export const visitFrequencySchema = z.strictObject({
  visitWorkingDays: field.int('The visit frequency', {
    min: 1,
    max: 60,
    missing: 'Enter how often the child is visited, in working days',
  }),
});
export type VisitFrequency = z.infer<typeof visitFrequencySchema>;

type Input<F extends (today?: Today) => z.ZodType> = z.infer<ReturnType<F>>;
export type AssessmentSubmit = Input<typeof assessmentSubmitSchema>;
export type Strategy = Input<typeof strategySchema>;
export type InitialConference = Input<typeof initialConferenceSchema>;
export type ReviewConference = Input<typeof reviewConferenceSchema>;

/** Ending a plan of either kind (each kind's schema names its own reasons). */
export interface PlanEnd {
  planId?: string;
  endDate: string;
  endReason: string;
  note: string;
}
