// Pages that need a permission only: every demo user opens each, and gets in exactly when the
// documented table gives one of their roles the permission (docs/access.md, read here).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from './helpers/app.ts';
import { exampleUrls } from './helpers/example-urls.ts';
import { readPermissionRoutes, readPermissionTable } from './helpers/access-doc.ts';
import { DEMO_USERS } from '../src/demo/organisation.ts';
import { PERMISSIONS, ROLE_PERMISSIONS, ROLES } from '../src/platform/access/roles.ts';

let examples = new Map<string, string>();
const t = useApp(async () => {
  examples = await exampleUrls(t);
});
const holders = readPermissionTable();
const routes = readPermissionRoutes();

test('every page’s documented permission is one the code has', () => {
  const unknown = routes.flatMap((r) =>
    r.permissions.filter((p) => !holders.has(p)).map((p) => `${r.url}: ${p}`),
  );
  assert.deepEqual(unknown, []);
});

test('the documented permissions are the code’s, role by role', () => {
  assert.deepEqual([...holders.keys()].sort(), [...PERMISSIONS].sort());
  for (const p of PERMISSIONS) {
    assert.deepEqual(
      [...holders.get(p)!].sort(),
      ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(p)).sort(),
      p,
    );
  }
});

test('every partnership page is in the table of pages that need a permission', () => {
  const listed = new Set(routes.map((r) => `${r.method} ${r.url}`));
  const missing = t.app.routeTable
    .filter((r) => r.method === 'GET' && r.url.startsWith('/partnership'))
    .map((r) => `${r.method} ${r.url}`)
    .filter((r) => !listed.has(r));
  assert.deepEqual(missing, []);
});

test('each page opens for exactly the roles the table gives its permission', async () => {
  assert.ok(routes.length >= 9, `${routes.length} pages listed`);
  const failures: string[] = [];
  for (const u of DEMO_USERS) {
    const c = await sessionAs(t, u.key);
    for (const r of routes) {
      const allowed = u.roles.some((role) => r.permissions.some((p) => holders.get(p)?.has(role)));
      // An address with an id opens a record made for it (test/helpers/example-urls.ts); one with
      // no example there is opened by the browser tests only.
      const url = r.url.includes(':') ? examples.get(r.url) : r.url;
      if (!url) continue;
      const res = await c.get(url);
      if (res.statusCode >= 500) failures.push(`${u.key} ${r.url}: ${res.statusCode}`);
      else if (allowed !== (res.statusCode === 200))
        failures.push(
          `${u.key} (${u.roles.join(', ')}) ${r.url}: ${res.statusCode}, expected ${allowed ? 200 : 403}`,
        );
      else if (!allowed && res.statusCode !== 403)
        failures.push(`${u.key} ${r.url}: ${res.statusCode}, not 403`);
    }
  }
  assert.deepEqual(failures, []);
});
