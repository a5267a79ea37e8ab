import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from '../../../test/helpers/app.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ForbiddenError, ValidationError } from '../../platform/errors.ts';
import { addAddress, addName } from './record-changes.ts';
import { nameTokens, searchPeople, type SearchCriteria } from './search.ts';
import { updatePerson } from './service.ts';
import { auditRows } from '../../../test/helpers/rows.ts';
import { actorFor, childInput, makePerson, makeStranger } from './test-support.ts';

let sw: Actor;
const ids: Record<string, string> = {};

const t = useApp(async () => {
  sw = await actorFor(t.db, t.org.users.sw!);
  const add = async (key: string, over: Parameters<typeof childInput>[0]) => {
    ids[key] = await makePerson(t.db, sw, over);
  };
  const people: [string, Parameters<typeof childInput>[0]][] = [
    ['john', { givenName: 'John', familyName: 'Smith', dateOfBirth: '2012-06-15', nhsNumber: '9434765919' }],
    ['jon', { givenName: 'Jon', familyName: 'Smyth', dateOfBirth: '2013-02-01' }],
    ['jane', { givenName: 'Jane', familyName: 'Smith', dateOfBirth: '2012-06-20', upn: 'A950000178301' }],
    ['mary', { givenName: 'Mary', familyName: 'Thompson', dateOfBirth: '2014-09-09', councilId: 'EC-10042' }],
    ['oliver', { givenName: 'Oliver', familyName: "O'Neill", dateOfBirth: '2015-11-30' }],
    ['chloe', { givenName: 'Chloe', familyName: 'Baker', dateOfBirth: '2011-04-04' }],
  ];
  for (const [key, over] of people) await add(key, over);
  await addName(t.db, sw, ids.chloe!, { kind: 'alias', givenName: 'Clo', familyName: 'Fairweather' });
  // Ruby Adams was born Ruby Kowalczyk: the birth surname stays searchable after the change.
  await add('ruby', { givenName: 'Ruby', familyName: 'Kowalczyk', dateOfBirth: '2010-01-10' });
  await updatePerson(
    t.db,
    sw,
    ids.ruby!,
    1,
    childInput({ givenName: 'Ruby', familyName: 'Adams', dateOfBirth: '2010-01-10' }),
  );
  await addAddress(t.db, sw, ids.john!, {
    line1: '1 Old Road',
    line2: null,
    town: null,
    postcode: 'EL4 7QT',
    fromDate: '2015-01-01',
    toDate: null,
    current: true,
  });
  await addAddress(t.db, sw, ids.john!, {
    line1: '9 New Street',
    line2: null,
    town: null,
    postcode: 'EL2 3DB',
    fromDate: '2020-05-01',
    toDate: null,
    current: true,
  });
  ids.stranger = await makeStranger(t, { given: 'John', family: 'Smithe', dob: '2012-06-16' });
  ids.restricted = await makeStranger(t, {
    given: 'John',
    family: 'Smith',
    dob: '2012-06-15',
    restricted: true,
  });
});

const find = async (c: SearchCriteria, actor = sw) => (await searchPeople(t.db, actor, c)).results;
const idsOf = (rs: { id: string }[]) => rs.map((r) => r.id);

test('a name splits into given and family parts, family first after a comma', () => {
  assert.deepEqual(nameTokens('  John  Paul Smith '), { given: 'john', family: 'smith' });
  assert.deepEqual(nameTokens('Smith, John'), { given: 'john', family: 'smith' });
  assert.deepEqual(nameTokens("O'Neill"), { single: 'oneill' });
  assert.deepEqual(nameTokens('  '), {});
});

test('typos in both names still find the person: "Jonh Smtih"', async () => {
  const rs = await find({ name: 'Jonh Smtih' });
  assert.ok(idsOf(rs).includes(ids.john!), 'John Smith is found');
  assert.ok(!idsOf(rs).includes(ids.mary!));
});

test('an exact match ranks above a near one', async () => {
  const rs = await find({ name: 'John Smith' });
  assert.equal(rs[0]?.id, ids.john);
  assert.ok(idsOf(rs).includes(ids.jon!), 'Jon Smyth sounds the same');
  assert.ok(rs[0]!.score > rs.find((r) => r.id === ids.jon)!.score);
  assert.ok(!idsOf(rs).includes(ids.jane!), 'a different first name does not match');
});

test('names that sound alike meet: "Tomson" finds Thompson, with and without a date of birth', async () => {
  assert.ok(idsOf(await find({ name: 'Mary Tomson' })).includes(ids.mary!));
  assert.ok(idsOf(await find({ name: 'Tomson' })).includes(ids.mary!));
  assert.ok(idsOf(await find({ name: 'Tomson', dob: { year: 2014, month: 9, day: 9 } })).includes(ids.mary!));
});

test('aliases and former names are searched, and the page is told which matched', async () => {
  const alias = await find({ name: 'Clo Fairweather' });
  assert.equal(alias[0]?.id, ids.chloe);
  assert.equal(alias[0]?.familyName, 'Baker', 'the current name is shown');
  assert.deepEqual(alias[0]?.matchedName, { kind: 'alias', givenName: 'Clo', familyName: 'Fairweather' });
  const former = await find({ name: 'Ruby Kowalczyk' });
  assert.equal(former[0]?.id, ids.ruby);
  assert.equal(former[0]?.matchedName?.kind, 'former');
  assert.equal((await find({ name: 'Ruby Adams' }))[0]?.matchedName, null);
});

test('a partial date of birth narrows: a year, a month and year, or the full date', async () => {
  const year = idsOf(await find({ name: 'Smith', dob: { year: 2012 } }));
  assert.ok(year.includes(ids.john!) && year.includes(ids.jane!));
  assert.ok(!year.includes(ids.jon!), 'Jon Smyth was born in 2013');
  const month = idsOf(await find({ name: 'Smith', dob: { year: 2012, month: 6 } }));
  assert.ok(month.includes(ids.john!) && month.includes(ids.jane!));
  const full = idsOf(await find({ name: 'Smith', dob: { year: 2012, month: 6, day: 15 } }));
  assert.ok(full.includes(ids.john!) && !full.includes(ids.jane!));
  assert.deepEqual(idsOf(await find({ name: 'Smith', dob: { year: 2001 } })), []);
});

test('identifiers match exactly after normalising: NHS number, UPN, council ID', async () => {
  assert.deepEqual(idsOf(await find({ identifier: '943-476-5919' })), [ids.john]);
  assert.deepEqual(idsOf(await find({ identifier: ' a950000178301 ' })), [ids.jane]);
  assert.deepEqual(idsOf(await find({ identifier: 'ec-10042' })), [ids.mary]);
  assert.deepEqual(idsOf(await find({ identifier: '9434765918' })), []);
});

test('a postcode finds current and past addresses; results show the current district', async () => {
  const now = await find({ postcode: 'el2 3db' });
  assert.deepEqual(idsOf(now), [ids.john]);
  assert.equal(now[0]?.postcodeDistrict, 'EL2');
  assert.deepEqual(idsOf(await find({ postcode: 'EL47QT' })), [ids.john], 'a past address');
  assert.deepEqual(idsOf(await find({ postcode: 'EL47QT', name: 'Mary Thompson' })), []);
});

test('results say who may be opened, in one batch, and show age and sex', async () => {
  const rs = await find({ name: 'John Smith', dob: { year: 2012 } });
  const mine = rs.find((r) => r.id === ids.john)!;
  const other = rs.find((r) => r.id === ids.stranger)!;
  assert.equal(mine.canOpen, true);
  assert.equal(other.canOpen, false);
  assert.match(mine.age, /^\d+ years$/);
  assert.equal(mine.sex, 'female');
  const scrutineer = await actorFor(t.db, t.org.users.scrutineer!);
  const seen = await searchPeople(t.db, scrutineer, { name: 'John Smith', dob: { year: 2012 } });
  assert.ok(seen.results.every((r) => r.canOpen));
});

test('a restricted record never appears unless the user is named on it', async () => {
  const scrutineer = await actorFor(t.db, t.org.users.scrutineer!);
  for (const actor of [sw, scrutineer]) {
    assert.ok(!idsOf(await find({ name: 'John Smith' }, actor)).includes(ids.restricted!));
  }
  await t.db.query('insert into restricted_access (partnership_id, person_id, user_id) values ($1,$2,$3)', [
    t.org.partnershipId,
    ids.restricted,
    t.org.users.sw2,
  ]);
  const sw2 = await actorFor(t.db, t.org.users.sw2!);
  assert.ok(idsOf(await find({ name: 'John Smith' }, sw2)).includes(ids.restricted!));
  assert.ok(!idsOf(await find({ name: 'John Smith' }, sw)).includes(ids.restricted!));
});

test('each search is audited with its criteria and the ids it showed', async () => {
  const before = (await auditRows(t.db, { action: 'person.search', userId: sw.userId })).length;
  const rs = await find({ name: 'Mary Thompson', dob: { year: 2014 } });
  const rows = await auditRows(t.db, { action: 'person.search', userId: sw.userId });
  assert.equal(rows.length, before + 1);
  const detail = rows.at(-1)!.detail as { criteria: { name: string; dob: unknown }; resultIds: string[] };
  assert.equal(detail.criteria.name, 'Mary Thompson');
  assert.deepEqual(detail.criteria.dob, { year: 2014 });
  assert.deepEqual(detail.resultIds, idsOf(rs));
});

test('search needs the permission and at least one criterion', async () => {
  const admin = await actorFor(t.db, t.org.users.admin!);
  await assert.rejects(searchPeople(t.db, admin, { name: 'Smith' }), ForbiddenError);
  const referrer = await actorFor(t.db, t.org.users.public!);
  await assert.rejects(searchPeople(t.db, referrer, { name: 'Smith' }), ForbiddenError);
  await assert.rejects(searchPeople(t.db, sw, { name: ' ', dob: { year: 2012 } }), ValidationError);
});
