// The front door's clocks and the referral form's state machine (no database).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstUnanswered, mayVisit, missingItems, nextPage, type DraftData } from './referrals/flow.ts';
import { DEFAULT_REQUEST_DEADLINES, requestDueAt } from './settings.ts';
import { clockState, decisionClock, decisionDue, endOfLondonDay, londonMidnight } from './timing.ts';

test('a referral decision is due one working day after receipt; weekends and bank holidays start on the next working day', () => {
  for (const [received, due, why] of [
    ['2025-06-14T10:00:00Z', '2025-06-17', 'Saturday: Monday is day 0, due Tuesday'],
    ['2025-06-15T22:59:00Z', '2025-06-17', 'Sunday 23:59 in London'],
    ['2025-06-15T23:00:00Z', '2025-06-17', 'Monday 00:00 in London (BST)'],
    ['2025-06-16T21:00:00Z', '2025-06-17', 'Monday 22:00: out of hours counts that day'],
    ['2024-03-28T12:00:00Z', '2024-04-02', 'Thursday before Easter'],
    ['2025-12-24T12:00:00Z', '2025-12-29', 'Christmas Eve'],
  ] as const) {
    assert.equal(decisionDue(new Date(received)), due, why);
  }
});

test('London day boundaries across the clock changes', () => {
  assert.equal(
    londonMidnight('2025-03-30').toISOString(),
    '2025-03-30T00:00:00.000Z',
    'spring forward day starts in GMT',
  );
  assert.equal(londonMidnight('2025-03-31').toISOString(), '2025-03-30T23:00:00.000Z');
  assert.equal(
    londonMidnight('2025-10-26').toISOString(),
    '2025-10-25T23:00:00.000Z',
    'autumn day starts in BST',
  );
  assert.equal(londonMidnight('2025-10-27').toISOString(), '2025-10-27T00:00:00.000Z');
  assert.equal(endOfLondonDay('2025-06-17').toISOString(), '2025-06-17T23:00:00.000Z');
  assert.equal(endOfLondonDay('2025-01-17').toISOString(), '2025-01-18T00:00:00.000Z');
});

test('clock states always carry words: time left, overdue, in time, late', () => {
  const due = new Date('2025-06-17T23:00:00Z');
  assert.equal(clockState(due, new Date('2025-06-17T20:30:00Z')).text, '2 hours left');
  assert.equal(clockState(due, new Date('2025-06-17T22:59:30Z')).text, '1 minute left');
  // Days are working days (platform/due.ts): on Sunday, a Tuesday deadline is soon, but it is not
  // tomorrow: it is named.
  assert.equal(clockState(due, new Date('2025-06-15T12:00:00Z')).text, 'Due Tuesday');
  // On Monday it is tomorrow.
  assert.equal(clockState(due, new Date('2025-06-16T12:00:00Z')).text, 'Due tomorrow');
  const over = clockState(due, new Date('2025-06-18T08:00:00Z'));
  assert.deepEqual([over.text, over.breached], ['Overdue by 1 working day', true]);
  assert.equal(clockState(due, new Date(), new Date('2025-06-17T17:00:00Z')).text, 'In time');
  assert.equal(clockState(due, new Date(), new Date('2025-06-18T09:00:00Z')).text, 'Late');
  // A deadline in hours is overdue once passed, on its own day too.
  const red = new Date('2025-06-13T18:00:00Z');
  assert.equal(clockState(red, new Date('2025-06-13T15:00:00Z')).text, '3 hours left');
  const passed = clockState(red, new Date('2025-06-13T19:00:00Z'));
  assert.deepEqual([passed.text, passed.breached], ['Overdue', true]);
  const c = decisionClock(new Date('2025-06-14T10:00:00Z'), null, new Date('2025-06-18T09:00:00Z'));
  assert.deepEqual([c.due, c.text], ['2025-06-17', 'Overdue by 1 working day']);
});

test('request deadlines by RAG: hours are hours, working days end at the end of the day', () => {
  const friday = new Date('2025-06-13T14:00:00Z');
  assert.equal(
    requestDueAt(DEFAULT_REQUEST_DEADLINES, 'red', friday).toISOString(),
    '2025-06-13T18:00:00.000Z',
  );
  assert.equal(
    requestDueAt(DEFAULT_REQUEST_DEADLINES, 'amber', friday).toISOString(),
    '2025-06-16T23:00:00.000Z',
  );
  assert.equal(
    requestDueAt(DEFAULT_REQUEST_DEADLINES, 'green', friday).toISOString(),
    '2025-06-18T23:00:00.000Z',
  );
});

test('the referral form: pages in order, the check page always, each missing item named', () => {
  const empty: DraftData = {};
  assert.equal(mayVisit('children', empty), true);
  assert.equal(mayVisit('adults', empty), false);
  assert.equal(mayVisit('check', empty), true);
  assert.equal(firstUnanswered(empty), 'children');
  assert.equal(missingItems(empty).length, 8);
  const some: DraftData = { children: [{} as never], concern: 'x' };
  assert.equal(mayVisit('adults', some), true, 'the next unanswered page');
  assert.equal(mayVisit('concern', some), true, 'an answered page');
  assert.equal(mayVisit('risks', some), false);
  assert.deepEqual(
    missingItems(some).map((m) => m.page),
    ['adults', 'address', 'child-said', 'risks', 'consent', 'referrer'],
  );
  assert.equal(nextPage('concern', false), 'child-said');
  assert.equal(nextPage('concern', true), 'check');
  assert.equal(
    missingItems({}, true).find((m) => m.page === 'referrer')?.message,
    'Enter the referrer’s details',
  );
});
