// /api/v1/referrals: one referral per idempotency key, bad input named, the caller's own only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, useApp } from '../../../../test/helpers/app.ts';
import { countRows } from '../../../../test/helpers/rows.ts';
import { nhs } from '../test-support.ts';

let teacher: string;
let gp: string;
let publicToken: string;
const t = useApp(async () => {
  teacher = await apiToken(t, 'teacher');
  gp = await apiToken(t, 'gp');
  publicToken = await apiToken(t, 'public');
});

const referral = (over: Record<string, unknown> = {}) => ({
  children: [
    {
      givenName: 'Ellie',
      familyName: 'Marsh',
      dateOfBirth: '2016-05-04',
      sex: 'female',
      nhsNumber: nhs('943476591'),
    },
  ],
  adults: [
    { givenName: 'Lee', familyName: 'Carter', relationship: 'partner_of_parent', livesWithChild: true },
  ],
  address: { line1: '12 Alder Road', town: 'Elmbridge', postcode: 'el1 2ab' },
  concern: 'Bruising to the arm; Ellie said Lee grabbed her.',
  childSaid: { status: 'said', details: 'Lee grabs me.' },
  immediateRisk: { status: 'no' },
  consent: {
    familyAware: false,
    consent: 'not_sought',
    reason: 'Would put Ellie at risk',
    decidedBy: 'Rachel Turner, DSL',
  },
  referrer: { jobTitle: 'Designated safeguarding lead', phone: '01632 960 001' },
  ...over,
});

function post(token: string | null, body: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    payload: JSON.stringify(body),
  });
}

test('201 with a reference; the same key again makes no second referral; another referral on that key is 409', async () => {
  const first = await post(teacher, referral(), { 'idempotency-key': 'school-mis-0001' });
  assert.equal(first.statusCode, 201, first.body);
  const made = first.json();
  assert.match(made.reference, /^R-\d{4}-\d{6}$/);
  assert.equal(made.status, 'received');
  assert.match(made.decisionDue, /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(first.headers.location, `/api/v1/referrals/${made.id}`);
  const again = await post(teacher, referral(), { 'idempotency-key': 'school-mis-0001' });
  assert.equal(again.statusCode, 201);
  assert.equal(again.json().id, made.id);
  assert.equal(again.headers['idempotent-replayed'], 'true');
  const [a, b] = await Promise.all([
    post(teacher, referral(), { 'idempotency-key': 'school-mis-0002' }),
    post(teacher, referral(), { 'idempotency-key': 'school-mis-0002' }),
  ]);
  assert.equal(a.json().id, b.json().id, 'two at once: one referral');
  const different = await post(teacher, referral({ concern: 'Something else' }), {
    'idempotency-key': 'school-mis-0001',
  });
  assert.equal(different.statusCode, 409);
  assert.equal(different.headers['content-type'], 'application/problem+json; charset=utf-8');
  // A client reference does the same; keys are per user.
  const byRef = await post(teacher, referral({ clientReference: 'CASE-77' }));
  assert.equal(byRef.statusCode, 201);
  assert.equal((await post(teacher, referral({ clientReference: 'CASE-77' }))).json().id, byRef.json().id);
  const otherUser = await post(gp, referral(), { 'idempotency-key': 'school-mis-0001' });
  assert.equal(otherUser.statusCode, 201);
  assert.notEqual(otherUser.json().id, made.id);
  assert.equal(await countRows(t.db, `contact where source = 'api'`), 4);
  const [row] = await t.db.query<{ source_agency_id: string; referrer_user_id: string }>(
    `select source_agency_id, referrer_user_id from contact where id = $1`,
    [made.id],
  );
  assert.equal(row!.source_agency_id, t.org.agencies.school1);
  assert.equal(row!.referrer_user_id, t.org.users.teacher);
});

test('400 names each bad field: no key, a bad NHS number, a missing child, unknown fields, wrong types', async () => {
  const noKey = await post(teacher, referral());
  assert.equal(noKey.statusCode, 400);
  assert.match(noKey.json().errors[0].message, /Idempotency-Key/);
  const badNhs = await post(
    teacher,
    referral({
      children: [
        { givenName: 'Ellie', familyName: 'Marsh', dateOfBirth: '2016-05-04', nhsNumber: '9434765912' },
      ],
    }),
    { 'idempotency-key': 'bad-1' },
  );
  assert.equal(badNhs.statusCode, 400);
  const errors = badNhs.json().errors as { field: string; message: string }[];
  assert.ok(
    errors.some((e) => e.field === 'children-0-nhsNumber' && /check digit/.test(e.message)),
    JSON.stringify(errors),
  );
  const feb = await post(
    teacher,
    referral({ children: [{ familyName: 'Marsh', givenName: 'E', dateOfBirth: '2016-02-31' }] }),
    {
      'idempotency-key': 'bad-2',
    },
  );
  assert.equal(feb.statusCode, 400);
  const none = await post(teacher, referral({ children: [] }), { 'idempotency-key': 'bad-3' });
  assert.equal(none.statusCode, 400);
  const extra = await post(teacher, { ...referral(), admin: true }, { 'idempotency-key': 'bad-4' });
  assert.equal(extra.statusCode, 400);
  const consent = await post(teacher, referral({ consent: { familyAware: true, consent: 'refused' } }), {
    'idempotency-key': 'bad-5',
  });
  assert.equal(consent.statusCode, 400);
  assert.ok((consent.json().errors as { field: string }[]).some((e) => e.field === 'consent-reason'));
  const text = await t.app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { authorization: `Bearer ${teacher}`, 'content-type': 'text/plain' },
    payload: 'hello',
  });
  assert.equal(text.statusCode, 415);
  assert.equal(
    await countRows(t.db, `contact where submission_key like 'api:%:key:bad-%'`),
    0,
    'nothing half-written',
  );
});

test('401 without a token, or for a user who may not use the API', async () => {
  assert.equal((await post(null, referral(), { 'idempotency-key': 'x' })).statusCode, 401);
  assert.equal((await post(publicToken, referral(), { 'idempotency-key': 'x' })).statusCode, 401);
});

test('GET: the caller’s own referrals and outcomes only; anyone else’s is 404 without personal data', async () => {
  const made = (await post(teacher, referral(), { 'idempotency-key': 'read-1' })).json();
  const own = await t.app.inject({
    url: `/api/v1/referrals/${made.id}`,
    headers: { authorization: `Bearer ${teacher}` },
  });
  assert.equal(own.statusCode, 200);
  assert.deepEqual(Object.keys(own.json()).sort(), [
    'decision',
    'decisionDue',
    'id',
    'receivedAt',
    'reference',
    'status',
  ]);
  assert.equal(own.json().decision, null);
  const theirs = await t.app.inject({
    url: `/api/v1/referrals/${made.id}`,
    headers: { authorization: `Bearer ${gp}` },
  });
  assert.equal(theirs.statusCode, 404);
  assert.ok(!theirs.body.includes('Ellie'));
  const list = await t.app.inject({ url: '/api/v1/referrals', headers: { authorization: `Bearer ${gp}` } });
  assert.ok(!list.json().some((r: { id: string }) => r.id === made.id));
  const junk = await t.app.inject({
    url: '/api/v1/referrals/not-a-uuid',
    headers: { authorization: `Bearer ${teacher}` },
  });
  assert.equal(junk.statusCode, 404);
  const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  assert.ok(doc.paths['/api/v1/referrals'].post, 'described in the OpenAPI document');
});
