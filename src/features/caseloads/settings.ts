/**
 * Local settings of caseloads: typed defaults here, a partnership's override in partnership_setting
 * (key 'caseloads.settings'), set by the system administrator. The settings page also sets statutory
 * casework's local settings (visits, reviews, strategy discussions, drift) through its service.
 * "Due soon" is platform/due.ts's, so the casework page and the work lists agree.
 */
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { saveSetting, storedSetting } from '../../platform/settings.ts';
import { ValidationError, type FieldError } from '../../platform/errors.ts';
import { valuesOf } from '../../platform/codes.ts';
import { parse } from '../../platform/validation.ts';
import { caseworkSettings, setCaseworkSettings, type CaseworkSettings } from '../casework/service.ts';

/** What a child's open work makes their case, for weighting. */
export const CASE_KIND_LABELS = {
  cp_plan: 'Child protection plan',
  cp_enquiry: 'Child protection enquiry (strategy, section 47, initial conference)',
  looked_after: 'Looked after',
  cin_plan: 'Child in need plan',
  assessment: 'Single assessment',
  allocated: 'Allocated, no statutory work open',
} as const;
export type CaseKind = keyof typeof CASE_KIND_LABELS;
export const CASE_KINDS = valuesOf(CASE_KIND_LABELS);

// A form's text as a number only when it is written as one: a blank or "0x1" is refused, not 0 or 1.
const weight = z.preprocess(
  typedNumber,
  z
    .number({ error: 'Enter a weight as a number, like 1.5' })
    .min(0, { error: 'A weight must be 0 or more' })
    .max(10, { error: 'A weight must be 10 or less' })
    // n * 100 is not exact in floating point (1.15 * 100 = 114.99999999999999).
    .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, {
      error: 'A weight can have at most two decimal places',
    }),
);

const shape = {
  weights: z.object(
    Object.fromEntries(CASE_KINDS.map((k) => [k, weight])) as Record<CaseKind, typeof weight>,
  ),
  limit: z.preprocess(
    typedNumber,
    z
      .number({ error: 'Enter the caseload limit as a number' })
      .int({ error: 'The caseload limit must be a whole number' })
      .min(1, { error: 'The caseload limit must be 1 or more' })
      .max(200, { error: 'The caseload limit must be 200 or less' }),
  ),
};
export const settingsSchema = z.object(shape).strict();
/** Reading a stored value: fields it no longer has (nearDueWorkingDays) are dropped, not fatal. */
const storedSchema = z.object(shape);
export type CaseloadSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: CaseloadSettings = {
  // A child counts once, at the weight of the heaviest kind of work open for them.
  weights: { cp_plan: 1.5, cp_enquiry: 1.5, looked_after: 1.5, cin_plan: 1, assessment: 1, allocated: 1 },
  limit: 18,
};

const KEY = 'caseloads.settings';

/** The partnership's settings: its override when valid, else the defaults. */
export async function caseloadSettings(db: Db, partnershipId: string): Promise<CaseloadSettings> {
  const value = await storedSetting(db, partnershipId, KEY);
  const parsed = value === undefined ? undefined : storedSchema.safeParse(value);
  return parsed?.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Caseload settings: the form's fields are 'weight-cp_plan', the schema's path 'weights-cp_plan'. */
function parseCaseloads(value: unknown): CaseloadSettings {
  try {
    return parse(settingsSchema, value);
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    throw new ValidationError(
      err.errors.map((e) => ({ ...e, field: e.field.replace(/^weights-/, 'weight-') })),
    );
  }
}

/** Sets the partnership's caseload settings (system administrator), audited. */
export async function setCaseloadSettings(db: Db, actor: Actor, value: unknown): Promise<CaseloadSettings> {
  requirePermission(actor, 'admin.manage');
  const v = parseCaseloads(value);
  await db.transaction((tx) => saveSetting(tx, actor, KEY, v));
  return v;
}

/** What the settings page sets: caseloads' own settings and statutory casework's. */
export interface AllSettings {
  caseloads: CaseloadSettings;
  casework: CaseworkSettings;
}

/** Both settings, for the administrator's form. */
export async function settingsForAdmin(db: Db, actor: Actor): Promise<AllSettings> {
  requirePermission(actor, 'admin.manage');
  return {
    caseloads: await caseloadSettings(db, actor.partnershipId),
    casework: await caseworkSettings(db, actor.partnershipId),
  };
}

export const INTERVAL_UNITS = { months: 'Months', workingDays: 'Working days' } as const;

/** The form's fields ('weight-cp_plan', 'limit', 'visitWorkingDays', ...) from the settings. */
export function formValues(s: AllSettings): Record<string, unknown> {
  const review = s.casework.cinPlanReview;
  return {
    ...Object.fromEntries(CASE_KINDS.map((k) => [`weight-${k}`, s.caseloads.weights[k]])),
    limit: s.caseloads.limit,
    visitWorkingDays: s.casework.visitWorkingDays,
    cinPlanReviewEvery: 'months' in review ? review.months : review.workingDays,
    cinPlanReviewUnit: 'months' in review ? 'months' : 'workingDays',
    strategyDiscussionWorkingDays: s.casework.strategyDiscussionWorkingDays,
    driftReviewMonths: s.casework.driftReviewMonths,
  };
}

/** The caseload fields of the form as the schema's shape. */
export function settingsFromForm(body: Record<string, unknown>): unknown {
  return {
    weights: Object.fromEntries(CASE_KINDS.map((k) => [k, body[`weight-${k}`]])),
    limit: body.limit,
  };
}

/** A number typed into the form; anything else is left for casework's rules to refuse with its message. */
function typedNumber(v: unknown): unknown {
  if (v === undefined) return '';
  return typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v;
}

const FORM_ORDER = [
  ...CASE_KINDS.map((k) => `weight-${k}`),
  'limit',
  'visitWorkingDays',
  'cinPlanReviewEvery',
  'cinPlanReviewUnit',
  'strategyDiscussionWorkingDays',
  'driftReviewMonths',
];
const inFormOrder = (errors: FieldError[]) =>
  [...errors].sort((a, b) => FORM_ORDER.indexOf(a.field) - FORM_ORDER.indexOf(b.field));

/**
 * Saves the whole form, all or nothing, every bad field reported at once. Casework's own rules
 * (setCaseworkSettings) check its fields: inside the transaction, so a refusal of either undoes both.
 */
export async function saveSettingsForm(db: Db, actor: Actor, body: Record<string, unknown>): Promise<void> {
  requirePermission(actor, 'admin.manage');
  const errors: FieldError[] = [];
  let caseloads: CaseloadSettings | undefined;
  try {
    caseloads = parseCaseloads(settingsFromForm(body));
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    errors.push(...err.errors);
  }
  const unit = body.cinPlanReviewUnit;
  const every = typedNumber(body.cinPlanReviewEvery);
  if (unit !== 'months' && unit !== 'workingDays')
    errors.push({
      field: 'cinPlanReviewUnit',
      message: 'Choose months or working days for the review interval',
    });
  const casework = {
    visitWorkingDays: typedNumber(body.visitWorkingDays),
    cinPlanReview: unit === 'months' || unit === 'workingDays' ? { [unit]: every } : undefined,
    strategyDiscussionWorkingDays: typedNumber(body.strategyDiscussionWorkingDays),
    driftReviewMonths: typedNumber(body.driftReviewMonths),
  };
  await db.transaction(async (tx) => {
    try {
      await setCaseworkSettings(tx, actor, casework);
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      for (const e of err.errors)
        errors.push({ ...e, field: e.field.startsWith('cinPlanReview') ? 'cinPlanReviewEvery' : e.field });
    }
    if (!caseloads || errors.length) throw new ValidationError(inFormOrder(errors));
    await saveSetting(tx, actor, KEY, caseloads);
  });
}
