import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, Client, signedIn, useApp } from '../../../test/helpers/app.ts';

const t = useApp();

/** A POST with a body of this content type as it is, with no session. */
const postRaw = (url: string, type: string, payload: string) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': type }, payload });

test('a NUL character in a form is refused with a clear message, not a 500', async () => {
  const c = new Client(t.app);
  await c.get('/sign-in');
  const res = await c.post('/sign-in', { email: 'a\u0000b@example.org', password: 'x' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /control characters/);
});

test('NUL, control characters and bytes that are not UTF-8 in a query string: 400, never a 500', async () => {
  const c = await signedIn(t.app, 'sw');
  const token = await apiToken(t, 'sw');
  const bad = ['a%00b', '%00', 'a%1Fb', '%FF', '%C3%28', 'a%E2%82'];
  // Every field of the person search, on the page and on the API.
  const pageFields = ['name', 'identifier', 'postcode', 'dob-day', 'dob-month', 'dob-year'];
  const apiFields = ['name', 'identifier', 'postcode', 'dob'];
  for (const value of bad) {
    for (const field of pageFields) {
      const res = await c.get(`/people?${field}=${value}`);
      assert.equal(res.statusCode, 400, `page ${field}=${value}`);
      assert.match(res.body, /govuk-heading-l/);
      assert.match(res.body, /characters this service cannot read/);
    }
    for (const field of apiFields) {
      const res = await t.app.inject({
        url: `/api/v1/people?${field}=${value}`,
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(res.statusCode, 400, `api ${field}=${value}`);
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
    }
  }
  // One place: every page and API route refuses it, before its own code runs.
  const failures: string[] = [];
  for (const r of t.app.routeTable.filter((x) => x.method === 'GET')) {
    const url = `${r.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000')}?q=a%00b`;
    const res = r.url.startsWith('/api/')
      ? await t.app.inject({ url, headers: { authorization: `Bearer ${token}` } })
      : await c.get(url);
    if (res.statusCode !== 400) failures.push(`${r.url}: ${res.statusCode}`);
  }
  assert.deepEqual(failures, []);
  // Ordinary text, accents and all, still passes.
  assert.equal((await c.get('/people?name=Zo%C3%AB+O%E2%80%99Brien')).statusCode, 200);
});

test('a form body with bytes that are not UTF-8 is refused, not stored as replacement characters', async () => {
  const c = new Client(t.app);
  await c.get('/sign-in');
  const res = await t.app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: c.cookie },
    payload: `_csrf=${c.csrf}&email=a%FFb%40example.org&password=x`,
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /characters this service cannot read/);
});

test('text/plain is refused with 415 on pages and on the API', async () => {
  const page = await postRaw('/sign-in', 'text/plain', 'x');
  assert.equal(page.statusCode, 415);
  assert.match(page.body, /Unsupported content type/);
  const api = await postRaw(
    '/api/v1/people/00000000-0000-4000-8000-000000000000/chronology',
    'application/x-www-form-urlencoded',
    'a=b',
  );
  assert.equal(api.statusCode, 415);
  assert.equal(api.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.equal(JSON.parse(api.body).status, 415);
});

test('malformed JSON and an oversized body get problem documents', async () => {
  const bad = await postRaw('/api/v1/people', 'application/json', '{"a":');
  assert.equal(bad.statusCode, 400);
  assert.match(JSON.parse(bad.body).detail, /not valid JSON/);
  const big = await postRaw(
    '/api/v1/people',
    'application/json',
    JSON.stringify({ x: 'a'.repeat(600 * 1024) }),
  );
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
