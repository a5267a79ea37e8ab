import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { signedIn, useApp } from '../../../test/helpers/app.ts';
import { demoActor } from '../../demo/organisation.ts';
import { hasPersonAccess } from '../../platform/access/policy.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { allocateChild, bulkReallocate } from './allocation.ts';
import { unallocated } from './service.ts';
import { addChild, addEpisode, addReferral, fakeSource, workItem } from './test-fixtures.ts';
import { allocate } from '../../../test/helpers/people.ts';
import { countRows } from '../../../test/helpers/rows.ts';

const t = useApp();
const u = (key: string) => t.org.users[key]!;
/** A reallocation form's own colleague for one child. */
const toward = (child: string, worker: string) =>
  ({ [`to-${child}`]: worker }) as Record<`to-${string}`, string>;
const actor = (key: string) => demoActor(t.org, key);

async function allocations(personId: string) {
  return t.db.query<{
    user_id: string;
    team_id: string;
    ended_at: Date | null;
    ended_by: string | null;
    allocated_by: string;
    reason: string | null;
    end_reason: string | null;
  }>(
    `select user_id, team_id, ended_at, ended_by, allocated_by, reason, end_reason from allocation where person_id = $1 order by started_at, ended_at nulls last`,
    [personId],
  );
}

const auditCount = (action: string, personId: string) =>
  countRows(t.db, 'audit_event where action = $1 and person_id = $2', [action, personId]);

test('allocating marks the referral allocated; reallocating ends the old allocation and keeps the history', async () => {
  const child = await addChild(t, 'Ava', 'Allocate');
  await addReferral(t, child, '2026-11-02');
  await allocateChild(t.db, actor('tm'), child, { workerId: u('sw'), reason: 'New referral' });
  const [ref] = await t.db.query<{ status: string }>('select status from referral where person_id = $1', [
    child,
  ]);
  assert.equal(ref!.status, 'allocated');
  let rows = await allocations(child);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.user_id, u('sw'));
  assert.equal(rows[0]!.team_id, t.org.teams['council:Assessment Team North']);
  assert.equal(rows[0]!.allocated_by, u('tm'));
  assert.equal(rows[0]!.reason, 'New referral');
  assert.ok(await hasPersonAccess(t.db, actor('sw'), child), 'the allocated worker sees the record');

  await allocateChild(t.db, actor('tm'), child, { workerId: u('sw2'), reason: 'Child protection enquiry' });
  rows = await allocations(child);
  assert.equal(rows.length, 2);
  assert.ok(rows[0]!.ended_at, 'the first allocation ended');
  assert.equal(rows[0]!.ended_by, u('tm'));
  assert.equal(rows[1]!.user_id, u('sw2'));
  assert.equal(rows[1]!.team_id, t.org.teams['council:Child Protection Team']);
  assert.equal(rows[1]!.ended_at, null);
  assert.equal(
    await hasPersonAccess(t.db, actor('sw'), child),
    false,
    'the previous worker loses the record',
  );
  assert.equal(await auditCount('allocation.change', child), 2);
  const chron = await t.db.query<{ summary: string }>(
    `select summary from chronology_entry where person_id = $1 order by recorded_at`,
    [child],
  );
  assert.deepEqual(
    chron.map((c) => c.summary),
    ['Allocated to Hannah Price, Assessment Team North', 'Allocated to Tom Ellery, Child Protection Team'],
  );

  // Now in another team: this manager may no longer reallocate the child.
  await assert.rejects(allocateChild(t.db, actor('tm'), child, { workerId: u('sw') }), NotFoundError);
});

test('allocation refuses a worker who may not hold it, and the same worker twice', async () => {
  const child = await addChild(t, 'Ben', 'Refuse');
  await addReferral(t, child, '2026-11-03');
  for (const key of ['mash', 'teacher', 'scrutineer', 'admin']) {
    await assert.rejects(allocateChild(t.db, actor('tm'), child, { workerId: u(key) }), ValidationError, key);
  }
  await t.db.query('update app_user set active = false where id = $1', [u('sw2')]);
  await assert.rejects(allocateChild(t.db, actor('tm'), child, { workerId: u('sw2') }), ValidationError);
  await t.db.query('update app_user set active = true where id = $1', [u('sw2')]);
  await allocateChild(t.db, actor('tm'), child, { workerId: u('sw') });
  await assert.rejects(allocateChild(t.db, actor('tm'), child, { workerId: u('sw') }), /already allocated/);
  assert.equal((await allocations(child)).length, 1);
  // Two managers at once: one after the other, never two open allocations.
  await Promise.all([
    allocateChild(t.db, actor('tm'), child, { workerId: u('tm') }),
    allocateChild(t.db, actor('tm'), child, { workerId: u('tm') }).catch((e: unknown) => e),
  ]);
  const rows = await allocations(child);
  assert.equal(rows.filter((r) => !r.ended_at).length, 1);
  assert.equal(rows.length, 2);
});

test('the allocation page over HTTP: errors re-render with the summary, success redirects, refusals leak nothing', async () => {
  const tm = await signedIn(t.app, 'tm');
  const child = await addChild(t, 'Cara', 'Formfield');
  await addReferral(t, child, '2026-11-04');
  const page = await tm.get(`/allocations/${child}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Cara Formfield/);
  assert.match(page.body, /Hannah Price – Assessment Team North/);
  assert.doesNotMatch(page.body, /Priya Shah/, 'MASH officers are not offered');

  for (const form of [
    {},
    { workerId: 'nope' },
    { workerId: u('mash') },
    { workerId: u('sw'), reason: 'x'.repeat(501) },
  ] as Record<string, string>[]) {
    const res = await tm.post(`/allocations/${child}`, form);
    assert.equal(res.statusCode, 400, JSON.stringify(form).slice(0, 60));
    assert.match(res.body, /There is a problem/);
    assert.match(res.body, /href="#(workerId|reason)"/);
  }
  assert.equal((await allocations(child)).length, 0, 'nothing written on bad input');

  const ok = await tm.post(`/allocations/${child}`, {
    workerId: u('sw'),
    reason: '<script>alert(1)</script>',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/team?done=allocated');
  assert.equal((await allocations(child))[0]!.reason, '<script>alert(1)</script>');
  const again = await tm.get(`/allocations/${child}`);
  assert.match(again.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(again.body, /<script>alert/);

  const unrelated = await addChild(t, 'Dora', 'Stranger');
  const otherTeam = await addChild(t, 'Eli', 'Elsewhere');
  await allocate(t, otherTeam, 'sw2', 'Child Protection Team');
  const adult = await addChild(t, 'Fay', 'Grownup', { kind: 'adult' });
  await addReferral(t, adult, '2026-11-04');
  const hidden = await addChild(t, 'Gil', 'Restricted', { restricted: true });
  await addReferral(t, hidden, '2026-11-04');
  for (const id of ['not-a-uuid', crypto.randomUUID(), unrelated, otherTeam, adult, hidden]) {
    const get = await tm.get(`/allocations/${id}`);
    assert.equal(get.statusCode, 404, id);
    const post = await tm.post(`/allocations/${id}`, { workerId: u('sw') });
    assert.equal(post.statusCode, 404, id);
    assert.doesNotMatch(get.body + post.body, /Stranger|Elsewhere|Grownup|Restricted record|Gil /);
  }
  assert.equal((await allocations(unrelated)).length, 0);
});

test('roles that do not allocate are refused (403) with no personal data', async () => {
  const child = await addChild(t, 'Hana', 'Queued');
  await addReferral(t, child, '2026-11-05');
  for (const key of [
    'sw',
    'sw2',
    'mash',
    'mashmgr',
    'teacher',
    'police',
    'scrutineer',
    'bm',
    'dpo',
    'admin',
  ]) {
    const c = await signedIn(t.app, key);
    const responses = [
      await c.get(`/allocations/${child}`),
      await c.post(`/allocations/${child}`, { workerId: u('sw') }),
      await c.get('/team/reallocate'),
      await c.post('/team/reallocate', { from: u('sw'), all: u('tm'), child: child }),
    ];
    for (const res of responses) {
      assert.equal(res.statusCode, 403, key);
      assert.doesNotMatch(res.body, /Queued|Hana/, key);
    }
  }
  assert.equal((await allocations(child)).length, 0);
});

test('the unallocated list: days waiting in working and calendar days across a bank holiday, soonest due first', async () => {
  // Monday 31 August 2026 is the summer bank holiday.
  const friday = await addChild(t, 'Ivy', 'Friday');
  await addReferral(t, friday, '2026-08-28');
  const thursday = await addChild(t, 'Jude', 'Thursday');
  await addReferral(t, thursday, '2026-08-20');
  await addReferral(t, thursday, '2026-08-27'); // a second referral: still one row, from the first
  const secret = await addChild(t, 'Kit', 'Secret', { restricted: true });
  await addReferral(t, secret, '2026-08-25');
  // Open work, and the worker's allocation ended without a successor.
  const orphan = await addChild(t, 'Lou', 'Orphan');
  await t.db.query(
    `insert into allocation (partnership_id, person_id, user_id, team_id, started_at, ended_at)
     values ($1,$2,$3,$4,'2026-06-01T09:00:00Z','2026-08-26T12:00:00Z')`,
    [t.org.partnershipId, orphan, u('sw'), t.org.teams['council:Assessment Team North']],
  );
  await addEpisode(t, orphan, '2026-05-20');
  const source = fakeSource([workItem(orphan, 'assessment', '2026-09-10')]);
  const list = await unallocated(t.db, actor('tm'), 1, { today: '2026-09-01', source });
  const mine = list.children.filter((c) => [friday, thursday, secret, orphan].includes(c.child.personId));
  assert.deepEqual(
    mine.map((c) => [c.child.name, c.since, c.workingDays, c.calendarDays, c.reason]),
    // The orphan's assessment is due on 10 September; the referrals' assessments 45 working days
    // from their referral dates, in October.
    [
      ['Lou Orphan', '2026-08-26', 3, 6, 'open_work'],
      ['Jude Thursday', '2026-08-20', 7, 12, 'referral'],
      ['Restricted record', '2026-08-25', 4, 7, 'referral'],
      ['Ivy Friday', '2026-08-28', 1, 4, 'referral'],
    ],
  );
  const listed = await t.db.query<{ person_id: string }>(
    `select person_id from audit_event where action = 'person.listed' and detail->>'page' = 'unallocated' and person_id = any($1::uuid[])`,
    [[friday, thursday, secret, orphan]],
  );
  assert.deepEqual(
    new Set(listed.map((r) => r.person_id)),
    new Set([friday, thursday, orphan]),
    'a name shown is audited; a withheld one is not',
  );

  const tm = await signedIn(t.app, 'tm');
  const page = await tm.get('/unallocated');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Jude Thursday/);
  assert.doesNotMatch(page.body, /Kit Secret/);
  assert.equal((await tm.get('/unallocated?page=abc')).statusCode, 200);
});

test('bulk reallocation moves every chosen child in one transaction, or none', async () => {
  const ids: string[] = [];
  for (const given of ['Mo', 'Nell', 'Otto']) {
    const id = await addChild(t, given, 'Leaver');
    await allocate(t, id, 'sw', 'Assessment Team North');
    ids.push(id);
  }
  const [c1, c2, c3] = ids as [string, string, string];
  const notHers = await addChild(t, 'Pip', 'Otherteam');
  await allocate(t, notHers, 'sw2', 'Child Protection Team');

  // The last child fails after the first three have moved inside the transaction: nothing moves.
  await assert.rejects(
    bulkReallocate(t.db, actor('tm'), {
      from: u('sw'),
      child: [c1, c2, c3, notHers],
      all: u('tm'),
      ...toward(c2, u('sw2')),
    }),
    ConflictError,
  );
  for (const id of ids) {
    const rows = await allocations(id);
    assert.equal(rows.length, 1, 'no allocation ended or started');
    assert.equal(rows[0]!.user_id, u('sw'));
    assert.equal(await auditCount('allocation.change', id), 0);
  }

  await assert.rejects(
    bulkReallocate(t.db, actor('tm'), { from: u('sw'), child: [c1] }),
    (e: unknown) => e instanceof ValidationError && e.errors[0]!.field === 'all',
  );
  await assert.rejects(
    bulkReallocate(t.db, actor('tm'), { from: u('sw'), child: [c1], all: u('sw') }),
    ValidationError,
  );
  await assert.rejects(
    bulkReallocate(t.db, actor('tm'), { from: u('sw'), child: [c1], ...toward(c1, u('teacher')) }),
    (e: unknown) => e instanceof ValidationError && e.errors[0]!.field === `to-${c1}`,
  );

  const tm = await signedIn(t.app, 'tm');
  const form = await tm.get(`/team/reallocate?from=${u('sw')}`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Nell Leaver/);
  assert.equal((await tm.get('/team/reallocate?from=nonsense')).statusCode, 400);
  const res = await tm.post('/team/reallocate', {
    from: u('sw'),
    child: [c1, c2, c3],
    all: u('tm'),
    [`to-${c2}`]: u('sw2'),
    reason: 'Leaving the council',
  });
  assert.equal(res.statusCode, 303);
  const after = await Promise.all(ids.map(allocations));
  assert.deepEqual(
    after.map((rows) => rows.find((r) => !r.ended_at)!.user_id),
    [u('tm'), u('sw2'), u('tm')],
  );
  for (const rows of after) {
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.end_reason, 'Leaving the council');
  }
  assert.equal(
    await countRows(t.db, `audit_event where action = 'allocation.bulk_reallocate' and entity_id = $1`, [
      u('sw'),
    ]),
    1,
  );
  assert.equal((await allocations(notHers))[0]!.user_id, u('sw2'));
});
