import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, useApp } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';
import { makeStranger } from './test-support.ts';

let token: string; // a council practitioner who may use the API and create people
let teacherToken: string;

const t = useApp(async () => {
  await t.db.query(`update app_user set roles = '{social_worker,partner_practitioner}' where id = $1`, [
    t.org.users.sw,
  ]);
  token = await apiToken(t, 'sw');
  teacherToken = await apiToken(t, 'teacher');
});

function call(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  body?: unknown,
  opts: { token?: string; type?: string } = {},
) {
  return t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${opts.token ?? token}`,
      ...(body !== undefined ? { 'content-type': opts.type ?? 'application/json' } : {}),
    },
    payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const person = {
  kind: 'child',
  givenName: 'Noah',
  familyName: 'Pemberton',
  dateOfBirth: '2018-07-21',
  sex: 'male',
  ethnicity: 'MWBC',
  nhsNumber: '298 339 6363',
  upn: 'h243278544154',
  address: { line1: '12 Orchard Way', postcode: 'el3 9xy' },
};

test('POST creates a person (201, camel case, version 1); GET reads it; both audited', async () => {
  const res = await call('POST', '/api/v1/people', person);
  assert.equal(res.statusCode, 201, res.body);
  const body = res.json();
  assert.equal(res.headers.location, `/api/v1/people/${body.id}`);
  assert.equal(body.givenName, 'Noah');
  assert.equal(body.dateOfBirth, '2018-07-21');
  assert.equal(body.nhsNumber, '2983396363');
  assert.equal(body.upn, 'H243278544154');
  assert.equal(body.version, 1);
  assert.equal(body.addresses[0].postcode, 'EL3 9XY');
  assert.equal(body.involvements[0].agencyId, t.org.agencies.council);
  assert.ok(!('given_name' in body));
  const got = await call('GET', `/api/v1/people/${body.id}`);
  assert.equal(got.statusCode, 200);
  assert.equal(got.json().familyName, 'Pemberton');
  assert.equal((await auditRows(t.db, { action: 'person.create', personId: body.id })).length, 1);
  assert.ok((await auditRows(t.db, { action: 'person.view', personId: body.id })).length >= 2);
});

test('PATCH with the version read saves; a stale version answers 409 and changes nothing', async () => {
  const created = (
    await call('POST', '/api/v1/people', { ...person, nhsNumber: null, upn: null, familyName: 'Quill' })
  ).json();
  const ok = await call('PATCH', `/api/v1/people/${created.id}`, { version: 1, givenName: 'Noa' });
  assert.equal(ok.statusCode, 200, ok.body);
  assert.equal(ok.json().version, 2);
  assert.equal(ok.json().givenName, 'Noa');
  const stale = await call('PATCH', `/api/v1/people/${created.id}`, { version: 1, givenName: 'Nate' });
  assert.equal(stale.statusCode, 409);
  assert.match(String(stale.headers['content-type']), /application\/problem\+json/);
  assert.match(stale.json().detail, /changed this record after you opened it/);
  const now = (await call('GET', `/api/v1/people/${created.id}`)).json();
  assert.equal(now.givenName, 'Noa');
  assert.equal(now.version, 2);
  const noVersion = await call('PATCH', `/api/v1/people/${created.id}`, { givenName: 'Nate' });
  assert.equal(noVersion.statusCode, 400);
});

test('GET /api/v1/people searches with typos and a partial date of birth', async () => {
  await call('POST', '/api/v1/people', {
    ...person,
    nhsNumber: null,
    upn: null,
    givenName: 'Isabella',
    familyName: 'Fitzgerald',
    dateOfBirth: '2016-03-02',
  });
  const res = await call('GET', '/api/v1/people?name=Isabela%20Fitzgerlad&dob=2016-03');
  assert.equal(res.statusCode, 200, res.body);
  const { results, more } = res.json();
  assert.equal(more, false);
  assert.equal(results[0].familyName, 'Fitzgerald');
  assert.equal(results[0].canOpen, true);
  assert.equal(results[0].postcodeDistrict, 'EL3');
  const bad = await call('GET', '/api/v1/people?name=x&dob=2016-13');
  assert.equal(bad.statusCode, 400);
  const none = await call('GET', '/api/v1/people');
  assert.equal(none.statusCode, 400);
});

test('bad input answers 400 with a problem naming each field, and writes nothing', async () => {
  const before = await countRows(t.db, 'person');
  const cases: [unknown, string, RegExp][] = [
    [{ ...person, nhsNumber: '9434765918' }, 'nhsNumber', /check digit/],
    [{ ...person, nhsNumber: '12345' }, 'nhsNumber', /10 digits/],
    [{ ...person, upn: 'X428558133462' }, 'upn', /check letter/],
    [{ ...person, dateOfBirth: '2019-02-31' }, 'dateOfBirth', /real date/],
    [{ ...person, dateOfBirth: '2999-01-01' }, 'dateOfBirth', /today or in the past/],
    [{ ...person, familyName: 'x'.repeat(5000) }, 'familyName', /100 characters or fewer/],
    [{ ...person, ethnicity: 'ZZZZ' }, 'ethnicity', /CIN census/],
    [{ ...person, address: { line1: '1 A Road', postcode: 'NOPE' } }, 'address-postcode', /real postcode/],
    [{ ...person, shoeSize: 9 }, 'form', /.+/],
    [
      { ...person, kind: 'adult', unborn: true, dateOfBirth: null, expectedDate: '2026-01-01' },
      'kind',
      /Only a child/,
    ],
  ];
  for (const [body, field, message] of cases) {
    const res = await call('POST', '/api/v1/people', body);
    assert.equal(res.statusCode, 400, `${field}: ${res.body}`);
    const errors = res.json().errors as { field: string; message: string }[];
    const e = errors.find((x) => x.field === field);
    assert.ok(e, `${field} named in ${JSON.stringify(errors)}`);
    assert.match(e.message, message);
  }
  const after = await countRows(t.db, 'person');
  assert.equal(after, before);
});

test('text/plain is refused with 415; malformed JSON with 400', async () => {
  const plain = await call('POST', '/api/v1/people', 'kind=child', { type: 'text/plain' });
  assert.equal(plain.statusCode, 415);
  assert.match(plain.json().detail, /application\/json/);
  const broken = await call('POST', '/api/v1/people', '{"kind":', { type: 'application/json' });
  assert.equal(broken.statusCode, 400);
});

test('a duplicate identifier is a 400 naming the field', async () => {
  const body = { ...person, nhsNumber: '4010232137', upn: null, givenName: 'Dup', familyName: 'Licate' };
  assert.equal((await call('POST', '/api/v1/people', body)).statusCode, 201);
  const again = await call('POST', '/api/v1/people', body);
  assert.equal(again.statusCode, 400);
  assert.equal(again.json().errors[0].field, 'nhsNumber');
});

test('access: 404 for malformed ids, 403 without a relationship with no personal data, 401 without a token', async () => {
  assert.equal((await call('GET', '/api/v1/people/not-a-uuid')).statusCode, 404);
  const id = await makeStranger(t, { given: 'Secret', family: 'Childname' });
  const res = await call('GET', `/api/v1/people/${id}`, undefined, { token: teacherToken });
  assert.equal(res.statusCode, 403);
  assert.doesNotMatch(res.body, /Secret|Childname/);
  const patch = await call(
    'PATCH',
    `/api/v1/people/${id}`,
    { version: 1, givenName: 'X' },
    { token: teacherToken },
  );
  assert.equal(patch.statusCode, 403);
  const create = await call('POST', '/api/v1/people', person, { token: teacherToken });
  assert.equal(create.statusCode, 403, 'a partner practitioner may not create people');
  const anon = await t.app.inject({ method: 'GET', url: '/api/v1/people?name=Smith' });
  assert.equal(anon.statusCode, 401);
});

test('the routes are described in the OpenAPI document', async () => {
  const doc = (await t.app.inject({ url: '/api/openapi.json' })).json();
  assert.ok(doc.paths['/api/v1/people'].get);
  assert.ok(doc.paths['/api/v1/people'].post.requestBody);
  assert.ok(doc.paths['/api/v1/people/{id}'].patch.responses['409']);
});
