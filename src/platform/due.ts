/**
 * The one "due" state of every list and page that shows work against a clock (the MASH queue,
 * casework, my work, the team view, the drift report): overdue, due soon or on time, counted in
 * working days from the one calendar. Work is due by the end of its due day.
 */
import { addDays, addWorkingDays, weekday, workingDaysBetween } from './calendar.ts';

/** "Due soon": due within this many working days. */
export const DUE_SOON_WORKING_DAYS = 3;

export type DueStatus = 'overdue' | 'due_soon' | 'on_time';

export interface Due {
  status: DueStatus;
  /** Working days overdue (overdue) or left (otherwise); 0 when due today. */
  workingDays: number;
  /** In words, for a GOV.UK tag (never colour alone). */
  text: string;
  /** The GOV.UK tag modifier class. */
  tag: string;
}

/**
 * The last day whose work is "due soon": work due up to `soon` working days after today (the day
 * before the following working day, so a due date at the weekend counts like the Friday).
 */
export function dueSoonLimit(today: string, soon = DUE_SOON_WORKING_DAYS): string {
  return addDays(addWorkingDays(today, soon + 1), -1);
}

/** The status alone, in constant time, for counting many items against one `dueSoonLimit`. */
export function dueStatus(dueDate: string, today: string, limit: string): DueStatus {
  if (dueDate < today) return 'overdue';
  return dueDate <= limit ? 'due_soon' : 'on_time';
}

const days = (n: number) => `${n} working ${n === 1 ? 'day' : 'days'}`;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Where work due on `dueDate` stands `today`, in words and a tag. */
export function due(dueDate: string, today: string, soon = DUE_SOON_WORKING_DAYS): Due {
  const status = dueStatus(dueDate, today, dueSoonLimit(today, soon));
  if (status === 'overdue') {
    const n = Math.max(1, workingDaysBetween(dueDate, today));
    return { status, workingDays: n, text: `Overdue by ${days(n)}`, tag: 'govuk-tag--red' };
  }
  const n = workingDaysBetween(today, dueDate);
  if (status === 'on_time') return { status, workingDays: n, text: 'On track', tag: 'govuk-tag--grey' };
  if (dueDate === today) return { status, workingDays: 0, text: 'Due today', tag: 'govuk-tag--orange' };
  // The next working day is "tomorrow" only when it is tomorrow's date: on a Friday, work due on
  // Monday is "due Monday" (never "tomorrow", never a count of days that reads as more).
  if (dueDate === addDays(today, 1))
    return { status, workingDays: n, text: 'Due tomorrow', tag: 'govuk-tag--yellow' };
  if (n <= 1)
    return { status, workingDays: n, text: `Due ${WEEKDAYS[weekday(dueDate)]}`, tag: 'govuk-tag--yellow' };
  return { status, workingDays: n, text: `Due in ${days(n)}`, tag: 'govuk-tag--yellow' };
}

/** Work that is done: in time when done on or before its due date. */
export function doneIn(dueDate: string, doneOn: string): { late: boolean; text: string; tag: string } {
  return doneOn <= dueDate
    ? { late: false, text: 'In time', tag: 'govuk-tag--green' }
    : { late: true, text: 'Late', tag: 'govuk-tag--red' };
}

/** Lists page this many rows at a time. */
export const PAGE_SIZE = 50;
