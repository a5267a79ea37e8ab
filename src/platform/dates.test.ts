import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatDate, formatDateTime, isRealDate, londonToday } from './dates.ts';

test('dates and times are shown the GOV.UK way, in London time', () => {
  assert.equal(formatDate('2024-02-29'), '29 February 2024');
  assert.equal(formatDateTime(new Date('2026-11-05T00:42:00Z')), '5 November 2026, 12:42am');
  assert.equal(formatDateTime(new Date('2026-07-05T12:05:00Z')), '5 July 2026, 1:05pm'); // BST
  assert.equal(formatDateTime('not a date'), '');
  assert.equal(londonToday(new Date('2025-03-30T23:30:00Z')), '2025-03-31');
});

test('real dates: 31 February is not, 29 February only in leap years', () => {
  assert.equal(isRealDate(2023, 2, 31), false);
  assert.equal(isRealDate(2023, 2, 29), false);
  assert.equal(isRealDate(2024, 2, 29), true);
  assert.equal(isRealDate(1900, 2, 29), false);
  assert.equal(isRealDate(2000, 2, 29), true);
  assert.equal(isRealDate(2024, 13, 1), false);
});

test('times agree with Intl for London across the clock changes, minute by minute around them', () => {
  const intl = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    hourCycle: 'h12',
    timeZone: 'Europe/London',
  });
  const reference = (d: Date) => {
    const p: Record<string, string> = {};
    for (const part of intl.formatToParts(d)) p[part.type] = part.value;
    return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}${(p.dayPeriod ?? '').toLowerCase()}`;
  };
  const moments: number[] = [];
  // Two hours either side of each change of the clocks (01:00 UTC), minute by minute, 1996-2030.
  for (let year = 1996; year <= 2030; year++) {
    for (const month of [2, 9]) {
      const last = new Date(Date.UTC(year, month + 1, 0));
      const sunday = Date.UTC(year, month, last.getUTCDate() - last.getUTCDay(), 1);
      for (let m = -120; m <= 120; m++) moments.push(sunday + m * 60_000);
    }
  }
  // And times spread over a century and a half, seconds included.
  let x = 7;
  for (let i = 0; i < 20_000; i++) {
    x = (x * 48271) % 2147483647;
    moments.push(Date.UTC(1900, 0, 1) + (x / 2147483647) * 150 * 365.25 * 86_400_000);
  }
  const wrong = moments.map((ms) => new Date(ms)).filter((d) => formatDateTime(d) !== reference(d));
  assert.deepEqual(
    wrong.slice(0, 3).map((d) => [d.toISOString(), formatDateTime(d), reference(d)]),
    [],
  );
  assert.equal(formatDate('0999-01-05'), '5 January 999');
});
