import { z } from 'zod';
import { londonToday } from '../../platform/dates.ts';
import { ValidationError, type FieldError } from '../../platform/errors.ts';
import { UUID } from '../../platform/access/policy.ts';
import {
  isoDateString,
  optionalText,
  parse,
  parseDateInput,
  requiredText,
} from '../../platform/validation.ts';
import {
  CATEGORY_VALUES,
  SIGNIFICANCE_VALUES,
  VISIBILITY_VALUES,
  isCategory,
  isSignificance,
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

// PostgreSQL text cannot hold NUL: refuse it as bad input rather than fail on insert.
const hasNoNul = (s: string | undefined) => !s?.includes('\u0000');
const summary = requiredText(SUMMARY_MAX, 'Summary', 'Enter a summary of what happened').refine(hasNoNul, {
  error: 'Summary contains a character that is not allowed',
});
const detail = optionalText(DETAIL_MAX, 'Detail').refine(hasNoNul, {
  error: 'Detail contains a character that is not allowed',
});
const category = z.enum(CATEGORY_VALUES, { error: 'Select a category' });
const significance = z.enum(SIGNIFICANCE_VALUES, { error: 'Select how significant this is' });
const visibility = z.enum(VISIBILITY_VALUES, { error: 'Select who can see this entry' });

/** The page form's fields other than the date, in the order they appear on the page. */
const formSchema = z.object({ category, summary, detail, significance, visibility });

/** Parses the add-entry form; every field's error at once, named by the field's id. */
export function parseEntryForm(body: unknown, today = londonToday()): EntryInput {
  const b = (body ?? {}) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const errors: FieldError[] = [];
  let occurredOn: string | undefined;
  try {
    occurredOn = parseDateInput(
      'occurredOn',
      'The date it happened',
      { day: str(b['occurredOn-day']), month: str(b['occurredOn-month']), year: str(b['occurredOn-year']) },
      { required: true, notFuture: true, today },
    );
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    errors.push(...err.errors);
  }
  let rest: z.infer<typeof formSchema> | undefined;
  try {
    rest = parse(formSchema, b);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    errors.push(...err.errors);
  }
  if (errors.length || !occurredOn || !rest) throw new ValidationError(errors);
  return { occurredOn, ...rest };
}

const occurredOn = isoDateString('occurredOn')
  .refine((s) => s >= '1900-01-01', { error: 'occurredOn must be after 1 January 1900' })
  .refine((s) => s <= londonToday(), { error: 'occurredOn must be today or in the past' });

/** The API's body for a new entry. */
export const entryBodySchema = z.object({
  occurredOn,
  category,
  significance,
  visibility,
  summary,
  detail,
});

const blankAsMissing = (v: unknown) => (v === '' ? undefined : v);

/** The API's timeline filters: unknown values are refused. */
export const filterQuerySchema = z.object({
  agency: z.preprocess(
    blankAsMissing,
    z.string().regex(UUID, { error: 'agency must be an agency id' }).optional(),
  ),
  category: z.preprocess(blankAsMissing, z.enum(CATEGORY_VALUES, { error: 'Unknown category' }).optional()),
  significance: z.preprocess(
    blankAsMissing,
    z.enum(SIGNIFICANCE_VALUES, { error: 'significance must be low, medium or high' }).optional(),
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
  if (isCategory(q.category)) out.category = q.category;
  if (isSignificance(q.significance)) out.significance = q.significance;
  return out;
}
