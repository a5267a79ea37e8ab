/**
 * The one working-day calendar. A working day is Monday to Friday and not an England and Wales bank
 * holiday. Bank holidays follow the statutory pattern for any year, with the moves and one-off days
 * proclaimed so far; the tests check the rules against the GOV.UK list. Dates are 'YYYY-MM-DD'.
 */

type Iso = string;

const DAY_MS = 86_400_000;

function toDays(iso: Iso): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

function fromDays(days: number): Iso {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

function ymd(y: number, m: number, d: number): Iso {
  return fromDays(Date.UTC(y, m - 1, d) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(iso: Iso): number {
  return new Date(toDays(iso) * DAY_MS).getUTCDay();
}

export function addDays(iso: Iso, n: number): Iso {
  return fromDays(toDays(iso) + n);
}

export function daysBetween(from: Iso, to: Iso): number {
  return toDays(to) - toDays(from);
}

/** Easter Sunday (Gregorian; the anonymous algorithm). */
function easterSunday(y: number): Iso {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return ymd(y, month, day);
}

function firstMonday(y: number, m: number): Iso {
  const first = ymd(y, m, 1);
  return addDays(first, (8 - weekday(first)) % 7);
}

function lastMonday(y: number, m: number): Iso {
  const last = ymd(y, m + 1, 0);
  return addDays(last, -((weekday(last) + 6) % 7));
}

/** Royal proclamations that moved a regular bank holiday. */
const MOVED: Record<Iso, Iso> = {
  '1995-05-01': '1995-05-08', // VE day 50th anniversary
  '2002-05-27': '2002-06-04', // Golden Jubilee
  '2012-05-28': '2012-06-04', // Diamond Jubilee
  '2020-05-04': '2020-05-08', // VE day 75th anniversary
  '2022-05-30': '2022-06-02', // Platinum Jubilee
};

/** One-off extra bank holidays. */
const EXTRA: Iso[] = [
  '1999-12-31', // millennium
  '2002-06-03', // Golden Jubilee
  '2011-04-29', // royal wedding
  '2012-06-05', // Diamond Jubilee
  '2022-06-03', // Platinum Jubilee
  '2022-09-19', // state funeral of Queen Elizabeth II
  '2023-05-08', // coronation of King Charles III
];

const cache = new Map<number, Set<Iso>>();

/** England and Wales bank holidays of a year (substitute and one-off days included). */
export function bankHolidays(y: number): Set<Iso> {
  const hit = cache.get(y);
  if (hit) return hit;
  const days = new Set<Iso>();
  const weekend = (iso: Iso) => weekday(iso) === 0 || weekday(iso) === 6;
  // New Year's Day, or the next Monday when it falls at a weekend.
  const ny = ymd(y, 1, 1);
  days.add(weekend(ny) ? addDays(ny, weekday(ny) === 6 ? 2 : 1) : ny);
  const easter = easterSunday(y);
  days.add(addDays(easter, -2));
  days.add(addDays(easter, 1));
  if (y >= 1978) days.add(firstMonday(y, 5));
  days.add(lastMonday(y, 5));
  days.add(lastMonday(y, 8));
  // Christmas and Boxing Day; at a weekend the substitutes fall on the next free weekdays.
  const xmas = ymd(y, 12, 25);
  const wd = weekday(xmas);
  if (wd === 5)
    days.add(xmas).add(ymd(y, 12, 28)); // Fri; Boxing Day Sat -> Mon 28
  else if (wd === 6)
    days.add(ymd(y, 12, 27)).add(ymd(y, 12, 28)); // Sat, Sun -> Mon 27, Tue 28
  else if (wd === 0)
    days.add(ymd(y, 12, 26)).add(ymd(y, 12, 27)); // Sun: Boxing Day Mon 26, substitute Tue 27
  else days.add(xmas).add(ymd(y, 12, 26));
  for (const [from, to] of Object.entries(MOVED)) {
    if (Number(from.slice(0, 4)) === y && days.delete(from)) days.add(to);
  }
  for (const extra of EXTRA) if (Number(extra.slice(0, 4)) === y) days.add(extra);
  cache.set(y, days);
  return days;
}

export function isBankHoliday(iso: Iso): boolean {
  return bankHolidays(Number(iso.slice(0, 4))).has(iso);
}

export function isWorkingDay(iso: Iso): boolean {
  const wd = weekday(iso);
  return wd !== 0 && wd !== 6 && !isBankHoliday(iso);
}

/** The day itself when it is a working day, else the next working day. */
export function nextWorkingDayOnOrAfter(iso: Iso): Iso {
  let d = iso;
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/**
 * N working days after start (start is day 0). A start that is not a working day counts from the
 * next working day, so a clock started on a Saturday runs as if started on Monday.
 */
export function addWorkingDays(start: Iso, n: number): Iso {
  let d = nextWorkingDayOnOrAfter(start);
  for (let i = 0; i < n; i++) d = nextWorkingDayOnOrAfter(addDays(d, 1));
  return d;
}

/** Working days from a to b: 0 when b is a's working day, negative when b is before a. */
export function workingDaysBetween(a: Iso, b: Iso): number {
  if (b < a) return -workingDaysBetween(b, a);
  // Working days d with start < d <= b, where start is a's working day: weekdays by whole weeks,
  // then the bank holidays in between (a wait of years is a few steps, not one per day).
  const start = nextWorkingDayOnOrAfter(a);
  if (start >= b) return 0;
  const from = toDays(start);
  const to = toDays(b);
  const weeks = Math.floor((to - from) / 7);
  let n = weeks * 5;
  for (let d = from + weeks * 7 + 1; d <= to; d++) {
    const wd = new Date(d * DAY_MS).getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  for (let y = Number(start.slice(0, 4)); y <= Number(b.slice(0, 4)); y++) {
    for (const h of bankHolidays(y)) {
      const wd = weekday(h);
      if (h > start && h <= b && wd !== 0 && wd !== 6) n--;
    }
  }
  return n;
}

/** Calendar months later, clamped to the month's last day (31 January + 1 month = 28/29 February). */
export function addMonths(iso: Iso, months: number): Iso {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7)) - 1 + months;
  const d = Number(iso.slice(8, 10));
  const ty = y + Math.floor(m / 12);
  const tm = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return ymd(ty, tm + 1, Math.min(d, last));
}

/**
 * N working days before end: the latest working day from which end is N working days on (a
 * practice review's report goes to the national panel and the Secretary of State at least 7
 * working days before it is published).
 */
export function subtractWorkingDays(end: Iso, n: number): Iso {
  let d = end;
  for (let i = 0; i < n; i++) {
    d = addDays(d, -1);
    while (!isWorkingDay(d)) d = addDays(d, -1);
  }
  return d;
}
