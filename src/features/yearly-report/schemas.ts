import { z } from 'zod';
import { field } from '../../platform/validation.ts';

/** The sections the business manager writes, in the report's order. */
export const NARRATIVE = [
  {
    key: 'priorities',
    title: 'Priorities and progress',
    hint: 'The partnership’s priorities for the year and what changed for children because of them.',
  },
  {
    key: 'scrutiny',
    title: 'What the independent scrutineer found',
    hint: 'The scrutineer’s view of how well the partnership worked, and what the partners did about it.',
  },
  {
    key: 'learning',
    title: 'Learning from reviews',
    hint: 'Rapid reviews and practice reviews in the year, what they found and how the learning was used.',
  },
  {
    key: 'voice',
    title: 'The voice of children and families',
    hint: 'What children, young people and families told the partnership, and what it did.',
  },
  {
    key: 'earlyHelp',
    title: 'Early help',
    hint: 'How families were helped early, before problems grew, and what the partnership learned.',
  },
] as const;
export type NarrativeKey = (typeof NARRATIVE)[number]['key'];

const section = (title: string) => field.text(20_000, title).default('');

export const narrativeSchema = z.object({
  priorities: section('Priorities and progress'),
  scrutiny: section('What the independent scrutineer found'),
  learning: section('Learning from reviews'),
  voice: section('The voice of children and families'),
  earlyHelp: section('Early help'),
});
export type NarrativeInput = z.infer<typeof narrativeSchema>;

export const startSchema = z.object({
  year: field.int('Year', { min: 2000, max: 2099, missing: 'Enter the year the report is for, like 2025' }),
});
