import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDb } from '../../test/helpers/app.ts';
import { makeAuditChild } from '../features/case-audits/test-fixtures.ts';
import { seedAssuranceAudits } from './assurance-audits.ts';

const TODAY = '2026-12-07';
let seeded: Awaited<ReturnType<typeof seedAssuranceAudits>>;
const t = useDb(async () => {
  // Children on child in need plans (inside an open episode) for the two samples to draw from.
  for (let i = 0; i < 10; i++) await makeAuditChild(t, `Demo${i}`, '2015-01-01', { cinPlan: true });
  seeded = await seedAssuranceAudits(t.db, t.org, { today: TODAY });
});

test('a completed audit a year ago: three agencies answered every child, each moderated, findings and actions', async () => {
  const [a] = await t.db.query<{
    status: string;
    children: number;
    answers: number;
    moderated: number;
    ends_on: string;
  }>(
    `select a.status, a.ends_on::text,
       (select count(*) from case_audit_child c where c.case_audit_id = a.id)::int as children,
       (select count(*) from case_audit_answer x where x.case_audit_id = a.id)::int as answers,
       (select count(*) from case_audit_child c where c.case_audit_id = a.id and c.moderated_grade is not null)::int as moderated
     from case_audit a where a.id = $1`,
    [seeded.completed],
  );
  assert.equal(a!.status, 'closed');
  assert.ok(a!.ends_on < '2025-12-07');
  assert.equal(a!.children, 8);
  assert.equal(a!.answers, 24);
  assert.equal(a!.moderated, 8);
  const [f] = await t.db.query<{ n: number }>(
    'select count(*)::int as n from case_audit_finding where case_audit_id = $1',
    [seeded.completed],
  );
  assert.equal(f!.n, 3);
  const actions = await t.db.query<{ status: string }>(
    `select status from partnership_action where source_kind = 'case_audit' and source_id = $1 order by status`,
    [seeded.completed],
  );
  assert.deepEqual(
    actions.map((x) => x.status),
    ['done', 'open'],
  );
  // Answered by the agencies' own leads.
  const [by] = await t.db.query<{ n: number }>(
    `select count(distinct x.answered_by)::int as n from case_audit_answer x join app_user u on u.id = x.answered_by
     where x.case_audit_id = $1 and 'agency_lead' = any(u.roles)`,
    [seeded.completed],
  );
  assert.equal(by!.n, 3);
});

test('an audit in progress: running today, some answers in, nothing moderated', async () => {
  const [a] = await t.db.query<{ status: string; running: boolean; answers: number; moderated: number }>(
    `select a.status, $2::date between a.starts_on and a.ends_on as running,
       (select count(*) from case_audit_answer x where x.case_audit_id = a.id)::int as answers,
       (select count(*) from case_audit_child c where c.case_audit_id = a.id and c.moderated_grade is not null)::int as moderated
     from case_audit a where a.id = $1`,
    [seeded.running, TODAY],
  );
  assert.deepEqual(a, { status: 'open', running: true, answers: 5, moderated: 0 });
});
