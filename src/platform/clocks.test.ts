import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOCKS, DEFAULT_SETTINGS, clockNamed, describeRule, dueDate, isClockName } from './clocks.ts';

test('each statutory clock from the one calendar', () => {
  assert.equal(dueDate('referral-decision', '2024-03-28'), '2024-04-02');
  assert.equal(dueDate('icpc', '2024-12-20'), '2025-01-15'); // over Christmas and New Year
  assert.equal(dueDate('core-group', '2025-04-15'), '2025-05-01'); // over Easter 2025
  assert.equal(dueDate('rcpc-first', '2024-11-30'), '2025-02-28');
  assert.equal(dueDate('rcpc-next', '2023-08-31'), '2024-02-29'); // leap year clamp
  assert.equal(dueDate('si-notification', '2023-05-03'), '2023-05-11'); // coronation day
  assert.equal(dueDate('visit', '2026-03-27'), '2026-04-14'); // across 31 March and Easter 2026
  assert.equal(dueDate('visit', '2026-03-27', { ...DEFAULT_SETTINGS, visitWorkingDays: 5 }), '2026-04-07');
  assert.equal(dueDate('assessment', '2025-03-31'), '2025-06-06');
  // Local-setting clocks: the defaults, and a partnership's own values.
  assert.equal(dueDate('strategy-discussion', '2026-12-24'), '2026-12-29'); // over Christmas
  assert.equal(
    dueDate('strategy-discussion', '2026-12-24', { ...DEFAULT_SETTINGS, strategyDiscussionWorkingDays: 0 }),
    '2026-12-24',
  );
  assert.equal(dueDate('cin-plan-review', '2025-11-30'), '2026-02-28');
  assert.equal(dueDate('cin-plan-review', '2027-11-30'), '2028-02-29'); // a leap year
  assert.equal(
    dueDate('cin-plan-review', '2026-03-27', { ...DEFAULT_SETTINGS, cinPlanReview: { workingDays: 10 } }),
    '2026-04-14',
  );
});

test('each rule in words', () => {
  assert.equal(describeRule('assessment'), '45 working days');
  assert.equal(describeRule('referral-decision'), '1 working day');
  assert.equal(describeRule('rcpc-next'), '6 months');
  assert.equal(describeRule('visit'), '10 working days (local setting)');
});

test('a referral received on Saturday night is decided by the end of Tuesday; on Friday night by Monday', () => {
  assert.equal(dueDate('referral-decision', new Date('2025-01-11T23:30:00Z')), '2025-01-14');
  assert.equal(dueDate('referral-decision', new Date('2025-01-10T22:00:00Z')), '2025-01-13');
  // 23:30 UTC on 29 March 2025 is still 29 March in London (GMT); 23:30 UTC on 30 March is 31 March (BST).
  assert.equal(dueDate('referral-decision', new Date('2025-03-30T23:30:00Z')), '2025-04-01');
});

test('clock names', () => {
  // the statutory eleven, the three escalation stages, and early help's assessment and reviews
  assert.equal(Object.keys(CLOCKS).length, 16);
  assert.ok(isClockName('icpc'));
  assert.equal(isClockName('toString'), false);
  assert.equal(clockNamed('Initial child protection conference'), 'icpc');
  assert.equal(clockNamed('statutory_visit'), 'visit');
  assert.equal(clockNamed('ICPC'), 'icpc');
  assert.equal(clockNamed('constructor'), undefined);
  assert.equal(clockNamed('tea-break'), undefined);
});

test('escalation stages: working days from the local settings, over bank holidays', () => {
  // Thursday 24 December 2026 is day 0; Christmas Day (Friday) and Boxing Day's substitute (Monday
  // 28th) are not working days: Tuesday 29th is day 1, Wednesday 30th day 2.
  assert.equal(dueDate('escalation-practitioner', '2026-12-24'), '2026-12-30');
  // Five working days: 29, 30, 31 December, (New Year's Day), 4 and 5 January.
  assert.equal(dueDate('escalation-manager', '2026-12-24'), '2027-01-05');
  // Friday 1 May 2026, then the early May bank holiday: Tuesday 5th is day 1, Monday 11th day 5.
  assert.equal(dueDate('escalation-head', '2026-05-01'), '2026-05-11');
  // Raised on a Saturday: the clock starts on the next working day (Tuesday 29 December).
  assert.equal(dueDate('escalation-practitioner', '2026-12-26'), '2026-12-31');
  assert.equal(
    dueDate('escalation-practitioner', '2026-12-24', {
      ...DEFAULT_SETTINGS,
      escalationPractitionerWorkingDays: 3,
    }),
    '2026-12-31',
  );
  assert.equal(describeRule('escalation-manager'), '5 working days (local setting)');
  assert.equal(clockNamed('Escalation_Head'), 'escalation-head');
});

test('early help: the assessment in 30 working days, reviews every 6 weeks, each a local setting', () => {
  // Monday 4 January 2027: 30 working days (no bank holiday between) is Monday 15 February.
  assert.equal(dueDate('early-help-assessment', '2027-01-04'), '2027-02-15');
  assert.equal(dueDate('early-help-review', '2027-02-15'), '2027-03-29');
  assert.equal(describeRule('early-help-review'), '6 weeks (local setting)');
  assert.equal(describeRule('early-help-assessment'), '30 working days (local setting)');
});
