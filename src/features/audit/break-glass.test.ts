import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../test/helpers/app.ts';
import { insertedId } from '../../../test/helpers/rows.ts';
import { aboutPerson, audit } from '../../platform/audit.ts';
import { actorAt, insertChild } from './test-helpers.ts';

let child: string;
let current: string;
let old: string;

async function breakGlass(
  user: string,
  personId: string,
  reason: string,
  startedAgo: string,
  expiresIn: string,
) {
  return insertedId(
    t.db,
    `insert into break_glass (partnership_id, user_id, person_id, reason, started_at, expires_at)
     values ($1,$2,$3,$4, now() - $5::interval, now() + $6::interval) returning id`,
    [t.org.partnershipId, t.org.users[user], personId, reason, startedAgo, expiresIn],
  );
}

const t = useApp(async () => {
  child = await insertChild(t, 'Fairweather');
  // An old window that ended yesterday: today's looks are not part of it.
  old = await breakGlass('sw', child, 'Old concern', '2 days', '-1 day');
  current = await breakGlass('sw', child, 'Police called about <b>Sam</b>', '1 hour', '3 hours');
  const sw = actorAt(t, 'sw');
  for (const action of ['breakglass.start', 'person.view', 'chronology.read', 'person.view'])
    await audit(t.db, sw, aboutPerson(child, action));
  // Someone else's look in the same window is not the break-glass user's.
  await audit(t.db, actorAt(t, 'tm'), aboutPerson(child, 'person.view'));
});

test('the DPO sees break-glass uses awaiting review with what was looked at in the window', async () => {
  const dpo = await sessionAs(t, 'dpo');
  const res = await dpo.get('/audit/break-glass');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Awaiting review \(2\)/);
  assert.match(res.body, /Hannah Price/);
  assert.match(res.body, /Test Fairweather/);
  assert.match(res.body, /Police called about &lt;b&gt;Sam&lt;\/b&gt;/);
  assert.match(res.body, /Opened the record \(2\)/);
  assert.match(res.body, /Looked at the chronology \(1\)/);
  assert.match(res.body, /Nothing recorded/, 'the old window holds none of today’s looks');
  const listed = await t.db.query(
    `select 1 from audit_event where action = 'audit.break_glass.list' and user_id = $1 and person_id = $2`,
    [t.org.users.dpo, child],
  );
  assert.equal(listed.length, 2, 'the DPO’s look at the list is audited per use shown');
});

test('break-glass reviews are refused for everyone without breakglass.review', async () => {
  for (const key of ['sw', 'tm', 'mashmgr', 'admin', 'scrutineer', 'teacher', 'bm']) {
    const c = await sessionAs(t, key);
    assert.equal((await c.get('/audit/break-glass')).statusCode, 403, key);
    assert.equal((await c.get(`/audit/break-glass/${current}`)).statusCode, 403, key);
    const post = await c.post(`/audit/break-glass/${current}/review`, { outcome: 'appropriate' });
    assert.equal(post.statusCode, 403, key);
  }
  const [row] = await t.db.query<{ reviewed_at: Date | null }>(
    'select reviewed_at from break_glass where id = $1',
    [current],
  );
  assert.equal(row?.reviewed_at, null);
});

test('the review page lists every event in the window; bad input names the field', async () => {
  const dpo = await sessionAs(t, 'dpo');
  const page = await dpo.get(`/audit/break-glass/${current}`);
  assert.equal(page.statusCode, 200);
  assert.equal((page.body.match(/<td class="govuk-table__cell">Opened the record<\/td>/g) ?? []).length, 2);
  assert.ok(!page.body.includes('Grace Mensah'), 'only the break-glass user’s events');
  const none = await dpo.post(`/audit/break-glass/${current}/review`, {});
  assert.equal(none.statusCode, 400);
  assert.match(none.body, /href="#outcome">Select whether the use of break-glass was appropriate/);
  const noNote = await dpo.post(`/audit/break-glass/${current}/review`, {
    outcome: 'inappropriate',
    note: '  ',
  });
  assert.equal(noNote.statusCode, 400);
  assert.match(noNote.body, /href="#note">Say why the use was inappropriate/);
  const long = await dpo.post(`/audit/break-glass/${current}/review`, {
    outcome: 'appropriate',
    note: 'x'.repeat(2001),
  });
  assert.equal(long.statusCode, 400);
  for (const id of ['00000000-0000-4000-8000-000000000000', 'nope']) {
    assert.equal((await dpo.get(`/audit/break-glass/${id}`)).statusCode, 404);
    assert.equal(
      (await dpo.post(`/audit/break-glass/${id}/review`, { outcome: 'appropriate' })).statusCode,
      404,
    );
  }
  const [row] = await t.db.query<{ reviewed_at: Date | null }>(
    'select reviewed_at from break_glass where id = $1',
    [current],
  );
  assert.equal(row?.reviewed_at, null, 'nothing half-written');
});

test('a review records outcome, note, reviewer and time, is audited, and cannot be made twice', async () => {
  const dpo = await sessionAs(t, 'dpo');
  await dpo.get(`/audit/break-glass/${current}`);
  const res = await dpo.post(`/audit/break-glass/${current}/review`, {
    outcome: 'inappropriate',
    note: 'No safeguarding reason <script>x</script>; spoken to the team manager',
  });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/audit/break-glass?done=reviewed');
  const [row] = await t.db.query<{ reviewed_by: string; reviewed_at: Date; review_outcome: string }>(
    'select reviewed_by, reviewed_at, review_outcome from break_glass where id = $1',
    [current],
  );
  assert.equal(row?.reviewed_by, t.org.users.dpo);
  assert.ok(row?.reviewed_at instanceof Date);
  assert.equal(row?.review_outcome, 'inappropriate');
  const [ev] = await t.db.query<{ person_id: string; entity_id: string; detail: { outcome: string } }>(
    `select person_id, entity_id, detail from audit_event where action = 'breakglass.review'`,
  );
  assert.deepEqual([ev?.person_id, ev?.entity_id, ev?.detail.outcome], [child, current, 'inappropriate']);
  const again = await dpo.post(`/audit/break-glass/${current}/review`, { outcome: 'appropriate' });
  assert.equal(again.statusCode, 409);
  const list = await dpo.get('/audit/break-glass?done=reviewed');
  assert.match(list.body, /Review recorded/);
  assert.match(list.body, /Awaiting review \(1\)/);
  assert.match(list.body, /Reviewed in the last 90 days/);
  assert.match(list.body, /Inappropriate/);
  const detail = await dpo.get(`/audit/break-glass/${current}`);
  assert.match(detail.body, /&lt;script&gt;x&lt;\/script&gt;/);
  assert.match(detail.body, /Reviewed by\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Margaret Cole/);
  assert.ok(!detail.body.includes('name="outcome"'), 'no form once reviewed');
  // The old one can be judged appropriate without a note.
  const ok = await dpo.post(`/audit/break-glass/${old}/review`, { outcome: 'appropriate' });
  assert.equal(ok.statusCode, 303);
});
