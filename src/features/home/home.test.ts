import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, testApp, type TestApp } from '../../../test/helpers/app.ts';

let t: TestApp;
let childId: string;
before(async () => {
  t = await testApp();
  const pid = t.org.partnershipId;
  const [child] = await t.db.query<{ id: string }>(
    `insert into person (partnership_id, kind, given_name, family_name, date_of_birth) values ($1,'child','Zara','Quill','2015-06-01') returning id`,
    [pid],
  );
  childId = child!.id;
  await t.db.query(`insert into allocation (partnership_id, person_id, user_id) values ($1,$2,$3)`, [
    pid,
    childId,
    t.org.users.sw,
  ]);
  await t.db.query(
    `insert into involvement (partnership_id, person_id, agency_id, role, started_on) values ($1,$2,$3,'school','2020-09-01')`,
    [pid, childId, t.org.agencies.school1],
  );
});
after(() => t.close());

test("a social worker's home lists the children allocated to them, and the listing is audited", async () => {
  const c = await signedIn(t.app, 'sw');
  const count = async () =>
    (
      await t.db.query<{ n: number }>(
        `select count(*)::int as n from audit_event where action = 'person.listed' and person_id = $1 and user_id = $2`,
        [childId, t.org.users.sw],
      )
    )[0]?.n;
  const before = await count();
  const res = await c.get('/');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /Children allocated to you/);
  assert.match(res.body, new RegExp(`href="/people/${childId}">Zara Quill`));
  assert.equal(await count(), (before ?? 0) + 1);
});

test("a teacher's home lists the children their school works with", async () => {
  const res = await (await signedIn(t.app, 'teacher')).get('/');
  assert.match(res.body, /Children your team works with \(1\)/);
  assert.match(res.body, /Zara Quill/);
});

test('a social worker in another team, the administrator and the business manager see no child', async () => {
  for (const key of ['sw2', 'admin', 'bm', 'dpo', 'public']) {
    const res = await (await signedIn(t.app, key)).get('/');
    assert.equal(res.statusCode, 200, key);
    assert.doesNotMatch(res.body, /Zara|Quill/, key);
  }
  const admin = await (await signedIn(t.app, 'admin')).get('/');
  assert.match(admin.body, /Active users/);
});
