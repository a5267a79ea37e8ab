import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp, type Client } from '../../../test/helpers/app.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { auditRows } from '../../../test/helpers/rows.ts';
import { actorFor, makePerson, makeStranger } from './test-support.ts';

let sw: Client;
let swActor: Actor;
let child: string;

const t = useApp({ BREAK_GLASS_HOURS: '2' }, async () => {
  sw = await sessionAs(t, 'sw');
  swActor = await actorFor(t.db, t.org.users.sw!);
  child = await makePerson(t.db, swActor, {
    givenName: 'Theo',
    familyName: 'Lindqvist',
    dateOfBirth: '2019-08-08',
  });
});

test('an alias is added through its form, shown on the record and audited', async () => {
  const form = await sw.get(`/people/${child}/names/new`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Theo Lindqvist/);
  const bad = await sw.post(`/people/${child}/names/new`, {
    kind: 'nickname',
    givenName: 'T',
    familyName: '',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#kind"/);
  assert.match(bad.body, /href="#familyName">Enter last name/);
  const ok = await sw.post(`/people/${child}/names/new`, {
    kind: 'alias',
    givenName: 'Teddy',
    familyName: 'Lind',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, `/people/${child}?saved=name`);
  const page = await sw.get(`/people/${child}`);
  assert.match(page.body, /Teddy Lind/);
  assert.match(page.body, /Alias or other name used/);
  assert.equal((await auditRows(t.db, { action: 'person.name_add', personId: child })).length, 1);
});

test('a new current address ends the previous one; a bad postcode is refused', async () => {
  const bad = await sw.post(`/people/${child}/addresses/new`, {
    line1: '1 Elm Row',
    postcode: 'ZZZ',
    current: 'yes',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#postcode">Enter a real postcode/);
  const first = await sw.post(`/people/${child}/addresses/new`, {
    line1: '1 Elm Row',
    postcode: 'EL5 1AA',
    'from-day': '1',
    'from-month': '1',
    'from-year': '2020',
    current: 'yes',
  });
  assert.equal(first.statusCode, 303);
  const second = await sw.post(`/people/${child}/addresses/new`, {
    line1: '2 Oak Close',
    postcode: 'el6 2bb',
    'from-day': '1',
    'from-month': '3',
    'from-year': '2023',
    current: 'yes',
  });
  assert.equal(second.statusCode, 303);
  const rows = await t.db.query<{ postcode: string; to_date: string | null }>(
    'select postcode, to_date from address where person_id = $1 order by from_date',
    [child],
  );
  assert.deepEqual(rows, [
    { postcode: 'EL5 1AA', to_date: '2023-03-01' },
    { postcode: 'EL6 2BB', to_date: null },
  ]);
  const page = await sw.get(`/people/${child}`);
  assert.match(page.body, /2 Oak Close, EL6 2BB/);
});

test('a relationship is made by searching for the other person, shown both ways, and gives linked access', async () => {
  const mother = await makeStranger(t, {
    given: 'Ingrid',
    family: 'Lindqvist',
    kind: 'adult',
    dob: '1988-01-01',
  });
  // Before the link the social worker cannot open the adult's record.
  assert.equal((await sw.get(`/people/${mother}`)).statusCode, 403);
  const found = await sw.get(`/people/${child}/relationships/new?q=Ingrid+Lindqvist`);
  assert.equal(found.statusCode, 200);
  assert.match(found.body, new RegExp(`value="${mother}"`));
  const noPick = await sw.post(`/people/${child}/relationships/new`, {
    q: 'Ingrid Lindqvist',
    kind: 'parent',
  });
  assert.equal(noPick.statusCode, 400);
  assert.match(noPick.body, /Select the person from the search results/);
  const ok = await sw.post(`/people/${child}/relationships/new`, {
    q: 'Ingrid Lindqvist',
    relatedPersonId: mother,
    kind: 'parent',
  });
  assert.equal(ok.statusCode, 303);
  const childPage = await sw.get(`/people/${child}`);
  assert.match(
    childPage.body,
    /Ingrid Lindqvist<\/a>, born 1 January 1988<\/td><td class="govuk-table__cell">Parent/,
  );
  const motherPage = await sw.get(`/people/${mother}`);
  assert.equal(motherPage.statusCode, 200, 'an adult linked to a child the user works with may be opened');
  assert.match(
    motherPage.body,
    /Theo Lindqvist<\/a>, born 8 August 2019<\/td><td class="govuk-table__cell">Child/,
  );
  const again = await sw.post(`/people/${child}/relationships/new`, {
    q: 'x',
    relatedPersonId: mother,
    kind: 'parent',
  });
  assert.equal(again.statusCode, 400);
  assert.match(again.body, /already recorded/);
  assert.equal((await auditRows(t.db, { action: 'person.relationship_add', personId: mother })).length, 1);
});

test('a restricted person cannot be linked by someone not named on it', async () => {
  const hidden = await makeStranger(t, { given: 'Ingrid', family: 'Lindqvist', restricted: true });
  const found = await sw.get(`/people/${child}/relationships/new?q=Ingrid+Lindqvist`);
  assert.doesNotMatch(found.body, new RegExp(hidden));
  const res = await sw.post(`/people/${child}/relationships/new`, {
    q: 'x',
    relatedPersonId: hidden,
    kind: 'sibling',
  });
  assert.equal(res.statusCode, 400);
  assert.equal(
    (await t.db.query('select 1 from relationship where related_person_id = $1', [hidden])).length,
    0,
  );
});

test('household membership: start a household, then a relative joins it from the offered list', async () => {
  const noLabel = await sw.post(`/people/${child}/households/new`, { household: 'new', label: '' });
  assert.equal(noLabel.statusCode, 400);
  assert.match(noLabel.body, /href="#label">Enter a name for the new household/);
  const ok = await sw.post(`/people/${child}/households/new`, {
    household: 'new',
    label: 'Lindqvist family, Oak Close',
    'from-day': '1',
    'from-month': '3',
    'from-year': '2023',
  });
  assert.equal(ok.statusCode, 303);
  const sibling = await makePerson(t.db, swActor, {
    givenName: 'Alva',
    familyName: 'Lindqvist',
    dateOfBirth: '2021-02-02',
  });
  await sw.post(`/people/${sibling}/relationships/new`, { q: 'x', relatedPersonId: child, kind: 'sibling' });
  const form = await sw.get(`/people/${sibling}/households/new`);
  const [h] = await t.db.query<{ id: string }>('select id from household where label = $1', [
    'Lindqvist family, Oak Close',
  ]);
  assert.match(form.body, new RegExp(`value="${h!.id}"`));
  const join = await sw.post(`/people/${sibling}/households/new`, { household: h!.id });
  assert.equal(join.statusCode, 303);
  const page = await sw.get(`/people/${child}`);
  assert.match(page.body, /Lindqvist family, Oak Close/);
  assert.match(page.body, /Alva Lindqvist/);
  const stranger = await makePerson(t.db, swActor, { givenName: 'Other', familyName: 'Family' });
  const refused = await sw.post(`/people/${stranger}/households/new`, { household: h!.id });
  assert.equal(refused.statusCode, 400, 'only households of the person and their relatives are offered');
});

test("an agency involvement gives that agency's staff access", async () => {
  const teacher = await sessionAs(t, 'teacher');
  assert.equal((await teacher.get(`/people/${child}`)).statusCode, 403);
  const bad = await sw.post(`/people/${child}/involvements/new`, { agencyId: 'nope', role: 'school' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#agencyId">Select the agency/);
  const ok = await sw.post(`/people/${child}/involvements/new`, {
    agencyId: t.org.agencies.school1!,
    role: 'school',
    'start-day': '5',
    'start-month': '9',
    'start-year': '2023',
  });
  assert.equal(ok.statusCode, 303);
  const page = await teacher.get(`/people/${child}`);
  assert.equal(page.statusCode, 200);
  assert.match(
    page.body,
    /<td class="govuk-table__cell">Kingsmead Primary School<\/td><td class="govuk-table__cell">School or college/,
  );
  assert.doesNotMatch(page.body, /\/names\/new/, 'a partner practitioner is not offered edits');
  assert.equal(
    (await teacher.post(`/people/${child}/names/new`, { kind: 'alias', familyName: 'X' })).statusCode,
    403,
  );
});

test('break-glass: a reason opens the record for the configured hours, audited; then it expires', async () => {
  const target = await makeStranger(t, { given: 'Bryony', family: 'Glass' });
  const gp = await sessionAs(t, 'gp');
  const refused = await gp.get(`/people/${target}`);
  assert.equal(refused.statusCode, 403);
  assert.match(refused.body, new RegExp(`/people/${target}/break-glass`));
  const form = await gp.get(`/people/${target}/break-glass`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /for 2 hours/);
  assert.doesNotMatch(form.body, /Bryony|Glass</);
  const short = await gp.post(`/people/${target}/break-glass`, { reason: 'urgent' });
  assert.equal(short.statusCode, 400);
  assert.match(short.body, /href="#reason">Enter why you need to see this record, in at least 10 characters/);
  const ok = await gp.post(`/people/${target}/break-glass`, {
    reason: 'Child presented at surgery with unexplained bruising',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(ok.headers.location, `/people/${target}`);
  const page = await gp.get(`/people/${target}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /through break-glass access/);
  const [bg] = await t.db.query<{ hours: number }>(
    `select round(extract(epoch from expires_at - started_at) / 3600)::int as hours from break_glass where person_id = $1`,
    [target],
  );
  assert.equal(bg?.hours, 2);
  const rows = await auditRows(t.db, { action: 'breakglass.start', personId: target });
  assert.equal(rows.length, 1);
  assert.equal(rows[0]!.reason, 'Child presented at surgery with unexplained bruising');
  await t.db.query(`update break_glass set expires_at = now() - interval '1 second' where person_id = $1`, [
    target,
  ]);
  assert.equal((await gp.get(`/people/${target}`)).statusCode, 403, 'expired');
});

test('break-glass is refused for restricted records (404) and for roles without it (403)', async () => {
  const hidden = await makeStranger(t, { restricted: true });
  const gp = await sessionAs(t, 'gp');
  assert.equal((await gp.get(`/people/${hidden}/break-glass`)).statusCode, 404);
  assert.equal(
    (await gp.post(`/people/${hidden}/break-glass`, { reason: 'A good long reason here' })).statusCode,
    404,
  );
  assert.equal((await t.db.query('select 1 from break_glass where person_id = $1', [hidden])).length, 0);
  const open = await makeStranger(t);
  const admin = await sessionAs(t, 'admin');
  assert.equal((await admin.get(`/people/${open}/break-glass`)).statusCode, 403);
  assert.equal(
    (await admin.post(`/people/${open}/break-glass`, { reason: 'A good long reason here' })).statusCode,
    403,
  );
  assert.equal((await gp.get('/people/not-a-uuid/break-glass')).statusCode, 404);
});
