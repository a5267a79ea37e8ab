// "Add a person" runs the front door's matcher first: possible matches before a record is made, and
// "none of these" adds it all the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../test/helpers/app.ts';
import { indexPerson } from '../../../test/helpers/people.ts';
import { countRows } from '../../../test/helpers/rows.ts';

const t = useApp();

const form = {
  kind: 'child',
  givenName: 'Kezia',
  familyName: 'Pemberton',
  'dob-day': '9',
  'dob-month': '10',
  'dob-year': '2014',
  'expected-day': '',
  'expected-month': '',
  'expected-year': '',
  sex: 'female',
  ethnicity: '',
  nhsNumber: '',
  upn: '',
  councilId: '',
  line1: '',
  line2: '',
  town: '',
  postcode: '',
};

test('a likely existing record is shown before a new one is added; "none of these" adds it', async () => {
  const existing = await indexPerson(t, {
    given: 'Kezia',
    family: 'Pemberton',
    dob: '2014-10-09',
    sex: 'female',
  });
  const sw = await sessionAs(t, 'sw');
  const count = () => countRows(t.db, `person where family_name = 'Pemberton'`);
  const first = await sw.post('/people/new', form);
  assert.equal(first.statusCode, 200, 'no record made yet');
  assert.equal(await count(), 1);
  assert.match(first.body, /This person may already have a record/);
  assert.match(first.body, /Kezia Pemberton/);
  assert.match(first.body, /No relationship/, 'the social worker has no relationship with it');
  assert.ok(!first.body.includes(`href="/people/${existing}"`), 'no link to a record they may not open');
  assert.match(first.body, /name="checked" value="yes"/);
  assert.match(first.body, /value="Kezia"/, 'what was typed is kept');
  const audited = await countRows(
    t.db,
    `audit_event where action = 'person.match_candidate' and person_id = $1`,
    [existing],
  );
  assert.equal(audited, 1);

  const second = await sw.post('/people/new', { ...form, checked: 'yes' });
  assert.equal(second.statusCode, 303);
  assert.match(String(second.headers.location), /\?saved=created$/);
  assert.equal(await count(), 2);
});

test('with no likely record the person is added at once', async () => {
  const sw = await sessionAs(t, 'sw');
  const res = await sw.post('/people/new', { ...form, givenName: 'Quillon', familyName: 'Vasquez-Abara' });
  assert.equal(res.statusCode, 303);
});

test('bad input still gets the error summary, not the matches', async () => {
  const sw = await sessionAs(t, 'sw');
  const res = await sw.post('/people/new', { ...form, familyName: '' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /govuk-error-summary/);
});
