/** Display and parsing of dates. All times are shown in Europe/London. */
const LONDON = 'Europe/London';

const dateFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimeFmt = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
  timeZone: LONDON,
});
const isoDateFmt = new Intl.DateTimeFormat('en-CA', {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  timeZone: LONDON,
});

/** '2024-03-28' or a Date, shown as '28 March 2024'. */
export function formatDate(v: unknown): string {
  if (!v) return '';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
    return dateFmt.format(new Date(`${v}T00:00:00Z`));
  const d = v instanceof Date ? v : new Date(String(v));
  return Number.isNaN(d.getTime()) ? '' : formatDate(isoDateFmt.format(d));
}

export function formatDateTime(v: unknown): string {
  if (!v) return '';
  const d = v instanceof Date ? v : new Date(String(v));
  if (Number.isNaN(d.getTime())) return '';
  // GOV.UK style: "5 November 2026, 12:42am". One formatToParts per date: a page of the chronology
  // shows fifty, and each call costs as much as the rest of the entry's rendering.
  const parts: Record<string, string> = {};
  for (const p of dateTimeFmt.formatToParts(d)) parts[p.type] = p.value;
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}${(parts.dayPeriod ?? '').toLowerCase()}`;
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
