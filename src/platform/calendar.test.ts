// The GOV.UK bank holiday list (test/fixtures/calendar, Crown copyright, OGL v3) is the truth
// the rules must reproduce.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureLines, fixtureText } from '../../test/helpers/fixtures.ts';
import {
  addDays,
  addMonths,
  addWorkingDays,
  bankHolidays,
  isWorkingDay,
  nextWorkingDayOnOrAfter,
  workingDaysBetween,
} from './calendar.ts';

test('the rules give exactly the GOV.UK bank holidays for every year it lists', () => {
  const events = (
    JSON.parse(fixtureText('calendar/bank-holidays.json')) as {
      'england-and-wales': { events: { date: string }[] };
    }
  )['england-and-wales'].events.map((e) => e.date);
  const years = [...new Set(events.map((d) => Number(d.slice(0, 4))))];
  assert.ok(years.length >= 17);
  for (const y of years) {
    const expected = events.filter((d) => d.startsWith(`${y}-`)).sort();
    assert.deepEqual([...bankHolidays(y)].sort(), expected, String(y));
  }
});

test('the derived 2018-2027 list agrees too', () => {
  for (const row of fixtureLines('calendar/england_and_wales_2018_2027.csv'))
    assert.equal(isWorkingDay(row.slice(0, 10)), false, row);
});

test('years beyond the list follow the same rules', () => {
  // 2032: Easter Sunday 28 March; Christmas on a Saturday.
  assert.deepEqual([...bankHolidays(2032)].sort(), [
    '2032-01-01',
    '2032-03-26',
    '2032-03-29',
    '2032-05-03',
    '2032-05-31',
    '2032-08-30',
    '2032-12-27',
    '2032-12-28',
  ]);
  // 2033: New Year's Day a Saturday -> Monday 3 January; Christmas a Sunday -> Boxing Day Mon, substitute Tue.
  const y2033 = bankHolidays(2033);
  assert.ok(y2033.has('2033-01-03') && y2033.has('2033-12-26') && y2033.has('2033-12-27'));
  assert.equal(y2033.has('2033-01-01'), false);
});

test('working days: the start day is day 0; non-working starts count from the next working day', () => {
  assert.equal(addWorkingDays('2024-03-28', 1), '2024-04-02'); // across Easter
  assert.equal(addWorkingDays('2024-03-28', 0), '2024-03-28');
  assert.equal(addWorkingDays('2024-03-30', 1), '2024-04-03'); // Saturday of Easter weekend
  assert.equal(addWorkingDays('2023-05-05', 1), '2023-05-09'); // coronation Monday 8 May
  assert.equal(addWorkingDays('2022-09-16', 1), '2022-09-20'); // state funeral 19 September
  assert.equal(addWorkingDays('2026-12-24', 1), '2026-12-29'); // Christmas Fri, Boxing Day substitute Mon 28
  assert.equal(addWorkingDays('2024-02-28', 45), '2024-05-03'); // over a leap day and Easter
  assert.equal(workingDaysBetween('2024-03-28', '2024-04-02'), 1);
  assert.equal(workingDaysBetween('2024-04-02', '2024-03-28'), -1);
  // A year: 2024's 254 working days, less 2 January (day 0, New Year's Day being a holiday).
  assert.equal(workingDaysBetween('2024-01-01', '2025-01-01'), 253);
});

test('calendar months clamp to the end of the month, leap years included', () => {
  assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
  assert.equal(addMonths('2023-01-31', 1), '2023-02-28');
  assert.equal(addMonths('2024-11-30', 3), '2025-02-28');
  assert.equal(addMonths('2024-08-31', 6), '2025-02-28');
  assert.equal(addMonths('2025-12-15', 3), '2026-03-15');
  assert.equal(addMonths('2024-02-29', 12), '2025-02-28');
});

test('working days between two dates agree with counting day by day', () => {
  const byDay = (a: string, b: string): number => {
    if (b < a) return -byDay(b, a);
    let n = 0;
    for (let d = nextWorkingDayOnOrAfter(a); d < b;) {
      d = addDays(d, 1);
      if (isWorkingDay(d)) n++;
    }
    return n;
  };
  let seed = 7; // a fixed sequence: the same 5,000 pairs every run
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = 0; i < 5000; i++) {
    const a = addDays('2010-01-01', Math.floor(next() * 7000));
    const b = addDays(a, Math.floor(next() * 900) - 450);
    assert.equal(workingDaysBetween(a, b), byDay(a, b), `${a} to ${b}`);
  }
});
