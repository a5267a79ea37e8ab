import { z } from 'zod';
import { ValidationError, type FieldError } from './errors.ts';
import { isRealDate, isoDate, londonToday } from './dates.ts';

/**
 * Validates input with a zod schema; on failure throws ValidationError whose field names are the
 * first path segment (the form field's id), one message per field, in the schema's order.
 */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('-') || 'form';
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message: issue.message });
  }
  throw new ValidationError(errors);
}

/** A trimmed text field; empty becomes undefined. HTML is stored as typed and escaped on output. */
export const optionalText = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be ${max} characters or fewer` })
    .optional()
    .transform((v) => (v ? v : undefined));

export const requiredText = (max: number, label: string, message = `Enter ${label.toLowerCase()}`) =>
  z
    .string({ error: message })
    .trim()
    .min(1, { error: message })
    .max(max, { error: `${label} must be ${max} characters or fewer` });

export interface DateParts {
  day?: string;
  month?: string;
  year?: string;
}

/**
 * A GOV.UK date input (day, month, year) as 'YYYY-MM-DD'. Returns undefined when all three are
 * blank and not required; otherwise throws ValidationError naming the field.
 */
export function parseDateInput(
  field: string,
  label: string,
  parts: DateParts,
  opts: { required?: boolean; notFuture?: boolean; notPast?: boolean; today?: string } = {},
): string | undefined {
  const d = (parts.day ?? '').trim();
  const m = (parts.month ?? '').trim();
  const y = (parts.year ?? '').trim();
  const fail = (message: string, part = 'day'): never => {
    throw new ValidationError([{ field: `${field}-${part}`, message }]);
  };
  if (!d && !m && !y) {
    if (opts.required) fail(`Enter ${label.toLowerCase()}`);
    return undefined;
  }
  if (!d) fail(`${label} must include a day`, 'day');
  if (!m) fail(`${label} must include a month`, 'month');
  if (!y) fail(`${label} must include a year`, 'year');
  if (!/^\d{4}$/.test(y)) fail('Year must include 4 numbers', 'year');
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !isRealDate(Number(y), Number(m), Number(d))) {
    fail(`${label} must be a real date`);
  }
  const iso = isoDate(Number(y), Number(m), Number(d));
  const today = opts.today ?? londonToday();
  if (opts.notFuture && iso > today) fail(`${label} must be today or in the past`);
  if (opts.notPast && iso < today) fail(`${label} must be today or in the future`);
  if (iso < '1900-01-01') fail(`${label} must be after 1 January 1900`, 'year');
  return iso;
}

/** An ISO date string for the API, with the same rules. */
export const isoDateString = (label: string) =>
  z
    .string({ error: `${label} must be a date like 2024-03-28` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} must be a date like 2024-03-28` })
    .refine((s) => isRealDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))), {
      error: `${label} must be a real date`,
    });
