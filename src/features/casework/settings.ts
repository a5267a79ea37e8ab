/**
 * Local settings of statutory casework: typed defaults here, a partnership's overrides in
 * partnership_setting under one key. A stored value that is not valid falls back field by field.
 */
import { z } from 'zod';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { saveSetting, storedSetting } from '../../platform/settings.ts';
import { DEFAULT_SETTINGS } from '../../platform/clocks.ts';
import { parse } from '../../platform/validation.ts';
import { visitFrequencySchema, type VisitFrequency } from './schemas.ts';

/** A whole number of days or months from min to max, with the messages the settings form shows. */
const whole = (name: string, unit: string, min: number, max: number) => {
  const range = `${name[0]!.toUpperCase()}${name.slice(1)} must be from ${min} to ${max} ${unit}`;
  return z
    .number({ error: `Enter ${name} as a whole number of ${unit}` })
    .int({ error: `Enter ${name} as a whole number of ${unit}` })
    .min(min, { error: range })
    .max(max, { error: range });
};

const interval = z.union([
  z.object({ months: whole('the review interval', 'months', 1, 12) }).strict(),
  z.object({ workingDays: whole('the review interval', 'working days', 1, 130) }).strict(),
]);
export type Interval = z.infer<typeof interval>;

const fields = {
  /** Statutory visits to a child on a child protection plan. */
  visitWorkingDays: whole('the visit frequency', 'working days', 1, 60),
  /** Reviews of a child in need plan, from its start and then from the last review. */
  cinPlanReview: interval,
  /** A strategy discussion after a referral decided as "strategy discussion / section 47". */
  strategyDiscussionWorkingDays: whole('the time for a strategy discussion', 'working days', 0, 10),
  /** The drift report: an open episode with no review (assessment, conference, plan review) for this long. */
  driftReviewMonths: whole('the time without a review', 'months', 1, 24),
};
const settingsSchema = z.object(fields).strict();
export type CaseworkSettings = z.infer<typeof settingsSchema>;

export const DEFAULT_CASEWORK_SETTINGS: CaseworkSettings = {
  visitWorkingDays: DEFAULT_SETTINGS.visitWorkingDays,
  cinPlanReview: DEFAULT_SETTINGS.cinPlanReview,
  strategyDiscussionWorkingDays: DEFAULT_SETTINGS.strategyDiscussionWorkingDays,
  driftReviewMonths: 3,
};

export const SETTINGS_KEY = 'casework';

/** The partnership's settings: each valid override, else the default. */
export async function caseworkSettings(db: Db, partnershipId: string): Promise<CaseworkSettings> {
  const value = await storedSetting(db, partnershipId, SETTINGS_KEY);
  const stored = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const out: Record<string, unknown> = { ...DEFAULT_CASEWORK_SETTINGS };
  for (const [k, schema] of Object.entries(fields)) {
    const parsed = schema.safeParse(stored[k]);
    if (parsed.success) out[k] = parsed.data;
  }
  return out as CaseworkSettings;
}

/** Sets some or all of the partnership's casework settings (administrators), audited. */
export async function setCaseworkSettings(db: Db, actor: Actor, value: unknown): Promise<CaseworkSettings> {
  requirePermission(actor, 'admin.manage');
  const changes = parse(settingsSchema.partial(), value);
  return db.transaction(async (tx) => {
    const next = { ...(await caseworkSettings(tx, actor.partnershipId)), ...changes };
    await saveSetting(tx, actor, SETTINGS_KEY, next, changes);
    return next;
  });
}

/** The practice settings' page: the visit frequency now (team managers, the principal social worker). */
export async function practiceSettings(db: Db, actor: Actor): Promise<CaseworkSettings> {
  requirePermission(actor, 'casework.settings');
  return caseworkSettings(db, actor.partnershipId);
}

/**
 * Sets how often a child on a child protection plan is visited: a practice decision, so a team
 * manager or the principal social worker makes it (the administrator too, on the settings page).
 * Audited with the change; the due dates of open visits move with it.
 */
export async function setVisitFrequency(
  db: Db,
  actor: Actor,
  input: VisitFrequency,
): Promise<CaseworkSettings> {
  requirePermission(actor, 'casework.settings');
  const v = parse(visitFrequencySchema, input);
  return db.transaction(async (tx) => {
    const next = { ...(await caseworkSettings(tx, actor.partnershipId)), ...v };
    await saveSetting(tx, actor, SETTINGS_KEY, next, v);
    return next;
  });
}

export function describeInterval(i: Interval): string {
  if ('months' in i) return i.months === 1 ? 'every month' : `every ${i.months} months`;
  return `every ${i.workingDays} working days`;
}
