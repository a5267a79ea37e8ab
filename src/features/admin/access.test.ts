import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, sessionAs, useApp } from '../../../test/helpers/app.ts';
import { DEMO_USERS } from '../../demo/organisation.ts';

let tokenId: string;
const t = useApp(async () => {
  const [row] = await t.db.query<{ id: string }>(
    `insert into api_token (partnership_id, user_id, name, token_hash) values ($1,$2,'Existing','x') returning id`,
    [t.org.partnershipId, t.org.users.teacher],
  );
  tokenId = row!.id;
});

/** Every administration page and action, with a form that would succeed for an administrator. */
function routes(): { method: 'GET' | 'POST'; url: string; form?: Record<string, string | string[]> }[] {
  const agency = t.org.agencies.police!;
  const team = t.org.teams['police:Public Protection Unit']!;
  const user = t.org.users.teacher!;
  return [
    { method: 'GET', url: '/admin' },
    { method: 'GET', url: '/admin/agencies' },
    { method: 'GET', url: '/admin/agencies/new' },
    {
      method: 'POST',
      url: '/admin/agencies/new',
      form: { name: 'Intruder agency', kind: 'other', partnerType: 'relevant', active: 'yes' },
    },
    { method: 'GET', url: `/admin/agencies/${agency}` },
    { method: 'GET', url: `/admin/agencies/${agency}/edit` },
    {
      method: 'POST',
      url: `/admin/agencies/${agency}/edit`,
      form: { name: 'Renamed', kind: 'police', partnerType: 'statutory', active: 'no' },
    },
    { method: 'GET', url: `/admin/agencies/${agency}/teams/new` },
    { method: 'POST', url: `/admin/agencies/${agency}/teams/new`, form: { name: 'Intruder team' } },
    { method: 'GET', url: `/admin/agencies/${agency}/teams/${team}/edit` },
    {
      method: 'POST',
      url: `/admin/agencies/${agency}/teams/${team}/edit`,
      form: { name: 'Renamed', active: 'no' },
    },
    { method: 'GET', url: '/admin/users' },
    { method: 'GET', url: '/admin/users/new' },
    {
      method: 'POST',
      url: '/admin/users/new',
      form: {
        name: 'Intruder',
        email: 'intruder@together.example',
        agencyId: agency,
        roles: 'sysadmin',
        password: 'a long enough password',
      },
    },
    { method: 'GET', url: `/admin/users/${user}` },
    { method: 'GET', url: `/admin/users/${user}/edit` },
    {
      method: 'POST',
      url: `/admin/users/${user}/edit`,
      form: {
        name: 'Changed',
        email: 'dsl@kingsmead.example',
        agencyId: t.org.agencies.school1!,
        roles: 'sysadmin',
        active: 'yes',
        version: '1',
      },
    },
    { method: 'POST', url: `/admin/users/${user}/unlock`, form: {} },
    { method: 'POST', url: `/admin/users/${user}/reset-two-factor`, form: {} },
    { method: 'GET', url: `/admin/users/${user}/password` },
    { method: 'POST', url: `/admin/users/${user}/password`, form: { password: 'a long enough password' } },
    { method: 'GET', url: `/admin/users/${user}/tokens` },
    { method: 'POST', url: `/admin/users/${user}/tokens`, form: { name: 'Stolen' } },
    { method: 'POST', url: `/admin/users/${user}/tokens/${tokenId}/revoke`, form: {} },
  ];
}

const snapshot = async () =>
  JSON.stringify([
    await t.db.query('select id, name, active from agency order by id'),
    await t.db.query('select id, name, active from team order by id'),
    await t.db.query(
      'select id, display_name, roles, active, password_hash, version from app_user order by id',
    ),
    await t.db.query('select id, revoked_at from api_token order by id'),
    await t.db.query(`select seq from audit_event where action like 'admin.%'`),
  ]);

test('every administration page and action is refused (403) for every role but the administrator', async () => {
  const before = await snapshot();
  const others = DEMO_USERS.filter((u) => !u.roles.includes('sysadmin'));
  assert.ok(others.length >= 16);
  for (const u of others) {
    const c = await sessionAs(t, u.key);
    for (const r of routes()) {
      const res = r.method === 'GET' ? await c.get(r.url) : await c.post(r.url, r.form ?? {});
      assert.equal(res.statusCode, 403, `${u.key} ${r.method} ${r.url}`);
      assert.ok(!res.body.includes('dsl@kingsmead.example'), `${u.key} ${r.url} shows no account data`);
    }
  }
  assert.equal(await snapshot(), before, 'nothing changed');
});

test('the same pages work for the administrator', async () => {
  const admin = await sessionAs(t, 'admin');
  for (const r of routes().filter((x) => x.method === 'GET')) {
    const res = await admin.get(r.url);
    assert.equal(res.statusCode, 200, r.url);
  }
});

test('signed-out visitors are sent to sign in', async () => {
  const c = new Client(t.app);
  for (const r of routes().filter((x) => x.method === 'GET')) {
    const res = await c.get(r.url);
    assert.equal(res.statusCode, 302, r.url);
    assert.match(String(res.headers.location), /^\/sign-in/);
  }
});

test('the navigation shows Administration to the administrator only', async () => {
  const admin = await sessionAs(t, 'admin');
  assert.match((await admin.get('/')).body, /href="\/admin"/);
  const sw = await sessionAs(t, 'sw');
  assert.ok(!(await sw.get('/')).body.includes('href="/admin"'));
});
