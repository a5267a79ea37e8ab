/**
 * The front door's clocks: the decision due date from the one calendar (docs/clocks.md decides out
 * of hours and non-working days), and what a due date means at a moment (time left, breached).
 */
import { addWorkingDays } from '../../platform/calendar.ts';
import { dueDate } from '../../platform/clocks.ts';
import { londonToday } from '../../platform/dates.ts';

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
  const d = new Date(Date.parse(`${iso}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return londonMidnight(d);
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
 * Where a clock due at `dueAt` stands at `now`, or, once done at `doneAt`, whether it was done in
 * time.
 */
export function clockState(dueAt: Date, now: Date, doneAt?: Date | null): ClockState {
  if (doneAt) {
    return doneAt < dueAt
      ? { text: 'In time', tag: 'govuk-tag--green', breached: false }
      : { text: 'Late', tag: 'govuk-tag--red', breached: true };
  }
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return { text: 'Overdue', tag: 'govuk-tag--red', breached: true };
  if (left <= 24 * 3_600_000) return { text: hoursText(left), tag: 'govuk-tag--orange', breached: false };
  const days = Math.ceil(left / 86_400_000);
  return { text: `${days} days left`, tag: 'govuk-tag--blue', breached: false };
}

/** The decision clock of a contact: due date and state. */
export function decisionClock(
  receivedAt: Date,
  storedDue: string | null,
  now: Date,
  decidedAt?: Date | null,
): ClockState & { due: string } {
  const due = storedDue ?? decisionDue(receivedAt);
  return { due, ...clockState(endOfLondonDay(due), now, decidedAt) };
}
