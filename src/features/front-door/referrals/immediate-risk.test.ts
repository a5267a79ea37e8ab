// A referral that says a child is at immediate risk: red on arrival, at the top of the MASH queue,
// the referrer told to phone the MASH now (the local setting) or 999, each MASH manager notified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../../test/helpers/app.ts';
import { countRows } from '../../../../test/helpers/rows.ts';
import { fillDraft, startDraft, submit, userLike } from '../test-support.ts';

let secondManager: string;
const t = useApp(async () => {
  secondManager = await userLike(t, 'mashmgr', 'mash.manager2@together.example', 'Second Manager');
});

const AT_RISK = { risks: { status: 'yes', details: 'Lee is at home tonight and threatened to hurt her.' } };

async function referral(immediate: boolean, given: string): Promise<string> {
  const teacher = await sessionAs(t, 'teacher');
  const draft = await startDraft(teacher);
  await fillDraft(teacher, draft, { child: { givenName: given }, over: immediate ? AT_RISK : {} });
  return submit(teacher, draft);
}

test('an immediate-risk referral is red on arrival and heads the MASH queue, before older contacts', async () => {
  const older = await referral(false, 'Waiting');
  const urgent = await referral(true, 'Urgent');
  const [c] = await t.db.query<{ rag: string | null; rag_set_at: Date | null; received_at: Date }>(
    `select rag, rag_set_at, received_at from contact where id = $1`,
    [urgent],
  );
  assert.equal(c!.rag, 'red');
  assert.equal(new Date(c!.rag_set_at!).getTime(), new Date(c!.received_at).getTime());
  const [o] = await t.db.query<{ rag: string | null }>(`select rag from contact where id = $1`, [older]);
  assert.equal(o!.rag, null, 'a referral without immediate risk is not rated on arrival');

  const queue = (await (await sessionAs(t, 'mash')).get('/mash')).body;
  const at = (id: string) => queue.indexOf(`/mash/contacts/${id}"`);
  assert.ok(at(urgent) > 0 && at(older) > 0);
  assert.ok(at(urgent) < at(older), 'the immediate-risk contact comes first although it is newer');
  assert.match(queue, /Immediate risk/);
});

test('the confirmation tells the referrer to phone the MASH now, on the number in the local settings, or 999', async () => {
  const teacher = await sessionAs(t, 'teacher');
  const urgent = await referral(true, 'Phone');
  const page = await teacher.get(`/referrals/${urgent}/confirmation`);
  assert.equal(page.statusCode, 200);
  const warning = /govuk-warning-text__text">([\s\S]*?)<\/strong>\s*<\/div>/.exec(page.body)?.[1] ?? '';
  assert.match(warning, /Phone the MASH now on <strong>01632 960 000<\/strong>/);
  assert.match(warning, /call 999/);

  const admin = await sessionAs(t, 'admin');
  const bad = await admin.post('/admin/front-door', { mashPhone: 'call us' });
  assert.equal(bad.statusCode, 400);
  assert.match(
    bad.body,
    /govuk-error-summary[\s\S]*href="#mashPhone"[^>]*>Enter the MASH phone number, like/,
  );
  const saved = await admin.post('/admin/front-door', { mashPhone: '01632 960 777' });
  assert.equal(saved.statusCode, 303);
  assert.match((await admin.get('/admin/front-door')).body, /value="01632 960 777"/);
  assert.match(
    (await teacher.get(`/referrals/${urgent}/confirmation`)).body,
    /Phone the MASH now on <strong>01632 960 777/,
  );
  assert.equal((await teacher.post('/admin/front-door', { mashPhone: '01632 960 111' })).statusCode, 403);

  const calm = await referral(false, 'Calm');
  const plain = (await teacher.get(`/referrals/${calm}/confirmation`)).body;
  assert.doesNotMatch(plain, /Phone the MASH now/);
  assert.match(plain, /If a child is in immediate danger, call 999/);
});

test('each MASH manager is told of an immediate-risk referral through the outbox, once each, by reference only', async () => {
  const urgent = await referral(true, 'Notified');
  const rows = await t.db.query<{ recipient_user_id: string; subject: string; body: string }>(
    `select recipient_user_id, subject, body from notification_outbox
     where contact_id = $1 and kind = 'referral.immediate_risk' order by recipient_user_id`,
    [urgent],
  );
  assert.deepEqual(rows.map((r) => r.recipient_user_id).sort(), [t.org.users.mashmgr!, secondManager].sort());
  for (const r of rows) {
    assert.match(r.subject, /Immediate risk: referral R-\d{4}-\d{6}/);
    assert.doesNotMatch(r.body, /Notified/, 'no child’s name in a message');
  }
  const calm = await referral(false, 'Quiet');
  assert.equal(
    await countRows(t.db, `notification_outbox where contact_id = $1 and kind = 'referral.immediate_risk'`, [
      calm,
    ]),
    0,
  );
});
