// Merging two records of one child while matching a contact, and undoing it: every row comes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { sessionAs, signedIn, useApp } from '../../../../test/helpers/app.ts';
import { indexPerson } from '../../../../test/helpers/people.ts';
import { countRows } from '../../../../test/helpers/rows.ts';
import { actorFor } from '../../people/test-support.ts';
import { submitFromApi } from '../service.ts';
import { mergedInto } from '../../people/merged.ts';
import { searchPeople } from '../../people/search.ts';
import { chronologyEntry, nhs, referralAbout } from '../test-support.ts';

let kept: string;
let dup: string;
let mother: string;
let contactId: string;
let subjectId: string;

const TABLES = [
  ['person_name', 'person_id'],
  ['address', 'person_id'],
  ['relationship', 'person_id'],
  ['relationship', 'related_person_id'],
  ['involvement', 'person_id'],
  ['household_member', 'person_id'],
  ['chronology_entry', 'person_id'],
  ['contact_person', 'person_id'],
  ['contact_subject', 'person_id'],
] as const;

/** Every row that points at either record, per table, in a stable order. */
async function snapshot(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [table, column] of TABLES) {
    const rows = await t.db.query<{ row: unknown }>(
      `select to_jsonb(x) as row from ${table} x where ${column} = any($1::uuid[])`,
      [[kept, dup]],
    );
    out[`${table}.${column}`] = rows.map((r) => JSON.stringify(r.row)).sort();
  }
  const people = await t.db.query<{ row: unknown }>(
    `select jsonb_build_object('id', id, 'nhs', nhs_number, 'upn', upn) as row from person where id = any($1::uuid[]) order by id`,
    [[kept, dup]],
  );
  out.person = people.map((r) => JSON.stringify(r.row));
  return out;
}

const t = useApp(async () => {
  const pid = t.org.partnershipId;
  kept = await indexPerson(t, {
    given: 'Ellie',
    family: 'Marsh',
    dob: '2016-05-04',
    sex: 'female',
    postcode: 'EL1 2AB',
  });
  dup = await indexPerson(t, {
    given: 'Elly',
    family: 'Marsh',
    dob: '2016-05-04',
    sex: 'female',
    nhs: nhs('943476591'),
    postcode: 'EL1 2AB',
  });
  mother = await indexPerson(t, { kind: 'adult', given: 'Dawn', family: 'Marsh', dob: '1990-01-01' });
  await chronologyEntry(t.db, pid, dup, t.org.agencies.hospital!, {
    category: 'hospital_attendance',
    summary: 'Attended ED with a burn',
  });
  await chronologyEntry(t.db, pid, kept, t.org.agencies.school1!, {
    category: 'education',
    summary: 'Started at Kingsmead',
  });
  await t.db.query(
    `insert into involvement (partnership_id, person_id, agency_id, role, started_on) values ($1,$2,$3,'gp','2020-01-01')`,
    [pid, dup, t.org.agencies.gp],
  );
  await t.db.query(
    `insert into relationship (partnership_id, person_id, related_person_id, kind) values ($1,$2,$3,'parent'), ($1,$4,$3,'parent'), ($1,$2,$4,'sibling')`,
    [pid, dup, mother, kept],
  );
  const teacher = await actorFor(t.db, t.org.users.teacher!);
  const input = referralAbout(
    { givenName: 'Ellie', familyName: 'Marsh', dateOfBirth: '2016-05-04', sex: 'female' },
    {
      address: { known: true, line1: '12 Alder Road', line2: null, town: null, postcode: 'EL1 2AB' },
      childSaid: { status: 'unable', details: null },
    },
  );
  contactId = (await submitFromApi(t.db, teacher, input)).contactId;
  subjectId = (
    await t.db.query<{ id: string }>(`select id from contact_subject where contact_id = $1`, [contactId])
  )[0]!.id;
  // The duplicate is on this contact too (linked by hand), so the contact rows collide on merge.
  await t.db.query(`insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3)`, [
    contactId,
    dup,
    pid,
  ]);
});

test('a merge moves every row to the kept record, and undo puts every one back', async () => {
  const mash = await sessionAs(t, 'mash');
  const page = await mash.get(`/mash/contacts/${contactId}/people/${subjectId}`);
  assert.ok(page.body.includes(kept) && page.body.includes(dup), 'both records are candidates');
  const unconfirmed = await mash.post(`/mash/contacts/${contactId}/people/${subjectId}/merge`, {
    keepId: kept,
    mergeId: dup,
    reason: 'Same child',
  });
  assert.equal(unconfirmed.statusCode, 400);
  assert.match(unconfirmed.body, /Confirm that these two records are the same person/);
  const same = await mash.post(`/mash/contacts/${contactId}/people/${subjectId}/merge`, {
    keepId: kept,
    mergeId: kept,
    reason: 'x',
    confirm: 'yes',
  });
  assert.equal(same.statusCode, 400);
  const teacher = await sessionAs(t, 'teacher');
  assert.equal(
    (
      await teacher.post(`/mash/contacts/${contactId}/people/${subjectId}/merge`, {
        keepId: kept,
        mergeId: dup,
        reason: 'x',
        confirm: 'yes',
      })
    ).statusCode,
    403,
  );

  const before = await snapshot();
  const res = await mash.post(`/mash/contacts/${contactId}/people/${subjectId}/merge`, {
    keepId: kept,
    mergeId: dup,
    reason: 'Same date of birth, address and mother; "Elly" is a misspelling',
    confirm: 'yes',
  });
  assert.equal(res.statusCode, 303, res.body.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0]);
  assert.equal(
    await countRows(t.db, `person_name where person_id = $1`, [dup]),
    0,
    'no names left on the merged record',
  );
  assert.equal(
    await countRows(t.db, `person_name where person_id = $1 and kind = 'alias' and given_name = 'Elly'`, [
      kept,
    ]),
    1,
  );
  assert.equal(await countRows(t.db, `chronology_entry where person_id = $1`, [kept]), 2);
  assert.equal(await countRows(t.db, `involvement where person_id = $1`, [kept]), 1);
  assert.equal(
    await countRows(t.db, `relationship where person_id = $1 and related_person_id = $2`, [kept, mother]),
    2,
  );
  assert.equal(
    await countRows(t.db, `relationship where person_id = related_person_id`),
    0,
    'the sibling link was set aside',
  );
  const [p] = await t.db.query<{ nhs_number: string }>(`select nhs_number from person where id = $1`, [kept]);
  assert.equal(p!.nhs_number, nhs('943476591'), 'an identifier the kept record lacked is carried over');
  const [s] = await t.db.query<{ person_id: string }>(`select person_id from contact_subject where id = $1`, [
    subjectId,
  ]);
  assert.equal(s!.person_id, kept, 'the person on the contact is the kept record');
  // The merged record is no longer offered.
  const after = await mash.get(`/mash/contacts/${contactId}/people/${subjectId}`);
  assert.ok(!after.body.includes(`value="${dup}"`), 'not a candidate any more');
  const contact = await mash.get(`/mash/contacts/${contactId}`);
  assert.match(contact.body, /Records merged while working this contact/);
  // The merged record's address leads to the kept one, and search finds only the kept one.
  const moved = await mash.get(`/people/${dup}`);
  assert.equal(moved.statusCode, 303);
  assert.equal(moved.headers.location, `/people/${kept}`);
  // Someone who may not see the kept record learns nothing: the merged one answers as missing.
  const publicClient = await signedIn(t.app, 'public');
  const hidden = await publicClient.get(`/people/${dup}`);
  const missing = await publicClient.get(`/people/${crypto.randomUUID()}`);
  assert.equal(hidden.statusCode, 404);
  assert.equal(hidden.statusCode, missing.statusCode);
  assert.doesNotMatch(hidden.body, new RegExp(kept));
  const found = await searchPeople(t.db, await actorFor(t.db, t.org.users.mash!), {
    postcode: 'EL1 2AB',
  });
  assert.ok(found.results.some((r) => r.id === kept));
  assert.ok(!found.results.some((r) => r.id === dup), 'the merged record is not found');

  const [m] = await t.db.query<{ id: string }>(`select id from person_merge where merged_person_id = $1`, [
    dup,
  ]);
  // The contact page links to a confirmation page; a post without its confirmation undoes nothing.
  assert.ok(contact.body.includes(`href="/mash/merges/${m!.id}/undo"`), 'an undo link, not a button');
  const unconfirmedUndo = await mash.post(`/mash/merges/${m!.id}/undo`, {});
  assert.equal(unconfirmedUndo.statusCode, 303);
  assert.equal(unconfirmedUndo.headers.location, `/mash/merges/${m!.id}/undo`);
  assert.equal(await mergedInto(t.db, t.org.partnershipId, dup), kept, 'still merged');
  const confirm = await mash.get(`/mash/merges/${m!.id}/undo`);
  assert.equal(confirm.statusCode, 200);
  assert.match(confirm.body, /Undo the merge of Elly Marsh into Ellie Marsh\?/);
  assert.match(confirm.body, /name="confirmed" value="yes"/);
  const undo = await mash.post(`/mash/merges/${m!.id}/undo`, { confirmed: 'yes' });
  assert.equal(undo.statusCode, 303);
  const restored = await snapshot();
  // The link the officer made to the kept record stays (it was not part of the merge).
  for (const key of Object.keys(before)) {
    if (key === 'contact_subject.person_id') continue;
    assert.deepEqual(restored[key], before[key], `${key} restored`);
  }
  assert.equal(
    (await mash.post(`/mash/merges/${m!.id}/undo`, { confirmed: 'yes' })).statusCode,
    409,
    'undone once only',
  );
  assert.match((await mash.get(`/mash/merges/${m!.id}/undo`)).body, /This merge was undone by/);
  assert.equal(await mergedInto(t.db, t.org.partnershipId, dup), undefined);
  const audit = await t.db.query<{ action: string; person_id: string }>(
    `select action, person_id from audit_event where action in ('person.merge', 'person.merge_undone') order by seq`,
  );
  assert.deepEqual(
    audit.map((a) => `${a.action}:${a.person_id === kept ? 'kept' : 'merged'}`),
    ['person.merge:kept', 'person.merge:merged', 'person.merge_undone:kept', 'person.merge_undone:merged'],
  );
});
