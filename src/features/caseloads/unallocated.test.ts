// The unallocated list over real rows, read through the casework service (no fake source): 55
// referrals awaiting allocation, and children with open episodes and nobody allocated.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { demoActor } from '../../demo/organisation.ts';
import { unallocated } from './service.ts';
import { addChild, addEpisode, addReferral } from './test-fixtures.ts';
import { allocate } from '../../../test/helpers/people.ts';

let tm: Client;
const ids: Record<string, string> = {};

const t = useApp(async () => {
  const pid = t.org.partnershipId;
  for (let n = 1; n <= 55; n++) {
    const child = await addChild(t, 'Queue', String(n).padStart(2, '0'));
    await addReferral(
      t,
      child,
      `2026-0${1 + Math.floor((n - 1) / 28)}-${String(1 + ((n - 1) % 28)).padStart(2, '0')}`,
    );
  }
  // Open work, nobody allocated, and no referral or past worker to date the wait from: listed first.
  ids.Orphan = await addChild(t, 'Olly', 'Orphan');
  await addEpisode(t, ids.Orphan, '2025-12-01');
  // An open episode with its assessment authorised and nothing else open: no open work.
  ids.Quiet = await addChild(t, 'Quin', 'Quiet');
  const episode = await addEpisode(t, ids.Quiet, '2025-11-01');
  await t.db.query(
    `insert into assessment (partnership_id, episode_id, person_id, start_date, status, authorised_date)
     values ($1,$2,$3,'2025-11-02','authorised','2025-12-01')`,
    [pid, episode, ids.Quiet],
  );
  // Open work and a worker: not waiting.
  ids.Held = await addChild(t, 'Hal', 'Held');
  await addEpisode(t, ids.Held, '2025-10-01');
  await allocate(t, ids.Held, 'sw', 'Assessment Team North');
  tm = await signedIn(t.app, 'tm');
});

// The names in the child column, linked or not (a record the manager may not open is not linked).
const names = (body: string) =>
  [
    ...body.matchAll(
      /<tr class="govuk-table__row"[^>]*>\s*<td class="govuk-table__cell">\s*(?:<a [^>]*>)?(\w+ \w+)(?:<\/a>)?\s*(?:<br>|<\/td>)/g,
    ),
  ].map((m) => m[1]);

test('open work with nobody allocated is listed; an open episode with no open work is not', async () => {
  const list = await unallocated(t.db, demoActor(t.org, 'tm'), 1);
  assert.equal(list.total, 56);
  assert.equal(list.pages, 2);
  assert.deepEqual(
    [list.children[0]!.child.name, list.children[0]!.reason, list.children[0]!.since],
    ['Olly Orphan', 'open_work', null],
  );
  const all = [...list.children, ...(await unallocated(t.db, demoActor(t.org, 'tm'), 2)).children];
  const shown = all.map((c) => c.child.personId);
  assert.ok(!shown.includes(ids.Quiet!));
  assert.ok(!shown.includes(ids.Held!));
});

test('50 a page with GOV.UK pagination; a page past the end shows the last; only shown names audited', async () => {
  const first = await tm.get('/unallocated');
  assert.equal(first.statusCode, 200);
  assert.match(first.body, /56 children are/);
  assert.match(first.body, /Page 1 of 2/);
  assert.equal(names(first.body).length, 50);
  assert.match(first.body, /govuk-pagination/);
  assert.match(first.body, /href="\/unallocated\?page=2"/);
  const second = await tm.get('/unallocated?page=2');
  assert.match(second.body, /Page 2 of 2/);
  assert.deepEqual(names(second.body), [
    'Queue 50',
    'Queue 51',
    'Queue 52',
    'Queue 53',
    'Queue 54',
    'Queue 55',
  ]);
  const past = await tm.get('/unallocated?page=9');
  assert.equal(past.statusCode, 200);
  assert.match(past.body, /Page 2 of 2/);
  const listed = await t.db.query<{ person_id: string }>(
    `select distinct person_id from audit_event
     where action = 'person.listed' and detail->>'page' = 'unallocated' and user_id = $1`,
    [t.org.users.tm],
  );
  const audited = listed.map((r) => r.person_id);
  assert.equal(audited.length, 56, 'the children the pages showed');
  assert.ok(!audited.includes(ids.Quiet!) && !audited.includes(ids.Held!));
});

test('a child waiting for no team of the manager’s is named, not linked to a record they may not open', async () => {
  const child = await addChild(t, 'Nolink', 'Elsewhere');
  // Waiting, with no team chosen: no working relationship opens the record to the team manager.
  await addReferral(t, child, '2020-01-02');
  const tm = await signedIn(t.app, 'tm');
  const page = await tm.get('/unallocated');
  assert.match(page.body, /Nolink Elsewhere/);
  assert.ok(!page.body.includes(`href="/people/${child}"`), 'no link to a record that answers 403');
  assert.equal((await tm.get(`/people/${child}`)).statusCode, 403);
  assert.ok(page.body.includes(`href="/allocations/${child}"`), 'the manager may still allocate the child');
});
