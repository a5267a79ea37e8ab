// Information requests reach someone: the MASH is warned before asking an agency no active user
// can answer for, and each partner's home page lists the requests waiting for it, with deadlines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../../test/helpers/app.ts';
import { indexPerson } from '../../../../test/helpers/people.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { actorFor } from '../../people/test-support.ts';
import { createRequests, linkSubject, setRag, submitFromApi } from '../service.ts';
import { referralAbout } from '../test-support.ts';

let mash: Actor;
let contactId: string;
let reference: string;

const t = useApp(async () => {
  mash = await actorFor(t.db, t.org.users.mash!);
  const teacher = await actorFor(t.db, t.org.users.teacher!);
  const r = await submitFromApi(
    t.db,
    teacher,
    referralAbout({ givenName: 'Nia', familyName: 'Brook', dateOfBirth: '2016-01-01' }),
  );
  contactId = r.contactId;
  const child = await indexPerson(t, { given: 'Nia', family: 'Brook', dob: '2016-01-01' });
  const [s] = await t.db.query<{ id: string }>(`select id from contact_subject where contact_id = $1`, [
    contactId,
  ]);
  await linkSubject(t.db, mash, contactId, s!.id, child);
  const [c] = await t.db.query<{ reference: string }>(`select reference from contact where id = $1`, [
    contactId,
  ]);
  reference = c!.reference;
});

test('the MASH is warned, before sending, about an agency with no active user who can answer', async () => {
  const page = await (await sessionAs(t, 'mash')).get(`/mash/contacts/${contactId}`);
  assert.equal(page.statusCode, 200);
  const warning = /govuk-warning-text__text">([\s\S]*?)<\/strong>/.exec(
    page.body.slice(page.body.indexOf('id="requests"')),
  )?.[1];
  assert.ok(warning, 'a warning above the agencies');
  assert.match(warning, /Elmshire Homes/, 'housing has no users');
  assert.match(warning, /Elmshire Family Support Trust/, 'the voluntary agency has a referrer only');
  assert.doesNotMatch(warning, /Elmshire Police|Constabulary/, 'the police MASH officer answers');
  assert.match(page.body, /No one at this agency can answer in the system: phone them as well/);
  // When the police's only answering user leaves, the police are named too.
  await t.db.query(`update app_user set active = false where id = $1`, [t.org.users.police]);
  const after = await (await sessionAs(t, 'mash')).get(`/mash/contacts/${contactId}`);
  const policeName = (
    await t.db.query<{ name: string }>(`select name from agency where id = $1`, [t.org.agencies.police])
  )[0]!.name;
  assert.ok(after.body.includes(policeName), 'named once no one can answer');
  await t.db.query(`update app_user set active = true where id = $1`, [t.org.users.police]);
});

test('a partner’s home page lists the requests waiting for their agency, with deadlines', async () => {
  await setRag(t.db, mash, contactId, 'amber');
  await createRequests(t.db, mash, contactId, { agencyIds: [t.org.agencies.police!], question: 'Known?' });
  const home = await (await sessionAs(t, 'police')).get('/');
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /Information requests waiting for your agency \(1\)/);
  assert.ok(home.body.includes(reference), 'the contact reference links to the request');
  assert.match(home.body, /href="\/information-requests\/[0-9a-f-]{36}"/);
  assert.match(home.body, /Answer due/);
  // Another agency's staff see nothing of it.
  const gp = await (await sessionAs(t, 'gp')).get('/');
  assert.doesNotMatch(gp.body, /Information requests waiting/);
  assert.ok(!gp.body.includes(reference));
});
