// The MASH dashboard's figures at their edges: "received today" is today's London date only, and a
// repeat contact is one whose child had a contact in the 12 months before it (whole London days).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from '../../../../test/helpers/app.ts';
import { insertPerson } from '../../../../test/helpers/people.ts';
import { demoActor } from '../../../demo/organisation.ts';
import { mashDashboard } from '../service.ts';

const t = useApp();
let n = 0;

/** A contact with a reference, received at this instant, about these children. */
async function contact(receivedAt: string, children: string[], status: 'open' | 'decided' = 'open') {
  const [c] = await t.db.query<{ id: string }>(
    `insert into contact (partnership_id, status, received_at, reference, decision, decided_at)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [
      t.org.partnershipId,
      status,
      receivedAt,
      `R-TEST-${String(n++).padStart(4, '0')}`,
      status === 'decided' ? 'no_further_action' : null,
      status === 'decided' ? receivedAt : null,
    ],
  );
  for (const p of children)
    await t.db.query(`insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3)`, [
      c!.id,
      p,
      t.org.partnershipId,
    ]);
  return c!.id;
}

const child = (family: string) => insertPerson(t, { family, dob: '2015-01-01' });

test('"received today" counts today’s London date only: not 23:30 yesterday, nor the weekend', async () => {
  const someone = await child('Today');
  // Monday 15 June 2026, 11:00 in London (BST).
  const now = new Date('2026-06-15T10:00:00Z');
  await contact('2026-06-13T10:00:00Z', [someone]); // Saturday
  await contact('2026-06-14T22:30:00Z', [someone]); // Sunday 23:30 in London
  await contact('2026-06-14T23:30:00Z', [someone]); // Monday 00:30 in London
  await contact('2026-06-15T08:00:00Z', [someone], 'decided');
  const d = await mashDashboard(t.db, demoActor(t.org, 'mashmgr'), {}, now);
  assert.equal(d.receivedToday, 2, 'Monday 00:30 and the one decided since');
  assert.deepEqual(
    d.openByAge.map((b) => b.count),
    [1, 2, 0, 0],
    'the weekend’s open contacts are not "received today"',
  );
});

test('repeat contacts: exactly 12 months before counts, a day more does not; 29 February', async () => {
  const actor = demoActor(t.org, 'mashmgr');
  const figures = (day: string) => mashDashboard(t.db, actor, { from: day, to: day });
  const exactly = await child('Exactly');
  const dayMore = await child('DayMore');
  await contact('2025-03-10T15:00:00Z', [exactly], 'decided');
  await contact('2026-03-10T09:00:00Z', [exactly]); // same date, an earlier hour: still in the window
  await contact('2025-03-09T15:00:00Z', [dayMore], 'decided');
  await contact('2026-03-10T09:30:00Z', [dayMore]);
  const march = await figures('2026-03-10');
  assert.equal(march.totals.received, 2);
  assert.equal(march.totals.repeats, 1);

  const leap = await child('Leap');
  const leapToo = await child('LeapToo');
  await contact('2024-02-29T12:00:00Z', [leap, leapToo], 'decided');
  await contact('2025-02-28T12:00:00Z', [leap]); // the window starts 28 February 2024
  await contact('2025-03-01T12:00:00Z', [leapToo]); // the window starts 1 March 2024
  assert.equal((await figures('2025-02-28')).totals.repeats, 1);
  assert.equal((await figures('2025-03-01')).totals.repeats, 0);
});
