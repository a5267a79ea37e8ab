import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WorkItem } from '../casework/work-items.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { due } from '../../platform/due.ts';
import { byDueDate, caseKinds, caseload, countsByType } from './work.ts';

const item = (personId: string, type: WorkItem['type'], dueDate: string): WorkItem => ({
  personId,
  episodeId: `e-${personId}`,
  type,
  label: type,
  dueDate,
  href: `/casework/${personId}`,
  startDate: '2026-01-05',
});

test('a child counts once, at the weight of the heaviest open work', () => {
  const items = [
    item('a', 'assessment', '2026-12-01'),
    item('a', 'visit', '2026-12-02'),
    item('b', 'cin_plan_review', '2026-12-03'),
  ];
  const kinds = caseKinds(
    ['a', 'b', 'c'],
    [...items, item('stranger', 'visit', '2026-12-01')],
    DEFAULT_SETTINGS.weights,
  );
  assert.deepEqual(Object.fromEntries(kinds), { a: 'cp_plan', b: 'cin_plan', c: 'allocated' });
  const load = caseload(kinds.values(), DEFAULT_SETTINGS);
  assert.equal(load.count, 3);
  assert.equal(load.weight, 3.5); // 1.5 + 1 + 1
  assert.equal(load.percent, Math.round((3.5 / 18) * 100));
  assert.equal(load.overLimit, false);
  assert.equal(load.byKind.cp_plan, 1);
});

test('over the limit only when the weight exceeds it; weights are configurable', () => {
  const settings = { ...DEFAULT_SETTINGS, limit: 3, weights: { ...DEFAULT_SETTINGS.weights, cp_plan: 2 } };
  assert.equal(caseload(['cp_plan', 'allocated'], settings).overLimit, false); // 3 of 3
  const over = caseload(['cp_plan', 'allocated', 'assessment'], settings);
  assert.equal(over.weight, 4);
  assert.equal(over.percent, 133);
  assert.equal(over.overLimit, true);
  // Sums of tenths stay exact.
  assert.equal(
    caseload(Array(10).fill('cp_enquiry'), {
      ...DEFAULT_SETTINGS,
      weights: { ...DEFAULT_SETTINGS.weights, cp_enquiry: 1.1 },
    }).weight,
    11,
  );
});

test('due states: overdue the day after, due soon within 5 working days (bank holidays skipped)', () => {
  const dueState = (dueDate: string, today: string, soon: number) => {
    const { status, workingDays } = due(dueDate, today, soon);
    return { status, workingDays };
  };
  // Friday 28 August 2026; Monday 31 August is the summer bank holiday.
  assert.deepEqual(dueState('2026-08-27', '2026-08-28', 5), { status: 'overdue', workingDays: 1 });
  assert.deepEqual(dueState('2026-08-28', '2026-08-28', 5), { status: 'due_soon', workingDays: 0 });
  // Five working days after Friday 28 August: 1, 2, 3, 4 September and Monday 7 September.
  assert.deepEqual(dueState('2026-09-07', '2026-08-28', 5), { status: 'due_soon', workingDays: 5 });
  assert.deepEqual(dueState('2026-09-08', '2026-08-28', 5), { status: 'on_time', workingDays: 6 });
  // A weekend due date after the fifth working day counts like the Friday before it.
  assert.deepEqual(dueState('2026-09-13', '2026-09-04', 5), { status: 'due_soon', workingDays: 5 });
  assert.deepEqual(dueState('2026-09-14', '2026-09-04', 5), { status: 'on_time', workingDays: 6 });
  // Due on the Friday, looked at over the bank holiday weekend: overdue.
  assert.equal(dueState('2026-08-28', '2026-08-31', 5).status, 'overdue');
});

test('work is ordered by due date, then statutory order, then child', () => {
  const items = [
    item('b', 'visit', '2026-12-02'),
    item('a', 'visit', '2026-12-02'),
    item('a', 'assessment', '2026-12-02'),
    item('c', 'icpc', '2026-11-20'),
  ];
  assert.deepEqual(
    items.sort(byDueDate).map((i) => `${i.personId}:${i.type}`),
    ['c:icpc', 'a:assessment', 'a:visit', 'b:visit'],
  );
});

test('counts by type', () => {
  const rows = countsByType(
    [item('a', 'visit', '2026-11-01'), item('b', 'visit', '2026-11-26'), item('c', 'visit', '2027-01-01')],
    '2026-11-25',
  );
  assert.deepEqual(
    rows.find((r) => r.type === 'visit'),
    { type: 'visit', label: 'Statutory visit', overdue: 1, dueSoon: 1 },
  );
  assert.equal(rows.find((r) => r.type === 'assessment')?.overdue, 0);
});
