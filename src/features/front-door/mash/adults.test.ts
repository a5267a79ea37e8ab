// What agencies hold about the adults linked to a contact's children: the adults on the contact and
// those the person index relates to a child on it, within each viewer's access.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../../test/helpers/app.ts';
import { indexPerson, involve } from '../../../../test/helpers/people.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { actorFor } from '../../people/test-support.ts';
import { linkSubject, submitFromApi } from '../service.ts';
import { chronologyEntry, referralAbout } from '../test-support.ts';

let teacher: Actor;
let mash: Actor;

const t = useApp(async () => {
  teacher = await actorFor(t.db, t.org.users.teacher!);
  mash = await actorFor(t.db, t.org.users.mash!);
});

/** A contact about one child, linked to the child's record (the referral names no adult). */
async function contactAbout(childId: string, given: string): Promise<string> {
  const r = await submitFromApi(
    t.db,
    teacher,
    referralAbout({ givenName: given, familyName: 'Hollis', dateOfBirth: '2018-02-02' }),
  );
  const [s] = await t.db.query<{ id: string }>(`select id from contact_subject where contact_id = $1`, [
    r.contactId,
  ]);
  await linkSubject(t.db, mash, r.contactId, s!.id, childId);
  return r.contactId;
}

async function fatherOf(childId: string, given: string, opts: { restricted?: boolean } = {}) {
  const father = await indexPerson(t, {
    kind: 'adult',
    given,
    family: 'Hollis',
    dob: '1985-03-02',
    sex: 'male',
    ...opts,
  });
  await t.db.query(
    `insert into relationship (partnership_id, person_id, related_person_id, kind) values ($1,$2,$3,'parent')`,
    [t.org.partnershipId, childId, father],
  );
  await chronologyEntry(t.db, t.org.partnershipId, father, t.org.agencies.probation!, {
    category: 'probation',
    summary: `${given} Hollis began a 12-month community order for assault`,
  });
  await involve(t, father, 'probation', { role: 'probation', startedOn: '2024-06-01' });
  return father;
}

test("the contact page shows the probation order of the child's father, related on the person index only", async () => {
  const child = await indexPerson(t, { given: 'Maisie', family: 'Hollis', dob: '2018-02-02' });
  await fatherOf(child, 'Darren');
  // What the child's own chronology holds about the household's adults is shown too.
  await chronologyEntry(t.db, t.org.partnershipId, child, t.org.agencies.probation!, {
    category: 'probation',
    summary: 'Her father began supervision; probation checked with the MASH about the children',
  });
  const contactId = await contactAbout(child, 'Maisie');
  const page = await (await sessionAs(t, 'mash')).get(`/mash/contacts/${contactId}`);
  assert.equal(page.statusCode, 200);
  const panel = page.body.slice(page.body.indexOf('id="adults"'));
  assert.match(panel, /Darren Hollis/);
  assert.match(panel, /Parent of Maisie Hollis/);
  assert.match(panel, /began a 12-month community order for assault/);
  assert.match(panel, /Probation Service/);
  assert.match(panel, /probation checked with the MASH about the children/);
  // The manager deciding sees the same panel beside the decision.
  const decision = await (await sessionAs(t, 'mashmgr')).get(`/mash/contacts/${contactId}/decision`);
  assert.equal(decision.statusCode, 200);
  const beside = decision.body.slice(decision.body.indexOf('id="adults"'));
  assert.ok(beside.length < decision.body.length, 'the panel is on the decision page');
  assert.match(beside, /Darren Hollis/);
  assert.match(beside, /began a 12-month community order for assault/);
});

test('an adult the viewer may not open is not shown: a restricted father is left out', async () => {
  const child = await indexPerson(t, { given: 'Tilly', family: 'Hollis', dob: '2019-04-04' });
  await fatherOf(child, 'Shane', { restricted: true });
  const contactId = await contactAbout(child, 'Tilly');
  const page = await (await sessionAs(t, 'mash')).get(`/mash/contacts/${contactId}`);
  assert.equal(page.statusCode, 200);
  assert.ok(!page.body.includes('Shane'), 'the restricted adult is not named');
  assert.ok(!page.body.includes('community order'), 'nor is what agencies hold about him');
});

test('once the contact is decided the MASH no longer sees the adult: counted, not shown', async () => {
  const child = await indexPerson(t, { given: 'Ollie', family: 'Hollis', dob: '2017-07-07' });
  await fatherOf(child, 'Wayne');
  const contactId = await contactAbout(child, 'Ollie');
  await t.db.query(
    `update contact set status = 'decided', decision = 'no_further_action', decided_at = now() where id = $1`,
    [contactId],
  );
  const page = await (await sessionAs(t, 'mash')).get(`/mash/contacts/${contactId}`);
  assert.equal(page.statusCode, 200);
  assert.ok(!page.body.includes('Wayne'));
  assert.ok(!page.body.includes('community order'));
  assert.match(page.body, /1 other adult linked to the children has a record you may not open/);
});
