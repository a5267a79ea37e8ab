// The unallocated list as the team manager allocates from it: each child's MASH decision, its RAG
// rating and the clock; immediate protection first, then the soonest due; brothers and sisters on
// one referral together; filters by team and urgency; each worker's caseload against the limit
// on the allocation form; siblings allocated together from one form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { allocate } from '../../../test/helpers/people.ts';
import { insertedId } from '../../../test/helpers/rows.ts';
import { demoActor } from '../../demo/organisation.ts';
import { ValidationError } from '../../platform/errors.ts';
import { teamView, unallocated } from './service.ts';
import { addChild } from './test-fixtures.ts';

let tm: Client;
const ids: Record<string, string> = {};
const TODAY = '2026-03-10'; // a Tuesday

/** One MASH contact (one referral form) deciding for each of its children. */
async function decided(
  rag: 'red' | 'amber' | 'green',
  children: { id: string; decision: string; date: string }[],
  team = 'council:Assessment Team North',
): Promise<string> {
  const { db, org } = t;
  const contact = await insertedId(
    db,
    `insert into contact (partnership_id, status, decision, decided_at, rag) values ($1,'decided',$2,now(),$3) returning id`,
    [org.partnershipId, children[0]!.decision, rag],
  );
  for (const c of children) {
    await db.query(
      `insert into referral (partnership_id, contact_id, person_id, decision, referral_date, received_at, team_id)
       values ($1,$2,$3,$4,$5,$5::date,$6)`,
      [org.partnershipId, contact, c.id, c.decision, c.date, org.teams[team]],
    );
  }
  return contact;
}

const t = useApp(async () => {
  for (const [given, family] of [
    ['Sam', 'Section'],
    ['Stella', 'Strategy'],
    ['Ida', 'Immediate'],
    ['Ann', 'Sibling'],
    ['Bea', 'Sibling'],
    ['Cal', 'Sibling'],
    ['Sol', 'South'],
  ] as const)
    ids[given] = await addChild(t, given, family);
  // A section 17 referral a month ago: the assessment is due 45 working days on, in April.
  await decided('green', [{ id: ids.Sam!, decision: 'section_17', date: '2026-02-09' }]);
  // A strategy discussion decided last week: due the next working day, now overdue.
  await decided('amber', [{ id: ids.Stella!, decision: 'strategy_section_47', date: '2026-03-02' }]);
  // Immediate protection decided today: due tomorrow, yet listed above the overdue strategy discussion.
  await decided('red', [{ id: ids.Ida!, decision: 'immediate_protection', date: TODAY }]);
  // Three siblings on one referral, decided differently: Cal's strategy discussion is the most urgent
  // (due 6 March); Ann and Bea's assessments (due in May) are listed with him, not after Sam's.
  await decided('amber', [
    { id: ids.Ann!, decision: 'section_17', date: '2026-03-05' },
    { id: ids.Bea!, decision: 'section_17', date: '2026-03-05' },
    { id: ids.Cal!, decision: 'strategy_section_47', date: '2026-03-05' },
  ]);
  // Work waiting for another team.
  await decided(
    'green',
    [{ id: ids.Sol!, decision: 'section_17', date: '2026-01-05' }],
    'council:Assessment Team South',
  );
  tm = await signedIn(t.app, 'tm');
});

const names = (list: Awaited<ReturnType<typeof unallocated>>) => list.children.map((c) => c.child.name);

test('immediate protection first, then the soonest due; siblings on one referral listed together', async () => {
  const list = await unallocated(t.db, demoActor(t.org, 'tm'), {}, { today: TODAY });
  const order = names(list);
  // Ann and Bea are due on the same day: either may come first.
  assert.deepEqual(
    [...order.slice(0, 3), ...order.slice(3, 5).sort(), ...order.slice(5)],
    [
      'Ida Immediate',
      'Stella Strategy',
      'Cal Sibling',
      'Ann Sibling',
      'Bea Sibling',
      'Sol South',
      'Sam Section',
    ],
  );
  const ida = list.children[0]!;
  assert.equal(ida.decisionLabel, 'Immediate protection');
  assert.equal(ida.rag, 'red');
  assert.equal(ida.clock?.label, 'Strategy discussion');
  assert.equal(ida.clock?.dueDate, '2026-03-11');
  assert.equal(ida.clock?.due.text, 'Due tomorrow');
  const stella = list.children[1]!;
  assert.equal(stella.clock?.dueDate, '2026-03-03');
  assert.equal(stella.clock?.due.status, 'overdue');
  const sam = list.children.find((c) => c.child.name === 'Sam Section')!;
  assert.equal(sam.clock?.label, 'Single assessment');
  assert.equal(sam.rag, 'green');
  assert.deepEqual(
    list.children.map((c) => c.sibling),
    [false, false, false, true, true, false, false],
  );
});

test('the team page lists the children waiting in the same urgency order, siblings together', async () => {
  const v = await teamView(t.db, demoActor(t.org, 'tm'), { today: TODAY });
  const order = v.queue.map((q) => q.child.name);
  assert.deepEqual(
    [...order.slice(0, 3), ...order.slice(3, 5).sort(), ...order.slice(5)],
    [
      'Ida Immediate',
      'Stella Strategy',
      'Cal Sibling',
      'Ann Sibling',
      'Bea Sibling',
      'Sol South',
      'Sam Section',
    ],
  );
  assert.equal(v.queueTotal, 7);
  const page = await tm.get('/team');
  assert.equal(page.statusCode, 200);
  const at = (name: string) => page.body.indexOf(name);
  assert.ok(
    at('Ida Immediate') > 0 && at('Ida Immediate') < at('Stella Strategy'),
    'immediate protection first',
  );
  assert.ok(at('Stella Strategy') < at('Cal Sibling') && at('Cal Sibling') < at('Sam Section'));
});

test('the page shows the decision, the RAG rating as a tag and the clock in words', async () => {
  const res = await tm.get('/unallocated');
  assert.equal(res.statusCode, 200);
  const row =
    res.body.match(/<tr class="govuk-table__row" data-group[^]*?Ida Immediate[^]*?<\/tr>/)?.[0] ?? '';
  assert.match(row, /Immediate protection/);
  assert.match(row, /govuk-tag--red[^>]*>\s*Red/);
  assert.match(row, /Strategy discussion by/);
  const stella = res.body.match(/<tr[^>]*data-group[^]*?Stella Strategy[^]*?<\/tr>/g)?.at(-1) ?? '';
  assert.match(stella, /Overdue by \d+ working days?/);
  assert.match(stella, /govuk-tag--orange[^>]*>\s*Amber/);
  assert.match(res.body, /Sibling of the child above, same referral/);
});

test('filtered by team and by urgency; the form keeps what was chosen; a team not on the list is refused', async () => {
  const actor = demoActor(t.org, 'tm');
  const south = t.org.teams['council:Assessment Team South']!;
  assert.deepEqual(names(await unallocated(t.db, actor, { team: south }, { today: TODAY })), ['Sol South']);
  assert.deepEqual(
    names(await unallocated(t.db, actor, { urgency: 'strategy_section_47' }, { today: TODAY })),
    ['Stella Strategy', 'Cal Sibling'],
  );
  const res = await tm.get(`/unallocated?team=${south}&urgency=section_17`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Sol South/);
  assert.doesNotMatch(res.body, /Sam Section|Ida Immediate/);
  assert.match(res.body, new RegExp(`value="${south}" selected`));
  assert.match(res.body, /value="section_17" selected/);
  const mash = t.org.teams['council:MASH']!;
  const bad = await tm.get(`/unallocated?team=${mash}&urgency=soon`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /govuk-error-summary/);
  assert.match(bad.body, /href="#urgency"/);
  assert.doesNotMatch(bad.body, /Sol South|Ida Immediate/);
  await assert.rejects(unallocated(t.db, actor, { team: mash }), ValidationError);
});

test('the allocation form shows each worker’s caseload weight and the limit beside their name', async () => {
  const held = await addChild(t, 'Held', 'Already');
  await allocate(t, held, 'sw', 'Assessment Team North');
  const res = await tm.get(`/allocations/${ids.Sam}`);
  assert.equal(res.statusCode, 200);
  // Hannah Price holds one child with no statutory work open (weight 0.5 by default); the limit is 20.
  assert.match(res.body, /Hannah Price – Assessment Team North \(caseload [\d.]+ of \d+, 1 child\)/);
  assert.match(res.body, /Tom Ellery – Child Protection Team \(caseload 0 of \d+, 0 children\)/);
  assert.match(res.body, /the limit is \d+/);
});

test('a team manager allocates siblings on one referral together, from one form', async () => {
  const form = await tm.get(`/allocations/${ids.Ann}`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="siblings" type="checkbox"/);
  assert.match(form.body, /Bea Sibling/);
  assert.match(form.body, /Cal Sibling/);
  assert.doesNotMatch(form.body, /Sam Section/, 'another referral’s child is not a sibling');
  const res = await tm.post(`/allocations/${ids.Ann}`, {
    workerId: t.org.users.sw!,
    siblings: [ids.Bea!, ids.Cal!],
  });
  assert.equal(res.statusCode, 303);
  const rows = await t.db.query<{ person_id: string; user_id: string }>(
    `select person_id, user_id from allocation where person_id = any($1::uuid[]) and ended_at is null`,
    [[ids.Ann, ids.Bea, ids.Cal]],
  );
  assert.equal(rows.length, 3);
  assert.ok(rows.every((r) => r.user_id === t.org.users.sw));
  const waiting = await t.db.query<{ n: number }>(
    `select count(*)::int as n from referral where person_id = any($1::uuid[]) and status = 'awaiting_allocation'`,
    [[ids.Ann, ids.Bea, ids.Cal]],
  );
  assert.equal(waiting[0]!.n, 0);
  // A child who is not a waiting sibling cannot be slipped in: nothing is written.
  const bad = await tm.post(`/allocations/${ids.Stella}`, {
    workerId: t.org.users.sw!,
    siblings: [ids.Sam!],
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#siblings"/);
  const stella = await t.db.query(`select 1 from allocation where person_id = $1`, [ids.Stella]);
  assert.equal(stella.length, 0);
});
