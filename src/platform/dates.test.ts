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
