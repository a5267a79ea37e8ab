// The settings page sets caseloads' and statutory casework's local settings; "due soon" is one rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { DUE_SOON_WORKING_DAYS, due } from '../../platform/due.ts';
import { caseworkSettings } from '../casework/service.ts';
import { myWork } from './service.ts';
import { caseloadSettings, DEFAULT_SETTINGS } from './settings.ts';
import { addChild, fakeSource, workItem } from './test-fixtures.ts';
import { allocate } from '../../../test/helpers/people.ts';
import { countRows } from '../../../test/helpers/rows.ts';
import { demoActor } from '../../demo/organisation.ts';

let admin: Client;
const t = useApp(async () => {
  admin = await signedIn(t.app, 'admin');
});

const caseloadFields = {
  'weight-cp_plan': '1.5',
  'weight-cp_enquiry': '1.5',
  'weight-looked_after': '1.5',
  'weight-cin_plan': '1',
  'weight-assessment': '1',
  'weight-allocated': '1',
  limit: '18',
};
const caseworkFields = {
  visitWorkingDays: '10',
  cinPlanReviewEvery: '3',
  cinPlanReviewUnit: 'months',
  strategyDiscussionWorkingDays: '1',
  driftReviewMonths: '3',
};
const settingEvents = () =>
  countRows(t.db, `audit_event where action = 'settings.update' and entity_id = 'casework'`);

test('the settings page shows casework’s settings in a second fieldset', async () => {
  const page = await admin.get('/caseloads/settings');
  assert.equal(page.statusCode, 200);
  assert.equal(page.body.match(/<fieldset class="govuk-fieldset"/g)?.length, 3); // two, and the radios'
  assert.match(page.body, /name="visitWorkingDays"[^>]*value="10"/);
  assert.match(page.body, /name="cinPlanReviewEvery"[^>]*value="3"/);
  assert.match(page.body, /name="cinPlanReviewUnit" type="radio" value="months" checked/);
  assert.match(page.body, /name="driftReviewMonths"[^>]*value="3"/);
  assert.match(page.body, /Work due within 3 working days shows as due soon/);
});

test('bad casework values: 400 with the error summary, and nothing saved', async () => {
  const before = await settingEvents();
  const bad = await admin.post('/caseloads/settings', {
    ...caseloadFields,
    limit: '30',
    visitWorkingDays: 'often',
    cinPlanReviewEvery: '13',
    cinPlanReviewUnit: 'months',
    strategyDiscussionWorkingDays: '11',
    driftReviewMonths: '1.5',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /govuk-error-summary/);
  for (const [field, message] of [
    ['visitWorkingDays', 'Enter the visit frequency as a whole number of working days'],
    ['cinPlanReviewEvery', 'The review interval must be from 1 to 12 months'],
    ['strategyDiscussionWorkingDays', 'The time for a strategy discussion must be from 0 to 10 working days'],
    ['driftReviewMonths', 'Enter the time without a review as a whole number of months'],
  ]) {
    assert.match(bad.body, new RegExp(`href="#${field}">${message}`), field);
  }
  assert.match(bad.body, /name="visitWorkingDays"[^>]*value="often"/, 'what was typed is shown again');
  assert.equal((await caseloadSettings(t.db, t.org.partnershipId)).limit, 18, 'the valid half is not saved');
  assert.equal(await settingEvents(), before);

  const noUnit = await admin.post('/caseloads/settings', {
    ...caseloadFields,
    ...caseworkFields,
    cinPlanReviewUnit: 'weeks',
  });
  assert.equal(noUnit.statusCode, 400);
  assert.match(noUnit.body, /href="#cinPlanReviewUnit"/);
  const missing = await admin.post('/caseloads/settings', caseloadFields);
  assert.equal(missing.statusCode, 400, 'a form without the casework fields');
  assert.match(missing.body, /href="#visitWorkingDays"/);
});

test('a blank or oddly written caseload number is refused, not read as 0 or 1', async () => {
  const before = await settingEvents();
  for (const [field, value, message] of [
    ['weight-cp_plan', '', /Enter a weight as a number/],
    ['weight-cin_plan', '0x1', /Enter a weight as a number/],
    ['weight-allocated', '1.155', /at most two decimal places/],
    ['limit', ' ', /Enter the caseload limit as a number/],
  ] as const) {
    const res = await admin.post('/caseloads/settings', {
      ...caseloadFields,
      ...caseworkFields,
      [field]: value,
    });
    assert.equal(res.statusCode, 400, `${field}=${JSON.stringify(value)}`);
    assert.match(res.body, new RegExp(`href="#${field}">`), field);
    assert.match(res.body, message, field);
  }
  assert.equal(await settingEvents(), before);
  // Two decimal places that floating point cannot hold exactly are still two decimal places.
  const ok = await admin.post('/caseloads/settings', {
    ...caseloadFields,
    ...caseworkFields,
    'weight-cin_plan': '1.15',
  });
  assert.equal(ok.statusCode, 303, ok.body.match(/govuk-error-summary[\s\S]*?<\/ul>/)?.[0]);
  assert.equal((await caseloadSettings(t.db, t.org.partnershipId)).weights.cin_plan, 1.15);
  await admin.post('/caseloads/settings', { ...caseloadFields, ...caseworkFields });
});

test('good values save both settings, each audited', async () => {
  const before = await settingEvents();
  const ok = await admin.post('/caseloads/settings', {
    ...caseloadFields,
    limit: '20',
    visitWorkingDays: '5',
    cinPlanReviewEvery: '20',
    cinPlanReviewUnit: 'workingDays',
    strategyDiscussionWorkingDays: '0',
    driftReviewMonths: '6',
  });
  assert.equal(ok.statusCode, 303);
  assert.deepEqual(await caseworkSettings(t.db, t.org.partnershipId), {
    visitWorkingDays: 5,
    cinPlanReview: { workingDays: 20 },
    strategyDiscussionWorkingDays: 0,
    driftReviewMonths: 6,
  });
  assert.equal((await caseloadSettings(t.db, t.org.partnershipId)).limit, 20);
  assert.equal(await settingEvents(), before + 1);
  const page = await admin.get('/caseloads/settings?done=settings');
  assert.match(page.body, /Settings saved/);
  assert.match(page.body, /name="cinPlanReviewUnit" type="radio" value="workingDays" checked/);
  assert.equal(
    (await admin.post('/caseloads/settings', { ...caseloadFields, ...caseworkFields })).statusCode,
    303,
  );
});

test('only the administrator: others get 403 and change nothing', async () => {
  const before = await settingEvents();
  for (const key of ['tm', 'sw', 'scrutineer', 'dpo']) {
    const c = await signedIn(t.app, key);
    assert.equal((await c.get('/caseloads/settings')).statusCode, 403, key);
    const res = await c.post('/caseloads/settings', {
      ...caseloadFields,
      ...caseworkFields,
      visitWorkingDays: '30',
    });
    assert.equal(res.statusCode, 403, key);
  }
  assert.equal((await caseworkSettings(t.db, t.org.partnershipId)).visitWorkingDays, 10);
  assert.equal(await settingEvents(), before);
});

test('a stored caseload setting from before still reads (its near-due field is dropped)', async () => {
  await t.db.query(
    `insert into partnership_setting (partnership_id, key, value) values ($1, 'caseloads.settings', $2)
     on conflict (partnership_id, key) do update set value = excluded.value`,
    [t.org.partnershipId, JSON.stringify({ ...DEFAULT_SETTINGS, limit: 25, nearDueWorkingDays: 5 })],
  );
  assert.deepEqual(await caseloadSettings(t.db, t.org.partnershipId), { ...DEFAULT_SETTINGS, limit: 25 });
});

test('"due soon" is the one rule of platform/due.ts in caseloads too', async () => {
  assert.equal(DUE_SOON_WORKING_DAYS, 3);
  // The work list uses it: due on the third working day is "due soon", on the fourth it is not.
  const child = await addChild(t, 'Nia', 'Neardue');
  await allocate(t, child, 'sw', 'Assessment Team North');
  const source = fakeSource([
    workItem(child, 'visit', '2026-09-03'), // Friday 28 August + 3 (Monday 31 August is a bank holiday)
    workItem(child, 'assessment', '2026-09-04'),
  ]);
  const w = await myWork(t.db, demoActor(t.org, 'sw'), { today: '2026-08-28', source });
  assert.deepEqual(
    w.items.map((i) => [i.type, i.state.status]),
    [
      ['visit', 'due_soon'],
      ['assessment', 'on_time'],
    ],
  );
  assert.equal(w.nearDueWorkingDays, DUE_SOON_WORKING_DAYS);
  assert.equal(due('2026-09-03', '2026-08-28').text, 'Due in 3 working days');
  assert.equal(due('2026-09-04', '2026-08-28').text, 'On track');
});
