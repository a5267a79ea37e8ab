/** What children, young people and families told the partnership: one schema for page and service. */
import { z } from 'zod';
import { codeList } from '../../platform/codes.ts';
import { field } from '../../platform/validation.ts';

export const SOURCES = codeList([
  { value: 'survey', label: 'Survey' },
  { value: 'young_peoples_panel', label: 'Young people’s panel' },
  { value: 'complaints_theme', label: 'Complaints theme' },
  { value: 'other', label: 'Other' },
]);

export const STATUSES = codeList([
  { value: 'received', label: 'Received', hint: 'Nothing done yet.' },
  { value: 'acting', label: 'Acting on it', hint: 'The partnership is doing something about it.' },
  { value: 'done', label: 'Done', hint: 'What the partnership did is recorded.' },
]);

export const feedbackSchema = z.object({
  source: field.code(SOURCES.values, 'Select where the feedback came from'),
  receivedOn: field.requiredDate('The date it was received', 'Enter the date the feedback was received', {
    notFuture: true,
  }),
  said: field.requiredText(10_000, 'What was said', 'Enter what children, young people or families said'),
  weDid: field.text(10_000, 'What the partnership did'),
  status: field.code(STATUSES.values, 'Select the status'),
});
export type FeedbackInput = z.infer<typeof feedbackSchema>;
