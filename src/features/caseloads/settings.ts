/**
 * Local settings of caseloads: typed defaults here, a partnership's override in partnership_setting
 * (key 'caseloads.settings'), set by the system administrator.
 */
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { saveSetting, storedSetting } from '../../platform/settings.ts';
import { ValidationError } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';

/** What a child's open work makes their case, for weighting. */
export const CASE_KINDS = [
  'cp_plan',
  'cp_enquiry',
  'looked_after',
  'cin_plan',
  'assessment',
  'allocated',
] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

export const CASE_KIND_LABELS: Record<CaseKind, string> = {
  cp_plan: 'Child protection plan',
  cp_enquiry: 'Child protection enquiry (strategy, section 47, initial conference)',
  looked_after: 'Looked after',
  cin_plan: 'Child in need plan',
  assessment: 'Single assessment',
  allocated: 'Allocated, no statutory work open',
};

const weight = z.coerce
  .number({ error: 'Enter a weight as a number, like 1.5' })
  .min(0, { error: 'A weight must be 0 or more' })
  .max(10, { error: 'A weight must be 10 or less' })
  .refine((n) => Number.isInteger(n * 100), { error: 'A weight can have at most two decimal places' });

export const settingsSchema = z
  .object({
    weights: z.object(
      Object.fromEntries(CASE_KINDS.map((k) => [k, weight])) as Record<CaseKind, typeof weight>,
    ),
    limit: z.coerce
      .number({ error: 'Enter the caseload limit as a number' })
      .int({ error: 'The caseload limit must be a whole number' })
      .min(1, { error: 'The caseload limit must be 1 or more' })
      .max(200, { error: 'The caseload limit must be 200 or less' }),
    nearDueWorkingDays: z.coerce
      .number({ error: 'Enter the number of working days' })
      .int({ error: 'The number of working days must be a whole number' })
      .min(0, { error: 'The number of working days must be 0 or more' })
      .max(20, { error: 'The number of working days must be 20 or less' }),
  })
  .strict();
export type CaseloadSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: CaseloadSettings = {
  // A child counts once, at the weight of the heaviest kind of work open for them.
  weights: { cp_plan: 1.5, cp_enquiry: 1.5, looked_after: 1.5, cin_plan: 1, assessment: 1, allocated: 1 },
  limit: 18,
  /** Work due within this many working days is "due soon". */
  nearDueWorkingDays: 5,
};

const KEY = 'caseloads.settings';

/** The partnership's settings: its override when valid, else the defaults. */
export async function caseloadSettings(db: Db, partnershipId: string): Promise<CaseloadSettings> {
  const value = await storedSetting(db, partnershipId, KEY);
  const parsed = value === undefined ? undefined : settingsSchema.safeParse(value);
  return parsed?.success ? parsed.data : DEFAULT_SETTINGS;
}

/** The settings, for the administrator's form. */
export async function settingsForAdmin(db: Db, actor: Actor): Promise<CaseloadSettings> {
  requirePermission(actor, 'admin.manage');
  return caseloadSettings(db, actor.partnershipId);
}

/** The settings form's fields ('weight-cp_plan', 'limit', ...) as the schema's shape. */
export function settingsFromForm(body: Record<string, unknown>): unknown {
  return {
    weights: Object.fromEntries(CASE_KINDS.map((k) => [k, body[`weight-${k}`]])),
    limit: body.limit,
    nearDueWorkingDays: body.nearDueWorkingDays,
  };
}

/** Sets the partnership's caseload settings (system administrator), audited. */
export async function setCaseloadSettings(db: Db, actor: Actor, value: unknown): Promise<CaseloadSettings> {
  requirePermission(actor, 'admin.manage');
  let v: CaseloadSettings;
  try {
    v = parse(settingsSchema, value);
  } catch (err) {
    // The form's fields are 'weight-cp_plan', the schema's path 'weights-cp_plan'.
    if (!(err instanceof ValidationError)) throw err;
    throw new ValidationError(
      err.errors.map((e) => ({ ...e, field: e.field.replace(/^weights-/, 'weight-') })),
    );
  }
  await db.transaction((tx) => saveSetting(tx, actor, KEY, v));
  return v;
}
