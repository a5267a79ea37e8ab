import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, testApp, type TestApp } from '../../../test/helpers/app.ts';
import { decryptTotpSecret, totpCode } from '../../platform/auth/totp.ts';
import { startOidcProvider, type TestOidcProvider } from '../../../test/helpers/oidc-provider.ts';

let t: TestApp;
let idp: TestOidcProvider;
before(async () => {
  idp = await startOidcProvider();
  t = await testApp({
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: idp.clientId,
    OIDC_CLIENT_SECRET: idp.clientSecret,
    OIDC_ALLOW_HTTP: 'true',
    MFA_REQUIRED_ROLES: 'dpo',
  });
});
after(async () => {
  await t.close();
  await idp.close();
});

/** Starts at the app, lets the provider answer over real HTTP, and brings the browser back. */
async function throughProvider(c: Client, start = '/sign-in/oidc') {
  const res = await c.get(start);
  assert.equal(res.statusCode, 302);
  const to = String(res.headers.location);
  assert.ok(to.startsWith(`${idp.issuer}/authorize?`), to);
  const answer = await fetch(to, { redirect: 'manual' });
  assert.equal(answer.status, 302);
  const back = new URL(String(answer.headers.get('location')));
  assert.equal(back.origin + back.pathname, 'http://127.0.0.1:3000/sign-in/oidc/callback');
  return { authorize: new URL(to), back, callback: () => c.get(back.pathname + back.search) };
}

async function events(userId: string) {
  const rows = await t.db.query<{ action: string; detail: Record<string, unknown> }>(
    `select action, detail from audit_event where entity_id = $1 order by seq`,
    [userId],
  );
  return rows;
}

test('the sign-in page links to the organisation sign-in', async () => {
  const res = await new Client(t.app).get('/sign-in');
  assert.match(res.body, /href="\/sign-in\/oidc"/);
});

test('first sign-in maps the user by verified email, stores the subject, and signs in', async () => {
  idp.user = { sub: 'entra-sw-1', email: 'Social.Worker@together.example', email_verified: true };
  const c = new Client(t.app);
  await c.get('/sign-in');
  const anonymous = c.cookie;
  const flow = await throughProvider(c, '/sign-in/oidc?next=%2Fpeople');
  const p = flow.authorize.searchParams;
  assert.equal(p.get('code_challenge_method'), 'S256');
  assert.ok(p.get('state') && p.get('nonce') && p.get('code_challenge'));
  assert.equal(p.get('redirect_uri'), 'http://127.0.0.1:3000/sign-in/oidc/callback');
  const done = await flow.callback();
  assert.equal(done.statusCode, 302, done.body);
  assert.equal(done.headers.location, '/people');
  assert.notEqual(c.cookie, anonymous);
  const home = await c.get('/');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /Hannah Price/);
  const [user] = await t.db.query<{ oidc_subject: string }>(
    `select oidc_subject from app_user where id = $1`,
    [t.org.users.sw],
  );
  assert.equal(user?.oidc_subject, 'entra-sw-1');
  const actions = (await events(t.org.users.sw!)).map((e) => e.action);
  assert.deepEqual(actions.slice(-2), ['auth.oidc_linked', 'auth.signed_in']);
  assert.equal((await events(t.org.users.sw!)).at(-1)?.detail.method, 'oidc');
  // Discovery, the token and the provider's keys were fetched over HTTP by the app.
  for (const path of ['/.well-known/openid-configuration', '/authorize', '/token', '/jwks'])
    assert.ok(idp.requests.includes(path), path);
});

test('later sign-ins find the user by subject, even when the email has changed', async () => {
  idp.user = { sub: 'entra-sw-1', email: 'someone.else@elsewhere.example', email_verified: true };
  const c = new Client(t.app);
  const done = await (await throughProvider(c)).callback();
  assert.equal(done.statusCode, 302);
  assert.match((await c.get('/')).body, /Hannah Price/);
});

test('an unknown user is refused with a clear page and no session', async () => {
  idp.user = { sub: 'entra-nobody', email: 'nobody@together.example', email_verified: true };
  const c = new Client(t.app);
  const done = await (await throughProvider(c)).callback();
  assert.equal(done.statusCode, 403);
  assert.match(done.body, /There is no Together account for you/);
  assert.equal((await c.get('/')).statusCode, 302);
});

test('an unverified email does not link an account', async () => {
  idp.user = { sub: 'entra-tm', email: 'team.manager@together.example', email_verified: false };
  const done = await (await throughProvider(new Client(t.app))).callback();
  assert.equal(done.statusCode, 403);
  const [user] = await t.db.query<{ oidc_subject: string | null }>(
    `select oidc_subject from app_user where id = $1`,
    [t.org.users.tm],
  );
  assert.equal(user?.oidc_subject, null);
});

test('an account already linked to another subject is not taken over by email', async () => {
  idp.user = { sub: 'entra-impostor', email: 'social.worker@together.example', email_verified: true };
  const done = await (await throughProvider(new Client(t.app))).callback();
  assert.equal(done.statusCode, 403);
});

test('an inactive user is refused, and the refusal is audited', async () => {
  await t.db.query(`update app_user set active = false where id = $1`, [t.org.users.ehl]);
  idp.user = { sub: 'entra-ehl', email: 'early.help@together.example', email_verified: true };
  const done = await (await throughProvider(new Client(t.app))).callback();
  assert.equal(done.statusCode, 403);
  assert.match(done.body, /Your Together account is not active/);
  const last = (await events(t.org.users.ehl!)).at(-1);
  assert.equal(last?.action, 'auth.oidc_refused');
  await t.db.query(`update app_user set active = true where id = $1`, [t.org.users.ehl]);
});

test('a callback whose state does not match is refused', async () => {
  idp.user = { sub: 'entra-sw-1' };
  const c = new Client(t.app);
  const flow = await throughProvider(c);
  flow.back.searchParams.set('state', 'forged-state');
  const res = await c.get(flow.back.pathname + flow.back.search);
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /Signing in did not finish/);
  assert.equal((await c.get('/')).statusCode, 302);
});

test('a callback cannot be replayed, and one without a started sign-in has expired', async () => {
  idp.user = { sub: 'entra-sw-1' };
  const c = new Client(t.app);
  const flow = await throughProvider(c);
  const stranger = new Client(t.app);
  await stranger.get('/sign-in');
  const other = await stranger.get(flow.back.pathname + flow.back.search);
  assert.equal(other.statusCode, 400);
  assert.match(other.body, /Your sign-in has expired/);
  assert.equal((await flow.callback()).statusCode, 302);
  // The same answer again, on the now signed-in session, finds no checks waiting.
  const again = await c.get(flow.back.pathname + flow.back.search);
  assert.equal(again.statusCode, 400);
});

test('an ID token not signed with the provider’s published key is refused', async () => {
  idp.user = { sub: 'entra-sw-1' };
  idp.signWithUnknownKey = true;
  try {
    const done = await (await throughProvider(new Client(t.app))).callback();
    assert.equal(done.statusCode, 400);
  } finally {
    idp.signWithUnknownKey = false;
  }
});

test('the user cancelling at the provider gives a clear page', async () => {
  idp.user = undefined;
  const done = await (await throughProvider(new Client(t.app))).callback();
  assert.equal(done.statusCode, 400);
  assert.match(done.body, /Signing in did not finish/);
});

test('roles come from Together, and a role that needs two-factor still has to set it up', async () => {
  idp.user = { sub: 'entra-dpo', email: 'dpo@together.example', email_verified: true, roles: ['sysadmin'] };
  const c = new Client(t.app);
  const done = await (await throughProvider(c)).callback();
  assert.equal(done.statusCode, 302);
  assert.equal(done.headers.location, '/sign-in/set-up-two-factor');
  assert.equal((await c.get('/')).statusCode, 302, 'no signed-in page before the second factor');
  const setUp = await c.get('/sign-in/set-up-two-factor');
  assert.equal(setUp.statusCode, 200);
  assert.match(setUp.body, /Your role needs two-factor authentication/);
  const [row] = await t.db.query<{ totp_secret: string }>(`select totp_secret from app_user where id = $1`, [
    t.org.users.dpo,
  ]);
  const secret = decryptTotpSecret(row!.totp_secret, t.config.SESSION_SECRET, t.org.users.dpo!)!;
  const finished = await c.post('/sign-in/set-up-two-factor', { code: totpCode(secret) });
  assert.equal(finished.statusCode, 303);
  const home = await c.get('/');
  assert.match(home.body, /Data protection officer/);
  assert.doesNotMatch(home.body, /System administrator/);
  assert.equal((await events(t.org.users.dpo!)).at(-1)?.detail.method, 'oidc+totp');
});

test('without configuration the organisation sign-in does not exist', async () => {
  const plain = await testApp();
  try {
    assert.equal((await plain.app.inject({ url: '/sign-in/oidc' })).statusCode, 404);
    assert.equal((await plain.app.inject({ url: '/sign-in/oidc/callback?code=x&state=y' })).statusCode, 404);
    assert.doesNotMatch((await plain.app.inject({ url: '/sign-in' })).body, /sign-in\/oidc/);
  } finally {
    await plain.close();
  }
});
