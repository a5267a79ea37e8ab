/** Display and parsing of dates. All times are shown in Europe/London. */
const LONDON = 'Europe/London';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const isoDateFmt = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: LONDON,
});
const wallClockFmt = new Intl.DateTimeFormat('en-GB', {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
  timeZone: LONDON,
});

/**
 * London's offset from UTC in seconds during the UTC hour that ms falls in: the clocks change only on
 * the hour, so asking Intl once an hour (not once a date: a chronology page shows fifty, and asking
 * cost an eighth of the page) is exact.
 */
const offsets = new Map<number, number>();
function londonOffsetSeconds(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    const p: Record<string, number> = {};
    for (const part of wallClockFmt.formatToParts(new Date(hour * 3_600_000)))
      p[part.type] = Number(part.value);
    offset =
      (Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - hour * 3_600_000) / 1000;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/** '2024-03-28' or a Date, shown as '28 March 2024'. */
export function formatDate(v: unknown): string {
  if (!v) return '';
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  if (m) return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${Number(m[1])}`;
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? '' : formatDate(isoDateFmt.format(d));
}

/** A moment in London time, the GOV.UK way: "5 November 2026, 12:42am". */
export function formatDateTime(v: unknown): string {
  if (!v) return '';
  const d = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(d.getTime())) return '';
  const local = new Date(d.getTime() + londonOffsetSeconds(d.getTime()) * 1000);
  const h = local.getUTCHours();
  const minute = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCDate()} ${MONTHS[local.getUTCMonth()]} ${local.getUTCFullYear()}, ${h % 12 || 12}:${minute}${h < 12 ? 'am' : 'pm'}`;
}

/** Today's date in London as 'YYYY-MM-DD'. */
export function londonToday(now: Date = new Date()): string {
  return isoDateFmt.format(now);
}

/** Whether y-m-d is a real calendar date (31 February is not; 29 February only in leap years). */
export function isRealDate(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return false;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
