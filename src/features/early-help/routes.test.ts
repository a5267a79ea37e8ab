// Early help through the pages: a teacher leads a family's episode (consent, family from the index),
// the assessment with the child's voice, the team around the family, meetings, actions, reviews and
// distance travelled, step-up to the MASH with the history, consent withdrawn, closure; step-down
// from social care declined back to the service and allocated; who sees what.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp, type Client } from '../../../test/helpers/app.ts';
import { allocate, insertPerson, involve, openContact } from '../../../test/helpers/people.ts';
import { auditCount, countRows } from '../../../test/helpers/rows.ts';
import { londonToday } from '../../platform/dates.ts';
import { addDays } from '../../platform/calendar.ts';
import { earlyHelpAssessmentsBetween } from './service.ts';

let child = '';
let sister = '';
let mother = '';
let other = '';
const t = useApp(async () => {
  const pid = t.org.partnershipId;
  child = await insertPerson(t, { given: 'Lily', family: 'Ashcombe', dob: '2016-05-01' });
  sister = await insertPerson(t, { given: 'Rose', family: 'Ashcombe', dob: '2019-02-11' });
  mother = await insertPerson(t, { kind: 'adult', given: 'Kerry', family: 'Ashcombe', dob: '1990-03-03' });
  for (const p of [sister, mother])
    await t.db.query(
      `insert into relationship (partnership_id, person_id, related_person_id, kind) values ($1,$2,$3,'sibling')`,
      [pid, child, p],
    );
  await involve(t, child, 'school1');
  other = await insertPerson(t, { given: 'Tom', family: 'Fairweather', dob: '2014-07-07' });
  await allocate(t, other, 'sw');
  await involve(t, other, 'school1');
});

const idFrom = (location: unknown) => /\/early-help\/episodes\/([0-9a-f-]{36})/.exec(String(location))![1]!;
const today = () => londonToday();
const dateOf = (name: string, iso: string) => ({
  [`${name}-day`]: iso.slice(8, 10),
  [`${name}-month`]: iso.slice(5, 7),
  [`${name}-year`]: iso.slice(0, 4),
});

let episode = '';
let teacher: Client;

test('no episode without consent or a safeguarding decision; with consent the teacher leads it', async () => {
  teacher = await sessionAs(t, 'teacher');
  const form = await teacher.get(`/early-help/episodes/new?person=${child}`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Kerry Ashcombe/);
  const refused = await teacher.post('/early-help/episodes/new', {
    personId: child,
    familyIds: [child, sister, mother],
    consent: 'no',
  });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.body, /href="#safeguardingReason"/);
  assert.equal(await countRows(t.db, 'eh_episode'), 0);
  const res = await teacher.post('/early-help/episodes/new', {
    personId: child,
    familyIds: [child, sister, mother],
    consent: 'yes',
  });
  assert.equal(res.statusCode, 303);
  episode = idFrom(res.headers.location);
  const [row] = await t.db.query<{ status: string; due: string }>(
    `select status, assessment_due::text as due from eh_episode where id = $1`,
    [episode],
  );
  assert.equal(row!.status, 'open');
  assert.equal(await countRows(t.db, 'eh_member where episode_id = $1', [episode]), 3);
  assert.equal(await auditCount(t.db, { action: 'early_help.family_added', personId: mother }), 1);
});

test('a second open episode for the same child is refused, naming the first', async () => {
  const res = await teacher.post('/early-help/episodes/new', {
    personId: child,
    familyIds: [child],
    consent: 'yes',
  });
  assert.equal(res.statusCode, 400);
  assert.match(res.body, /already in early help episode EH-/);
  assert.equal(await countRows(t.db, 'eh_episode'), 1);
});

test('a review before the assessment is refused; the assessment records the voice and the scores', async () => {
  const early = await teacher.post(`/early-help/episodes/${episode}/reviews/new`, {
    ...dateOf('heldOn', today()),
    summary: 'Too soon',
  });
  assert.equal(early.statusCode, 400);
  assert.match(early.body, /A review comes after the assessment/);
  const bad = await teacher.post(`/early-help/episodes/${episode}/assessment`, {
    ...dateOf('completedOn', today()),
    familyView: 'Mum says mornings are hard.',
    plan: 'Breakfast club, parenting course.',
  });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /Score at least one area/);
  const ok = await teacher.post(`/early-help/episodes/${episode}/assessment`, {
    ...dateOf('completedOn', today()),
    familyView: 'Mum says mornings are hard.',
    plan: 'Breakfast club, parenting course.',
    'scores-education': '3',
    'scores-relationships': '4',
    [`voice-${child}`]: 'I am hungry at school.',
    [`voiceMethod-${child}`]: 'conversation',
    [`voice-${sister}`]: '',
    [`voiceAbsent-${sister}`]: 'Too young to talk about it.',
  });
  assert.equal(ok.statusCode, 303);
  assert.equal(
    await countRows(t.db, `child_voice where person_id = $1 and context = 'early_help'`, [child]),
    1,
  );
  assert.equal(await countRows(t.db, 'eh_score where episode_id = $1 and review_id is null', [episode]), 2);
});

test('team around the family, a meeting with attendance, an action in the one log, two reviews re-scored', async () => {
  assert.equal(
    (
      await teacher.post(`/early-help/episodes/${episode}/team`, {
        userId: t.org.users.hv!,
        role: 'Health visitor',
      })
    ).statusCode,
    303,
  );
  const [member] = await t.db.query<{ id: string }>(`select id from eh_team_member where episode_id = $1`, [
    episode,
  ]);
  assert.equal(
    (
      await teacher.post(`/early-help/episodes/${episode}/meetings/new`, {
        ...dateOf('heldOn', today()),
        notes: 'Agreed breakfast club.',
        attended: [member!.id],
      })
    ).statusCode,
    303,
  );
  assert.equal(
    (
      await teacher.post(`/early-help/episodes/${episode}/actions/new`, {
        title: 'Book breakfast club',
        ownerAgencyId: t.org.agencies.school1!,
        ...dateOf('dueOn', addDays(today(), 14)),
      })
    ).statusCode,
    303,
  );
  assert.equal(
    await countRows(t.db, `partnership_action where source_kind = 'early_help' and source_id = $1`, [
      episode,
    ]),
    1,
  );
  const missing = await teacher.post(`/early-help/episodes/${episode}/reviews/new`, {
    ...dateOf('heldOn', today()),
    summary: 'Better mornings.',
    'scores-education': '5',
  });
  assert.equal(missing.statusCode, 400, 'every need is scored again');
  for (const [e, r] of [
    ['5', '5'],
    ['7', '6'],
  ] as const)
    assert.equal(
      (
        await teacher.post(`/early-help/episodes/${episode}/reviews/new`, {
          ...dateOf('heldOn', today()),
          summary: 'Better mornings.',
          'scores-education': e,
          'scores-relationships': r,
        })
      ).statusCode,
      303,
    );
  const page = await teacher.get(`/early-help/episodes/${episode}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Distance travelled/);
  assert.match(page.body, /<svg/);
  assert.match(page.body, /Review 2/);
  assert.match(page.body, /I am hungry at school/);
});

test('the team sees the family; a stranger does not; consent withdrawn closes the team out', async () => {
  const hv = await sessionAs(t, 'hv');
  assert.equal((await hv.get(`/early-help/episodes/${episode}`)).statusCode, 200);
  assert.equal(
    (await hv.get(`/people/${mother}`)).statusCode,
    200,
    'the early help relationship opens the record',
  );
  const gp = await sessionAs(t, 'gp');
  const refused = await gp.get(`/early-help/episodes/${episode}`);
  assert.equal(refused.statusCode, 404);
  assert.doesNotMatch(refused.body, /Ashcombe/);
  assert.equal(
    (await hv.post(`/early-help/episodes/${episode}/close`, {})).statusCode,
    403,
    'team cannot close',
  );
  assert.equal((await teacher.post(`/early-help/episodes/${episode}/consent`, {})).statusCode, 303);
  const after = await hv.get(`/early-help/episodes/${episode}`);
  assert.equal(after.statusCode, 403);
  assert.doesNotMatch(after.body, /Ashcombe/);
  assert.notEqual((await hv.get(`/people/${mother}`)).statusCode, 200);
});

test('step-up: a contact at the MASH carries the early help history; closure with outcome and feedback', async () => {
  const res = await teacher.post(`/early-help/episodes/${episode}/step-up`, {
    reason: 'Lily disclosed hitting at home.',
  });
  assert.equal(res.statusCode, 303);
  const [c] = await t.db.query<{ source: string; concern: string }>(
    `select c.source, c.concern from eh_step s join contact c on c.id = s.contact_id where s.episode_id = $1`,
    [episode],
  );
  assert.equal(c!.source, 'early_help');
  assert.match(c!.concern, /What early help has tried/);
  assert.match(c!.concern, /Breakfast club/);
  assert.match(c!.concern, /I am hungry at school/);
  assert.match(c!.concern, /Review 2/);
  const closed = await teacher.post(`/early-help/episodes/${episode}/close`, {
    ...dateOf('closedOn', today()),
    outcome: 'stepped_up',
    feedback: 'The school listened to us.',
  });
  assert.equal(closed.statusCode, 303);
});

test('a family back within 12 months is flagged at the front door, with the early help history', async () => {
  const contact = await openContact(t, child);
  const mash = await sessionAs(t, 'mash');
  const page = await mash.get(`/mash/contacts/${contact}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /This family is back within 12 months of early help EH-/);
  assert.match(page.body, new RegExp(`/early-help/episodes/${episode}`));
  assert.match(page.body, /Kingsmead Primary School/);
  // The MASH hub reads the episode while the child is on an open contact.
  assert.equal((await mash.get(`/early-help/episodes/${episode}`)).statusCode, 200);
  // Off the contact, the MASH no longer reads it.
  await t.db.query(`delete from contact_person where person_id = $1`, [child]);
  assert.equal((await mash.get(`/early-help/episodes/${episode}`)).statusCode, 404);
});

test('step-down after RC9: declined goes back to the service queue, never nowhere; the service names a lead', async () => {
  const pid = t.org.partnershipId;
  await t.db.query(
    `insert into episode (partnership_id, person_id, referral_date, referral_source, primary_need, status, closure_date, closure_reason, step_down_reference)
     values ($1,$2,'2026-01-05','2A','N1','closed',$3,'RC9','Early help')`,
    [pid, other, today()],
  );
  const sw = await sessionAs(t, 'sw');
  const form = await sw.get(`/early-help/step-down/new?person=${other}`);
  assert.equal(form.statusCode, 200);
  const res = await sw.post('/early-help/step-down/new', {
    personId: other,
    familyIds: [other],
    leadUserId: t.org.users.teacher!,
    reason: 'The plan worked; the school carries on.',
    consent: 'yes',
  });
  assert.equal(res.statusCode, 303);
  const id = idFrom(res.headers.location);
  const home = await teacher.get('/early-help');
  assert.match(home.body, /Offered to you/);
  const noReason = await teacher.post(`/early-help/episodes/${id}/step-down-decision`, { accept: 'no' });
  assert.equal(noReason.statusCode, 400);
  assert.equal(
    (
      await teacher.post(`/early-help/episodes/${id}/step-down-decision`, {
        accept: 'no',
        reason: 'No capacity this term.',
      })
    ).statusCode,
    303,
  );
  const [row] = await t.db.query<{ status: string; lead: string | null }>(
    `select status, lead_user_id as lead from eh_episode where id = $1`,
    [id],
  );
  assert.deepEqual(row, { status: 'offered', lead: null });
  const ehl = await sessionAs(t, 'ehl');
  assert.match(
    (await ehl.get('/early-help')).body,
    /Families waiting for a lead practitioner[\s\S]*Fairweather/,
  );
  assert.equal(
    (await ehl.post(`/early-help/episodes/${id}/lead`, { leadUserId: t.org.users.ehl! })).statusCode,
    303,
  );
  const [open] = await t.db.query<{ status: string }>(`select status from eh_episode where id = $1`, [id]);
  assert.equal(open!.status, 'open');
});

test('the early help picture: the business manager and the service see it; a teacher does not', async () => {
  const bm = await sessionAs(t, 'bm');
  const page = await bm.get('/early-help/picture');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Open early help by lead agency/);
  assert.match(page.body, /Step-ups to social care/);
  assert.doesNotMatch(page.body, /Ashcombe/);
  assert.equal((await teacher.get('/early-help/picture')).statusCode, 403);
  const exec = await bm.get('/partnership/executive');
  assert.match(exec.body, /Early help/);
});

test('the assessments for returns: per child, with the lead agency', async () => {
  const rows = await earlyHelpAssessmentsBetween(t.db, t.org.partnershipId, addDays(today(), -1), today());
  assert.ok(rows.some((r) => r.personId === child && r.assessmentCompleted === today()));
});
