import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sessionAs, useApp } from '../../../test/helpers/app.ts';
import { actorForApiToken, sha256 } from '../../platform/auth/sessions.ts';
import { auditActions } from './test-helpers.ts';

let admin: Client;
const t = useApp(async () => {
  admin = await sessionAs(t, 'admin');
});

const PASSWORD = 'correct horse battery';
const userForm = (over: Record<string, string | string[]> = {}) => ({
  name: 'Sophie Lang',
  email: 'sophie.lang@kingsmead.example',
  agencyId: t.org.agencies.school1!,
  teamId: t.org.teams['school1:Safeguarding']!,
  roles: ['referrer', 'partner_practitioner'],
  password: PASSWORD,
  ...over,
});

async function userByEmail(email: string) {
  const [row] = await t.db.query<{ id: string; roles: string[]; active: boolean; version: number }>(
    'select id, roles, active, version from app_user where lower(email) = lower($1)',
    [email],
  );
  return row;
}

test('the user list filters by agency and by role', async () => {
  const all = await admin.get('/admin/users');
  assert.equal(all.statusCode, 200);
  assert.match(all.body, /Hannah Price/);
  const police = await admin.get(`/admin/users?agency=${t.org.agencies.police}`);
  assert.match(police.body, /DC Lee Harding/);
  assert.ok(!police.body.includes('Hannah Price'));
  const dpo = await admin.get('/admin/users?role=dpo');
  assert.match(dpo.body, /Margaret Cole/);
  assert.ok(!dpo.body.includes('Hannah Price'));
  const nonsense = await admin.get('/admin/users?agency=xyz&role=<b>&page=-4&q=' + 'a'.repeat(500));
  assert.equal(nonsense.statusCode, 200);
});

test('a user is created with roles and can sign in with the password that was set', async () => {
  const form = await admin.get('/admin/users/new');
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Partner agency practitioner/);
  const res = await admin.post('/admin/users/new', userForm());
  assert.equal(res.statusCode, 303);
  const user = await userByEmail('sophie.lang@kingsmead.example');
  // Partner agency practitioners read records: that role waits for a second administrator.
  assert.deepEqual(user?.roles, ['referrer']);
  assert.deepEqual(await auditActions(t, user!.id), ['admin.user.create']);
  const [change] = await t.db.query<{ id: string }>(
    `select id from role_change where user_id = $1 and status = 'pending'`,
    [user!.id],
  );
  const second = await sessionAs(t, 'admin2');
  assert.equal((await second.post(`/admin/role-changes/${change!.id}/approve`, {})).statusCode, 303);
  assert.deepEqual((await userByEmail('sophie.lang@kingsmead.example'))?.roles, [
    'referrer',
    'partner_practitioner',
  ]);
  const [ev] = await t.db.query<{ detail: string }>(
    `select detail::text from audit_event where entity_id = $1`,
    [user!.id],
  );
  assert.ok(!ev?.detail.includes(PASSWORD), 'the password is not in the audit trail');
  const c = new Client(t.app);
  const signIn = await c.signIn('Sophie.Lang@kingsmead.example', PASSWORD);
  assert.equal(signIn.statusCode, 302);
  const home = await c.get('/');
  assert.match(home.body, /Sophie Lang/);
});

test('bad user input names each field; nothing is written', async () => {
  const count = async () => (await t.db.query('select id from app_user')).length;
  const n = await count();
  const empty = await admin.post('/admin/users/new', { name: '', email: '', agencyId: '', password: '' });
  assert.equal(empty.statusCode, 400);
  for (const field of ['name', 'email', 'agencyId', 'roles', 'password'])
    assert.match(empty.body, new RegExp(`href="#${field}"`), field);
  const short = await admin.post(
    '/admin/users/new',
    userForm({ email: 'x1@kingsmead.example', password: 'short' }),
  );
  assert.match(short.body, /href="#password">Password must be at least 12 characters/);
  const dup = await admin.post('/admin/users/new', userForm({ email: 'SOCIAL.WORKER@together.example' }));
  assert.match(dup.body, /href="#email">An account with this email address already exists/);
  const wrongTeam = await admin.post(
    '/admin/users/new',
    userForm({ email: 'x2@kingsmead.example', teamId: t.org.teams['council:MASH']! }),
  );
  assert.match(wrongTeam.body, /href="#teamId">Select a team of Kingsmead Primary School/);
  const badRole = await admin.post(
    '/admin/users/new',
    userForm({ email: 'x3@kingsmead.example', roles: 'overlord' }),
  );
  assert.match(badRole.body, /href="#roles">Select roles from the list/);
  const badAgency = await admin.post(
    '/admin/users/new',
    userForm({ email: 'x4@kingsmead.example', agencyId: 'nope' }),
  );
  assert.match(badAgency.body, /href="#agencyId">/);
  const html = await admin.post('/admin/users/new', userForm({ email: 'not an email', name: '<b>bold</b>' }));
  assert.equal(html.statusCode, 400);
  assert.match(html.body, /value="&lt;b&gt;bold&lt;\/b&gt;"/);
  assert.ok(!html.body.includes(PASSWORD), 'the password is not sent back');
  assert.equal(await count(), n);
});

test('a user is changed; a stale form is refused; unknown ids answer 404', async () => {
  const user = (await userByEmail('health.visitor@elmhealth.example'))!;
  const form = await admin.get(`/admin/users/${user.id}/edit`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="version" value="1"/);
  const change = {
    name: 'Joanne Fry-Wells',
    email: 'health.visitor@elmhealth.example',
    agencyId: t.org.agencies.community!,
    teamId: t.org.teams['community:School Nursing']!,
    roles: ['partner_practitioner'],
    active: 'yes',
    version: '1',
  };
  const res = await admin.post(`/admin/users/${user.id}/edit`, change);
  assert.equal(res.statusCode, 303);
  const after = await userByEmail('health.visitor@elmhealth.example');
  assert.deepEqual(after?.roles, ['partner_practitioner']);
  assert.equal(after?.version, 2);
  assert.deepEqual(await auditActions(t, user.id), ['admin.user.update']);
  const stale = await admin.post(`/admin/users/${user.id}/edit`, { ...change, name: 'Lost update' });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Someone else changed this account/);
  for (const id of ['00000000-0000-4000-8000-000000000000', 'nope', '1%27']) {
    assert.equal((await admin.get(`/admin/users/${id}`)).statusCode, 404);
    assert.equal((await admin.get(`/admin/users/${id}/tokens`)).statusCode, 404);
    assert.equal((await admin.post(`/admin/users/${id}/unlock`, {})).statusCode, 404);
  }
});

test('deactivating a user ends their sessions and their sign-in', async () => {
  const id = t.org.users.sw2!;
  const c = await sessionAs(t, 'sw2');
  assert.equal((await c.get('/')).statusCode, 200);
  const res = await admin.post(`/admin/users/${id}/edit`, {
    name: 'Tom Ellery',
    email: 'social.worker2@together.example',
    agencyId: t.org.agencies.council!,
    teamId: t.org.teams['council:Child Protection Team']!,
    roles: ['social_worker'],
    active: 'no',
    version: '1',
  });
  assert.equal(res.statusCode, 303);
  const sessions = await t.db.query('select id from user_session where user_id = $1', [id]);
  assert.equal(sessions.length, 0);
  const after = await c.get('/');
  assert.equal(after.statusCode, 302);
  assert.match(String(after.headers.location), /^\/sign-in/);
  assert.deepEqual(await auditActions(t, id), ['admin.user.deactivate']);
});

test('a locked account is shown as locked and unlocked', async () => {
  const id = t.org.users.probation!;
  await t.db.query(
    `update app_user set failed_attempts = 5, locked_until = now() + interval '15 minutes' where id = $1`,
    [id],
  );
  const page = await admin.get(`/admin/users/${id}`);
  assert.match(page.body, /This account is locked/);
  const res = await admin.post(`/admin/users/${id}/unlock`, {});
  assert.equal(res.statusCode, 303);
  const [row] = await t.db.query<{ failed_attempts: number; locked_until: Date | null }>(
    'select failed_attempts, locked_until from app_user where id = $1',
    [id],
  );
  assert.deepEqual(row, { failed_attempts: 0, locked_until: null });
  assert.deepEqual(await auditActions(t, id), ['admin.user.unlock']);
  const c = new Client(t.app);
  assert.equal((await c.signIn('probation@elmprobation.example')).statusCode, 302);
});

test('a new password is set: the old one stops working and other sessions end', async () => {
  const id = t.org.users.public!;
  const c = await sessionAs(t, 'public');
  const short = await admin.post(`/admin/users/${id}/password`, { password: 'too short' });
  assert.equal(short.statusCode, 400);
  assert.match(short.body, /href="#password">Password must be at least 12 characters/);
  const demo = await admin.post(`/admin/users/${id}/password`, { password: 'together-demo-only' });
  assert.equal(demo.statusCode, 400);
  const res = await admin.post(`/admin/users/${id}/password`, { password: 'a much longer secret' });
  assert.equal(res.statusCode, 303);
  assert.equal((await c.get('/')).statusCode, 302, 'the old session ended');
  const old = new Client(t.app);
  assert.equal((await old.signIn('referrer@together.example')).statusCode, 400);
  const fresh = new Client(t.app);
  assert.equal((await fresh.signIn('referrer@together.example', 'a much longer secret')).statusCode, 302);
  assert.equal((await auditActions(t, id))[0], 'admin.user.password_set');
});

test('the last active system administrator cannot be deactivated or lose the role', async () => {
  const id = t.org.users.admin!;
  const other = t.org.users.admin2!;
  const base = {
    name: 'Ian Brooks',
    email: 'admin@together.example',
    agencyId: t.org.agencies.council!,
    teamId: t.org.teams['council:ICT Service']!,
    version: '1',
  };
  const adminTwo = (active: 'yes' | 'no', version: number) => ({
    name: 'Ruth Adeyemi',
    email: 'admin2@together.example',
    agencyId: t.org.agencies.council!,
    teamId: t.org.teams['council:ICT Service']!,
    roles: ['sysadmin'],
    active,
    version: String(version),
  });
  // With the second administrator away, the first is the last one.
  assert.equal((await admin.post(`/admin/users/${other}/edit`, adminTwo('no', 1))).statusCode, 303);
  const off = await admin.post(`/admin/users/${id}/edit`, { ...base, roles: ['sysadmin'], active: 'no' });
  assert.equal(off.statusCode, 400);
  assert.match(off.body, /href="#active">This is the last active system administrator/);
  const demoted = await admin.post(`/admin/users/${id}/edit`, { ...base, roles: ['dpo'], active: 'yes' });
  assert.equal(demoted.statusCode, 400);
  assert.match(demoted.body, /href="#roles">This is the last active system administrator/);
  // With a second administrator, the first may be stepped down (by the other: never by oneself).
  assert.equal((await admin.post(`/admin/users/${other}/edit`, adminTwo('yes', 2))).statusCode, 303);
  const again = await sessionAs(t, 'admin2');
  const down = await again.post(`/admin/users/${id}/edit`, { ...base, roles: ['referrer'], active: 'yes' });
  assert.equal(down.statusCode, 303);
  assert.equal((await admin.get('/admin')).statusCode, 403, 'no longer an administrator');
  const last = await again.post(`/admin/users/${other}/edit`, adminTwo('no', 3));
  assert.equal(last.statusCode, 400);
  // Put things back for the tests that follow.
  await t.db.query(`update app_user set roles = '{sysadmin}', version = 1 where id = $1`, [id]);
});

test('nobody changes their own roles', async () => {
  const id = t.org.users.admin!;
  const [me] = await t.db.query<{ version: number }>('select version from app_user where id = $1', [id]);
  const res = await admin.post(`/admin/users/${id}/edit`, {
    name: 'Ian Brooks',
    email: 'admin@together.example',
    agencyId: t.org.agencies.council!,
    teamId: t.org.teams['council:ICT Service']!,
    roles: ['sysadmin', 'social_worker'],
    active: 'yes',
    version: String(me!.version),
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /href="#roles">You cannot change your own roles/);
  assert.deepEqual((await userByEmail('admin@together.example'))?.roles, ['sysadmin']);
});

test('API tokens: issued once, only the hash stored, used as the user, revoked', async () => {
  const id = t.org.users.teacher!;
  const page = await admin.get(`/admin/users/${id}/tokens`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /No tokens have been issued/);
  const noName = await admin.post(`/admin/users/${id}/tokens`, { name: '' });
  assert.equal(noName.statusCode, 400);
  assert.match(noName.body, /href="#name"/);
  const res = await admin.post(`/admin/users/${id}/tokens`, { name: 'Kingsmead <MIS>' });
  assert.equal(res.statusCode, 200);
  const token = /(tgr_[A-Za-z0-9_-]{43})/.exec(res.body)?.[1];
  assert.ok(token, 'the token is shown once');
  assert.match(res.body, /Kingsmead &lt;MIS&gt;/);
  const [row] = await t.db.query<{ id: string; token_hash: string }>(
    'select id, token_hash from api_token where user_id = $1',
    [id],
  );
  assert.equal(row?.token_hash, sha256(token));
  const stored = await t.db.query(`select 1 from api_token where token_hash = $1 or name = $1`, [token]);
  assert.equal(stored.length, 0, 'the token itself is stored nowhere');
  const list = await admin.get(`/admin/users/${id}/tokens`);
  assert.ok(!list.body.includes(token), 'never shown again');
  assert.match(list.body, /In use/);
  const actor = await actorForApiToken(t.db, token);
  assert.equal(actor?.userId, id);
  const apiCall = await t.app.inject({
    url: '/api/v1/people/00000000-0000-4000-8000-000000000000',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(apiCall.statusCode, 404, 'the API accepts the token (and finds no such person)');
  const revoke = await admin.post(`/admin/users/${id}/tokens/${row!.id}/revoke`, {});
  assert.equal(revoke.statusCode, 303);
  assert.equal(await actorForApiToken(t.db, token), undefined);
  const refused = await t.app.inject({
    url: '/api/v1/people/00000000-0000-4000-8000-000000000000',
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(refused.statusCode, 401);
  assert.deepEqual(await auditActions(t, row!.id), ['admin.token.issue', 'admin.token.revoke']);
});

test('tokens are refused for a user whose roles may not use the API (a member of the public who refers)', async () => {
  const id = t.org.users.public!;
  const page = await admin.get(`/admin/users/${id}/tokens`);
  assert.match(page.body, /None of this account(’|&#39;|')s roles may use the API/);
  const res = await admin.post(`/admin/users/${id}/tokens`, { name: 'Case system' });
  assert.equal(res.statusCode, 400);
  const rows = await t.db.query('select 1 from api_token where user_id = $1', [id]);
  assert.equal(rows.length, 0);
});

test('resetting a lost second factor clears it, ends the sessions and is audited', async () => {
  const id = t.org.users.gp!;
  await t.db.query(
    `update app_user set totp_enabled = true, totp_secret = 'x', totp_last_step = 1 where id = $1`,
    [id],
  );
  await t.db.query(`insert into user_session (id, user_id, csrf_token) values ('gp-session', $1, 'c')`, [id]);
  const page = await admin.get(`/admin/users/${id}`);
  assert.match(page.body, /Reset two-factor authentication/);
  const res = await admin.post(`/admin/users/${id}/reset-two-factor`, {});
  assert.equal(res.statusCode, 303);
  const [row] = await t.db.query<{ totp_enabled: boolean; totp_secret: string | null }>(
    'select totp_enabled, totp_secret from app_user where id = $1',
    [id],
  );
  assert.deepEqual(row, { totp_enabled: false, totp_secret: null });
  assert.equal((await t.db.query('select 1 from user_session where user_id = $1', [id])).length, 0);
  assert.deepEqual(await auditActions(t, id), ['admin.user.reset_two_factor']);
});

test('revoking a token asks first: the list links to a confirmation page, and only its POST revokes', async () => {
  const id = t.org.users.mash!;
  const issued = await admin.post(`/admin/users/${id}/tokens`, { name: 'Case system' });
  const token = /(tgr_[A-Za-z0-9_-]{43})/.exec(issued.body)?.[1];
  assert.ok(token);
  const [row] = await t.db.query<{ id: string }>('select id from api_token where user_id = $1', [id]);
  const confirm = `/admin/users/${id}/tokens/${row!.id}/revoke`;
  const list = await admin.get(`/admin/users/${id}/tokens`);
  assert.ok(list.body.includes(`href="${confirm}"`), 'the list links to the confirmation');
  assert.doesNotMatch(list.body, new RegExp(`<form method="post" action="${confirm}"`));
  const page = await admin.get(confirm);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Are you sure you want to revoke the token Case system\?/);
  assert.ok(page.body.includes(`<form method="post" action="${confirm}"`));
  assert.ok(page.body.includes(`href="/admin/users/${id}/tokens">Cancel`));
  assert.ok(await actorForApiToken(t.db, token), 'opening the page revokes nothing');
  assert.equal((await admin.post(confirm, {})).statusCode, 303);
  assert.equal(await actorForApiToken(t.db, token), undefined);
  assert.equal((await admin.get(confirm)).statusCode, 404, 'a revoked token has nothing to confirm');
  const teacher = await sessionAs(t, 'teacher');
  assert.equal((await teacher.get(confirm)).statusCode, 403);
});
