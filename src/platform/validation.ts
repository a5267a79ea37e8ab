/**
 * The one way to read input: a zod schema per action, shared by the page and the API. Fields are
 * built with `field.*` so that the same schema takes a JSON body (ISO dates, booleans, arrays) and,
 * through readForm, a GOV.UK form (date inputs in three parts, yes/no radios, checkboxes). Problems
 * come back as a ValidationError naming each field once: the schema's key for the API, the input's
 * id for a page (a date's first wrong part, `visitedOn-month`), so the error summary links to it.
 * Rules that look at several fields, or at the database, live in services and add to a Problems.
 */
import { z } from 'zod';
import { UUID } from './access/policy.ts';
import { ValidationError, type FieldError } from './errors.ts';
import { isRealDate, isoDate, londonToday } from './dates.ts';
import {
  formatPostcode,
  nhsNumberProblem,
  normaliseNhsNumber,
  normaliseUpn,
  postcodeProblem,
  upnProblem,
} from './identifiers.ts';

export type Body = Record<string, unknown>;

/** How a GOV.UK form carries a field, where that differs from JSON. */
type FormKind = 'date' | 'yesNo' | 'list';
const formKinds = new WeakMap<z.ZodType, FormKind>();
/** A date whose form inputs carry another name than the schema's key (`dob-day` for dateOfBirth). */
const formNames = new WeakMap<z.ZodType, string>();

function kindOf(schema: z.ZodType): FormKind | undefined {
  let s: z.ZodType | undefined = schema;
  for (let i = 0; s && i < 5; i++) {
    const kind = formKinds.get(s);
    if (kind) return kind;
    const def: { innerType?: z.ZodType; in?: z.ZodType } | undefined = (
      s as unknown as { def?: { innerType?: z.ZodType; in?: z.ZodType } }
    ).def;
    s = def?.innerType ?? def?.in;
  }
  return undefined;
}

function named<S extends z.ZodType>(schema: S, formName: string | undefined): S {
  if (formName) formNames.set(schema, formName);
  return schema;
}

function tag<S extends z.ZodType>(schema: S, kind: FormKind): S {
  formKinds.set(schema, kind);
  return schema;
}

/** A field's problem that concerns one part of a GOV.UK date input. */
function datePart(ctx: z.RefinementCtx, message: string, part: 'day' | 'month' | 'year' = 'day') {
  ctx.addIssue({ code: 'custom', message, params: { part } });
  return z.NEVER;
}

const blank = (v: unknown) => v === undefined || v === null || v === '';
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

export interface DateOpts {
  /** The form's name for the date input, when it is not the schema's key. */
  formName?: string;
  /** Refuse a date after today (or after opts.today). */
  notFuture?: boolean;
  /** Refuse a date before today. */
  notPast?: boolean;
  today?: () => string;
}

/** A date from either channel as 'YYYY-MM-DD', or undefined when blank; a problem names its part. */
function readDate(label: string) {
  return (v: unknown, ctx: z.RefinementCtx) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const p = v as { day?: unknown; month?: unknown; year?: unknown };
      const [d, m, y] = [p.day, p.month, p.year].map((x) => (typeof x === 'string' ? x.trim() : ''));
      if (!d && !m && !y) return undefined;
      if (!d) return datePart(ctx, `${label} must include a day`, 'day');
      if (!m) return datePart(ctx, `${label} must include a month`, 'month');
      if (!y) return datePart(ctx, `${label} must include a year`, 'year');
      if (!/^\d{4}$/.test(y!)) return datePart(ctx, 'Year must include 4 numbers', 'year');
      if (!/^\d{1,2}$/.test(d!) || !/^\d{1,2}$/.test(m!) || !isRealDate(+y!, +m!, +d!))
        return datePart(ctx, `${label} must be a real date`);
      return isoDate(+y!, +m!, +d!);
    }
    if (blank(v)) return undefined;
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v))
      return datePart(ctx, `${label} must be a date like 2024-03-28`);
    if (!isRealDate(+v.slice(0, 4), +v.slice(5, 7), +v.slice(8, 10)))
      return datePart(ctx, `${label} must be a real date`);
    return v;
  };
}

/** A date's limits: not in the future or the past when asked, never before 1900. */
function checkDate(label: string, opts: DateOpts) {
  return (iso: string | undefined, ctx: z.RefinementCtx) => {
    if (iso === undefined) return;
    const today = opts.today?.() ?? londonToday();
    if (opts.notFuture && iso > today) datePart(ctx, `${label} must be today or in the past`);
    else if (opts.notPast && iso < today) datePart(ctx, `${label} must be today or in the future`);
    else if (iso < '1900-01-01') datePart(ctx, `${label} must be after 1 January 1900`, 'year');
  };
}

/** Text up to `max` characters, without NUL (PostgreSQL text cannot hold it). */
function textOf(max: number, label: string, missing?: string) {
  return z
    .string({ error: (i) => (i.input === undefined && missing ? missing : `${label} must be text`) })
    .max(max, { error: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` })
    .refine((v) => !v.includes('\u0000'), { error: `${label} contains a character that is not allowed` });
}

/** An optional identifier checked by its rule (platform/identifiers.ts) and stored normalised. */
function identifier(
  label: string,
  max: number,
  problem: (raw: string) => string | undefined,
  normalise: (raw: string) => string,
) {
  return z.preprocess(
    (v) => (blank(trimmed(v)) ? undefined : trimmed(v)),
    textOf(max, label)
      .superRefine((v, ctx) => {
        const p = problem(v);
        if (p) ctx.addIssue({ code: 'custom', message: p });
      })
      .transform(normalise)
      .optional(),
  );
}

/**
 * The field builders. Each takes the words a user sees (GOV.UK error message patterns), and
 * treats an empty answer as missing: required fields say "Enter …" or "Select …".
 */
export const field = {
  /** Trimmed text; empty is undefined. HTML is stored as typed and escaped on output. */
  text(max: number, label: string) {
    return z.preprocess((v) => (blank(trimmed(v)) ? undefined : trimmed(v)), textOf(max, label).optional());
  },

  /** Trimmed text that must be given. */
  requiredText(max: number, label: string, missing = `Enter ${label.toLowerCase()}`) {
    return z.preprocess((v) => (blank(trimmed(v)) ? undefined : trimmed(v)), textOf(max, label, missing));
  },

  /** A date that may be left blank: 'YYYY-MM-DD' from the API, a GOV.UK date input from a page. */
  date(label: string, opts: DateOpts = {}) {
    return named(
      tag(z.preprocess(readDate(label), z.string().optional()).superRefine(checkDate(label, opts)), 'date'),
      opts.formName,
    );
  },

  /** A date that must be given; `missing` is the message when it is not. */
  requiredDate(label: string, missing: string, opts: DateOpts = {}) {
    return named(
      tag(
        z.preprocess(readDate(label), z.string({ error: missing })).superRefine(checkDate(label, opts)),
        'date',
      ),
      opts.formName,
    );
  },

  /** Yes or no: a boolean from the API, the radios' 'yes' or 'no' from a page. */
  yesNo(missing: string) {
    return tag(
      z.preprocess(
        (v) => (v === 'yes' ? true : v === 'no' ? false : blank(v) ? undefined : v),
        z.boolean({ error: (i) => (i.input === undefined ? missing : `${missing}: answer yes or no`) }),
      ),
      'yesNo',
    );
  },

  /** One value of a fixed list (radios or a select). */
  code<const T extends readonly [string, ...string[]]>(values: T, missing: string) {
    return z.preprocess(
      (v) => (blank(v) ? undefined : v),
      z.enum(values, {
        error: (i) =>
          i.input === undefined
            ? missing
            : `${missing}: “${String(i.input).slice(0, 20)}” is not one of the choices`,
      }),
    );
  },

  /** Several values of a fixed list (checkboxes), without repeats. */
  codes<const T extends readonly [string, ...string[]]>(values: T, label: string) {
    return tag(
      z.preprocess(
        (v) => [...new Set((Array.isArray(v) ? v : blank(v) ? [] : [v]).filter((x) => x !== ''))],
        z
          .array(
            z.enum(values, {
              error: (i) => `${label}: “${String(i.input).slice(0, 20)}” is not one of the choices`,
            }),
          )
          .max(values.length),
      ),
      'list',
    );
  },

  /** Record ids chosen with checkboxes or a select: well-formed uuids, without repeats. */
  ids(label: string, opts: { min?: number; missing?: string; max?: number } = {}) {
    return tag(
      z.preprocess(
        (v) => [
          ...new Set(
            (Array.isArray(v) ? v : blank(v) ? [] : [v])
              .filter((x) => x !== '')
              .map((x) => (typeof x === 'string' ? x.toLowerCase() : x)),
          ),
        ],
        z
          .array(z.string().regex(UUID, { error: `${label}: choose from the list` }), {
            error: `${label}: choose from the list`,
          })
          .min(opts.min ?? 0, { error: opts.missing ?? `Choose ${label.toLowerCase()}` })
          .max(opts.max ?? 100, { error: `${label}: choose ${opts.max ?? 100} or fewer` }),
      ),
      'list',
    );
  },

  /** One record id (a select, a hidden field). */
  id(missing: string) {
    return z.preprocess(
      (v) => (blank(v) ? undefined : typeof v === 'string' ? v.toLowerCase() : v),
      z.string({ error: missing }).regex(UUID, { error: missing }),
    );
  },

  /** An NHS number as typed (spaces and hyphens allowed), stored as its 10 digits. */
  nhsNumber(label = 'NHS number') {
    return identifier(label, 20, nhsNumberProblem, (v) => normaliseNhsNumber(v)!);
  },

  /** A unique pupil number, stored in capitals without spaces. */
  upn(label = 'Unique pupil number') {
    return identifier(label, 20, upnProblem, normaliseUpn);
  },

  /** A UK postcode, stored as Royal Mail formats it ("EL1 2AB"). */
  postcode(label = 'Postcode') {
    return identifier(label, 12, postcodeProblem, formatPostcode);
  },

  /** A whole number in a range. */
  int(label: string, opts: { min: number; max: number; missing?: string }) {
    return z.preprocess(
      (v) => (blank(v) ? undefined : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : v),
      z
        .number({
          error: (i) =>
            i.input === undefined
              ? (opts.missing ?? `Enter ${label.toLowerCase()}`)
              : `${label} must be a whole number`,
        })
        .int({ error: `${label} must be a whole number` })
        .min(opts.min, { error: `${label} must be ${opts.min} or more` })
        .max(opts.max, { error: `${label} must be ${opts.max} or fewer` }),
    );
  },
};

/**
 * The problems of one input, collected so that the error summary names every one: one message a
 * field, in the order found. Services add their own rules (dates in order, a choice that needs
 * its details) to the problems the schema found, then `check()`.
 */
export class Problems {
  readonly errors: FieldError[] = [];

  add(fieldName: string, message: string): this {
    if (!this.has(fieldName)) this.errors.push({ field: fieldName, message });
    return this;
  }

  has(fieldName: string): boolean {
    return this.errors.some((e) => e.field === fieldName || e.field.startsWith(`${fieldName}-`));
  }

  /** Adds a ValidationError's problems (other errors are thrown on). */
  absorb(err: unknown): this {
    if (!(err instanceof ValidationError)) throw err;
    for (const e of err.errors) this.add(e.field, e.message);
    return this;
  }

  /** Throws every problem found, if any. */
  check(): void {
    if (this.errors.length) throw new ValidationError(this.errors);
  }
}

function toErrors(issues: readonly z.core.$ZodIssue[], form: boolean): FieldError[] {
  const problems = new Problems();
  for (const issue of issues) {
    let name = issue.path.map(String).join('-') || 'form';
    const part = (issue as { params?: { part?: string } }).params?.part;
    if (form && part) name = `${name}-${part}`;
    problems.add(name, issue.message);
  }
  return problems.errors;
}

/** Validates input (a JSON body, a query) with a schema; throws ValidationError naming each field. */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  throw new ValidationError(toErrors(result.error.issues, false));
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  if (!shape) throw new Error('a form schema must be a z.object');
  return shape;
}

/** An object schema's fields, through optional and preprocess wrappers; undefined for anything else. */
function fieldsOf(schema: z.ZodType | undefined): Record<string, z.ZodType> | undefined {
  let s = schema;
  for (let i = 0; s && i < 5; i++) {
    const shape = (s as unknown as { shape?: Record<string, z.ZodType> }).shape;
    if (shape) return shape;
    const def = (s as unknown as { def?: { innerType?: z.ZodType; in?: z.ZodType } }).def;
    s = def?.innerType ?? def?.in;
  }
  return undefined;
}

/** Whether a form's input name (`methods`, or `voice-methods` in a group) is a list of checkboxes. */
function isList(schema: z.ZodType, name: string): boolean {
  const top = shapeOf(schema)[name];
  if (top) return kindOf(top) === 'list';
  let s: z.ZodType | undefined = schema;
  for (const part of name.split('-')) s = fieldsOf(s)?.[part];
  return !!s && kindOf(s) === 'list';
}

/**
 * A GOV.UK form's body in the shape its schema reads: a date input's `<name>-day/-month/-year`
 * become one { day, month, year }; checkboxes always a list. Fields the schema does not name are
 * left out (a form cannot set what it does not show).
 */
export function readForm(schema: z.ZodType, body: Body): Body {
  const out: Body = {};
  for (const [key, s] of Object.entries(shapeOf(schema))) {
    const kind = kindOf(s);
    if (kind === 'date') {
      const name = formNames.get(s) ?? key;
      out[key] = { day: body[`${name}-day`], month: body[`${name}-month`], year: body[`${name}-year`] };
    } else if (kind === 'list') out[key] = body[key] === undefined ? [] : [body[key]].flat();
    else if (body[key] !== undefined) out[key] = body[key];
  }
  return out;
}

/** Parses a GOV.UK form with the action's schema; errors name the inputs' ids. */
export function parseForm<S extends z.ZodType>(schema: S, body: Body): z.infer<S> {
  const result = schema.safeParse(readForm(schema, body));
  if (result.success) return result.data;
  const shape = shapeOf(schema);
  // A date's problem names its input by the form's name for it.
  const renamed = new Problems();
  for (const e of toErrors(result.error.issues, true)) {
    const [key, part] = e.field.split(/-(?=day$|month$|year$)/);
    const name = shape[key!] && formNames.get(shape[key!]!);
    // Checkboxes are one question: a bad item names the question, so the summary links to it.
    const list = /^(.+)-\d+$/.exec(e.field)?.[1];
    if (name && part) renamed.add(`${name}-${part}`, e.message);
    else if (list && isList(schema, list)) renamed.add(list, e.message);
    else renamed.add(e.field, e.message);
  }
  throw new ValidationError(formErrors(schema, renamed.errors));
}

/**
 * A service's ValidationError, named for a page: a date field's error (named by the schema's key)
 * points at the date input's first part, so the error summary's link finds it.
 */
export function formErrors(schema: z.ZodType | undefined, errors: FieldError[]): FieldError[] {
  if (!schema) return errors;
  const shape = shapeOf(schema);
  return errors.map((e) => {
    const s = shape[e.field];
    return s && kindOf(s) === 'date' ? { ...e, field: `${formNames.get(s) ?? e.field}-day` } : e;
  });
}

// ---- Older helpers still used while features move to `field` (see docs/adding-a-feature.md). ----

/** A trimmed text field; empty becomes undefined. */
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
  name: string,
  label: string,
  parts: DateParts,
  opts: { required?: boolean; notFuture?: boolean; notPast?: boolean; today?: string } = {},
): string | undefined {
  const dateOpts = {
    notFuture: opts.notFuture,
    notPast: opts.notPast,
    today: opts.today ? () => opts.today! : undefined,
  };
  const schema = opts.required
    ? field.requiredDate(label, `Enter ${label.toLowerCase()}`, dateOpts)
    : field.date(label, dateOpts);
  const result = z.object({ [name]: schema }).safeParse({ [name]: parts });
  if (result.success) return result.data[name] as string | undefined;
  throw new ValidationError(toErrors(result.error.issues, true));
}

/** An ISO date string for the API. */
export const isoDateString = (label: string) =>
  z
    .string({ error: `${label} must be a date like 2024-03-28` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: `${label} must be a date like 2024-03-28` })
    .refine((s) => isRealDate(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10))), {
      error: `${label} must be a real date`,
    });
