import { test } from 'node:test';
import assert from 'node:assert/strict';
import { apiToken, signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { allocate, involve } from '../../../test/helpers/people.ts';
import { auditRows } from '../../../test/helpers/rows.ts';
import { londonToday } from '../../platform/dates.ts';
import { countEntries, makeChild } from './test-fixtures.ts';

let child: string;
let stranger: string;
let teacher: Client;
let sw: Client;
let gp: Client;
let token: string;

const form = (over: Record<string, string> = {}) => ({
  'occurredOn-day': '4',
  'occurredOn-month': '3',
  'occurredOn-year': '2024',
  category: 'school_attendance',
  summary: 'Absent without explanation',
  detail: '',
  significance: 'medium',
  visibility: 'partnership',
  ...over,
});

/** Posts the new entry form about the child as a signed-in user; `over` changes its answers. */
const addAs = (c: Client, over: Record<string, string> = {}) =>
  c.post(`/people/${child}/chronology/new`, form(over));

async function csvAs(c: Client, query = '') {
  const res = await c.get(`/people/${child}/chronology.csv${query}`);
  assert.equal(res.statusCode, 200, res.body.slice(0, 300));
  return res;
}

const t = useApp(async () => {
  child = await makeChild(t, 'Ellie', 'Marsh');
  stranger = await makeChild(t, 'Noah', 'Fenwick');
  await involve(t, child, 'school1');
  await involve(t, child, 'gp');
  await allocate(t, child, 'sw');
  [teacher, sw, gp] = await Promise.all([
    signedIn(t.app, 'teacher'),
    signedIn(t.app, 'sw'),
    signedIn(t.app, 'gp'),
  ]);
  token = await apiToken(t, 'teacher');
});

test('a partner agency with an open involvement adds an entry: redirect to the record with ?added=1', async () => {
  const page = await teacher.get(`/people/${child}/chronology/new`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Ellie Marsh/);
  assert.match(page.body, /Kingsmead Primary School/);
  const res = await addAs(teacher, {
    summary: '<script>alert(1)</script> said "=1+1"',
    detail: 'Told the class teacher.',
  });
  assert.equal(res.statusCode, 303, res.body.slice(0, 500));
  assert.equal(res.headers.location, `/people/${child}?added=1#chronology`);
  const [row] = await t.db.query<Record<string, unknown>>(
    `select source_agency_id, recorded_by, summary, detail, origin, occurred_on from chronology_entry where person_id = $1`,
    [child],
  );
  assert.equal(row!.source_agency_id, t.org.agencies.school1);
  assert.equal(row!.recorded_by, t.org.users.teacher);
  assert.equal(row!.summary, '<script>alert(1)</script> said "=1+1"', 'stored as typed');
  assert.equal(row!.occurred_on, '2024-03-04');
  assert.equal(row!.origin, 'agency');
  const actions = (await auditRows(t.db, { personId: child })).map((a) => a.action);
  assert.ok(actions.includes('chronology.form_viewed'));
  assert.ok(actions.includes('chronology.add'));
});

test('bad input re-renders with the error summary and writes nothing', async () => {
  const before = await countEntries(t, child);
  const cases: [Record<string, string>, RegExp][] = [
    [
      { 'occurredOn-day': '31', 'occurredOn-month': '2' },
      /href="#occurredOn-day">The date it happened must be a real date/,
    ],
    [{ 'occurredOn-year': String(Number(londonToday().slice(0, 4)) + 1) }, /must be today or in the past/],
    [{ 'occurredOn-year': '1899' }, /must be after 1 January 1900/],
    [{ category: 'gossip' }, /href="#category">Select a category/],
    [{ summary: 'x'.repeat(201) }, /href="#summary">Summary must be 200 characters or fewer/],
    [{ summary: '' }, /href="#summary">Enter a summary of what happened/],
    [{ detail: 'x'.repeat(10_001) }, /href="#detail">Detail must be 10,000 characters or fewer/],
    [{ significance: '' }, /href="#significance">Select how significant this is/],
    [{ visibility: 'everyone' }, /href="#visibility">Select who can see this entry/],
  ];
  for (const [over, message] of cases) {
    const res = await addAs(teacher, { ...over, summary: over.summary ?? '<b>kept</b>' });
    assert.equal(res.statusCode, 400, JSON.stringify(over));
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, message);
  }
  const noVisibility = await addAs(teacher, { visibility: '' });
  assert.ok(
    !/value="partnership" checked/.test(noVisibility.body),
    'no choice made for the user on a re-render',
  );
  // What was typed comes back, escaped.
  const res = await addAs(teacher, { category: 'gossip', summary: '<b>kept</b>' });
  assert.match(res.body, /value="&lt;b&gt;kept&lt;\/b&gt;"/);
  assert.equal(await countEntries(t, child), before);
});

test('who may add: refused without a relationship, without the permission, and for malformed ids', async () => {
  const scrutineer = await signedIn(t.app, 'scrutineer');
  assert.equal(
    (await scrutineer.get(`/people/${child}/chronology/new`)).statusCode,
    403,
    'reads, never writes',
  );
  assert.equal((await addAs(scrutineer)).statusCode, 403);
  const stray = await teacher.get(`/people/${stranger}/chronology/new`);
  assert.equal(stray.statusCode, 403, 'no involvement: break-glass offer');
  assert.ok(!stray.body.includes('Noah'), 'no personal data in the refusal');
  assert.equal((await teacher.post(`/people/${stranger}/chronology/new`, form())).statusCode, 403);
  const bad = await teacher.post(`/people/${stranger}/chronology/new`, form({ category: 'gossip' }));
  assert.equal(bad.statusCode, 403, 'bad input to a record you cannot see is still refused');
  const admin = await signedIn(t.app, 'admin');
  assert.equal((await admin.get(`/people/${child}/chronology/new`)).statusCode, 404);
  for (const url of [
    '/people/not-a-uuid/chronology/new',
    '/people/not-a-uuid/chronology.csv',
    '/people/not-a-uuid/chronology.pdf',
  ]) {
    assert.equal((await teacher.get(url)).statusCode, 404, url);
  }
  assert.equal((await teacher.post('/people/not-a-uuid/chronology/new', form())).statusCode, 404);
  assert.equal(await countEntries(t, stranger), 0);
});

test('visibility in exports: agency-only and MASH-and-allocated entries reach only those allowed', async () => {
  await addAs(gp, { summary: 'GP confidential', visibility: 'agency', category: 'health' });
  await addAs(gp, {
    summary: 'Police intelligence shared',
    visibility: 'mash_and_allocated',
    category: 'police_incident',
    significance: 'high',
  });
  const asTeacher = (await csvAs(teacher)).body;
  const asSw = (await csvAs(sw)).body;
  const asGp = (await csvAs(gp)).body;
  assert.ok(!asTeacher.includes('GP confidential') && !asSw.includes('GP confidential'));
  assert.ok(asGp.includes('GP confidential'));
  assert.ok(asSw.includes('Police intelligence shared'), 'allocated worker');
  assert.ok(asGp.includes('Police intelligence shared'), 'recording agency');
  assert.ok(!asTeacher.includes('Police intelligence shared'), 'not a school');
});

test('CSV: BOM, header, filters, formula escaping, dated file name, audited with filters and count', async () => {
  await addAs(teacher, { summary: '@SUM(A1)', detail: '-2+3, "quoted"\nsecond line', category: 'injury' });
  await addAs(teacher, { summary: '+44 7700 900123', category: 'injury', significance: 'low' });
  const res = await csvAs(teacher, '?category=injury');
  assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
  assert.equal(
    res.headers['content-disposition'],
    `attachment; filename="chronology-${child.slice(0, 8)}-${londonToday()}.csv"`,
  );
  assert.equal(res.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM');
  const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
  assert.equal(
    lines[0],
    'Date it happened,Recorded,Recorded by,Agency,Category,Significance,Who can see it,Summary,Detail,Origin',
  );
  assert.equal(lines.filter((l) => l.includes(',Injury,')).length, 2);
  assert.ok(!res.body.includes('Absent without explanation'), 'filtered by category');
  assert.match(res.body, /,'@SUM\(A1\),"'-2\+3, ""quoted""\nsecond line",Agency/);
  assert.match(res.body, /,'\+44 7700 900123,,Agency/);
  assert.ok(!/,[=+\-@]/.test(res.body.replace(/,-?\d{4}-/g, '')), 'no cell starts with a formula character');
  const low = await csvAs(teacher, '?category=injury&significance=low');
  assert.equal(low.body.split('\r\n').filter((l) => l.includes(',Injury,')).length, 1);
  const exports = (await auditRows(t.db, { personId: child })).filter(
    (a) => a.action === 'chronology.export',
  );
  const last = exports.at(-1)!;
  assert.deepEqual(last.detail.filters, { category: 'injury', significance: 'low' });
  assert.equal(last.detail.count, 1);
  assert.equal(last.detail.format, 'csv');
});

test('PDF: a real PDF with the same filters, audited', async () => {
  const res = await teacher.get(
    `/people/${child}/chronology.pdf?agency=${t.org.agencies.school1}&category=nonsense`,
  );
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/pdf');
  assert.equal(res.rawPayload.subarray(0, 5).toString(), '%PDF-');
  assert.match(String(res.headers['content-disposition']), /chronology-.*\.pdf"$/);
  const last = (await auditRows(t.db, { personId: child }))
    .filter((a) => a.action === 'chronology.export')
    .at(-1)!;
  assert.equal(last.detail.format, 'pdf');
  assert.deepEqual(last.detail.filters, { agencyId: t.org.agencies.school1 }, 'unknown category dropped');
  const refused = await teacher.get(`/people/${stranger}/chronology.pdf`);
  assert.equal(refused.statusCode, 403);
});

const api = (method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

const apiEntry = (over: Record<string, unknown> = {}) => ({
  occurredOn: '2024-05-06',
  category: 'education',
  significance: 'low',
  visibility: 'partnership',
  summary: 'Reading support started',
  ...over,
});

test('API: POST answers 201 with the entry; GET lists with filters and is audited', async () => {
  const res = await api(
    'POST',
    `/api/v1/people/${child}/chronology`,
    apiEntry({ detail: '<i>as typed</i>' }),
  );
  assert.equal(res.statusCode, 201, res.body);
  const e = res.json();
  assert.equal(e.summary, 'Reading support started');
  assert.equal(e.detail, '<i>as typed</i>');
  assert.equal(e.sourceAgencyId, t.org.agencies.school1);
  assert.equal(e.occurredOn, '2024-05-06');
  const list = await api('GET', `/api/v1/people/${child}/chronology?category=education`);
  assert.equal(list.statusCode, 200);
  const body = list.json();
  assert.deepEqual(
    body.entries.map((x: { id: string }) => x.id),
    [e.id],
  );
  assert.ok(body.agencies.some((a: { id: string }) => a.id === t.org.agencies.school1));
  const read = (await auditRows(t.db, { personId: child }))
    .filter((a) => a.action === 'chronology.read')
    .at(-1)!;
  assert.deepEqual(read.detail.filters, { category: 'education' });
  assert.equal(read.detail.count, 1);
});

test('API: bad input answers 400 problem documents; refusals 403/404; wrong content type 415', async () => {
  const before = await countEntries(t, child);
  const url = `/api/v1/people/${child}/chronology`;
  const bad: [Record<string, unknown>, string][] = [
    [{ occurredOn: '2024-02-31' }, 'occurredOn'],
    [{ occurredOn: '31/01/2024' }, 'occurredOn'],
    [{ occurredOn: `${Number(londonToday().slice(0, 4)) + 1}-01-01` }, 'occurredOn'],
    [{ category: 'gossip' }, 'category'],
    [{ summary: 'x'.repeat(201) }, 'summary'],
    [{ detail: 'x'.repeat(10_001) }, 'detail'],
    [{ visibility: undefined }, 'visibility'],
  ];
  for (const [over, field] of bad) {
    const res = await api('POST', url, apiEntry(over));
    assert.equal(res.statusCode, 400, JSON.stringify(over));
    assert.match(String(res.headers['content-type']), /application\/problem\+json/);
    assert.ok(
      res.json().errors.some((x: { field: string }) => x.field === field),
      res.body,
    );
  }
  assert.equal((await api('GET', `${url}?category=gossip`)).statusCode, 400);
  assert.equal((await api('POST', url, '{"occurredOn":')).statusCode, 400);
  const plain = await api('POST', url, 'hello', { 'content-type': 'text/plain' });
  assert.equal(plain.statusCode, 415);
  const formPost = await api('POST', url, 'summary=x', {
    'content-type': 'application/x-www-form-urlencoded',
  });
  assert.equal(formPost.statusCode, 415);
  assert.equal(await countEntries(t, child), before);

  assert.equal((await api('POST', `/api/v1/people/${stranger}/chronology`, apiEntry())).statusCode, 403);
  assert.equal((await api('GET', `/api/v1/people/${stranger}/chronology`)).statusCode, 403);
  assert.equal((await api('GET', '/api/v1/people/not-a-uuid/chronology')).statusCode, 404);
  assert.equal((await api('POST', '/api/v1/people/not-a-uuid/chronology', apiEntry())).statusCode, 404);
  assert.equal(
    (await api('GET', '/api/v1/people/00000000-0000-4000-8000-000000000000/chronology')).statusCode,
    404,
  );
  const anon = await t.app.inject({ method: 'GET', url });
  assert.equal(anon.statusCode, 401);
  assert.equal(await countEntries(t, stranger), 0);
});

test('the OpenAPI document describes both chronology routes', async () => {
  const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(res.statusCode, 200);
  const path = res.json().paths['/api/v1/people/{id}/chronology'];
  assert.ok(path.get && path.post);
  assert.ok(path.get.parameters.some((p: { name: string }) => p.name === 'category'));
});
