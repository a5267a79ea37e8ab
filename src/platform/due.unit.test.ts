// The one due state, checked against the working-day rules: weekends, bank holidays, 31 March.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doneIn, due, dueSoonLimit } from './due.ts';

test('overdue, due today, tomorrow (the next working day), soon and on track', () => {
  // Thursday 28 March 2024: Good Friday and Easter Monday follow.
  assert.equal(due('2024-03-27', '2024-03-28').text, 'Overdue by 1 working day');
  assert.equal(due('2024-03-28', '2024-03-28').text, 'Due today');
  assert.equal(due('2024-04-02', '2024-03-28').text, 'Due Tuesday', 'the next working day is after Easter');
  assert.equal(due('2024-04-03', '2024-03-28').text, 'Due in 2 working days');
  assert.equal(due('2024-04-04', '2024-03-28').status, 'due_soon');
  assert.equal(due('2024-04-05', '2024-03-28').text, 'On track');
  // Friday 22 March 2024: Monday is the next working day, but not tomorrow.
  assert.equal(due('2024-03-25', '2024-03-22').text, 'Due Monday');
  assert.equal(due('2024-03-15', '2024-03-22').text, 'Overdue by 5 working days');
});

test('"due tomorrow" only for tomorrow’s date: the next working day after a weekend or bank holiday is named', () => {
  // Wednesday 27 March 2024, due Thursday 28: the next working day is tomorrow.
  assert.deepEqual((({ text, workingDays }) => ({ text, workingDays }))(due('2024-03-28', '2024-03-27')), {
    text: 'Due tomorrow',
    workingDays: 1,
  });
  // Friday 23 August 2024, Monday 26 is a bank holiday: due Tuesday 27 is the next working day.
  assert.equal(due('2024-08-27', '2024-08-23').text, 'Due Tuesday');
  // Friday, due on Saturday (a month clock can end on one): that is tomorrow.
  assert.equal(due('2024-08-24', '2024-08-23').text, 'Due tomorrow');
  // Friday, due on Sunday: before the next working day, but not tomorrow.
  assert.equal(due('2024-08-25', '2024-08-23').text, 'Due Sunday');
  // Saturday 24 August, due Tuesday 27: the next working day, named.
  assert.equal(due('2024-08-27', '2024-08-24').text, 'Due Tuesday');
  // Thursday 22 August, due Tuesday 27: two working days on (Friday, then Tuesday).
  assert.equal(due('2024-08-27', '2024-08-22').text, 'Due in 2 working days');
  // Christmas Eve 2024 (Tuesday), due Friday 27 December: the next working day after two bank holidays.
  assert.equal(due('2024-12-27', '2024-12-24').text, 'Due Friday');
});

test('a due date at a weekend counts with the working day after it', () => {
  // Monday 31 March 2025: three working days on is Thursday 3 April.
  assert.equal(dueSoonLimit('2025-03-31'), '2025-04-03');
  // Wednesday 2 April: Thursday, Friday and Monday 7th; the weekend before Monday is soon too.
  assert.equal(dueSoonLimit('2025-04-02'), '2025-04-07');
  assert.equal(due('2025-04-06', '2025-04-02').status, 'due_soon');
  assert.equal(due('2025-04-08', '2025-04-02').status, 'on_time');
});

test('done in time or late', () => {
  assert.deepEqual(doneIn('2024-02-29', '2024-02-29').text, 'In time');
  assert.equal(doneIn('2024-02-29', '2024-03-01').late, true);
});
