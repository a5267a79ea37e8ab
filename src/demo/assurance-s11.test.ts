import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDb } from '../../test/helpers/app.ts';
import { countRows } from '../../test/helpers/rows.ts';
import { gapsFor } from '../features/section11/service.ts';
import { seedSection11 } from './assurance-s11.ts';
import { demoActor } from './organisation.ts';

const TODAY = '2026-03-16';
const t = useDb(async () => {
  await t.db.transaction((tx) => seedSection11(tx, t.org, TODAY));
});

test('last year’s round complete, this year’s in progress with answers carried forward, a schools’ round', async () => {
  const rounds = await t.db.query<{ kind: string; year: number; submitted: number; total: number }>(
    `select r.kind, r.year, count(*) filter (where a.status = 'submitted')::int as submitted, count(*)::int as total
     from s11_round r join s11_assessment a on a.round_id = r.id group by r.kind, r.year order by r.kind, r.year`,
  );
  assert.deepEqual(
    rounds.map((r) => `${r.kind} ${r.year}: ${r.submitted}/${r.total}`),
    ['schools 2026: 1/3', 'section11 2025: 11/11', 'section11 2026: 1/11'],
  );
  assert.ok(
    (await countRows(t.db, 's11_answer where carried_forward')) > 50,
    'drafts carried forward to review',
  );
  const challenges = await t.db.query<{ status: string; outcome: string | null }>(
    'select status, outcome from s11_challenge order by raised_at',
  );
  assert.deepEqual(challenges.map((c) => `${c.status}${c.outcome ? ` ${c.outcome}` : ''}`).sort(), [
    'open',
    'resolved changed',
    'resolved confirmed',
  ]);
  assert.equal(await countRows(t.db, 's11_survey_response'), 40);
});

test('the gap view flags the hospital’s training: rated green, its practitioners disagree', async () => {
  const [round] = await t.db.query<{ id: string }>(
    `select id from s11_round where kind = 'section11' and year = 2026`,
  );
  const view = await gapsFor(t.db, demoActor(t.org, 'bm'), round!.id);
  const hospital = view.agencies.find((a) => a.name.startsWith('Elmshire Hospitals'))!;
  const training = hospital.rows.find((r) => r.position === 6)!;
  assert.equal(training.rating, 'green');
  assert.match(training.flag ?? '', /Rated green, but only 0% of practitioners agree/);
});
