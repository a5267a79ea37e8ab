/**
 * Reading casework forms: every problem on a form is collected (so the error summary names them
 * all), then thrown at once as a ValidationError whose fields are the inputs' ids.
 */
import { UUID } from '../../platform/access/policy.ts';
import { ValidationError, type FieldError } from '../../platform/errors.ts';
import { parseDateInput } from '../../platform/validation.ts';
import { isCode, type Code } from './codes.ts';

export type Body = Record<string, unknown>;

export const SHORT_MAX = 500;
export const TEXT_MAX = 10_000;
export const LONG_MAX = 20_000;

export function bodyOf(body: unknown): Body {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Body) : {};
}

function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  return undefined;
}

export class Problems {
  readonly errors: FieldError[] = [];

  add(field: string, message: string): void {
    if (!this.errors.some((e) => e.field === field || e.field.startsWith(`${field}-`))) {
      this.errors.push({ field, message });
    }
  }

  has(field: string): boolean {
    return this.errors.some((e) => e.field === field || e.field.startsWith(`${field}-`));
  }

  /** Throws all the problems found, if any. */
  check(): void {
    if (this.errors.length) throw new ValidationError(this.errors);
  }

  /** A GOV.UK date input <field>-day/-month/-year, or undefined (with a problem when required). */
  date(
    body: Body,
    field: string,
    label: string,
    opts: { required?: boolean; notFuture?: boolean; today?: string } = {},
  ): string | undefined {
    try {
      return parseDateInput(
        field,
        label,
        {
          day: asString(body[`${field}-day`]),
          month: asString(body[`${field}-month`]),
          year: asString(body[`${field}-year`]),
        },
        { required: opts.required ?? true, notFuture: opts.notFuture ?? true, today: opts.today },
      );
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const e of err.errors) this.add(e.field, e.message);
      return undefined;
    }
  }

  /** Trimmed text; empty is undefined. */
  text(
    body: Body,
    field: string,
    label: string,
    opts: { max?: number; required?: boolean | string } = {},
  ): string | undefined {
    const raw = body[field];
    const max = opts.max ?? SHORT_MAX;
    if (raw !== undefined && typeof raw !== 'string') {
      this.add(field, `${label} must be text`);
      return undefined;
    }
    const v = (raw ?? '').trim();
    if (!v) {
      if (opts.required) {
        this.add(field, typeof opts.required === 'string' ? opts.required : `Enter ${label.toLowerCase()}`);
      }
      return undefined;
    }
    if (v.length > max) {
      this.add(field, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);
      return undefined;
    }
    return v;
  }

  /** One code of a fixed list (radios or a select). */
  code<T extends string>(body: Body, field: string, list: readonly Code[], message: string): T | undefined {
    const v = body[field];
    if (v === undefined || v === '') {
      this.add(field, message);
      return undefined;
    }
    if (!isCode(list, v)) {
      this.add(field, `${message}: “${String(v).slice(0, 20)}” is not one of the choices`);
      return undefined;
    }
    return v as T;
  }

  /** Several codes (checkboxes), without repeats; unknown codes are a problem. */
  codes(body: Body, field: string, list: readonly Code[], label: string): string[] {
    const raw = body[field];
    const items = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const out: string[] = [];
    for (const v of items) {
      if (v === '') continue;
      if (!isCode(list, v)) {
        this.add(field, `${label}: “${String(v).slice(0, 20)}” is not one of the choices`);
        return [];
      }
      if (!out.includes(v as string)) out.push(v as string);
    }
    return out;
  }

  /** Yes or no radios. */
  yesNo(body: Body, field: string, message: string): boolean | undefined {
    const v = body[field];
    if (v === 'yes') return true;
    if (v === 'no') return false;
    this.add(field, message);
    return undefined;
  }

  /** Record ids chosen with checkboxes (agencies): well-formed uuids, without repeats. */
  ids(body: Body, field: string, label: string, opts: { min?: number; minMessage?: string } = {}): string[] {
    const raw = body[field];
    const items = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    const out = new Set<string>();
    for (const v of items) {
      if (v === '') continue;
      if (typeof v !== 'string' || !UUID.test(v)) {
        this.add(field, `${label}: choose from the list`);
        return [];
      }
      out.add(v.toLowerCase());
    }
    if (out.size < (opts.min ?? 0)) this.add(field, opts.minMessage ?? `Choose ${label.toLowerCase()}`);
    if (out.size > 100) this.add(field, `${label}: choose 100 or fewer`);
    return [...out];
  }
}

/** The hidden id a form carries for the record it changes: a malformed one is simply absent. */
export function hiddenId(body: Body, field: string): string | undefined {
  const v = body[field];
  return typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : undefined;
}

/** Only the form's own fields go back into the page, as text (never objects). */
export function keepValues(body: Body): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v.slice(0, LONG_MAX);
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string').slice(0, 100);
  }
  return out;
}
