// Walks every route the app registers with every demo role, against two children nobody in the demo
// has a working relationship with (one of them restricted), and asserts who gets in and that a refusal
// never carries the child's personal data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { Client, signedIn, testApp, type TestApp } from './helpers/app.ts';
import { DEMO_USERS } from '../src/demo/organisation.ts';
import { sha256 } from '../src/platform/auth/sessions.ts';
import { can } from '../src/platform/access/roles.ts';

let t: TestApp;
const clients = new Map<string, Client>();
const tokens = new Map<string, string>();
let unrelated: string;
let restricted: string;
const missing = crypto.randomUUID();

before(async () => {
  t = await testApp();
  const pid = t.org.partnershipId;
  const add = async (given: string, isRestricted: boolean) => {
    const [row] = await t.db.query<{ id: string }>(
      `insert into person (partnership_id, kind, given_name, family_name, date_of_birth, nhs_number, restricted)
       values ($1,'child',$2,'Xyzzy','2016-02-29',$3,$4) returning id`,
      [pid, given, isRestricted ? '9434765870' : '9434765919', isRestricted],
    );
    await t.db.query(
      `insert into person_name (partnership_id, person_id, kind, given_name, family_name, given_norm, family_norm, given_key, family_key)
       values ($1,$2,'current',$3,'Xyzzy',lower($3),'xyzzy',dmetaphone($3),dmetaphone('xyzzy'))`,
      [pid, row!.id, given],
    );
    return row!.id;
  };
  unrelated = await add('Unrelated', false);
  restricted = await add('Restricted', true);
  for (const u of DEMO_USERS) {
    clients.set(u.key, await signedIn(t.app, u.key));
    const token = crypto.randomBytes(24).toString('base64url');
    await t.db.query(
      `insert into api_token (partnership_id, user_id, name, token_hash) values ($1,$2,'matrix',$3)`,
      [pid, t.org.users[u.key], sha256(token)],
    );
    tokens.set(u.key, token);
  }
});
after(() => t.close());

const PERSON_PARAMS = ['id', 'personId'];

function fill(url: string, personId: string): string {
  return url.replace(/:(\w+)/g, (_m, name: string) =>
    PERSON_PARAMS.includes(name) ? personId : crypto.randomUUID(),
  );
}

/** Who may see the unrelated child's data on a route: the scrutineer reads across the partnership,
 * the data protection officer reads who has looked at any record, and practitioners may ask for
 * break-glass. Nobody else. */
function mayRead(key: string, method: string, url: string, personId: string): boolean {
  if (personId === restricted) return key === 'dpo' && url.endsWith('/audit');
  const role = DEMO_USERS.find((u) => u.key === key)!.roles;
  if (url.endsWith('/break-glass')) return can(role, 'breakglass.use');
  if (key === 'scrutineer')
    return method === 'GET' && !url.endsWith('/audit') && !url.includes('/new') && !url.includes('/edit');
  if (key === 'dpo') return method === 'GET' && url.endsWith('/audit');
  return false;
}

test('every person route refuses every role without a relationship, and leaks nothing', async () => {
  const routes = t.app.routeTable.filter(
    (r) => !r.public && /:(id|personId)\b/.test(r.url) && r.url.startsWith('/people'),
  );
  assert.ok(routes.length >= 3, `person routes found: ${routes.map((r) => r.url).join(', ')}`);
  const failures: string[] = [];
  for (const personId of [unrelated, restricted]) {
    for (const r of routes) {
      const url = fill(r.url, personId);
      for (const u of DEMO_USERS) {
        const c = clients.get(u.key)!;
        const res = r.method === 'GET' ? await c.get(url) : await c.post(url, {});
        const where = `${u.key} ${r.method} ${r.url} (${personId === restricted ? 'restricted' : 'unrelated'})`;
        if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode}`);
        if (mayRead(u.key, r.method, r.url, personId)) continue;
        if (![403, 404].includes(res.statusCode))
          failures.push(`${where}: expected 403 or 404, got ${res.statusCode}`);
        if (/Xyzzy|9434765919|9434765870/.test(res.body))
          failures.push(`${where}: personal data in the refusal`);
        // A restricted record must look exactly like one that does not exist.
        if (personId === restricted) {
          const other = fill(r.url, missing);
          const none = r.method === 'GET' ? await c.get(other) : await c.post(other, {});
          if (none.statusCode !== res.statusCode) {
            failures.push(
              `${where}: ${res.statusCode}, but ${none.statusCode} for a record that does not exist`,
            );
          }
        }
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('every API route refuses roles without API permission or relationship, and leaks nothing', async () => {
  const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/'));
  assert.ok(routes.length >= 2, 'API routes found');
  const failures: string[] = [];
  for (const personId of [unrelated, restricted]) {
    for (const r of routes) {
      const url = fill(r.url, personId);
      for (const u of DEMO_USERS) {
        const res = await t.app.inject({
          method: r.method as 'GET',
          url,
          headers: { authorization: `Bearer ${tokens.get(u.key)}`, 'content-type': 'application/json' },
          payload: r.method === 'GET' ? undefined : '{}',
        });
        const where = `${u.key} ${r.method} ${r.url}`;
        if (res.statusCode >= 500) failures.push(`${where}: ${res.statusCode}`);
        if (
          /Xyzzy|9434765919|9434765870/.test(res.body) &&
          !(u.key === 'scrutineer' && personId === unrelated)
        ) {
          failures.push(`${where}: personal data returned`);
        }
      }
      const anonymous = await t.app.inject({ method: r.method as 'GET', url });
      if (anonymous.statusCode !== 401)
        failures.push(`anonymous ${r.method} ${r.url}: expected 401, got ${anonymous.statusCode}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('administration routes are for the system administrator only', async () => {
  const routes = t.app.routeTable.filter((r) => r.url.startsWith('/admin'));
  assert.ok(routes.length >= 3, 'admin routes found');
  const failures: string[] = [];
  for (const r of routes) {
    const url = fill(r.url, crypto.randomUUID());
    for (const u of DEMO_USERS.filter((x) => x.key !== 'admin')) {
      const c = clients.get(u.key)!;
      const res = r.method === 'GET' ? await c.get(url) : await c.post(url, {});
      if (res.statusCode !== 403)
        failures.push(`${u.key} ${r.method} ${r.url}: expected 403, got ${res.statusCode}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('every signed-in route sends an anonymous visitor to sign in, and no route answers 500', async () => {
  const failures: string[] = [];
  for (const r of t.app.routeTable.filter((x) => !x.public && !x.url.startsWith('/api/'))) {
    const url = fill(r.url, unrelated);
    const res = await t.app.inject({ method: r.method as 'GET', url });
    if (r.method === 'GET' && res.statusCode !== 302)
      failures.push(`${r.method} ${r.url}: ${res.statusCode}`);
    if (r.method !== 'GET' && ![302, 403].includes(res.statusCode))
      failures.push(`${r.method} ${r.url}: ${res.statusCode}`);
  }
  assert.deepEqual(failures, []);
});
