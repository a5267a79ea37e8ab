// One initial child protection conference for three brothers and sisters: each child gets their own
// record with their own decision, category and voice; each child whose decision is a plan has the
// plan started with its clocks (first core group within 10 working days, first review conference
// within 3 months); the date rules hold for each child; the recorded conference opens as a page,
// reads back, and is corrected with a reason, the previous version kept and audited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signedIn, useApp, type Client } from '../../../test/helpers/app.ts';
import { insertedId } from '../../../test/helpers/rows.ts';
import { demoActor } from '../../demo/organisation.ts';
import { startEpisode } from './episodes.ts';
import { openWorkItems } from './service.ts';
import { agencyIds, caseworkSteps, dateParts, makeChild, makeReferral, voiceForm } from './test-support.ts';

let sw: Client;
const kids: Record<string, string> = {};

const t = useApp(async () => {
  sw = await signedIn(t.app, 'sw');
  const actor = demoActor(t.org, 'sw');
  const steps = caseworkSteps(t);
  const home = await insertedId(
    t.db,
    `insert into household (partnership_id, label) values ($1, 'Marsh household') returning id`,
    [t.org.partnershipId],
  );
  // Ann's and Bea's enquiries ended on Friday 8 March 2024; Cal's on Wednesday 13 March.
  for (const [given, outcomeDate] of [
    ['Ann', '2024-03-08'],
    ['Bea', '2024-03-08'],
    ['Cal', '2024-03-13'],
  ] as const) {
    const id = await makeChild(t, given);
    kids[given] = id;
    const referral = await makeReferral(t, id, '2024-03-01', 'strategy_section_47');
    await startEpisode(t.db, actor, id, { referral, referralSource: '3A', primaryNeed: 'N1' });
    await t.db.query(
      `insert into household_member (partnership_id, household_id, person_id) values ($1,$2,$3)`,
      [t.org.partnershipId, home, id],
    );
    await steps.strategy(id, '2024-03-04');
    await steps.enquiry(id, '2024-03-04', outcomeDate);
    await steps.signOff(id, outcomeDate);
  }
});

const url = () => `/people/${kids.Ann}/casework/conference/initial`;
const summary = (body: string) => body.match(/govuk-error-summary__list[\s\S]*?<\/ul>/)?.[0] ?? '';

/** The form's sibling inputs, in the order the page offers the children (its hidden `siblingIds`). */
async function siblingOrder(): Promise<string[]> {
  const page = await sw.get(url());
  assert.equal(page.statusCode, 200);
  return [...page.body.matchAll(/name="siblingIds" value="([^"]+)"/g)].map((m) => m[1]!);
}

async function conference(heldOn: string) {
  const order = await siblingOrder();
  const page = await sw.get(url());
  const section47Id = page.body.match(/name="section47Id" value="([^"]+)"/)![1]!;
  const words: Record<string, string> = { [kids.Bea!]: 'I want to stay with Nan.', [kids.Cal!]: '' };
  const absent: Record<string, string> = {
    [kids.Bea!]: '',
    [kids.Cal!]: 'Cal is 18 months old and was not at the conference; the nursery reported on him.',
  };
  return sw.post(url(), {
    section47Id,
    ...dateParts('heldOn', heldOn),
    chair: 'Priya Shah, conference chair',
    agencies: agencyIds(t.org, 'council', 'police', 'icb'),
    attendanceNotes: 'Mother attended; father sent apologies.',
    ...voiceForm(heldOn, 'I don’t like the shouting.'),
    decision: 'plan',
    category: 'NEG',
    siblingIds: order,
    siblingDecisions: [`${kids.Bea}:plan_emo`, `${kids.Cal}:cin_plan`],
    siblingWords: order.map((id) => words[id]!),
    siblingMethods: [`${kids.Bea}:conversation`],
    siblingAbsent: order.map((id) => absent[id]!),
  });
}

const types = async (id: string) =>
  (await openWorkItems(t.db, t.org.partnershipId, [id])).map((i) => `${i.type}:${i.dueDate}`).sort();

test('the form offers the brothers and sisters whose enquiry calls for a conference', async () => {
  const order = await siblingOrder();
  assert.deepEqual([...order].sort(), [kids.Bea, kids.Cal].sort());
  const page = await sw.get(url());
  assert.match(page.body, /Decision for Bea Marsh/);
  assert.match(page.body, /Child protection plan: emotional abuse/);
  assert.match(page.body, /If Cal Marsh’s voice is not recorded, why not\?/);
});

test('a child whose section 47 outcome is after the conference is refused, naming the child and the date', async () => {
  const res = await conference('2024-03-11');
  assert.equal(res.statusCode, 400);
  assert.match(
    summary(res.body),
    /href="#heldOn-day"[^>]*>The conference date must be on or after Cal Marsh’s section 47 outcome, 13 March 2024/,
  );
  assert.equal((await t.db.query('select 1 from conference')).length, 0, 'nothing is written');
  assert.equal((await t.db.query('select 1 from cp_plan')).length, 0);
});

test('a sibling chosen without their voice or its absence explained is refused on their own field', async () => {
  const order = await siblingOrder();
  const res = await sw.post(url(), {
    ...dateParts('heldOn', '2024-03-14'),
    chair: 'Priya Shah',
    agencies: agencyIds(t.org, 'council'),
    ...voiceForm('2024-03-14'),
    decision: 'plan',
    category: 'NEG',
    siblingIds: order,
    siblingDecisions: [`${kids.Bea}:plan_emo`],
    siblingWords: order.map(() => ''),
    siblingAbsent: order.map(() => ''),
  });
  assert.equal(res.statusCode, 400);
  const i = order.indexOf(kids.Bea!);
  assert.match(
    summary(res.body),
    new RegExp(`href="#siblingWords-${i}"[^>]*>Record what Bea Marsh said or showed`),
  );
  assert.match(res.body, new RegExp(`id="siblingWords-${i}"`));
  assert.equal((await t.db.query('select 1 from conference')).length, 0);
});

test('one conference for three siblings: a record each; a plan and its clocks for each child decided so', async () => {
  const res = await conference('2024-03-14');
  assert.equal(res.statusCode, 303, summary(res.body));
  const rows = await t.db.query<{
    person_id: string;
    decision: string;
    category: string | null;
    meeting_id: string;
    voice_absent_reason: string | null;
  }>(`select person_id, decision, category, meeting_id, voice_absent_reason from conference`);
  assert.equal(rows.length, 3);
  assert.equal(new Set(rows.map((r) => r.meeting_id)).size, 1, 'one meeting');
  const of = (k: string) => rows.find((r) => r.person_id === kids[k])!;
  assert.deepEqual([of('Ann').decision, of('Ann').category], ['plan', 'NEG']);
  assert.deepEqual([of('Bea').decision, of('Bea').category], ['plan', 'EMO']);
  assert.deepEqual([of('Cal').decision, of('Cal').category], ['cin_plan', null]);
  assert.match(of('Cal').voice_absent_reason ?? '', /nursery reported/);
  const words = await t.db.query<{ person_id: string; words: string; gathered_on: string }>(
    `select person_id, words, gathered_on::text from child_voice where context = 'conference'`,
  );
  assert.deepEqual(words.find((w) => w.person_id === kids.Bea)?.words, 'I want to stay with Nan.');
  assert.equal(words.find((w) => w.person_id === kids.Bea)?.gathered_on, '2024-03-14');

  const plans = await t.db.query<{ person_id: string; start_date: string; initial_category: string }>(
    `select person_id, start_date::text, initial_category from cp_plan where status = 'open'`,
  );
  assert.deepEqual(
    plans.map((p) => [p.person_id, p.start_date, p.initial_category]).sort(),
    [
      [kids.Ann, '2024-03-14', 'NEG'],
      [kids.Bea, '2024-03-14', 'EMO'],
    ].sort(),
  );
  // From Thursday 14 March 2024: the first core group within 10 working days (Thursday 28 March,
  // before Good Friday), the first review conference within 3 months (14 June).
  for (const k of ['Ann', 'Bea']) {
    const open = await types(kids[k]!);
    assert.ok(open.includes('core_group:2024-03-28'), `${k}: ${open.join(', ')}`);
    assert.ok(open.includes('review_conference:2024-06-14'), `${k}: ${open.join(', ')}`);
    assert.ok(!open.some((o) => o.startsWith('icpc:')), `${k}: the conference clock stops`);
  }
  const cal = await types(kids.Cal!);
  assert.ok(!cal.some((o) => o.startsWith('core_group') || o.startsWith('icpc:')), cal.join(', '));
  assert.equal((await t.db.query(`select 1 from cin_plan where person_id = $1`, [kids.Cal])).length, 1);
  const audited = await t.db.query(
    `select person_id from audit_event where action = 'casework.conference_initial'`,
  );
  assert.equal(audited.length, 3);
});

test('the recorded conference opens from the casework page, reads back and names the other children', async () => {
  const [c] = await t.db.query<{ id: string }>(`select id from conference where person_id = $1`, [kids.Bea]);
  const overview = await sw.get(`/people/${kids.Bea}/casework`);
  assert.match(overview.body, new RegExp(`href="/people/${kids.Bea}/conferences/${c!.id}"`));
  const page = await sw.get(`/people/${kids.Bea}/conferences/${c!.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Initial child protection conference of 14 March 2024/);
  assert.match(page.body, /Priya Shah, conference chair/);
  assert.match(page.body, /Emotional abuse/);
  assert.match(page.body, /I want to stay with Nan\./);
  assert.match(page.body, /Other children at this conference/);
  assert.match(page.body, /Ann Marsh<\/a>: Child protection plan \(neglect\)/);
  assert.match(page.body, /Cal Marsh<\/a>: No plan: child in need plan/);
  assert.match(page.body, /This record has not been corrected/);
  const missing = await sw.get(`/people/${kids.Bea}/conferences/${crypto.randomUUID()}`);
  assert.equal(missing.statusCode, 404);
});

test('a correction needs a reason, keeps the previous version, changes the plan’s category, and is audited', async () => {
  const [c] = await t.db.query<{ id: string }>(`select id from conference where person_id = $1`, [kids.Bea]);
  const to = `/people/${kids.Bea}/conferences/${c!.id}/correct`;
  const form = await sw.get(to);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /name="version" value="1"/);
  const corrected = {
    chair: 'Priya Shah, conference chair',
    agencies: agencyIds(t.org, 'council', 'police', 'icb'),
    attendanceNotes: 'Mother attended; father sent apologies.',
    category: 'MUL',
    version: '1',
  };
  const noReason = await sw.post(to, corrected);
  assert.equal(noReason.statusCode, 400);
  assert.match(summary(noReason.body), /href="#reason"[^>]*>Enter why the record is corrected/);
  const [still] = await t.db.query<{ version: number }>('select version from conference where id = $1', [
    c!.id,
  ]);
  assert.equal(still!.version, 1);

  const ok = await sw.post(to, { ...corrected, reason: 'The conference agreed multiple categories.' });
  assert.equal(ok.statusCode, 303);
  const [now] = await t.db.query<{ version: number; category: string }>(
    'select version, category from conference where id = $1',
    [c!.id],
  );
  assert.deepEqual([now!.version, now!.category], [2, 'MUL']);
  const [plan] = await t.db.query<{ initial_category: string; latest_category: string }>(
    `select initial_category, latest_category from cp_plan where person_id = $1`,
    [kids.Bea],
  );
  assert.deepEqual([plan!.initial_category, plan!.latest_category], ['MUL', 'MUL']);
  const page = await sw.get(`/people/${kids.Bea}/conferences/${c!.id}?done=conference-corrected`);
  assert.match(page.body, /The conference is corrected/);
  assert.match(page.body, /Version 1, replaced/);
  assert.match(page.body, /The conference agreed multiple categories\./);
  const [event] = await t.db.query<{ person_id: string; detail: { reason: string } }>(
    `select person_id, detail from audit_event where action = 'casework.conference_correct'`,
  );
  assert.equal(event!.person_id, kids.Bea);
  assert.equal(event!.detail.reason, 'The conference agreed multiple categories.');
  const stale = await sw.post(to, { ...corrected, reason: 'Again' });
  assert.equal(stale.statusCode, 409);
  const versions = await t.db.query('select 1 from casework_record_version where entity_id = $1', [c!.id]);
  assert.equal(versions.length, 1);
});
