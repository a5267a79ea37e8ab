import { addDays, addMonths, addWorkingDays } from './calendar.ts';
import { londonToday } from './dates.ts';

/**
 * The statutory clocks of DESIGN.md, each from the one calendar. Due dates are whole days: the work
 * is due by the end of that day (Europe/London). A clock started on a non-working day runs from the
 * next working day; a clock started out of hours on a working day starts that day (see
 * docs/clocks.md for why).
 */
export type Interval = { months: number } | { workingDays: number };
/** A rule's interval: calendar weeks too (early help reviews: "every 6 weeks"). */
type AnyInterval = Interval | { weeks: number };

export interface LocalSettings {
  /** Statutory visits to a child on a child protection plan, in working days. */
  visitWorkingDays: number;
  /** A strategy discussion after a referral or assessment that calls for one, in working days. */
  strategyDiscussionWorkingDays: number;
  /** Reviews of a child in need plan, from its start and then from the last review. */
  cinPlanReview: Interval;
  /** Each stage of resolving a professional disagreement (an escalation), in working days. */
  escalationPractitionerWorkingDays: number;
  escalationManagerWorkingDays: number;
  escalationHeadWorkingDays: number;
  /** An early help assessment, from the episode's start, in working days. */
  earlyHelpAssessmentWorkingDays: number;
  /** Reviews of an early help plan, from the assessment and then from the last review. */
  earlyHelpReview: { weeks: number };
}

export const DEFAULT_SETTINGS: LocalSettings = {
  visitWorkingDays: 10,
  strategyDiscussionWorkingDays: 1,
  cinPlanReview: { months: 3 },
  escalationPractitionerWorkingDays: 2,
  escalationManagerWorkingDays: 5,
  escalationHeadWorkingDays: 5,
  earlyHelpAssessmentWorkingDays: 30,
  earlyHelpReview: { weeks: 6 },
};

type Rule = AnyInterval | { setting: keyof LocalSettings };

export const CLOCKS = {
  'referral-decision': { label: 'Referral decision', starts: 'referral received', rule: { workingDays: 1 } },
  assessment: { label: 'Single assessment', starts: 'referral date', rule: { workingDays: 45 } },
  'strategy-discussion': {
    label: 'Strategy discussion',
    starts: 'referral decision or assessment outcome calling for one',
    rule: { setting: 'strategyDiscussionWorkingDays' },
  },
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
    starts: 'last visit at which the child was seen, or the plan start',
    rule: { setting: 'visitWorkingDays' },
  },
  'cin-plan-review': {
    label: 'Child in need plan review',
    starts: 'plan start, then the last review',
    rule: { setting: 'cinPlanReview' },
  },
  'si-notification': {
    label: 'Serious incident notification',
    starts: 'council becomes aware',
    rule: { workingDays: 5 },
  },
  'rapid-review': { label: 'Rapid review', starts: 'notification sent', rule: { workingDays: 15 } },
  'escalation-practitioner': {
    label: 'Escalation: practitioners resolve it',
    starts: 'escalation raised',
    rule: { setting: 'escalationPractitionerWorkingDays' },
  },
  'escalation-manager': {
    label: 'Escalation: managers resolve it',
    starts: 'escalation moved to managers',
    rule: { setting: 'escalationManagerWorkingDays' },
  },
  'escalation-head': {
    label: 'Escalation: heads of service resolve it',
    starts: 'escalation moved to heads of service',
    rule: { setting: 'escalationHeadWorkingDays' },
  },
  'early-help-assessment': {
    label: 'Early help assessment',
    starts: 'early help episode starts',
    rule: { setting: 'earlyHelpAssessmentWorkingDays' },
  },
  'early-help-review': {
    label: 'Early help review',
    starts: 'assessment completed, then the last review',
    rule: { setting: 'earlyHelpReview' },
  },
} as const satisfies Record<string, { label: string; starts: string; rule: Rule }>;

export type ClockName = keyof typeof CLOCKS;

export function isClockName(name: string): name is ClockName {
  return Object.hasOwn(CLOCKS, name);
}

/** Other names people use for the clocks (DESIGN.md's wording, the CIN census's). */
const ALIASES: Record<string, ClockName> = {
  'single-assessment': 'assessment',
  'initial-conference': 'icpc',
  'initial-child-protection-conference': 'icpc',
  'first-core-group': 'core-group',
  'first-review-conference': 'rcpc-first',
  'review-conference': 'rcpc-next',
  'later-review-conference': 'rcpc-next',
  'statutory-visit': 'visit',
  'cin-review': 'cin-plan-review',
  'serious-incident-notification': 'si-notification',
};

/** The clock a name (or one of its other names) stands for, ignoring case, spaces and underscores. */
export function clockNamed(name: string): ClockName | undefined {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  if (isClockName(key)) return key;
  return Object.hasOwn(ALIASES, key) ? ALIASES[key] : undefined;
}

/** The due date of a clock started on `start` ('YYYY-MM-DD', or a Date taken as its London date). */
export function dueDate(
  clock: ClockName,
  start: string | Date,
  settings: LocalSettings = DEFAULT_SETTINGS,
): string {
  const day = typeof start === 'string' ? start : londonToday(start);
  const rule: Rule = CLOCKS[clock].rule;
  const r = 'setting' in rule ? settings[rule.setting] : rule;
  const interval: AnyInterval = typeof r === 'number' ? { workingDays: r } : r;
  if ('weeks' in interval) return addDays(day, 7 * interval.weeks);
  return 'months' in interval ? addMonths(day, interval.months) : addWorkingDays(day, interval.workingDays);
}

/** A clock's rule in words, with the default local settings: "45 working days", "3 months". */
export function describeRule(clock: ClockName, settings: LocalSettings = DEFAULT_SETTINGS): string {
  const rule: Rule = CLOCKS[clock].rule;
  const r = 'setting' in rule ? settings[rule.setting] : rule;
  const i: AnyInterval = typeof r === 'number' ? { workingDays: r } : r;
  const [n, unit] =
    'months' in i ? [i.months, 'month'] : 'weeks' in i ? [i.weeks, 'week'] : [i.workingDays, 'working day'];
  return `${n} ${unit}${n === 1 ? '' : 's'}${'setting' in rule ? ' (local setting)' : ''}`;
}
