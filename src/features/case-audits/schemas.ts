import { z } from 'zod';
import { field } from '../../platform/validation.ts';
import { actionFields } from '../actions/service.ts';
import { GRADES, QUESTIONS, SAMPLE_METHODS, SAMPLE_STATUSES, THEMES } from './tool.ts';

/** A field that may be left empty (a blank select, an empty number). */
const optional = <S extends z.ZodType>(s: S) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

export const planSchema = z.object({
  title: field.requiredText(200, 'Title', 'Enter a title for the audit'),
  theme: field.code(THEMES.values, 'Select the audit’s theme'),
  startsOn: field.requiredDate('The start date', 'Enter the date the audit starts'),
  endsOn: field.requiredDate('The end date', 'Enter the date the audit ends'),
  agencyIds: field.ids('Agencies taking part', { min: 1, missing: 'Choose the agencies taking part' }),
  auditorIds: field.ids('Auditors', { min: 1, missing: 'Choose at least one auditor' }),
  sampleMethod: field.code(SAMPLE_METHODS.values, 'Select how the sample is drawn'),
  status: optional(field.code(SAMPLE_STATUSES.values, 'Select which children the sample is drawn from')),
  ageFrom: optional(field.int('Youngest age', { min: 0, max: 17 })),
  ageTo: optional(field.int('Oldest age', { min: 0, max: 17 })),
  teamId: optional(field.id('Choose a team from the list')),
  sampleSize: field.int('Number of children', { min: 1, max: 100, missing: 'Enter the number of children' }),
  seed: field.text(64, 'Seed'),
});
export type PlanInput = z.infer<typeof planSchema>;

const answerShape: Record<string, z.ZodType> = {
  childRef: field.id('Choose a child of the sample'),
  overallGrade: field.code(GRADES.values, 'Select the overall grade'),
};
for (const q of QUESTIONS) {
  answerShape[`${q.key}Grade`] = field.code(GRADES.values, `Select a grade for “${q.text}”`);
  answerShape[`${q.key}Comment`] = field.requiredText(5000, 'Comment', `Enter a comment for “${q.text}”`);
}
/** One agency's answers for one child: `<question>Grade`, `<question>Comment`, `overallGrade`. */
export const answerSchema = z.object(answerShape);
export type AnswerInput = { childRef: string; overallGrade: string } & Record<string, string>;

export const moderationSchema = z.object({
  grade: field.code(GRADES.values, 'Select the moderated grade'),
  note: field.requiredText(5000, 'Note', 'Enter the moderation note'),
});
export type ModerationInput = z.infer<typeof moderationSchema>;

export const findingSchema = z.object({
  theme: field.requiredText(200, 'Theme', 'Enter the finding’s theme'),
  finding: field.requiredText(5000, 'Finding', 'Enter the finding'),
});
export type FindingInput = z.infer<typeof findingSchema>;

/** An action from the audit, into the one action log. */
export const auditActionSchema = z.object({ ...actionFields, detail: field.text(5000, 'Detail') });
export type AuditActionInput = z.infer<typeof auditActionSchema>;
