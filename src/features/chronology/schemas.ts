import { z } from 'zod';
import { londonToday } from '../../platform/dates.ts';
import { UUID } from '../../platform/access/policy.ts';
import { field, parseForm, type Body } from '../../platform/validation.ts';
import {
  CATEGORIES,
  SIGNIFICANCES,
  VISIBILITIES,
  type Category,
  type Significance,
  type Visibility,
} from './categories.ts';

export const SUMMARY_MAX = 200;
export const DETAIL_MAX = 10_000;

/** What an agency adds to the chronology, once validated. */
export interface EntryInput {
  occurredOn: string;
  category: Category;
  significance: Significance;
  visibility: Visibility;
  summary: string;
  detail?: string;
}

/**
 * What an agency adds to the chronology: one schema for the page's form and the API's body
 * (platform/validation.ts). `today` is a function so that a long-running server never keeps a
 * stale date; tests pass their own.
 */
export function entrySchemaFor(today: () => string) {
  return z.object({
    occurredOn: field.requiredDate('The date it happened', 'Enter the date it happened', {
      notFuture: true,
      today,
    }),
    category: field.code(CATEGORIES.values, 'Select a category'),
    summary: field.requiredText(SUMMARY_MAX, 'Summary', 'Enter a summary of what happened'),
    detail: field.text(DETAIL_MAX, 'Detail'),
    significance: field.code(SIGNIFICANCES.values, 'Select how significant this is'),
    visibility: field.code(VISIBILITIES.values, 'Select who can see this entry'),
  });
}

export const entrySchema = entrySchemaFor(() => londonToday());

/** Parses the add-entry form; every field's error at once, named by the field's id. */
export function parseEntryForm(body: Body, today?: string): EntryInput {
  return parseForm(today ? entrySchemaFor(() => today) : entrySchema, body);
}

const blankAsMissing = (v: unknown) => (v === '' ? undefined : v);

/** The API's timeline filters: unknown values are refused. */
export const filterQuerySchema = z.object({
  agency: z.preprocess(
    blankAsMissing,
    z.string().regex(UUID, { error: 'agency must be an agency id' }).optional(),
  ),
  category: z.preprocess(blankAsMissing, z.enum(CATEGORIES.values, { error: 'Unknown category' }).optional()),
  significance: z.preprocess(
    blankAsMissing,
    z.enum(SIGNIFICANCES.values, { error: 'significance must be low, medium or high' }).optional(),
  ),
});

/**
 * Timeline filters from a page's query string (?agency=&category=&significance=). Lenient: a value
 * that is not one we know is dropped, so an edited link shows the whole timeline, never an error.
 */
export function filtersFromQuery(query: unknown): {
  agencyId?: string;
  category?: Category;
  significance?: Significance;
  page?: number;
} {
  const q = (query ?? {}) as Record<string, unknown>;
  const out: { agencyId?: string; category?: Category; significance?: Significance; page?: number } = {};
  if (typeof q.page === 'string' && /^[1-9]\d{0,5}$/.test(q.page)) out.page = Number(q.page);
  if (typeof q.agency === 'string' && UUID.test(q.agency)) out.agencyId = q.agency.toLowerCase();
  if (CATEGORIES.isValue(q.category)) out.category = q.category;
  if (SIGNIFICANCES.isValue(q.significance)) out.significance = q.significance;
  return out;
}
