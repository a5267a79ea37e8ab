import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, signedIn, useApp } from '../../../test/helpers/app.ts';

const t = useApp();

const NEW = 'correct horse battery staple';

async function passwordRow(key: string) {
  const [row] = await t.db.query<{ password_hash: string; password_changed_at: Date | null }>(
    `select password_hash, password_changed_at from app_user where id = $1`,
    [t.org.users[key]],
  );
  return row!;
}

test('the account page shows the signed-in user their own account, and needs signing in', async () => {
  const anon = await t.app.inject({ url: '/account' });
  assert.equal(anon.statusCode, 302);
  assert.equal(anon.headers.location, '/sign-in?next=%2Faccount');
  for (const key of ['sw', 'admin', 'public']) {
    const c = await signedIn(t.app, key);
    const res = await c.get('/account');
    assert.equal(res.statusCode, 200, key);
    assert.match(res.body, /<h1 class="govuk-heading-l">Your account<\/h1>/);
    assert.match(res.body, /href="\/account\/password"/);
    assert.match(res.body, /href="\/account\/two-factor\/set-up"/);
  }
});

test('every problem with a new password is named against its field', async () => {
  const c = await signedIn(t.app, 'sw');
  const page = await c.get('/account/password');
  assert.equal(page.statusCode, 200);
  const before = await passwordRow('sw');
  const cases: [Record<string, string | string[]>, string, RegExp][] = [
    [
      { currentPassword: '', newPassword: '', confirmPassword: '' },
      'currentPassword',
      /Enter your current password/,
    ],
    [{ currentPassword: 'x', newPassword: '', confirmPassword: '' }, 'newPassword', /Enter a new password/],
    [
      { currentPassword: 'x', newPassword: 'short', confirmPassword: 'short' },
      'newPassword',
      /at least 12 characters/,
    ],
    [
      { currentPassword: 'x', newPassword: 'together-demo-only', confirmPassword: 'together-demo-only' },
      'newPassword',
      /not a demo password/,
    ],
    [
      { currentPassword: 'x', newPassword: 'y'.repeat(201), confirmPassword: '' },
      'newPassword',
      /200 characters or fewer/,
    ],
    [
      { currentPassword: 'x', newPassword: NEW, confirmPassword: '' },
      'confirmPassword',
      /Enter your new password again/,
    ],
    [
      { currentPassword: 'x', newPassword: NEW, confirmPassword: `${NEW}!` },
      'confirmPassword',
      /do not match/,
    ],
    [
      { currentPassword: ['a', 'b'], newPassword: NEW, confirmPassword: NEW },
      'currentPassword',
      /Enter your current/,
    ],
    [
      { currentPassword: 'z'.repeat(5000), newPassword: NEW, confirmPassword: NEW },
      'currentPassword',
      /not right/,
    ],
  ];
  for (const [form, field, message] of cases) {
    const res = await c.post('/account/password', form);
    assert.equal(res.statusCode, 400, JSON.stringify(form).slice(0, 60));
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, new RegExp(`href="#${field}"`));
    assert.match(res.body, message);
    assert.match(res.body, new RegExp(`id="${field}"`), 'the field the summary links to exists');
  }
  assert.equal((await passwordRow('sw')).password_hash, before.password_hash, 'nothing changed');
});

test('a wrong current password is refused, counted and audited', async () => {
  const c = await signedIn(t.app, 'mash');
  const res = await c.post('/account/password', {
    currentPassword: 'not my password at all',
    newPassword: NEW,
    confirmPassword: NEW,
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /href="#currentPassword">Your current password is not right/);
  const [row] = await t.db.query<{ failed_attempts: number }>(
    `select failed_attempts from app_user where id = $1`,
    [t.org.users.mash],
  );
  assert.equal(row?.failed_attempts, 1);
  const [event] = await t.db.query<{ action: string }>(
    `select action from audit_event where entity_id = $1 order by seq desc limit 1`,
    [t.org.users.mash],
  );
  assert.equal(event?.action, 'auth.password_change_failed');
});

test('changing the password ends the other sessions and rotates this one', async () => {
  const c = await signedIn(t.app, 'police');
  const laptop = await signedIn(t.app, 'police');
  const phone = await signedIn(t.app, 'police');
  await c.get('/account/password');
  const before = c.cookie;
  const res = await c.post('/account/password', {
    currentPassword: 'together-demo-only',
    newPassword: NEW,
    confirmPassword: NEW,
  });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/account?done=password');
  assert.notEqual(c.cookie, before, 'this session rotates');
  const done = await c.get('/account?done=password');
  assert.equal(done.statusCode, 200);
  assert.match(done.body, /Your password has been changed/);
  for (const other of [laptop, phone]) assert.equal((await other.get('/')).statusCode, 302);
  const old = await t.app.inject({ url: '/', headers: { cookie: before } });
  assert.equal(old.statusCode, 302, 'the old id of this session is gone');
  assert.ok((await passwordRow('police')).password_changed_at);

  const withOld = await new Client(t.app).signIn('mash.police@elmpolice.example');
  assert.equal(withOld.statusCode, 400);
  const withNew = await new Client(t.app).signIn('mash.police@elmpolice.example', NEW);
  assert.equal(withNew.statusCode, 302);

  const [event] = await t.db.query<{ action: string; detail: { otherSessionsEnded: number } }>(
    `select action, detail from audit_event where entity_id = $1 and action = 'auth.password_changed'`,
    [t.org.users.police],
  );
  assert.equal(event?.detail.otherSessionsEnded, 2);
});

test('the password form needs its CSRF token', async () => {
  const c = await signedIn(t.app, 'hv');
  const res = await c.post('/account/password', {
    _csrf: 'forged',
    currentPassword: 'together-demo-only',
    newPassword: NEW,
    confirmPassword: NEW,
  });
  assert.equal(res.statusCode, 403);
});
