import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp } from '../../../test/helpers/app.ts';
import { allocate, indexPerson, insertPerson, involve } from '../../../test/helpers/people.ts';
import { auditCount } from '../../../test/helpers/rows.ts';

let childId: string;
const t = useApp(async () => {
  childId = await insertPerson(t, { given: 'Zara', family: 'Quill', dob: '2015-06-01' });
  await allocate(t, childId, 'sw');
  await involve(t, childId, 'school1', { role: 'school', startedOn: '2020-09-01' });
});

test("a social worker's home lists the children allocated to them, and the listing is audited", async () => {
  const c = await signedIn(t.app, 'sw');
  const count = () =>
    auditCount(t.db, { action: 'person.listed', personId: childId, userId: t.org.users.sw });
  const before = await count();
  const res = await c.get('/');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Children allocated to you/);
  assert.match(res.body, new RegExp(`href="/people/${childId}">Zara Quill`));
  assert.equal(await count(), before + 1);
});

test("a teacher's home lists the children their school works with", async () => {
  const res = await (await signedIn(t.app, 'teacher')).get('/');
  assert.match(res.body, /Children your team works with \(1\)/);
  assert.match(res.body, /Zara Quill/);
});

test('a social worker in another team, the administrator and the business manager see no child', async () => {
  for (const key of ['sw2', 'admin', 'bm', 'dpo', 'public']) {
    const res = await (await signedIn(t.app, key)).get('/');
    assert.equal(res.statusCode, 200, key);
    assert.doesNotMatch(res.body, /Zara|Quill/, key);
  }
  const admin = await (await signedIn(t.app, 'admin')).get('/');
  assert.match(admin.body, /Active users/);
});

test('the home page’s search sends what the search page reads, and the search page keeps what was typed', async () => {
  await indexPerson(t, { given: 'Yusuf', family: 'Oakhamley', dob: '2016-02-02' });
  const c = await signedIn(t.app, 'sw');
  const home = (await c.get('/')).body;
  const form = home.slice(home.indexOf('<form method="get" action="/people"'));
  const fields = [...form.slice(0, form.indexOf('</form>')).matchAll(/<input[^>]* name="([^"]+)"/g)].map(
    (m) => m[1],
  );
  assert.ok(fields.includes('name'), 'a name field the search reads');
  // What a person types in the home page's first box, sent as the browser sends the form.
  const query = new URLSearchParams(fields.map((f) => [f!, f === fields[0] ? 'Yusuf Oakhamley' : '']));
  const res = await c.get(`/people?${query}`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Oakhamley/);
  assert.match(res.body, /<h2 class="govuk-heading-m" id="results-heading">/);
  assert.match(res.body, /<input[^>]*name="name"[^>]*value="Yusuf Oakhamley"/);
});

test('a long list of children the team works with comes in pages, and only the page shown is audited', async () => {
  const many: string[] = [];
  for (let i = 0; i < 55; i++) {
    const id = await insertPerson(t, { given: `Pupil${i}`, family: 'Longlist', dob: '2015-01-01' });
    await involve(t, id, 'school1', { role: 'school', startedOn: '2021-09-01' });
    many.push(id);
  }
  const teacher = await signedIn(t.app, 'teacher');
  const listed = () => auditCount(t.db, { action: 'person.listed', userId: t.org.users.teacher });
  const before = await listed();
  const first = (await teacher.get('/')).body;
  const total = (
    await t.db.query<{ n: number }>(
      `select count(distinct person_id)::int as n from involvement where agency_id = $1 and ended_on is null`,
      [t.org.agencies.school1],
    )
  )[0]!.n;
  assert.match(first, new RegExp(`Children your team works with \\(${total}\\)`));
  const names = (html: string) =>
    [...html.matchAll(/>Pupil\d+ Longlist</g)].length + (html.includes('Zara Quill') ? 1 : 0);
  assert.equal(names(first), 50);
  assert.equal(await listed(), before + 50);
  assert.match(
    first,
    /<nav class="govuk-pagination"[^>]*aria-label="Pages of children your team works with"/,
  );
  assert.match(first, /href="\/\?page=2#involved"/);
  const second = (await teacher.get('/?page=2')).body;
  assert.equal(names(second), total - 50);
  assert.match(second, /Page 2 of 2/);
  // Every child appears on one page or the other.
  for (const id of many) assert.ok(first.includes(id) || second.includes(id), id);
});
