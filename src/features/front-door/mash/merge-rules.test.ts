// Merges the index refuses, with the reason in words: two records of different recorded sex, and a
// parent with their own child (a young mother and her baby are both children's records).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../../test/helpers/app.ts';
import { indexPerson } from '../../../../test/helpers/people.ts';
import { countRows } from '../../../../test/helpers/rows.ts';
import { actorFor } from '../../people/test-support.ts';
import { submitFromApi } from '../service.ts';
import { referralAbout } from '../test-support.ts';

const t = useApp();

/** A contact about a child with these two records on it; returns the merge form's address. */
async function contactWith(a: string, b: string): Promise<string> {
  const teacher = await actorFor(t.db, t.org.users.teacher!);
  const { contactId } = await submitFromApi(
    t.db,
    teacher,
    referralAbout({ givenName: 'Robin', familyName: 'Ashby', dateOfBirth: '2016-05-04' }),
  );
  for (const id of [a, b])
    await t.db.query(`insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3)`, [
      contactId,
      id,
      t.org.partnershipId,
    ]);
  const [s] = await t.db.query<{ id: string }>(`select id from contact_subject where contact_id = $1`, [
    contactId,
  ]);
  return `/mash/contacts/${contactId}/people/${s!.id}/merge`;
}

test('records of different recorded sex are not merged, and the page says why', async () => {
  const girl = await indexPerson(t, { given: 'Robin', family: 'Ashby', dob: '2016-05-04', sex: 'female' });
  const boy = await indexPerson(t, { given: 'Robin', family: 'Ashby', dob: '2016-05-04', sex: 'male' });
  const form = await contactWith(girl, boy);
  const mash = await sessionAs(t, 'mash');
  const res = await mash.post(form, { keepId: girl, mergeId: boy, reason: 'Same child', confirm: 'yes' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /govuk-error-summary/);
  assert.match(res.body, /one is recorded as female and the other as male/);
  assert.match(res.body, /href="#mergeId"/);
  assert.equal(await countRows(t.db, `person_merge where kept_person_id = $1`, [girl]), 0);
});

test('a child is not merged into their parent, even when both are children’s records', async () => {
  const mother = await indexPerson(t, { given: 'Robin', family: 'Ashby', dob: '2009-05-04', sex: 'female' });
  const baby = await indexPerson(t, { given: 'Robyn', family: 'Ashby', dob: '2025-05-04', sex: 'unknown' });
  await t.db.query(
    `insert into relationship (partnership_id, person_id, related_person_id, kind) values ($1,$2,$3,'parent')`,
    [t.org.partnershipId, baby, mother],
  );
  const form = await contactWith(mother, baby);
  const mash = await sessionAs(t, 'mash');
  const res = await mash.post(form, { keepId: mother, mergeId: baby, reason: 'Same', confirm: 'yes' });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /records one as the other’s parent, and a person cannot be their own parent/);
  assert.equal(await countRows(t.db, `person_merge where kept_person_id = $1`, [mother]), 0);
});

test('the merge form’s error summary names every missing field, each linking to it', async () => {
  const a = await indexPerson(t, { given: 'Robin', family: 'Ashby', dob: '2016-05-04', sex: 'female' });
  const b = await indexPerson(t, { given: 'Robyn', family: 'Ashby', dob: '2016-05-04', sex: 'female' });
  const form = await contactWith(a, b);
  const res = await (await sessionAs(t, 'mash')).post(form, {});
  assert.equal(res.statusCode, 400);
  const summary = /govuk-error-summary[\s\S]*?<\/ul>/.exec(res.body)?.[0] ?? '';
  const links = [...summary.matchAll(/href="#([^"]+)">([^<]+)</g)].map((m) => `${m[1]}: ${m[2]}`);
  assert.deepEqual(links, [
    'keepId: Choose the record to keep',
    'mergeId: Choose the record to merge into it',
    'reason: Say why these records are the same person',
    'confirm: Confirm that these two records are the same person',
  ]);
  const partial = await (await sessionAs(t, 'mash')).post(form, { keepId: a, mergeId: a, reason: '' });
  const partialSummary = /govuk-error-summary[\s\S]*?<\/ul>/.exec(partial.body)?.[0] ?? '';
  for (const [id, text] of [
    ['mergeId', 'Choose two different records'],
    ['reason', 'Say why these records are the same person'],
    ['confirm', 'Confirm that these two records are the same person'],
  ])
    assert.ok(partialSummary.includes(`href="#${id}">${text}<`), `${id} in the summary`);
  // Each link has its field on the page.
  for (const id of ['keepId', 'mergeId', 'reason', 'confirm'])
    assert.match(res.body, new RegExp(`id="${id}"`));
});
