import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';

let executive: string;
let meeting: string;

const t = useApp(async () => {
  const pid = t.org.partnershipId;
  executive = (
    await t.db.query<{ id: string }>(
      `insert into partnership_body (partnership_id, name, kind) values ($1, 'Executive', 'executive') returning id`,
      [pid],
    )
  )[0]!.id;
  await t.db.query('update agency set relevant_agency = true where id = $1', [t.org.agencies.school1]);
});

const meetingForm = (over: Record<string, string> = {}) => ({
  bodyId: executive,
  'heldOn-day': '3',
  'heldOn-month': '3',
  'heldOn-year': '2026',
  chairUserId: t.org.users.leadpolice!,
  location: 'County Hall',
  ...over,
});

test('the business manager records a meeting; bad input and a scrutineer chair are refused, nothing written', async () => {
  const bm = await sessionAs(t, 'bm');
  const empty = await bm.post('/partnership/meetings/new', {});
  assert.equal(empty.statusCode, 400);
  assert.match(empty.body, /Select the group that met/);
  assert.match(empty.body, /Enter the date of the meeting/);
  assert.match(empty.body, /Select who chaired the meeting/);
  const chair = await bm.post(
    '/partnership/meetings/new',
    meetingForm({ chairUserId: t.org.users.scrutineer! }),
  );
  assert.equal(chair.statusCode, 400);
  assert.match(chair.body, /scrutineer cannot chair a meeting/);
  assert.match(chair.body, /value="County Hall"/, 'what was typed is kept');
  assert.equal(await countRows(t.db, 'partnership_meeting'), 0);
  const made = await bm.post('/partnership/meetings/new', meetingForm());
  assert.equal(made.statusCode, 303);
  meeting = /\/partnership\/meetings\/([0-9a-f-]{36})/.exec(String(made.headers.location))![1]!;
  const page = await bm.get(`/partnership/meetings/${meeting}?done=added`);
  assert.match(page.body, /The meeting is recorded/);
  assert.match(page.body, /Det Supt Mark Ellison/);
  assert.equal((await auditRows(t.db, { action: 'meeting.add', entityId: meeting })).length, 1);
});

test('attendance, papers, decisions and an action are recorded on the meeting', async () => {
  const bm = await sessionAs(t, 'bm');
  const att = await bm.post(`/partnership/meetings/${meeting}/attendance`, {
    [`att-${t.org.agencies.council}`]: 'present',
    [`att-${t.org.agencies.police}`]: 'apologies',
    [`att-${t.org.agencies.school1}`]: 'absent',
  });
  assert.equal(att.statusCode, 303);
  const bad = await bm.post(`/partnership/meetings/${meeting}/attendance`, {
    [`att-${t.org.agencies.council}`]: 'asleep',
  });
  assert.equal(bad.statusCode, 400);
  const outsider = await bm.post(`/partnership/meetings/${meeting}/attendance`, {
    [`att-${t.org.agencies.housing}`]: 'present',
  });
  assert.equal(outsider.statusCode, 400, 'housing is neither a partner nor a relevant agency here');
  assert.equal(await countRows(t.db, 'partnership_meeting_attendance where meeting_id = $1', [meeting]), 3);

  assert.equal((await bm.post(`/partnership/meetings/${meeting}/papers/new`, { title: '' })).statusCode, 400);
  assert.equal(
    (
      await bm.post(`/partnership/meetings/${meeting}/papers/new`, {
        title: 'Performance report',
        summary: 'Q3',
      })
    ).statusCode,
    303,
  );
  assert.equal(
    (
      await bm.post(`/partnership/meetings/${meeting}/decisions/new`, {
        decision: 'Adopt the neglect strategy',
      })
    ).statusCode,
    303,
  );

  const noOwner = await bm.post(`/partnership/meetings/${meeting}/actions/new`, {
    title: 'Refresh the strategy',
  });
  assert.equal(noOwner.statusCode, 400);
  assert.match(noOwner.body, /Select the agency that owns the action/);
  assert.match(noOwner.body, /Enter the date the action is due/);
  const scrutineer = await bm.post(`/partnership/meetings/${meeting}/actions/new`, {
    title: 'Refresh the strategy',
    ownerAgencyId: t.org.agencies.council!,
    ownerUserId: t.org.users.scrutineer!,
    'dueOn-day': '1',
    'dueOn-month': '6',
    'dueOn-year': '2030',
  });
  assert.equal(scrutineer.statusCode, 400);
  assert.match(scrutineer.body, /scrutineer cannot own an action/);
  assert.equal(await countRows(t.db, 'partnership_action'), 0);
  const ok = await bm.post(`/partnership/meetings/${meeting}/actions/new`, {
    title: 'Refresh the strategy',
    ownerAgencyId: t.org.agencies.council!,
    ownerUserId: t.org.users.leadcouncil!,
    'dueOn-day': '1',
    'dueOn-month': '6',
    'dueOn-year': '2030',
  });
  assert.equal(ok.statusCode, 303);
  const page = await (await sessionAs(t, 'leadschool')).get(`/partnership/meetings/${meeting}`);
  assert.match(page.body, /Apologies/);
  assert.match(page.body, /Performance report/);
  assert.match(page.body, /Adopt the neglect strategy/);
  assert.match(page.body, /Refresh the strategy/);
  assert.doesNotMatch(page.body, /Add an action/, 'an agency lead does not manage meetings');
});

test('only the business manager manages meetings; everyone with assurance.read reads them', async () => {
  for (const key of ['leadpolice', 'scrutineer', 'sw', 'teacher']) {
    const c = await sessionAs(t, key);
    assert.equal((await c.post('/partnership/meetings/new', meetingForm())).statusCode, 403, key);
    assert.equal((await c.get('/partnership/meetings/new')).statusCode, 403, key);
    assert.equal((await c.get(`/partnership/meetings/${meeting}/actions/new`)).statusCode, 403, key);
    assert.equal(
      (await c.post(`/partnership/meetings/${meeting}/decisions/new`, { decision: 'x' })).statusCode,
      403,
      key,
    );
  }
  for (const key of ['leadpolice', 'scrutineer']) {
    assert.equal((await (await sessionAs(t, key)).get(`/partnership/meetings/${meeting}`)).statusCode, 200);
  }
  assert.equal((await (await sessionAs(t, 'sw')).get(`/partnership/meetings/${meeting}`)).statusCode, 403);
  assert.equal(await countRows(t.db, 'partnership_meeting'), 1);
});
