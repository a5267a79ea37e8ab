// Giving a role that reads child data takes two administrators; taking one away takes one; nobody
// changes their own; every change is listed for the data protection officer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sessionAs, useApp } from '../../../test/helpers/app.ts';

let admin: Client;
let admin2: Client;
const t = useApp(async () => {
  admin = await sessionAs(t, 'admin');
  admin2 = await sessionAs(t, 'admin2');
});

async function rolesOf(key: string): Promise<{ roles: string[]; version: number }> {
  const [row] = await t.db.query<{ roles: string[]; version: number }>(
    'select roles, version from app_user where id = $1',
    [t.org.users[key]],
  );
  return row!;
}

/** The edit form of the demo referrer (Pat Morgan, voluntary agency) with these roles. */
async function editPublic(by: Client, roles: string[]) {
  const { version } = await rolesOf('public');
  return by.post(`/admin/users/${t.org.users.public}/edit`, {
    name: 'Pat Morgan',
    email: 'referrer@together.example',
    agencyId: t.org.agencies.voluntary!,
    teamId: t.org.teams['voluntary:Family Workers']!,
    roles,
    active: 'yes',
    version: String(version),
  });
}

async function pending(): Promise<{ id: string; roles_after: string[] }[]> {
  return t.db.query(`select id, roles_after from role_change where status = 'pending' and user_id = $1`, [
    t.org.users.public,
  ]);
}

test('a role that reads child data waits for a second administrator, who approves it', async () => {
  const res = await editPublic(admin, ['referrer', 'partner_practitioner']);
  assert.equal(res.statusCode, 303);
  assert.match(String(res.headers.location), /done=user-updated-waiting/);
  assert.deepEqual((await rolesOf('public')).roles, ['referrer'], 'not held yet');
  const page = await admin.get(`/admin/users/${t.org.users.public}`);
  assert.match(
    page.body,
    /Waiting for a second administrator.s approval: <strong>Partner agency practitioner/,
  );
  const [change] = await pending();
  assert.ok(change);
  // The administrator who asked may not approve it.
  const list = await admin.get('/admin/role-changes');
  assert.match(list.body, /You asked for this: another administrator decides it/);
  const own = await admin.post(`/admin/role-changes/${change.id}/approve`, {});
  assert.equal(own.statusCode, 409);
  assert.deepEqual((await rolesOf('public')).roles, ['referrer']);
  // The second one may.
  const approved = await admin2.post(`/admin/role-changes/${change.id}/approve`, {});
  assert.equal(approved.statusCode, 303);
  assert.deepEqual((await rolesOf('public')).roles, ['referrer', 'partner_practitioner']);
  assert.equal((await admin2.post(`/admin/role-changes/${change.id}/approve`, {})).statusCode, 409);
  const events = await t.db.query<{ action: string; user_id: string }>(
    `select action, user_id from audit_event where action like 'admin.roles.%' order by seq`,
  );
  assert.deepEqual(events, [
    { action: 'admin.roles.requested', user_id: t.org.users.admin },
    { action: 'admin.roles.approved', user_id: t.org.users.admin2 },
  ]);
});

test('taking a role away applies at once; so does a role that reads nothing', async () => {
  const res = await editPublic(admin, ['referrer']);
  assert.match(String(res.headers.location), /done=user-updated$/);
  assert.deepEqual((await rolesOf('public')).roles, ['referrer']);
  await editPublic(admin, ['referrer', 'business_manager']);
  assert.deepEqual((await rolesOf('public')).roles, ['referrer', 'business_manager']);
  assert.equal((await pending()).length, 0);
});

test('a refused role is never held, and a later request replaces one still waiting', async () => {
  await editPublic(admin, ['referrer', 'social_worker']);
  await editPublic(admin, ['referrer', 'team_manager']);
  const waiting = await pending();
  assert.equal(waiting.length, 1);
  assert.deepEqual([...waiting[0]!.roles_after].sort(), ['referrer', 'team_manager']);
  assert.equal((await admin2.post(`/admin/role-changes/${waiting[0]!.id}/refuse`, {})).statusCode, 303);
  assert.deepEqual((await rolesOf('public')).roles, ['referrer']);
  const [replaced] = await t.db.query<{ note: string }>(
    `select note from role_change where user_id = $1 and 'social_worker' = any(roles_after)`,
    [t.org.users.public],
  );
  assert.equal(replaced!.note, 'Replaced by a later change');
});

test('an administrator cannot make a second account for themselves that reads child data alone', async () => {
  const res = await admin.post('/admin/users/new', {
    name: 'Ian Brooks (casework)',
    email: 'ian.casework@together.example',
    agencyId: t.org.agencies.council!,
    roles: ['social_worker', 'sysadmin'],
    password: 'a long enough password',
  });
  assert.equal(res.statusCode, 303);
  const [row] = await t.db.query<{ roles: string[] }>(
    `select roles from app_user where email = 'ian.casework@together.example'`,
  );
  assert.deepEqual(row!.roles, [], 'both roles wait: administering would let it approve itself');
  const c = new Client(t.app);
  assert.equal((await c.signIn('ian.casework@together.example', 'a long enough password')).statusCode, 302);
  const home = await c.get('/');
  assert.match(home.body, /Your account holds no roles yet/);
  assert.equal((await c.get('/people?name=Marsh')).statusCode, 403);
});

test('the data protection officer sees every change of roles; nobody else does', async () => {
  const dpo = await sessionAs(t, 'dpo');
  const page = await dpo.get('/audit/role-changes');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Approved by Ruth Adeyemi/);
  assert.match(page.body, /Refused by Ruth Adeyemi/);
  assert.match(page.body, /Applied at once/);
  assert.match(page.body, /Waiting for approval/);
  for (const key of ['admin', 'sw', 'bm', 'scrutineer', 'public']) {
    const c = await sessionAs(t, key);
    assert.equal((await c.get('/audit/role-changes')).statusCode, 403, key);
  }
});
