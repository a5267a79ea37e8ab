// The summary at the top of a child's record (issue 11): who works with the child, the status, the
// open clocks, the alerts and the child's latest words, each only as far as the viewer's parts go.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp } from '../../../test/helpers/app.ts';
import { allocate, involve } from '../../../test/helpers/people.ts';
import { auditRows } from '../../../test/helpers/rows.ts';
import { demoActor } from '../../demo/organisation.ts';
import { recordInitialConference, startEpisode } from '../casework/service.ts';
import { agencyIds, caseworkSteps, makeChild, makeReferral, voice } from '../casework/test-support.ts';

let child = '';
const t = useApp(async () => {
  const sw = demoActor(t.org, 'sw');
  const steps = caseworkSteps(t);
  child = await makeChild(t, 'Summer');
  await allocate(t, child, 'sw', 'Assessment Team North');
  await involve(t, child, 'school1');
  const referral = await makeReferral(t, child, '2024-03-01');
  await startEpisode(t.db, sw, child, { referral, referralSource: '3A', primaryNeed: 'N1' });
  await steps.strategy(child, '2024-03-04');
  await steps.enquiry(child, '2024-03-04', '2024-03-08');
  await steps.signOff(child, '2024-03-08');
  await recordInitialConference(t.db, sw, child, {
    heldOn: '2024-03-20',
    chair: 'Chair',
    agencies: agencyIds(t.org, 'council', 'police'),
    ...voice('2024-03-20', 'I want my dog to come too.'),
    decision: 'plan',
    category: 'EMO',
  });
});

const summaryOf = (html: string) => {
  const start = html.indexOf('<h2 class="govuk-summary-card__title">');
  assert.ok(start > 0, 'the page has a summary');
  return html.slice(start, html.indexOf('</dl>', start));
};

test('the allocated worker sees the plan and its category, the overdue clocks and the child’s latest words', async () => {
  const sw = await signedIn(t.app, 'sw');
  const res = await sw.get(`/people/${child}`);
  assert.equal(res.statusCode, 200);
  const s = summaryOf(res.body);
  assert.match(s, /Allocated worker[\s\S]*Hannah Price, Assessment Team North/);
  assert.match(s, /Child protection plan: Emotional abuse \(since 20 March 2024\)/);
  assert.match(s, /Child in need \(open episode of need\)/);
  // The core group is due within 10 working days of the conference, long past.
  assert.match(
    s,
    /Open clocks[\s\S]*Core group[^<]*: due [^<]+<strong class="govuk-tag govuk-tag--red">Overdue by/i,
  );
  assert.match(s, /I want my dog to come too\./);
  const read = await auditRows(t.db, { action: 'casework.view', personId: child });
  assert.ok(read.some((r) => (r.detail as { page?: string })?.page === 'record summary'));
});

test('a viewer without casework.read sees who works with the child, and nothing of the casework', async () => {
  const before = (await auditRows(t.db, { action: 'casework.view', personId: child })).length;
  const teacher = await signedIn(t.app, 'teacher');
  const res = await teacher.get(`/people/${child}`);
  assert.equal(res.statusCode, 200);
  const s = summaryOf(res.body);
  assert.match(s, /Hannah Price, Assessment Team North/);
  // (The multi-agency chronology may say that a plan started: that is the chronology part's.)
  assert.doesNotMatch(s, /Child protection plan|Emotional abuse|Open clocks|Current status|latest words/);
  assert.doesNotMatch(res.body, /my dog/);
  assert.equal((await auditRows(t.db, { action: 'casework.view', personId: child })).length, before);
});

test('the alerts: immediate risk reported in an open referral, and break-glass in force', async () => {
  const contact = await t.db.query<{ id: string }>(
    `insert into contact (partnership_id, immediate_risk) values ($1, '{"status":"yes","details":"Threats"}') returning id`,
    [t.org.partnershipId],
  );
  await t.db.query('insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3)', [
    contact[0]!.id,
    child,
    t.org.partnershipId,
  ]);
  await t.db.query(
    `insert into break_glass (partnership_id, user_id, person_id, reason, expires_at)
     values ($1,$2,$3,'Police at the door', now() + interval '2 hours')`,
    [t.org.partnershipId, t.org.users.gp, child],
  );
  const sw = await signedIn(t.app, 'sw');
  const body = (await sw.get(`/people/${child}`)).body;
  assert.match(body, /Immediate risk: a referral received [^<]+ says a child is at immediate risk/);
  assert.match(body, /Break-glass access in force: 1 person has opened this record/);
});

test('immediate risk stays an alert after the decision, until a worker is allocated', async () => {
  const waiting = await makeChild(t, 'Wren');
  const referral = await makeReferral(t, waiting, '2026-11-30', 'strategy_section_47');
  await t.db.query(`update referral set immediate_risk = true where id = $1`, [referral]);
  // The manager reads the child waiting for their team (the waiting-team relationship).
  await t.db.query(
    `update referral set team_id = (select id from team where name = 'Assessment Team North') where id = $1`,
    [referral],
  );
  const tm = await signedIn(t.app, 'tm');
  const alert = /Immediate risk: a referral received [^<]+ says a child is at immediate risk/;
  assert.match((await tm.get(`/people/${waiting}`)).body, alert, 'decided, waiting for a worker');
  await t.db.query(`update referral set status = 'allocated' where id = $1`, [referral]);
  assert.doesNotMatch((await tm.get(`/people/${waiting}`)).body, alert, 'allocated: the worker holds it');
});
