/** One schema per scrutiny action, shared by the pages and the API. */
import { z } from 'zod';
import { codeList } from '../../platform/codes.ts';
import { field } from '../../platform/validation.ts';

export const JUDGEMENTS = codeList([
  { value: 'accepted', label: 'Accepted', hint: 'The answers are enough: the challenge is closed.' },
  {
    value: 'further',
    label: 'Further challenge',
    hint: 'Ask again, with a new question and a new due date.',
  },
  {
    value: 'escalated',
    label: 'Escalated to the executive',
    hint: 'The answers are not enough: the executive takes it up. The challenge is closed.',
  },
]);
export type Judgement = (typeof JUDGEMENTS.values)[number];

export const RAISED_BY = codeList([
  { value: 'scrutineer', label: 'Independent scrutineer' },
  { value: 'young_peoples_panel', label: 'Young people’s panel' },
]);

const TEXT_MAX = 10_000;

const dueOn = () =>
  field.requiredDate('The response due date', 'Enter the date the response is due', { notPast: true });

export const challengeSchema = z.object({
  title: field.requiredText(200, 'Title', 'Enter a short title for the challenge'),
  question: field.requiredText(TEXT_MAX, 'Question', 'Enter the question the partners must answer'),
  evidence: field.text(TEXT_MAX, 'Evidence'),
  agencyIds: field.ids('Agencies challenged', { min: 1, missing: 'Select at least one agency to challenge' }),
  dueOn: dueOn(),
});
export type ChallengeInput = z.infer<typeof challengeSchema>;

export const responseSchema = z.object({
  answer: field.requiredText(TEXT_MAX, 'Answer', 'Enter your agency’s answer'),
  evidence: field.text(TEXT_MAX, 'Evidence'),
});
export type ResponseInput = z.infer<typeof responseSchema>;

export const judgementSchema = z.object({
  judgement: field.code(JUDGEMENTS.values, 'Select your judgement'),
  note: field.text(TEXT_MAX, 'Reasons'),
  /** Only for a further challenge: the new question and when it is due. */
  question: field.text(TEXT_MAX, 'Further question'),
  dueOn: field.date('The response due date', { notPast: true }),
});
export type JudgementInput = z.infer<typeof judgementSchema>;

export const reportSchema = z.object({
  title: field.requiredText(200, 'Title', 'Enter a title for the report'),
  findings: field.requiredText(50_000, 'Findings', 'Enter the findings'),
  challengeIds: field.ids('Challenges covered'),
});
export type ReportInput = z.infer<typeof reportSchema>;
