import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDb } from '../../test/helpers/app.ts';
import { seedAssuranceCore } from './assurance-core.ts';

const TODAY = '2026-12-07';
const t = useDb(() => seedAssuranceCore(t.db, t.org, TODAY));

test('arrangements: v1 published, signed by the three partners; v2 a draft with one sign-off', async () => {
  const rows = await t.db.query<{ version: number; status: string; signed: number }>(
    `select v.version, v.status, count(s.id)::int as signed from arrangements_version v
     left join arrangements_signoff s on s.version_id = v.id group by v.id order by v.version`,
  );
  assert.deepEqual(rows, [
    { version: 1, status: 'published', signed: 3 },
    { version: 2, status: 'draft', signed: 1 },
  ]);
});

test('about thirty actions, in every status, some overdue, from two years of meetings of three bodies', async () => {
  const [a] = await t.db.query<{ n: number; statuses: string[]; overdue: number }>(
    `select count(*)::int as n, array_agg(distinct status order by status) as statuses,
       count(*) filter (where status in ('open','in_progress') and due_on < $1::date)::int as overdue
     from partnership_action`,
    [TODAY],
  );
  assert.ok(a!.n >= 25 && a!.n <= 40, `${a!.n} actions`);
  assert.deepEqual(a!.statuses, ['done', 'dropped', 'in_progress', 'open']);
  assert.ok(a!.overdue >= 3, `${a!.overdue} overdue`);
  const bodies = await t.db.query<{ n: number; first: string }>(
    `select count(*)::int as n, min(held_on)::text as first from partnership_meeting group by body_id`,
  );
  assert.equal(bodies.length, 3);
  for (const b of bodies) assert.ok(b.first <= '2025-01-31', `first meeting ${b.first}`);
  const [funding] = await t.db.query<{ years: number }>(
    'select count(distinct year)::int as years from partnership_funding',
  );
  assert.equal(funding!.years, 2);
  const [values] = await t.db.query<{ n: number }>(
    'select min(c)::int as n from (select count(*) as c from partnership_measure_value group by measure_id) x',
  );
  assert.equal(values!.n, 8, 'two years of quarterly values for every measure');
});
