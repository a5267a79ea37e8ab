import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDb } from '../../test/helpers/app.ts';
import { countRows } from '../../test/helpers/rows.ts';
import { executivePanel, myTraining } from '../features/training/service.ts';
import { seedTraining } from './assurance-training.ts';
import { demoActor } from './organisation.ts';

const today = '2026-12-07';
const t = useDb(async () => {
  await seedTraining(t.db, t.org, today);
});

test('the demo training: eight courses over two years, sessions past and coming, a full one', async () => {
  assert.equal(await countRows(t.db, 'training_course'), 8);
  assert.ok((await countRows(t.db, 'training_session where held_on < $1', [today])) >= 30);
  assert.ok((await countRows(t.db, 'training_session where held_on > $1', [today])) >= 8);
  assert.ok(
    (await countRows(t.db, 'training_session where held_on < $1', ['2026-01-01'])) >= 8,
    'last year too',
  );
  assert.ok((await countRows(t.db, `training_booking where attendance = 'attended'`)) >= 100);
  assert.ok((await countRows(t.db, `training_booking where attendance = 'did_not_attend'`)) >= 3);
  assert.ok((await countRows(t.db, 'training_evaluation')) >= 50);
  assert.ok((await countRows(t.db, 'training_follow_up')) >= 20);
  const full = await countRows(
    t.db,
    `training_session s where held_on > $1 and capacity <= (select count(*) from training_booking b where b.session_id = s.id)`,
    [today],
  );
  assert.ok(full >= 1);
  // Each follow-up is for a session at least 3 months before today, and follows an evaluation.
  assert.equal(
    await countRows(
      t.db,
      `training_follow_up f join training_booking b on b.id = f.booking_id join training_session s on s.id = b.session_id
       where s.held_on + interval '3 months' > $1::date
          or not exists (select 1 from training_evaluation e where e.booking_id = f.booking_id)`,
      [today],
    ),
    0,
  );
});

test('the demo practitioners have something to do, and the executive sees reach', async () => {
  const asked = (
    await Promise.all(
      ['sw', 'teacher', 'hv', 'police', 'tm'].map((k) => myTraining(t.db, demoActor(t.org, k), today)),
    )
  )
    .flat()
    .filter((b) => b.due);
  assert.ok(asked.length >= 1);
  const panel = await executivePanel(t.db, demoActor(t.org, 'bm'), today);
  assert.match(panel.headlines[0]!, /places attended in 2026, \d+% of the \d+ expected/);
  assert.ok(panel.chart!.table.rows.length >= 5);
});
