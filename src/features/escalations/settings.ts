/**
 * How long each stage of an escalation has: the partnership's local settings (key 'escalations'),
 * each a valid override or the default of the one clock table.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { DEFAULT_SETTINGS, dueDate, type LocalSettings } from '../../platform/clocks.ts';
import { saveSetting, storedSetting } from '../../platform/settings.ts';
import { parse } from '../../platform/validation.ts';
import { settingsSchema, type EscalationSettings, type Stage } from './schemas.ts';

const KEY = 'escalations';

export const DEFAULT_ESCALATION_SETTINGS: EscalationSettings = {
  escalationPractitionerWorkingDays: DEFAULT_SETTINGS.escalationPractitionerWorkingDays,
  escalationManagerWorkingDays: DEFAULT_SETTINGS.escalationManagerWorkingDays,
  escalationHeadWorkingDays: DEFAULT_SETTINGS.escalationHeadWorkingDays,
};

export async function escalationSettings(db: Db, partnershipId: string): Promise<EscalationSettings> {
  const value = await storedSetting(db, partnershipId, KEY);
  const stored = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const out = { ...DEFAULT_ESCALATION_SETTINGS };
  for (const k of Object.keys(out) as (keyof EscalationSettings)[]) {
    const parsed = settingsSchema.shape[k].safeParse(stored[k]);
    if (parsed.success) out[k] = parsed.data;
  }
  return out;
}

/** The settings page: the business manager (partnership.manage) reads and changes them. */
export async function settingsForPage(db: Db, actor: Actor): Promise<EscalationSettings> {
  requirePermission(actor, 'partnership.manage');
  return escalationSettings(db, actor.partnershipId);
}

export async function setEscalationSettings(
  db: Db,
  actor: Actor,
  input: EscalationSettings,
): Promise<EscalationSettings> {
  requirePermission(actor, 'partnership.manage');
  const next = parse(settingsSchema, input);
  await db.transaction((tx) => saveSetting(tx, actor, KEY, next));
  return next;
}

const CLOCK_OF = {
  practitioners: 'escalation-practitioner',
  managers: 'escalation-manager',
  heads: 'escalation-head',
} as const;

/** When a stage started on `start` is due; the partnership's stage has no clock. */
export function stageDue(stage: Stage, start: string, settings: EscalationSettings): string | null {
  if (stage === 'partnership') return null;
  const local: LocalSettings = { ...DEFAULT_SETTINGS, ...settings };
  return dueDate(CLOCK_OF[stage], start, local);
}
