import { z } from 'zod';
import { field } from '../../platform/validation.ts';
import { actionFields } from '../actions/service.ts';
import { AGREE, KINDS, OUTCOMES, RATINGS } from './codes.ts';

export const TEXT_MAX = 5_000;

export const standardSchema = z.object({
  kind: field.code(KINDS.values, 'Select which self-assessment the standard is for'),
  title: field.requiredText(200, 'Standard', 'Enter the standard'),
  description: field.text(2_000, 'Description'),
});
export type StandardInput = z.infer<typeof standardSchema>;

export const standardEditSchema = z.object({
  title: field.requiredText(200, 'Standard', 'Enter the standard'),
  description: field.text(2_000, 'Description'),
  active: field.yesNo('Select whether the standard is in use'),
});
export type StandardEditInput = z.infer<typeof standardEditSchema>;

export const roundSchema = z.object({
  kind: field.code(KINDS.values, 'Select the kind of round'),
  year: field.int('Year', { min: 2000, max: 2100, missing: 'Enter the year' }),
  opensOn: field.requiredDate('Opening date', 'Enter the date the round opens'),
  closesOn: field.requiredDate('Closing date', 'Enter the date self-assessments are due'),
  challengeDay: field.date('Challenge day'),
  agencyIds: field.ids('Agencies asked', { min: 1, missing: 'Select the agencies asked', max: 200 }),
});
export type RoundInput = z.infer<typeof roundSchema>;

export const answerSchema = z.object({
  rating: field.code(RATINGS.values, 'Select a rating: red, amber or green'),
  narrative: field.requiredText(TEXT_MAX, 'How you meet the standard', 'Enter how you meet the standard'),
  evidence: field.text(TEXT_MAX, 'Evidence'),
});
export type AnswerInput = z.infer<typeof answerSchema>;

/** The API's answer: the standard named in the body. */
export const apiAnswerSchema = answerSchema.extend({ standardId: field.id('Give the standard’s id') });

export const challengeSchema = z.object({
  question: field.requiredText(TEXT_MAX, 'Challenge', 'Enter your question about this answer'),
});
export const responseSchema = z.object({
  response: field.requiredText(TEXT_MAX, 'Response', 'Enter your agency’s response'),
});
export const resolveSchema = z.object({
  outcome: field.code(OUTCOMES.values, 'Select whether the rating is confirmed or changed'),
  rating: z.preprocess(
    (v) => (v === '' ? undefined : v),
    field.code(RATINGS.values, 'Select the new rating').optional(),
  ),
  resolution: field.requiredText(TEXT_MAX, 'What was agreed', 'Enter what was agreed'),
});
export type ResolveInput = z.infer<typeof resolveSchema>;

/** The survey: one agree-scale question per standard, keyed by its position (`s1`, `s2`, ...). */
export function surveySchema(positions: number[]) {
  return z.object(
    Object.fromEntries(
      positions.map((p) => [
        `s${p}`,
        field.code(AGREE.values, 'Select how far you agree with this statement'),
      ]),
    ),
  );
}

export const listQuerySchema = z.object({
  round: z.preprocess((v) => (v === '' ? undefined : v), field.id('round must be a round id').optional()),
});

/** An item of the agency's action plan for one standard, into the one action log. */
export const actionPlanSchema = z.object({
  standardId: field.id('Select the standard the action is for'),
  ...actionFields,
  detail: field.text(TEXT_MAX, 'Detail'),
});
export type ActionPlanInput = z.infer<typeof actionPlanSchema>;
