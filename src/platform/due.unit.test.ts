// The one due state, checked against the working-day rules: weekends, bank holidays, 31 March.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { doneIn, due, dueSoonLimit } from './due.ts';

test('overdue, due today, tomorrow (the next working day), soon and on track', () => {
  // Thursday 28 March 2024: Good Friday and Easter Monday follow.
  assert.equal(due('2024-03-27', '2024-03-28').text, 'Overdue by 1 working day');
  assert.equal(due('2024-03-28', '2024-03-28').text, 'Due today');
  assert.equal(due('2024-04-02', '2024-03-28').text, 'Due tomorrow', 'the next working day is after Easter');
  assert.equal(due('2024-04-03', '2024-03-28').text, 'Due in 2 working days');
  assert.equal(due('2024-04-04', '2024-03-28').status, 'due_soon');
  assert.equal(due('2024-04-05', '2024-03-28').text, 'On track');
  // Friday 22 March 2024: Monday is the next working day.
  assert.equal(due('2024-03-25', '2024-03-22').text, 'Due tomorrow');
  assert.equal(due('2024-03-15', '2024-03-22').text, 'Overdue by 5 working days');
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
