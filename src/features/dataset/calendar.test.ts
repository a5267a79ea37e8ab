// The SQL working-day calendar against platform/calendar.ts's addWorkingDays (the documented clock
// rule, with England and Wales bank holidays): for referral dates across 2027 and 2028 (weekends,
// Christmas, Easter, the leap day), an assessment completed on the 45th working day is in time and
// one completed a working day later is late.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useDb } from '../../../test/helpers/app.ts';
import { addDays, addWorkingDays } from '../../platform/calendar.ts';
import { figures } from './repository/figures.ts';
import { refreshDataset } from './service.ts';
import { Records } from './test-records.ts';

const t = useDb();

/** A small deterministic generator, so the dates are the same on every run. */
function* days(seed: number, n: number, from: string, span: number) {
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    yield addDays(from, x % span);
  }
}

test('45 working days in SQL are the calendar’s 45 working days', async () => {
  const r = new Records(t.db, t.org.partnershipId, t.org.users.sw!);
  const fixed = [
    '2027-12-24',
    '2027-12-25',
    '2027-12-27',
    '2028-02-29',
    '2028-04-13',
    '2028-04-14',
    '2027-08-28',
  ];
  const referrals = [...fixed, ...days(20270401, 40, '2027-04-01', 600)];
  for (const referral of referrals) {
    for (const n of [45, 46]) {
      const child = await r.child();
      const episode = await r.episode(child, referral);
      await r.assessment(episode, child, referral, addWorkingDays(referral, n));
    }
  }
  let hits = 0;
  let base = 0;
  for (const year of [2027, 2028, 2029]) {
    await refreshDataset(t.db, year);
    const row = (await figures(t.db, t.org.partnershipId, year)).find(
      (f) => f.measure === 'assessments-in-time' && f.period === 'year' && f.breakdown === '',
    );
    hits += row?.value ?? 0;
    base += row?.base ?? 0;
  }
  assert.equal(base, referrals.length * 2);
  assert.equal(hits, referrals.length);
});
