// The demo's escalations: two years of them, at every stage, open and resolved, some overdue.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb } from '../../test/helpers/db.ts';
import type { Db } from '../db/index.ts';
import { seedDemo } from './seed.ts';

let db: Db;
after(() => db?.close());

test('escalations at each stage, open and resolved, over two years, some overdue', async () => {
  db = await freshDb();
  await seedDemo(db, {
    production: false,
    children: 60,
    today: '2026-03-16',
    now: new Date('2026-03-16T10:00:00Z'),
  });
  const rows = await db.query<{ stage: string; open: boolean; n: number }>(
    `select stage, resolved_on is null as open, count(*)::int as n from escalation group by 1, 2`,
  );
  for (const stage of ['practitioners', 'managers', 'heads', 'partnership'])
    for (const open of [true, false])
      assert.ok(
        rows.some((r) => r.stage === stage && r.open === open),
        `${stage} ${open ? 'open' : 'resolved'}`,
      );
  const [span] = await db.query<{ first: string; overdue: number; withoutSteps: number }>(
    `select min(raised_on)::text as first,
       count(*) filter (where resolved_on is null and stage_due_on < '2026-03-16')::int as overdue,
       count(*) filter (where not exists (select 1 from escalation_step s where s.escalation_id = e.id))::int
         as "withoutSteps"
     from escalation e`,
  );
  assert.ok(span!.first <= '2024-04-01', span!.first);
  assert.ok(span!.overdue > 0);
  assert.equal(span!.withoutSteps, 0);
});
