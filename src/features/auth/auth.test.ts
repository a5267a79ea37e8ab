import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, signedIn, useApp } from '../../../test/helpers/app.ts';

const t = useApp({ LOGIN_MAX_FAILURES: '3' });

test('signing in rotates the session and shows who is signed in', async () => {
  const c = new Client(t.app);
  await c.get('/sign-in');
  const before = c.cookie;
  const res = await c.post('/sign-in', {
    email: 'social.worker@together.example',
    password: 'together-demo-only',
  });
  assert.equal(res.statusCode, 302);
  assert.equal(res.headers.location, '/');
  assert.notEqual(c.cookie, before, 'a new session id after sign-in');
  const home = await c.get('/');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /Hannah Price · Elmshire County Council · Social worker/);
  // The old anonymous session is gone.
  const old = await t.app.inject({ url: '/', headers: { cookie: before } });
  assert.equal(old.statusCode, 302);
});

test('a wrong password is refused with one message that does not say which part was wrong', async () => {
  const c = new Client(t.app);
  await c.get('/sign-in');
  const res = await c.post('/sign-in', { email: 'dpo@together.example', password: 'wrong password here' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /govuk-error-summary/);
  assert.match(res.body, /Enter a correct email address and password/);
  const unknown = await c.post('/sign-in', {
    email: 'nobody@together.example',
    password: 'wrong password here',
  });
  assert.match(unknown.body, /Enter a correct email address and password/);
});

test('missing fields are each named in the error summary', async () => {
  const c = new Client(t.app);
  await c.get('/sign-in');
  const res = await c.post('/sign-in', { email: '', password: '' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /href="#email">Enter your email address/);
});

test('the account locks after the configured failures, even for the right password', async () => {
  const c = new Client(t.app);
  await c.get('/sign-in');
  for (let i = 0; i < 3; i++)
    await c.post('/sign-in', { email: 'scrutineer@together.example', password: 'not the password' });
  const res = await c.post('/sign-in', {
    email: 'scrutineer@together.example',
    password: 'together-demo-only',
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /locked/);
  const events = await t.db.query<{ action: string }>(
    `select action from audit_event where entity_id = $1 order by seq`,
    [t.org.users.scrutineer],
  );
  assert.deepEqual(
    events.map((e) => e.action),
    ['auth.sign_in_failed', 'auth.sign_in_failed', 'auth.sign_in_failed', 'auth.sign_in_locked'],
  );
});

test('a form without the CSRF token is refused', async () => {
  const c = await signedIn(t.app, 'sw');
  const res = await c.post('/sign-out', { _csrf: 'forged' });
  assert.equal(res.statusCode, 403);
  assert.match(res.body, /This form has expired/);
});

test('signing out ends the session', async () => {
  const c = await signedIn(t.app, 'tm');
  const cookie = c.cookie;
  const res = await c.post('/sign-out', {});
  assert.equal(res.statusCode, 302);
  const after = await t.app.inject({ url: '/', headers: { cookie } });
  assert.equal(after.statusCode, 302);
  assert.match(String(after.headers.location), /^\/sign-in/);
});

test('an idle session times out', async () => {
  const c = await signedIn(t.app, 'mash');
  await t.db.query(`update user_session set last_seen_at = now() - interval '31 minutes'`);
  const res = await c.get('/');
  assert.equal(res.statusCode, 302);
});

test('pages need a session; the next page survives sign-in, but only on this site', async () => {
  const res = await t.app.inject({ url: '/people?name=x' });
  assert.equal(res.statusCode, 302);
  assert.equal(res.headers.location, '/sign-in?next=%2Fpeople%3Fname%3Dx');
  const c = new Client(t.app);
  await c.get('/sign-in');
  const evil = await c.post('/sign-in', {
    email: 'social.worker@together.example',
    password: 'together-demo-only',
    next: '//evil.example/',
  });
  assert.equal(evil.headers.location, '/');
});
