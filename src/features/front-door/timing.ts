/**
 * The front door's clocks: the decision due date from the one calendar (docs/clocks.md decides out
 * of hours and non-working days), and what a due date means at a moment, in the one due state of
 * platform/due.ts.
 */
import { addDays, addWorkingDays } from '../../platform/calendar.ts';
import { dueDate } from '../../platform/clocks.ts';
import { londonToday } from '../../platform/dates.ts';
import { doneIn, due } from '../../platform/due.ts';

const wallFmt = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** London's offset from UTC at an instant, in milliseconds. */
function londonOffset(ms: number): number {
  const p = Object.fromEntries(wallFmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant London's day `iso` begins (midnight, whatever the clocks did that night). */
export function londonMidnight(iso: string): Date {
  const naive = Date.parse(`${iso}T00:00:00Z`);
  const first = naive - londonOffset(naive);
  return new Date(naive - londonOffset(first));
}

/** The instant the London day `iso` ends: work "due by" that day is late from then. */
export function endOfLondonDay(iso: string): Date {
  return londonMidnight(addDays(iso, 1));
}

/** The referral decision's due date (a London date) for a contact received at `receivedAt`. */
export function decisionDue(receivedAt: Date): string {
  return dueDate('referral-decision', receivedAt);
}

/** N working days after a moment's London day, ending at the end of that day. */
export function workingDaysDeadline(from: Date, days: number): Date {
  return endOfLondonDay(addWorkingDays(londonToday(from), days));
}

export interface ClockState {
  /** The tag's words; never colour alone. */
  text: string;
  /** GOV.UK tag modifier class. */
  tag: string;
  breached: boolean;
}

function hoursText(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `${hours} ${hours === 1 ? 'hour' : 'hours'} left`;
  const minutes = Math.max(1, Math.floor(ms / 60_000));
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} left`;
}

/**
 * Where work due by `dueAt` stands at `now` or, once done at `doneAt`, whether it was done in
 * time. The state and its working days are platform/due.ts's, for the London day it is due by; on
 * that day the time left is shown, and a deadline in hours (a red request) is overdue once passed.
 */
export function clockState(dueAt: Date, now: Date, doneAt?: Date | null): ClockState {
  // ISO instants order as their dates do, so an hour deadline is kept to the minute.
  if (doneAt) {
    const d = doneIn(dueAt.toISOString(), doneAt.toISOString());
    return { text: d.text, tag: d.tag, breached: d.late };
  }
  const dueDay = londonToday(new Date(dueAt.getTime() - 1));
  const today = londonToday(now);
  const d = due(dueDay, today);
  const left = dueAt.getTime() - now.getTime();
  if (d.status === 'overdue') return { text: d.text, tag: d.tag, breached: true };
  if (left <= 0) return { text: 'Overdue', tag: 'govuk-tag--red', breached: true };
  if (dueDay === today) return { text: hoursText(left), tag: d.tag, breached: false };
  return { text: d.text, tag: d.tag, breached: false };
}

/** The decision clock of a contact: due date and state. */
export function decisionClock(
  receivedAt: Date,
  storedDue: string | null,
  now: Date,
  decidedAt?: Date | null,
): ClockState & { due: string } {
  const dueOn = storedDue ?? decisionDue(receivedAt);
  return { due: dueOn, ...clockState(endOfLondonDay(dueOn), now, decidedAt) };
}
