// The lists page PAGE_SIZE rows at a time, and show the one due state (working days).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../../test/helpers/app.ts';
import { PAGE_SIZE } from '../../../platform/due.ts';

const t = useApp(async () => {
  // PAGE_SIZE + 1 open contacts the teacher referred; the oldest was due on Monday 6 January 2025.
  for (let i = 0; i <= PAGE_SIZE; i++) {
    await t.db.query(
      `insert into contact (partnership_id, status, received_at, reference, decision_due, referrer_user_id)
       values ($1, 'open', now() - make_interval(mins => $2), $3, case when $2 = $4 then date '2025-01-06'
         else (now() at time zone 'Europe/London')::date + 7 end, $5)`,
      [t.org.partnershipId, i, `R-2025-8${String(i).padStart(5, '0')}`, PAGE_SIZE, t.org.users.teacher],
    );
  }
});

const links = (html: string, href: RegExp) => html.match(href)?.length ?? 0;

test('the MASH queue shows PAGE_SIZE contacts a page, the longest waiting first and overdue in working days', async () => {
  const hub = await sessionAs(t, 'mash');
  const first = await hub.get('/mash');
  assert.equal(first.statusCode, 200);
  assert.match(first.body, new RegExp(`${PAGE_SIZE + 1} contacts`));
  assert.equal(links(first.body, /href="\/mash\/contacts\/[0-9a-f-]{36}"/g), PAGE_SIZE);
  assert.match(first.body, /R-2025-800050[\s\S]*Overdue by \d+ working days/, 'the oldest first, overdue');
  assert.match(first.body, /govuk-pagination/);
  const second = await hub.get('/mash?status=open&page=2');
  assert.equal(links(second.body, /href="\/mash\/contacts\/[0-9a-f-]{36}"/g), 1);
  assert.equal((await hub.get('/mash?page=nonsense')).statusCode, 200, 'a page that is not one is the first');
});

test('a referrer’s referrals page PAGE_SIZE at a time, each waiting one with its due state', async () => {
  const teacher = await sessionAs(t, 'teacher');
  const first = await teacher.get('/referrals');
  assert.equal(links(first.body, /href="\/referrals\/[0-9a-f-]{36}"/g), PAGE_SIZE);
  assert.match(first.body, /On track/);
  const second = await teacher.get('/referrals?page=2');
  assert.equal(links(second.body, /href="\/referrals\/[0-9a-f-]{36}"/g), 1);
  assert.match(second.body, /Overdue by \d+ working days/, 'the oldest, on the last page');
});
