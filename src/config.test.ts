import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, DEV_SECRET, loadConfig } from './config.ts';

const prod = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'a'.repeat(40),
  PUBLIC_URL: 'https://together.example.org',
};

test('local defaults need nothing set', () => {
  const c = loadConfig({});
  assert.equal(c.PORT, 3000);
  assert.equal(c.TOGETHER_DATA_DIR, './data');
  assert.equal(c.DATABASE_URL, undefined);
  assert.equal(c.production, false);
});

test('production refuses the development secret, demo data and plain http, naming each problem', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production' }),
    (err: Error) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /SESSION_SECRET must be set/);
      assert.match(err.message, /PUBLIC_URL must be an https/);
      return true;
    },
  );
  assert.throws(() => loadConfig({ ...prod, SESSION_SECRET: DEV_SECRET }), /SESSION_SECRET/);
  assert.throws(() => loadConfig({ ...prod, SEED_DEMO: 'true' }), /SEED_DEMO=true is refused/);
  assert.throws(() => loadConfig({ ...prod, OIDC_ALLOW_HTTP: 'true' }), /OIDC_ALLOW_HTTP/);
  assert.throws(() => loadConfig({ ...prod, PUBLIC_URL: 'http://together.example.org' }), /https/);
  const ok = loadConfig(prod);
  assert.equal(ok.production, true);
  assert.deepEqual(ok.MFA_REQUIRED_ROLES, ['sysadmin', 'dpo']);
});

test('bad values are refused with the variable named', () => {
  assert.throws(() => loadConfig({ PORT: 'eighty' }), /PORT/);
  assert.throws(() => loadConfig({ DATABASE_URL: 'not a url' }), /DATABASE_URL/);
  assert.throws(() => loadConfig({ SESSION_SECRET: 'short' }), /SESSION_SECRET/);
  assert.throws(() => loadConfig({ NODE_ENV: 'staging' }), /NODE_ENV/);
});
