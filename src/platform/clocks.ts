import { addMonths, addWorkingDays } from './calendar.ts';
import { londonToday } from './dates.ts';

/**
 * The statutory clocks of DESIGN.md, each from the one calendar. Due dates are whole days: the work
 * is due by the end of that day (Europe/London). A clock started on a non-working day runs from the
 * next working day; a clock started out of hours on a working day starts that day (see
 * docs/clocks.md for why).
 */
export interface LocalSettings {
  /** Statutory visits to a child on a child protection plan, in working days. */
  visitWorkingDays: number;
}

export const DEFAULT_SETTINGS: LocalSettings = { visitWorkingDays: 10 };

type Rule = { workingDays: number } | { months: number } | { setting: keyof LocalSettings };

export const CLOCKS = {
  'referral-decision': { label: 'Referral decision', starts: 'referral received', rule: { workingDays: 1 } },
  assessment: { label: 'Single assessment', starts: 'referral date', rule: { workingDays: 45 } },
  icpc: {
    label: 'Initial child protection conference',
    starts: 'strategy discussion',
    rule: { workingDays: 15 },
  },
  'core-group': { label: 'First core group', starts: 'initial conference', rule: { workingDays: 10 } },
  'rcpc-first': { label: 'First review conference', starts: 'initial conference', rule: { months: 3 } },
  'rcpc-next': { label: 'Later review conference', starts: 'previous review', rule: { months: 6 } },
  visit: {
    label: 'Statutory visit (child protection plan)',
    starts: 'last visit',
    rule: { setting: 'visitWorkingDays' },
  },
  'si-notification': {
    label: 'Serious incident notification',
    starts: 'council becomes aware',
    rule: { workingDays: 5 },
  },
  'rapid-review': { label: 'Rapid review', starts: 'notification sent', rule: { workingDays: 15 } },
} as const satisfies Record<string, { label: string; starts: string; rule: Rule }>;

export type ClockName = keyof typeof CLOCKS;

export function isClockName(name: string): name is ClockName {
  return Object.hasOwn(CLOCKS, name);
}

/** The due date of a clock started on `start` ('YYYY-MM-DD', or a Date taken as its London date). */
export function dueDate(
  clock: ClockName,
  start: string | Date,
  settings: LocalSettings = DEFAULT_SETTINGS,
): string {
  const day = typeof start === 'string' ? start : londonToday(start);
  const rule: Rule = CLOCKS[clock].rule;
  if ('months' in rule) return addMonths(day, rule.months);
  const n = 'setting' in rule ? settings[rule.setting] : rule.workingDays;
  return addWorkingDays(day, n);
}
