import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';
import { makeStranger } from './test-support.ts';

let sw: Client;
const t = useApp(async () => {
  sw = await signedIn(t.app, 'sw');
});

const child = {
  kind: 'child',
  givenName: 'Maisie',
  familyName: 'Thornton',
  'dob-day': '14',
  'dob-month': '3',
  'dob-year': '2017',
  'expected-day': '',
  'expected-month': '',
  'expected-year': '',
  sex: 'female',
  ethnicity: 'WBRI',
  nhsNumber: '943 476 5919',
  upn: '',
  councilId: '',
  line1: '4 Mill Lane',
  line2: '',
  town: 'Elmbridge',
  postcode: 'el1 2ab',
};

async function create(c: Client, over: Record<string, string> = {}) {
  await c.get('/people/new');
  return c.post('/people/new', { ...child, ...over });
}

function idFrom(location: unknown): string {
  const m = /^\/people\/([0-9a-f-]{36})\?saved=created$/.exec(String(location));
  assert.ok(m, `redirected to the new record, not ${String(location)}`);
  return m[1]!;
}

test('a social worker adds a child, sees the record, and the creation is audited', async () => {
  const res = await create(sw);
  assert.equal(res.statusCode, 303);
  const id = idFrom(res.headers.location);
  const page = await sw.get(`/people/${id}?saved=created`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Record created/);
  assert.match(page.body, /Maisie Thornton/);
  assert.match(page.body, /14 March 2017/);
  assert.match(page.body, /9434765919/);
  assert.match(page.body, /White British/);
  assert.match(page.body, /4 Mill Lane, Elmbridge, EL1 2AB/);
  // In the involvements table: the user's agency is in the page's header whatever the record says.
  assert.match(
    page.body,
    /<td class="govuk-table__cell">Elmshire County Council<\/td><td class="govuk-table__cell">Children&#39;s social care/,
    'the creator agency is involved',
  );
  assert.match(page.body, /id="chronology"/, 'the timeline partial is included');
  assert.match(page.body, /href="\/people\/[^"]+\/chronology\/new">Add to chronology/);
  assert.doesNotMatch(page.body, /Who has looked/, 'a social worker cannot see who has looked');
  assert.equal((await auditRows(t.db, { action: 'person.create', personId: id })).length, 1);
  assert.equal((await auditRows(t.db, { action: 'person.view', personId: id })).length, 1);
  const [inv] = await t.db.query<{ agency_id: string; ended_on: string | null }>(
    'select agency_id, ended_on from involvement where person_id = $1',
    [id],
  );
  assert.equal(inv?.agency_id, t.org.agencies.council);
  assert.equal(inv?.ended_on, null);
});

test("a new record opens to the creator's team only: not the rest of the council, its administrator or DPO", async () => {
  const id = idFrom(
    (await create(sw, { nhsNumber: '', givenName: 'Team', familyName: 'Onlyrecord' })).headers.location,
  );
  const [inv] = await t.db.query<{ agency_id: string; team_id: string | null }>(
    'select agency_id, team_id from involvement where person_id = $1',
    [id],
  );
  assert.deepEqual(inv, {
    agency_id: t.org.agencies.council,
    team_id: t.org.teams['council:Assessment Team North'],
  });
  // The team manager of the same team reads it; a social worker of another team, the MASH, the
  // administrator, the DPO and the business manager of the same council do not.
  assert.equal((await (await sessionAs(t, 'tm')).get(`/people/${id}`)).statusCode, 200);
  for (const key of ['sw2', 'mash', 'admin', 'dpo', 'bm', 'ehl']) {
    const res = await (await sessionAs(t, key)).get(`/people/${id}`);
    assert.ok([403, 404].includes(res.statusCode), `${key}: ${res.statusCode}`);
    assert.ok(!res.body.includes('Onlyrecord'), `${key}: no personal data`);
    const csv = await (await sessionAs(t, key)).get(`/people/${id}/chronology.csv`);
    assert.ok([403, 404].includes(csv.statusCode), `${key} csv: ${csv.statusCode}`);
  }
});

test('the team manager sees the "who has looked" link', async () => {
  const res = await create(sw, { nhsNumber: '', givenName: 'Rory', familyName: 'Pike' });
  const id = idFrom(res.headers.location);
  const tm = await sessionAs(t, 'tm');
  const page = await tm.get(`/people/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, new RegExp(`href="/people/${id}/audit">Who has looked`));
});

test('bad input is named field by field, with status 400 and nothing written', async () => {
  const before = await countRows(t.db, 'person');
  const res = await create(sw, {
    'dob-day': '31',
    'dob-month': '2',
    'dob-year': '2018',
    nhsNumber: '9434765918',
    upn: 'X428558133462',
    postcode: 'Definitely wrong',
    familyName: 'x'.repeat(101),
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /govuk-error-summary/);
  assert.match(res.body, /href="#dob-day">Date of birth must be a real date/);
  assert.match(res.body, /href="#nhsNumber">Enter a valid NHS number: its last digit \(the check digit\)/);
  assert.match(res.body, /href="#upn">Enter a valid unique pupil number/);
  assert.match(res.body, /href="#postcode">Postcode must be 12 characters or fewer/);
  assert.match(res.body, /href="#familyName">Last name must be 100 characters or fewer/);
  assert.equal(await countRows(t.db, 'person'), before);
});

test('a birth date in the future and an unborn child without an expected date are refused', async () => {
  const future = await create(sw, { 'dob-year': String(new Date().getFullYear() + 1), nhsNumber: '' });
  assert.equal(future.statusCode, 400);
  assert.match(future.body, /Date of birth must be today or in the past/);
  const unborn = await create(sw, {
    kind: 'unborn',
    'dob-day': '',
    'dob-month': '',
    'dob-year': '',
    nhsNumber: '',
  });
  assert.equal(unborn.statusCode, 400);
  assert.match(unborn.body, /href="#expected-day">Enter the expected date of birth/);
});

test('an unborn child is recorded with an expected date', async () => {
  const due = new Date(Date.now() + 60 * 86400_000);
  const res = await create(sw, {
    kind: 'unborn',
    givenName: '',
    familyName: 'Baby Okoro',
    'dob-day': '',
    'dob-month': '',
    'dob-year': '',
    'expected-day': String(due.getUTCDate()),
    'expected-month': String(due.getUTCMonth() + 1),
    'expected-year': String(due.getUTCFullYear()),
    nhsNumber: '',
    sex: 'unknown',
  });
  assert.equal(res.statusCode, 303);
  const page = await sw.get(`/people/${idFrom(res.headers.location)}`);
  assert.match(page.body, /Unborn child/);
  assert.match(page.body, /Expected date of birth/);
});

test('a duplicate NHS number is a field error, not a 500', async () => {
  const first = await create(sw, { nhsNumber: '6716689966', givenName: 'Ava', familyName: 'Lund' });
  assert.equal(first.statusCode, 303);
  const second = await create(sw, { nhsNumber: '671 668 9966', givenName: 'Ava', familyName: 'Lunde' });
  assert.equal(second.statusCode, 400);
  assert.match(second.body, /href="#nhsNumber">Another person&#39;s record already has this NHS number/);
});

test('HTML in a name is stored as typed and shown escaped', async () => {
  const res = await create(sw, { givenName: '<script>alert(1)</script>', familyName: 'Kerr', nhsNumber: '' });
  assert.equal(res.statusCode, 303);
  const id = idFrom(res.headers.location);
  const [row] = await t.db.query<{ given_name: string }>('select given_name from person where id = $1', [id]);
  assert.equal(row?.given_name, '<script>alert(1)</script>');
  const page = await sw.get(`/people/${id}`);
  assert.doesNotMatch(page.body, /<script>alert\(1\)<\/script>/);
  assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
});

test('a stale edit is refused with the record as it is now, and nothing is overwritten', async () => {
  const id = idFrom(
    (await create(sw, { nhsNumber: '', givenName: 'Lily', familyName: 'Rowe' })).headers.location,
  );
  // The record was made by sw's team; sw2 works the child through an allocation.
  await t.db.query(
    `insert into allocation (partnership_id, person_id, user_id, team_id) values ($1,$2,$3,$4)`,
    [t.org.partnershipId, id, t.org.users.sw2, t.org.teams['council:Child Protection Team']],
  );
  const sw2 = await sessionAs(t, 'sw2');
  // Both open the edit form at version 1.
  const mine = await sw.get(`/people/${id}/edit`);
  assert.equal(mine.statusCode, 200);
  assert.match(mine.body, /name="version" value="1"/);
  await sw2.get(`/people/${id}/edit`);
  const theirs = await sw2.post(`/people/${id}/edit`, {
    ...child,
    nhsNumber: '',
    givenName: 'Lily',
    familyName: 'Rowe-Hart',
    version: '1',
  });
  assert.equal(theirs.statusCode, 303);
  const stale = await sw.post(`/people/${id}/edit`, {
    ...child,
    nhsNumber: '',
    givenName: 'Lilian',
    familyName: 'Rowe',
    version: '1',
  });
  assert.equal(stale.statusCode, 409);
  assert.match(stale.body, /Someone else changed this record/);
  assert.match(stale.body, /Tom Ellery changed this record after you opened it/);
  assert.match(stale.body, /Rowe-Hart/, 'shows the record as it is now');
  assert.match(stale.body, /name="version" value="2"/);
  const [row] = await t.db.query<{ given_name: string; family_name: string; version: number }>(
    'select given_name, family_name, version from person where id = $1',
    [id],
  );
  assert.deepEqual(row, { given_name: 'Lily', family_name: 'Rowe-Hart', version: 2 });
  // Saving again from the version now seen works, and the old name stays searchable as a former name.
  const again = await sw.post(`/people/${id}/edit`, {
    ...child,
    nhsNumber: '',
    givenName: 'Lilian',
    familyName: 'Rowe-Hart',
    version: '2',
  });
  assert.equal(again.statusCode, 303);
  const names = await t.db.query<{ kind: string; family_name: string; given_name: string }>(
    'select kind, given_name, family_name from person_name where person_id = $1 order by created_at, kind',
    [id],
  );
  assert.deepEqual(names.map((n) => `${n.kind}:${n.given_name} ${n.family_name}`).sort(), [
    'current:Lilian Rowe-Hart',
    'former:Lily Rowe',
    'former:Lily Rowe-Hart',
  ]);
});

test('users without a relationship get 403 with the break-glass offer, and no personal data', async () => {
  const id = await makeStranger(t, { given: 'Quentin', family: 'Blackwood' });
  const res = await sw.get(`/people/${id}`);
  assert.equal(res.statusCode, 403);
  assert.match(res.body, new RegExp(`/people/${id}/break-glass`));
  assert.doesNotMatch(res.body, /Quentin|Blackwood/);
  const teacher = await sessionAs(t, 'teacher');
  const r2 = await teacher.get(`/people/${id}`);
  assert.equal(r2.statusCode, 403);
  assert.doesNotMatch(r2.body, /Quentin|Blackwood/);
  const admin = await sessionAs(t, 'admin');
  const r3 = await admin.get(`/people/${id}`);
  assert.equal(r3.statusCode, 404, 'the administrator sees no child data and is not offered break-glass');
  assert.doesNotMatch(r3.body, /Quentin|Blackwood/);
  assert.equal((await auditRows(t.db, { action: 'person.access_refused', personId: id })).length, 3);
});

test('a restricted record answers 404 to everyone not named on it', async () => {
  const id = await makeStranger(t, { given: 'Hidden', family: 'Person', restricted: true });
  const res = await sw.get(`/people/${id}`);
  assert.equal(res.statusCode, 404);
  assert.doesNotMatch(res.body, /break-glass|Hidden/);
  const scrutineer = await sessionAs(t, 'scrutineer');
  assert.equal((await scrutineer.get(`/people/${id}`)).statusCode, 404);
  await t.db.query('insert into restricted_access (partnership_id, person_id, user_id) values ($1,$2,$3)', [
    t.org.partnershipId,
    id,
    t.org.users.scrutineer,
  ]);
  assert.equal((await scrutineer.get(`/people/${id}`)).statusCode, 200);
});

test('a non-uuid or unknown id is 404, not 500', async () => {
  for (const url of [
    '/people/not-a-uuid',
    '/people/1%27%20or%201=1',
    '/people/00000000-0000-0000-0000-000000000000',
  ]) {
    const res = await sw.get(url);
    assert.equal(res.statusCode, 404, url);
  }
  assert.equal((await sw.get('/people/nope/edit')).statusCode, 404);
  assert.equal((await sw.post('/people/nope/names/new', { kind: 'alias', familyName: 'X' })).statusCode, 404);
});

test('JSON sent to a form route is refused with a clear 4xx', async () => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/people/new',
    headers: { cookie: sw.cookie, 'content-type': 'application/json' },
    payload: JSON.stringify({ ...child, _csrf: sw.csrf }),
  });
  assert.equal(res.statusCode, 415);
  assert.match(res.body, /Unsupported content type/);
});

test('the scrutineer may read but not create or edit; the referrer may not search', async () => {
  const scrutineer = await sessionAs(t, 'scrutineer');
  assert.equal((await scrutineer.get('/people/new')).statusCode, 403);
  const id = await makeStranger(t, { given: 'Read', family: 'Only' });
  assert.equal((await scrutineer.get(`/people/${id}`)).statusCode, 200);
  assert.equal((await scrutineer.get(`/people/${id}/edit`)).statusCode, 403);
  const referrer = await sessionAs(t, 'public');
  assert.equal((await referrer.get('/people?name=Smith')).statusCode, 403);
});
