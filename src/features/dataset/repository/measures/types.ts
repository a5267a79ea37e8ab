/**
 * A measure of the partnership dataset: its written definition beside the SQL that counts it.
 *
 * `facts` is a SELECT over the records that yields one row per thing counted, with the columns
 *   on_date date   the day that places it in a month, quarter and year
 *   hit     int    what is counted (1 or 0 for a proportion; a number for an average)
 *   counted int    the base of a proportion or average (1 per row); null for a plain count
 *   agency, team, grp text   the group of each breakdown the measure has (null where none)
 * It may use the parameters $1 (partnership), $2 and $3 (the year's first and last day), $5 (the
 * local visit interval in working days) and the common table `cal(d, working, n)`: every day with
 * whether it is a working day (Monday to Friday, not a bank holiday) and `n`, the working days up to
 * and including it. The repository wraps it to total the rows by month, quarter and year, and by each
 * breakdown, in one statement.
 */
export type MeasureKind = 'count' | 'proportion' | 'average';

export type Breakdown = 'agency' | 'team' | 'grp';

export interface Measure {
  key: string;
  title: string;
  /** The written definition shown beside the figures. */
  definition: string;
  kind: MeasureKind;
  /** A count at the end of each period (children unallocated on its last day), not a total. */
  snapshot?: boolean;
  /** The breakdowns this measure has, and what its `grp` column is ("Category", "Grade"). */
  breakdowns: Partial<Record<Breakdown, string>>;
  /** The order of `grp` groups (else alphabetical). */
  groupOrder?: string[];
  /** What one counted thing is called, in the plural ("contacts", "assessments"). */
  unit: string;
  facts: string;
}

export interface MeasureArea {
  key: string;
  title: string;
  measures: Measure[];
}

/**
 * SQL: the due day of a clock of `n` working days started on the day of `start` (a `cal` row
 * joined on the start date), as platform/calendar.ts's addWorkingDays: a start on a day that is not
 * a working day runs from the next working day. Use as
 * `join cal s on s.d = <start> left join cal due on ${dueJoin('s', 'due', n)}`.
 */
export function dueJoin(start: string, due: string, n: string): string {
  return `${due}.working and ${due}.n = ${start}.n + (not ${start}.working)::int + (${n})`;
}

/** SQL: a timestamptz as its day in England. */
export function londonDay(ts: string): string {
  return `(${ts} at time zone 'Europe/London')::date`;
}
