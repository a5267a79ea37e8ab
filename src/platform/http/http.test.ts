import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Client, signedIn, testApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(() => t.close());

test('a NUL character in a form is refused with a clear message, not a 500', async () => {
  const c = new Client(t.app);
  await c.get('/sign-in');
  const res = await c.post('/sign-in', { email: 'a\u0000b@example.org', password: 'x' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /control characters/);
});

test('text/plain is refused with 415 on pages and on the API', async () => {
  const page = await t.app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { 'content-type': 'text/plain' },
    payload: 'x',
  });
  assert.equal(page.statusCode, 415);
  assert.match(page.body, /Unsupported content type/);
  const api = await t.app.inject({
    method: 'POST',
    url: '/api/v1/people/00000000-0000-4000-8000-000000000000/chronology',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'a=b',
  });
  assert.equal(api.statusCode, 415);
  assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.equal(JSON.parse(api.body).status, 415);
});

test('malformed JSON and an oversized body get problem documents', async () => {
  const bad = await t.app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: { 'content-type': 'application/json' },
    payload: '{"a":',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(JSON.parse(bad.body).detail, /not valid JSON/);
  const big = await t.app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ x: 'a'.repeat(600 * 1024) }),
  });
  assert.equal(big.statusCode, 413);
});

test('unknown pages answer a GOV.UK 404 page when signed in; anonymous callers learn nothing', async () => {
  const c = await signedIn(t.app, 'sw');
  const page = await c.get('/no-such-page');
  assert.equal(page.statusCode, 404);
  assert.match(page.body, /govuk-heading-l/);
  assert.equal((await t.app.inject({ url: '/no-such-page' })).statusCode, 302);
  const api = await t.app.inject({ url: '/api/v1/no-such-thing' });
  assert.equal(api.statusCode, 401);
  assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
});

test('the OpenAPI document is served and lists the API', async () => {
  const res = await t.app.inject({ url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const doc = JSON.parse(res.body);
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(Object.keys(doc.paths).some((p) => p.startsWith('/api/v1/people')));
});

test('health reports the database', async () => {
  const res = await t.app.inject({ url: '/health' });
  assert.equal(res.statusCode, 200);
  assert.equal(JSON.parse(res.body).status, 'ok');
});
