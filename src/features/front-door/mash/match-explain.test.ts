// The match page's explanations: which side lacks a value, and a candidate found by address alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../../test/helpers/app.ts';
import { indexPerson } from '../../../../test/helpers/people.ts';
import { actorFor } from '../../people/test-support.ts';
import { submitFromApi } from '../service.ts';
import { referralAbout } from '../test-support.ts';

const t = useApp();

async function matchPage(child: Parameters<typeof referralAbout>[0]) {
  const teacher = await actorFor(t.db, t.org.users.teacher!);
  const { contactId } = await submitFromApi(
    t.db,
    teacher,
    referralAbout(child, {
      address: { known: true, line1: '12 Alder Road', line2: null, town: null, postcode: 'EL1 2AB' },
    }),
  );
  const [s] = await t.db.query<{ id: string }>(`select id from contact_subject where contact_id = $1`, [
    contactId,
  ]);
  return (await sessionAs(t, 'mash')).get(`/mash/contacts/${contactId}/people/${s!.id}`);
}

/** The "Why" row of a field in the candidate's card. */
const row = (body: string, label: string) =>
  new RegExp(
    `<td class="govuk-table__cell">${label}</td>\\s*<td class="govuk-table__cell">([^<]*)</td>`,
  ).exec(body)?.[1];

test('"not known" says which side has no value', async () => {
  await indexPerson(t, { given: 'Poppy', family: 'Lindqvist', dob: '2015-09-09', sex: 'female' });
  const page = await matchPage({ givenName: 'Poppy', familyName: 'Lindqvist', dateOfBirth: '2015-09-09' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Poppy Lindqvist/);
  assert.equal(row(page.body, 'Sex'), 'not given on the referral');
  assert.equal(row(page.body, 'Address'), 'not on the record');
  assert.equal(row(page.body, 'NHS number'), 'not known on either the referral or the record');
  assert.doesNotMatch(page.body, /not known on both/);
});

test('a candidate scored on the address alone is labelled so', async () => {
  await indexPerson(t, { given: 'Zara', family: 'Okafor', dob: null, postcode: 'EL1 2AB' });
  const page = await matchPage({
    givenName: 'Baby',
    familyName: 'Not known',
    dateOfBirth: null,
    ageYears: 0,
  });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Zara Okafor/);
  assert.match(page.body, /Address only/);
  assert.match(page.body, /Scored on the address alone/);
});
