import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../test/helpers/app.ts';
import { allocate, involve } from '../../../test/helpers/people.ts';
import { insertedId } from '../../../test/helpers/rows.ts';
import { aboutPerson, audit, auditMany } from '../../platform/audit.ts';
import { actorAt, insertChild } from './test-helpers.ts';

/** Known to the council (team manager's agency); unknown to anyone; restricted. */
let known: string;
let unknown: string;
let restricted: string;
const MISSING = '00000000-0000-4000-8000-000000000000';

const as = (key: string) => sessionAs(t, key);
const actor = (key: string, ip?: string) => actorAt(t, key, ip);
const person = (family: string, restrictedRecord = false) => insertChild(t, family, restrictedRecord);

const t = useApp(async () => {
  known = await person('Ashdown');
  unknown = await person('Brierley');
  restricted = await person('Cavell', true);
  await involve(t, known, 'council', { role: 'allocated team' });
  await audit(t.db, actor('sw', '198.51.100.7'), aboutPerson(known, 'person.view'));
  await audit(t.db, actor('police'), {
    ...aboutPerson(known, 'breakglass.start'),
    reason: 'Domestic abuse call <tonight>',
  });
});

test('who has looked: a team manager with access sees the events, newest first, and the look is audited', async () => {
  const tm = await as('tm');
  const res = await tm.get(`/people/${known}/audit`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Who has looked at this record/);
  assert.match(res.body, /Test Ashdown/);
  const police = res.body.indexOf('DC Lee Harding');
  const sw = res.body.indexOf('Hannah Price');
  assert.ok(police > 0 && sw > police, 'newest first');
  assert.match(res.body, /Used break-glass access/);
  assert.match(res.body, /Opened the record/);
  assert.match(res.body, /Domestic abuse call &lt;tonight&gt;/);
  assert.match(res.body, /198\.51\.100\.7/);
  assert.match(res.body, /Social worker/);
  assert.match(res.body, /Social worker<br><span class="govuk-body-s">Elmshire County Council<\/span>/);
  const [ev] = await t.db.query<{ action: string; user_id: string }>(
    `select action, user_id from audit_event where person_id = $1 order by seq desc limit 1`,
    [known],
  );
  assert.deepEqual(ev, { action: 'audit.person_views.view', user_id: t.org.users.tm });
});

test('who has looked is refused without the permission and without access to the person', async () => {
  for (const key of ['sw', 'scrutineer', 'admin', 'teacher', 'bm', 'mash']) {
    const res = await (await as(key)).get(`/people/${known}/audit`);
    assert.equal(res.statusCode, 403, key);
    assert.ok(!res.body.includes('Domestic abuse call'), `${key} sees no events`);
    assert.ok(!res.body.includes('198.51.100.7'), `${key} sees no events`);
  }
  const tm = await as('tm');
  const noAccess = await tm.get(`/people/${unknown}/audit`);
  assert.ok([403, 404].includes(noAccess.statusCode), String(noAccess.statusCode));
  assert.ok(!noAccess.body.includes('Brierley'));
  assert.equal((await tm.get(`/people/${restricted}/audit`)).statusCode, 404);
  assert.equal((await tm.get(`/people/${MISSING}/audit`)).statusCode, 404);
  assert.equal((await tm.get('/people/not-a-uuid/audit')).statusCode, 404);
  const views = await t.db.query(
    `select 1 from audit_event where person_id = $1 and action = 'audit.person_views.view'`,
    [unknown],
  );
  assert.equal(views.length, 0, 'a refused look is not shown as a look');
});

test('a MASH manager with access sees it too', async () => {
  const res = await (await as('mashmgr')).get(`/people/${known}/audit`);
  assert.equal(res.statusCode, 200);
});

test('the data protection officer sees any person of the partnership, restricted ones included', async () => {
  const dpo = await as('dpo');
  for (const id of [known, unknown, restricted])
    assert.equal((await dpo.get(`/people/${id}/audit`)).statusCode, 200);
  assert.equal((await dpo.get(`/people/${MISSING}/audit`)).statusCode, 404);
  assert.equal((await dpo.get(`/people/x'%20or%201=1/audit`)).statusCode, 404);
  // A person of another partnership is not found.
  const p = await insertedId(t.db, `insert into partnership (name) values ('Other') returning id`, []);
  const other = await insertedId(
    t.db,
    `insert into person (partnership_id, kind, family_name) values ($1,'adult','Elsewhere') returning id`,
    [p],
  );
  assert.equal((await dpo.get(`/people/${other}/audit`)).statusCode, 404);
});

test('who has looked is paginated 50 a page with GOV.UK pagination', async () => {
  const id = await person('Dunmore');
  const events = Array.from({ length: 120 }, (_, i) => aboutPerson(id, 'person.view', { n: i }));
  await auditMany(t.db, actor('sw'), events);
  const dpo = await as('dpo');
  const first = await dpo.get(`/people/${id}/audit`);
  assert.equal((first.body.match(/<tr class="govuk-table__row">/g) ?? []).length, 51);
  assert.match(first.body, /120 events, page 1 of 3/);
  assert.match(first.body, /govuk-pagination/);
  assert.match(first.body, new RegExp(`href="/people/${id}/audit\\?page=2"`));
  const last = await dpo.get(`/people/${id}/audit?page=3`);
  // 121 events by then (the first page's look is one): 21 on the last page, plus the header row.
  assert.equal((last.body.match(/<tr class="govuk-table__row">/g) ?? []).length, 1 + 21);
  const beyond = await dpo.get(`/people/${id}/audit?page=99`);
  assert.equal(beyond.statusCode, 200);
  assert.match(beyond.body, /no events on this page/);
  assert.equal((await dpo.get(`/people/${id}/audit?page=abc`)).statusCode, 200);
});

test('who has looked says which list a person was seen in, never "search results" for a work list', async () => {
  const child = await person('Listwell');
  await allocate(t, child, 'sw', 'Assessment Team North');
  assert.equal((await (await as('sw')).get('/my-work')).statusCode, 200);
  // The other lists, as their services record them.
  await auditMany(
    t.db,
    actor('tm'),
    ['team', 'unallocated', 'reallocate'].map((page) => aboutPerson(child, 'person.listed', { page })),
  );
  const res = await (await as('dpo')).get(`/people/${child}/audit`);
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Saw the person in their own work \(my work\)/);
  assert.match(res.body, /Saw the person in the team list/);
  assert.match(res.body, /Saw the person in the unallocated list/);
  assert.match(res.body, /Saw the person in the caseloads/);
  assert.doesNotMatch(res.body, /search results/);
});
