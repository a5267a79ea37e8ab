import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, signedIn, useApp } from '../../../test/helpers/app.ts';
import { decryptTotpSecret, encryptTotpSecret, newTotpSecret, totpCode } from '../../platform/auth/totp.ts';

const t = useApp({ MFA_REQUIRED_ROLES: 'dpo', LOGIN_MAX_FAILURES: '3' });

const STEP = 30_000;
/** The code for now, or a number of 30-second steps away (within the accepted window of one). */
const code = (secret: string, steps = 0) => totpCode(secret, Date.now() + steps * STEP);

async function user(key: string) {
  const id = t.org.users[key]!;
  const [row] = await t.db.query<{ totp_enabled: boolean; totp_secret: string | null; email: string }>(
    `select totp_enabled, totp_secret, email from app_user where id = $1`,
    [id],
  );
  return { id, ...row! };
}

/** Turns two-factor on for a demo user straight in the database; returns the secret. */
async function withTotp(key: string): Promise<string> {
  const id = t.org.users[key]!;
  const secret = newTotpSecret();
  await t.db.query(
    `update app_user set totp_enabled = true, totp_secret = $2, totp_last_step = null where id = $1`,
    [id, encryptTotpSecret(secret, t.config.SESSION_SECRET, id)],
  );
  return secret;
}

async function actions(key: string) {
  const rows = await t.db.query<{ action: string; detail: Record<string, unknown> }>(
    `select action, detail from audit_event where entity_id = $1 order by seq`,
    [t.org.users[key]],
  );
  return rows;
}

async function passwordStep(key: string) {
  const c = new Client(t.app);
  const res = await c.signIn((await user(key)).email);
  // Like a browser, follow to the second step (its form carries the new session's token).
  if (String(res.headers.location).startsWith('/sign-in/')) await c.get(String(res.headers.location));
  return { c, res };
}

test('turning two-factor on from the account page, then signing in with a code', async () => {
  const c = await signedIn(t.app, 'sw2');
  const account = await c.get('/account');
  assert.equal(account.statusCode, 200);
  assert.match(account.body, /Two-factor authentication/);
  assert.match(account.body, /href="\/account\/two-factor\/set-up"/);

  const page = await c.get('/account/two-factor/set-up');
  assert.equal(page.statusCode, 200);
  const shown = /id="secret">([A-Z2-7 ]+)</.exec(page.body)?.[1];
  assert.ok(shown, 'the secret is shown');
  assert.match(shown, /^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/, 'in groups of four');
  const secret = shown.replaceAll(' ', '');
  assert.match(
    page.body,
    new RegExp(
      `otpauth://totp/Together:social.worker2%40together.example\\?issuer=Together&amp;secret=${secret}`,
    ),
  );
  const stored = await user('sw2');
  assert.equal(stored.totp_enabled, false, 'not on until a code confirms it');
  assert.ok(stored.totp_secret && !stored.totp_secret.includes(secret), 'stored encrypted');
  assert.equal(decryptTotpSecret(stored.totp_secret, t.config.SESSION_SECRET, stored.id), secret);
  assert.match(
    (await c.get('/account/two-factor/set-up')).body,
    new RegExp(shown),
    'a reload keeps the secret',
  );

  const wrong = await c.post('/account/two-factor/set-up', { code: code(secret, 5) });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /govuk-error-summary/);
  assert.equal((await user('sw2')).totp_enabled, false);

  const enrolCode = code(secret);
  const on = await c.post('/account/two-factor/set-up', { code: enrolCode });
  assert.equal(on.statusCode, 303);
  assert.equal(on.headers.location, '/account?done=two-factor-on');
  assert.equal((await user('sw2')).totp_enabled, true);
  assert.match((await c.get('/account?done=two-factor-on')).body, /Two-factor authentication is on/);
  assert.equal((await actions('sw2')).at(-1)?.action, 'auth.mfa_enabled');

  // Signing in now needs the code.
  const { c: next, res } = await passwordStep('sw2');
  assert.equal(res.headers.location, '/sign-in/two-factor');
  const pendingCookie = next.cookie;
  assert.equal((await next.get('/')).statusCode, 302);
  assert.equal((await next.get('/sign-in/two-factor')).statusCode, 200);
  const bad = await next.post('/sign-in/two-factor', { code: code(secret, 5) });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /The code is not correct/);
  const replay = await next.post('/sign-in/two-factor', { code: enrolCode });
  assert.equal(replay.statusCode, 400, 'the code used to turn two-factor on cannot sign in');
  const ok = await next.post('/sign-in/two-factor', { code: code(secret, 1) });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, '/');
  assert.notEqual(next.cookie, pendingCookie, 'the session rotates again');
  const home = await next.get('/');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /Tom Ellery · Elmshire County Council · Social worker/);
  const old = await t.app.inject({ url: '/', headers: { cookie: pendingCookie } });
  assert.equal(old.statusCode, 302, 'the pending session is gone');
  const last = (await actions('sw2')).at(-1);
  assert.equal(last?.action, 'auth.signed_in');
  assert.equal(last?.detail.method, 'password+totp');
});

test('a code cannot be used twice', async () => {
  const secret = await withTotp('hv');
  const used = code(secret);
  const first = new Client(t.app);
  await first.get('/sign-in');
  const pw = await first.post('/sign-in', {
    email: 'health.visitor@elmhealth.example',
    password: 'together-demo-only',
    next: '/people?name=x',
  });
  assert.equal(pw.headers.location, '/sign-in/two-factor');
  await first.get('/sign-in/two-factor');
  const signedInNow = await first.post('/sign-in/two-factor', { code: used });
  assert.equal(signedInNow.statusCode, 303);
  assert.equal(signedInNow.headers.location, '/people?name=x', 'the page asked for survives the second step');
  const second = await passwordStep('hv');
  const again = await second.c.post('/sign-in/two-factor', { code: used });
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /already been used/);
  const failed = (await actions('hv')).at(-1);
  assert.equal(failed?.action, 'auth.mfa_failed');
  assert.equal(failed?.detail.replayed, true);
});

test('a bad code is named in the error summary, never a server error', async () => {
  await withTotp('probation');
  const { c } = await passwordStep('probation');
  const cases: [Record<string, string | string[]>, RegExp][] = [
    [{ code: '' }, /Enter the 6-digit code from your authenticator app/],
    [{ code: '   ' }, /Enter the 6-digit code/],
    [{}, /Enter the 6-digit code/],
    [{ code: 'abcdef' }, /The code must only include numbers/],
    [{ code: '12345a' }, /The code must only include numbers/],
    [{ code: '1234567' }, /The code must be 6 numbers/],
    [{ code: '123' }, /The code must be 6 numbers/],
    [{ code: '9'.repeat(5000) }, /The code must be 6 numbers/],
    [{ code: ['123456', '654321'] }, /Enter the 6-digit code/],
    [{ code: '<script>alert(1)</script>' }, /The code must only include numbers/],
  ];
  for (const [form, message] of cases) {
    const res = await c.post('/sign-in/two-factor', form);
    assert.equal(res.statusCode, 400, JSON.stringify(form).slice(0, 40));
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /href="#code"/);
    assert.match(res.body, message);
    assert.doesNotMatch(res.body, /<script>alert/);
  }
  // Malformed input is not a guess: it does not count towards the lockout.
  const [row] = await t.db.query<{ failed_attempts: number }>(
    `select failed_attempts from app_user where id = $1`,
    [t.org.users.probation],
  );
  assert.equal(row?.failed_attempts, 0);
});

test('wrong codes count towards the lockout, and signing in again does not reset them', async () => {
  const secret = await withTotp('teacher');
  const a = await passwordStep('teacher');
  const b = await passwordStep('teacher');
  assert.equal((await a.c.post('/sign-in/two-factor', { code: code(secret, 5) })).statusCode, 400);
  // A fresh password step keeps the count.
  const again = await passwordStep('teacher');
  assert.equal(again.res.headers.location, '/sign-in/two-factor');
  assert.equal((await again.c.post('/sign-in/two-factor', { code: code(secret, 6) })).statusCode, 400);
  const locked = await a.c.post('/sign-in/two-factor', { code: code(secret, 7) });
  assert.equal(locked.statusCode, 400);
  assert.match(locked.body, /This account is locked/);
  assert.match(locked.body, /Sign in to Together/, 'back to the sign-in page');
  assert.equal((await a.c.get('/sign-in/two-factor')).headers.location, '/sign-in');
  // Even the right code on another half-signed-in session is refused now.
  const right = await b.c.post('/sign-in/two-factor', { code: code(secret) });
  assert.equal(right.statusCode, 400);
  assert.equal((await b.c.get('/')).statusCode, 302);
  // And so is the right password.
  const pw = await passwordStep('teacher');
  assert.equal(pw.res.statusCode, 400);
  assert.match(pw.res.body, /locked/);
  const list = (await actions('teacher')).map((e) => e.action);
  assert.deepEqual(
    list.filter((x) => x.startsWith('auth.mfa_failed')),
    ['auth.mfa_failed', 'auth.mfa_failed', 'auth.mfa_failed'],
  );
  assert.ok(list.includes('auth.sign_in_locked'));
});

test('a role that needs two-factor must set it up at first sign-in', async () => {
  const { c, res } = await passwordStep('dpo');
  assert.equal(res.statusCode, 302);
  assert.equal(res.headers.location, '/sign-in/set-up-two-factor');
  for (const url of ['/', '/account', '/people', '/audit/break-glass'])
    assert.equal((await c.get(url)).statusCode, 302, url);
  assert.equal((await c.get('/sign-in/two-factor')).headers.location, '/sign-in', 'not the code step');
  const page = await c.get('/sign-in/set-up-two-factor');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Your role needs two-factor authentication/);
  const empty = await c.post('/sign-in/set-up-two-factor', { code: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /href="#code">Enter the 6-digit code/);
  const secret = /id="secret">([A-Z2-7 ]+)</.exec(page.body)![1]!.replaceAll(' ', '');
  const wrong = await c.post('/sign-in/set-up-two-factor', { code: code(secret, 4) });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /Check you entered the key/);
  const done = await c.post('/sign-in/set-up-two-factor', { code: code(secret) });
  assert.equal(done.statusCode, 303);
  assert.equal(done.headers.location, '/');
  assert.equal((await c.get('/')).statusCode, 200);
  assert.equal((await user('dpo')).totp_enabled, true);
  const list = (await actions('dpo')).map((e) => e.action);
  assert.deepEqual(list.slice(-2), ['auth.mfa_enabled', 'auth.signed_in']);

  // The role keeps it on.
  const account = await c.get('/account');
  assert.match(account.body, /your role needs it/);
  assert.doesNotMatch(account.body, /two-factor\/turn-off/);
  assert.match((await c.get('/account/two-factor/turn-off')).body, /you cannot turn it off/);
  const off = await c.post('/account/two-factor/turn-off', { code: code(secret, 1) });
  assert.equal(off.statusCode, 403);
  assert.equal((await user('dpo')).totp_enabled, true);

  // The next sign-in asks for the code, not for set-up.
  const later = await passwordStep('dpo');
  assert.equal(later.res.headers.location, '/sign-in/two-factor');
});

test('a half-signed-in session reaches no signed-in page and changes nothing', async () => {
  await withTotp('bm');
  const { c } = await passwordStep('bm');
  const walked = t.app.routeTable
    .filter((r) => r.method === 'GET' && !r.public && !r.url.startsWith('/api/'))
    .map((r) => r.url.replace(/:[^/]+/g, '00000000-0000-4000-8000-000000000000'));
  assert.ok(walked.length >= 5, 'the route table lists the signed-in pages');
  for (const url of new Set(['/', '/account', '/account/password', '/people', '/admin', ...walked])) {
    const res = await c.get(url);
    assert.equal(res.statusCode, 302, url);
    assert.match(String(res.headers.location), /^\/sign-in/, url);
  }
  const post = await c.post('/account/password', {
    currentPassword: 'together-demo-only',
    newPassword: 'a brand new long password',
    confirmPassword: 'a brand new long password',
  });
  assert.equal(post.statusCode, 302);
  assert.equal(post.headers.location, '/sign-in');
  const set = await c.post('/account/two-factor/turn-off', { code: '123456' });
  assert.equal(set.headers.location, '/sign-in');
  assert.equal((await user('bm')).totp_enabled, true);
  // The set-up step of sign-in is not open to a session waiting for a code either.
  assert.equal((await c.get('/sign-in/set-up-two-factor')).headers.location, '/sign-in');
  // Nor is either step open to a visitor who has not signed in.
  const anon = new Client(t.app);
  await anon.get('/sign-in');
  assert.equal((await anon.get('/sign-in/two-factor')).headers.location, '/sign-in');
  assert.equal((await anon.post('/sign-in/two-factor', { code: '123456' })).headers.location, '/sign-in');
  // Cancelling ends the half-signed-in session.
  const pending = c.cookie;
  assert.equal((await c.post('/sign-out', {})).statusCode, 302);
  const gone = await t.app.inject({ url: '/sign-in/two-factor', headers: { cookie: pending } });
  assert.equal(gone.headers.location, '/sign-in');
});

test('turning two-factor off needs a current code', async () => {
  const secret = await withTotp('gp');
  const { c } = await passwordStep('gp');
  const signInCode = code(secret);
  assert.equal((await c.post('/sign-in/two-factor', { code: signInCode })).statusCode, 303);
  const page = await c.get('/account/two-factor/turn-off');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /name="code"/);
  const empty = await c.post('/account/two-factor/turn-off', { code: '' });
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /href="#code"/);
  const wrong = await c.post('/account/two-factor/turn-off', { code: code(secret, 6) });
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.body, /The code is not correct/);
  const reused = await c.post('/account/two-factor/turn-off', { code: signInCode });
  assert.equal(reused.statusCode, 400, 'the sign-in code cannot be used again');
  assert.equal((await user('gp')).totp_enabled, true);
  const off = await c.post('/account/two-factor/turn-off', { code: code(secret, 1) });
  assert.equal(off.statusCode, 303);
  assert.equal(off.headers.location, '/account?done=two-factor-off');
  const after = await user('gp');
  assert.equal(after.totp_enabled, false);
  assert.equal(after.totp_secret, null);
  assert.equal((await actions('gp')).at(-1)?.action, 'auth.mfa_disabled');
  const next = await passwordStep('gp');
  assert.equal(next.res.headers.location, '/', 'no code asked any more');
});
