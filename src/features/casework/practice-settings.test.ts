// The visit frequency, a practice decision: a team manager or the principal social worker sets it
// on the casework settings page (not only the system administrator); others are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, sessionFor, useApp } from '../../../test/helpers/app.ts';
import { countRows } from '../../../test/helpers/rows.ts';
import { caseworkSettings } from './settings.ts';

const t = useApp();

async function principalSocialWorker(): Promise<string> {
  const [row] = await t.db.query<{ id: string }>(
    `insert into app_user (partnership_id, agency_id, team_id, email, display_name, roles)
     values ($1,$2,null,'psw@together.example','Pat Principal',array['principal_social_worker']) returning id`,
    [t.org.partnershipId, t.org.agencies.council],
  );
  return row!.id;
}

const audits = () =>
  countRows(t.db, `audit_event where action = 'settings.update' and entity_id = 'casework'`);

test('a team manager sets the visit frequency; the change is audited and kept with the other settings', async () => {
  const tm = await sessionAs(t, 'tm');
  const page = await tm.get('/casework/settings');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /How often is a child on a child protection plan visited\?/);
  assert.match(page.body, /name="visitWorkingDays"[^>]*value="10"|value="10"[^>]*name="visitWorkingDays"/);
  const before = await audits();
  const res = await tm.post('/casework/settings', { visitWorkingDays: '5' });
  assert.equal(res.statusCode, 303);
  assert.equal(res.headers.location, '/casework/settings?done=settings');
  const s = await caseworkSettings(t.db, t.org.partnershipId);
  assert.equal(s.visitWorkingDays, 5);
  assert.deepEqual(s.cinPlanReview, { months: 3 }, 'the other settings are kept');
  assert.equal(await audits(), before + 1);
  assert.match((await tm.get('/casework/settings?done=settings')).body, /The visit frequency is saved/);
  assert.match((await tm.get('/team')).body, /href="\/casework\/settings"/);
});

test('the principal social worker sets it too, from the navigation', async () => {
  const psw = await sessionFor(t, await principalSocialWorker());
  const home = await psw.get('/');
  assert.match(home.body, /href="\/casework\/settings"/);
  assert.equal((await psw.post('/casework/settings', { visitWorkingDays: '15' })).statusCode, 303);
  assert.equal((await caseworkSettings(t.db, t.org.partnershipId)).visitWorkingDays, 15);
});

test('bad input gets an error summary and changes nothing; other roles are refused', async () => {
  const tm = await sessionAs(t, 'tm');
  const was = (await caseworkSettings(t.db, t.org.partnershipId)).visitWorkingDays;
  for (const bad of ['', '0', '61', '2.5', 'ten']) {
    const res = await tm.post('/casework/settings', { visitWorkingDays: bad });
    assert.equal(res.statusCode, 400, bad);
    assert.match(res.body, /govuk-error-summary[\s\S]*href="#visitWorkingDays"/, bad);
  }
  assert.equal((await caseworkSettings(t.db, t.org.partnershipId)).visitWorkingDays, was);
  for (const key of ['sw', 'mashmgr', 'teacher']) {
    const c = await sessionAs(t, key);
    assert.equal((await c.get('/casework/settings')).statusCode, 403, key);
    assert.equal((await c.post('/casework/settings', { visitWorkingDays: '3' })).statusCode, 403, key);
    assert.doesNotMatch((await c.get('/')).body, /href="\/casework\/settings"/, key);
  }
  assert.equal((await caseworkSettings(t.db, t.org.partnershipId)).visitWorkingDays, was);
});
