/**
 * Early help's local settings (key 'early-help'): the assessment's and the reviews' clocks, and the
 * areas of need a family's strengths and needs are scored by. Each a valid override or the default.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { DEFAULT_SETTINGS, dueDate, type LocalSettings } from '../../platform/clocks.ts';
import { saveSetting, storedSetting } from '../../platform/settings.ts';
import { parse } from '../../platform/validation.ts';
import { DEFAULT_AREAS, settingsSchema, type Area } from './schemas.ts';

const KEY = 'early-help';

export interface EarlyHelpSettings {
  earlyHelpAssessmentWorkingDays: number;
  earlyHelpReviewWeeks: number;
  areas: Area[];
}

export const DEFAULT_EARLY_HELP_SETTINGS: EarlyHelpSettings = {
  earlyHelpAssessmentWorkingDays: DEFAULT_SETTINGS.earlyHelpAssessmentWorkingDays,
  earlyHelpReviewWeeks: DEFAULT_SETTINGS.earlyHelpReview.weeks,
  areas: DEFAULT_AREAS,
};

/** An area's stored key: its words in lower case, joined by underscores ("secure_housing"). */
export const areaKey = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')
    .slice(0, 60);

export async function earlyHelpSettings(db: Db, partnershipId: string): Promise<EarlyHelpSettings> {
  const value = await storedSetting(db, partnershipId, KEY);
  const stored = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const out = { ...DEFAULT_EARLY_HELP_SETTINGS };
  for (const k of ['earlyHelpAssessmentWorkingDays', 'earlyHelpReviewWeeks'] as const) {
    const parsed = settingsSchema.shape[k].safeParse(stored[k]);
    if (parsed.success) out[k] = parsed.data;
  }
  if (Array.isArray(stored.areas) && stored.areas.every((a) => a && typeof a.value === 'string'))
    out.areas = stored.areas as Area[];
  return out;
}

/** The settings page: the early help service reads and changes them. */
export async function settingsForPage(db: Db, actor: Actor): Promise<EarlyHelpSettings> {
  requirePermission(actor, 'early_help.service');
  return earlyHelpSettings(db, actor.partnershipId);
}

export async function setEarlyHelpSettings(db: Db, actor: Actor, input: unknown): Promise<EarlyHelpSettings> {
  requirePermission(actor, 'early_help.service');
  const v = parse(settingsSchema, input);
  const current = await earlyHelpSettings(db, actor.partnershipId);
  // An area keeps its key when its words are kept, so that earlier scores still name it.
  const areas = v.areas.map(
    (label) => current.areas.find((a) => a.label === label) ?? { value: areaKey(label), label },
  );
  const next: EarlyHelpSettings = { ...v, areas };
  await db.transaction((tx) => saveSetting(tx, actor, KEY, next));
  return next;
}

function local(s: EarlyHelpSettings): LocalSettings {
  return {
    ...DEFAULT_SETTINGS,
    earlyHelpAssessmentWorkingDays: s.earlyHelpAssessmentWorkingDays,
    earlyHelpReview: { weeks: s.earlyHelpReviewWeeks },
  };
}

export const assessmentDue = (start: string, s: EarlyHelpSettings) =>
  dueDate('early-help-assessment', start, local(s));
export const reviewDue = (from: string, s: EarlyHelpSettings) => dueDate('early-help-review', from, local(s));
