// Escalations through the pages: who may raise one about which child, the stages against the one
// calendar, resolution with an action, who sees what (the child's name only to record readers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp, type Client } from '../../../test/helpers/app.ts';
import { allocate, insertPerson, involve } from '../../../test/helpers/people.ts';
import { auditCount, countRows } from '../../../test/helpers/rows.ts';
import { DEMO_USERS } from '../../demo/organisation.ts';
import { addWorkingDays } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';
import { can } from '../../platform/access/roles.ts';

let child = '';
let stranger = '';
let adult = '';
const t = useApp(async () => {
  child = await insertPerson(t, { given: 'Ava', family: 'Quillfeather', dob: '2015-04-02' });
  await involve(t, child, 'school1');
  await allocate(t, child, 'sw');
  stranger = await insertPerson(t, { given: 'Noor', family: 'Brightwater', dob: '2016-01-09' });
  await involve(t, stranger, 'gp');
  adult = await insertPerson(t, { kind: 'adult', given: 'Sam', family: 'Quillfeather', dob: '1985-01-01' });
  await involve(t, adult, 'school1');
});

const today = () => londonToday();
const escalations = () => countRows(t.db, 'escalation');
const idFrom = (location: unknown) => /\/escalations\/([0-9a-f-]{36})/.exec(String(location))![1]!;

async function raise(c: Client, form: Record<string, string>) {
  await c.get(`/escalations/new?person=${form.personId ?? child}`);
  return c.post('/escalations/new', {
    personId: child,
    otherAgencyId: t.org.agencies.council!,
    disagreement: 'The council closed the case while the school still sees neglect.',
    tried: 'Spoke to the social worker on Monday; no change.',
    ...form,
  });
}

test('the teacher raises an escalation with the council: the practitioners’ stage is due in 2 working days', async () => {
  const teacher = await sessionAs(t, 'teacher');
  const form = await teacher.get(`/escalations/new?person=${child}`);
  assert.equal(form.statusCode, 200);
  assert.match(form.body, /Ava Quillfeather/);
  assert.doesNotMatch(form.body, /<option value="[^"]*">Kingsmead Primary School</, 'own agency not offered');
  const res = await raise(teacher, {});
  assert.equal(res.statusCode, 303);
  const id = idFrom(res.headers.location);
  const [row] = await t.db.query<{ stage: string; due: string; reference: string }>(
    `select stage, stage_due_on::text as due, reference from escalation where id = $1`,
    [id],
  );
  assert.equal(row!.stage, 'practitioners');
  assert.equal(row!.due, addWorkingDays(today(), 2));
  assert.match(row!.reference, /^E-\d{4}$/);
  assert.equal(await auditCount(t.db, { action: 'escalation.raised', personId: child }), 1);
  const page = await teacher.get(`/escalations/${id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Ava Quillfeather/);
  assert.match(page.body, /Move to the next stage/);
  const home = await teacher.get('/');
  assert.ok(home.body.includes(row!.reference), 'the raiser’s home page reminds them');
});

test('a child the raiser may not read is refused with no child data, and nothing is written', async () => {
  const teacher = await sessionAs(t, 'teacher');
  const before = await escalations();
  const form = await teacher.get(`/escalations/new?person=${stranger}`);
  assert.ok([403, 404].includes(form.statusCode), String(form.statusCode));
  assert.doesNotMatch(form.body, /Brightwater|Noor|2016/);
  await teacher.get('/escalations/new');
  const res = await teacher.post('/escalations/new', {
    personId: stranger,
    otherAgencyId: t.org.agencies.council!,
    disagreement: 'x',
    tried: 'y',
  });
  assert.ok([403, 404].includes(res.statusCode), String(res.statusCode));
  assert.doesNotMatch(res.body, /Brightwater|Noor/);
  assert.equal(await escalations(), before);
  assert.ok((await auditCount(t.db, { action: 'person.access_refused', personId: stranger })) >= 1);
});

test('an escalation with one’s own agency, about an adult, or with missing fields: 400 naming each, nothing written', async () => {
  const teacher = await sessionAs(t, 'teacher');
  const before = await escalations();
  const own = await raise(teacher, { otherAgencyId: t.org.agencies.school1! });
  assert.equal(own.statusCode, 400);
  assert.match(own.body, /govuk-error-summary/);
  assert.match(own.body, /href="#otherAgencyId">Select another agency/);
  const empty = await raise(teacher, { otherAgencyId: '', disagreement: ' ', tried: '' });
  assert.equal(empty.statusCode, 400);
  for (const f of ['otherAgencyId', 'disagreement', 'tried'])
    assert.match(empty.body, new RegExp(`href="#${f}"`));
  assert.match(empty.body, /Ava Quillfeather/, 'the form is shown again about the same child');
  const aboutAdult = await raise(teacher, { personId: adult });
  assert.equal(aboutAdult.statusCode, 400);
  assert.match(aboutAdult.body, /an escalation is about a child/);
  assert.equal(await escalations(), before);
});

test('stages, then resolution with an action; nothing more after resolution', async () => {
  const teacher = await sessionAs(t, 'teacher');
  const sw = await sessionAs(t, 'sw');
  const id = idFrom((await raise(teacher, {})).headers.location);

  await sw.get(`/escalations/${id}/stage`);
  const blank = await sw.post(`/escalations/${id}/stage`, { reason: '' });
  assert.equal(blank.statusCode, 400);
  assert.match(blank.body, /href="#reason"/);
  assert.equal(
    (await sw.post(`/escalations/${id}/stage`, { reason: 'We disagree on threshold.' })).statusCode,
    303,
  );
  const [m] = await t.db.query<{ stage: string; due: string }>(
    `select stage, stage_due_on::text as due from escalation where id = $1`,
    [id],
  );
  assert.deepEqual(m, { stage: 'managers', due: addWorkingDays(today(), 5) });

  await teacher.get(`/escalations/${id}/stage`);
  assert.equal(
    (await teacher.post(`/escalations/${id}/stage`, { reason: 'Managers could not agree.' })).statusCode,
    303,
  );

  await teacher.get(`/escalations/${id}/resolution`);
  const partnershipDecided = await teacher.post(`/escalations/${id}/resolution`, {
    outcome: 'partnership_decided',
    learning: 'x',
    addAction: 'no',
  });
  assert.equal(
    partnershipDecided.statusCode,
    400,
    'only the partnership’s stage is decided by the partnership',
  );
  const noOwner = await teacher.post(`/escalations/${id}/resolution`, {
    outcome: 'agreed',
    learning: 'Share the school’s log before closing.',
    addAction: 'yes',
    title: 'Agree a closure checklist with schools',
  });
  assert.equal(noOwner.statusCode, 400);
  assert.match(noOwner.body, /href="#ownerAgencyId"/);
  assert.match(noOwner.body, /href="#dueOn-day"|href="#dueOn"/);
  assert.equal(await countRows(t.db, `escalation where id = '${id}' and resolved_on is not null`), 0);

  const done = await teacher.post(`/escalations/${id}/resolution`, {
    outcome: 'agreed',
    learning: 'Share the school’s log before closing.',
    addAction: 'yes',
    title: 'Agree a closure checklist with schools',
    ownerAgencyId: t.org.agencies.council!,
    'dueOn-day': '1',
    'dueOn-month': '3',
    'dueOn-year': String(Number(today().slice(0, 4)) + 1),
  });
  assert.equal(done.statusCode, 303);
  assert.equal(
    await countRows(t.db, `partnership_action where source_kind = 'escalation' and source_id = '${id}'`),
    1,
  );
  const page = await teacher.get(`/escalations/${id}`);
  assert.match(page.body, /Resolved/);
  assert.doesNotMatch(page.body, /Move to the next stage/);
  assert.equal((await teacher.get(`/escalations/${id}/stage`)).statusCode, 409);
  assert.equal((await teacher.post(`/escalations/${id}/stage`, { reason: 'again' })).statusCode, 409);
  assert.equal(
    (
      await teacher.post(`/escalations/${id}/resolution`, {
        outcome: 'agreed',
        learning: 'x',
        addAction: 'no',
      })
    ).statusCode,
    409,
  );
});

test('who sees an escalation: the two agencies and the overseers; the name only to record readers', async () => {
  const teacher = await sessionAs(t, 'teacher');
  const id = idFrom((await raise(teacher, {})).headers.location);
  const sees = async (key: string) => (await sessionAs(t, key)).get(`/escalations/${id}`);
  // The GP practice is not party: it neither opens nor lists it.
  const gp = await sessionAs(t, 'gp');
  assert.equal((await gp.get(`/escalations/${id}`)).statusCode, 404);
  assert.doesNotMatch((await gp.get('/escalations')).body, new RegExp(id));
  assert.equal((await gp.get(`/escalations/${id}/stage`)).statusCode, 404);
  // The social worker (council, allocated) sees the name; the team manager (council, no relationship) the reference.
  assert.match((await sees('sw')).body, /Ava Quillfeather/);
  const tm = await sees('tm');
  assert.equal(tm.statusCode, 200);
  assert.doesNotMatch(tm.body, /Quillfeather/);
  assert.match(tm.body, /Shown only to those who may read the child’s record/);
  // The business manager oversees: sees it, not the name, and may not move it.
  const bm = await sees('bm');
  assert.equal(bm.statusCode, 200);
  assert.doesNotMatch(bm.body, /Quillfeather/);
  assert.doesNotMatch(bm.body, /Move to the next stage/);
  assert.equal((await (await sessionAs(t, 'bm')).get(`/escalations/${id}/stage`)).statusCode, 403);
  // The scrutineer reads across the partnership, so sees the name (audited).
  assert.match((await sees('scrutineer')).body, /Ava Quillfeather/);
  assert.ok((await auditCount(t.db, { action: 'escalation.viewed', entityId: id })) >= 4);
});

test('every demo user: the escalation pages open for those who raise or oversee them, 403 for others', async () => {
  const failures: string[] = [];
  for (const u of DEMO_USERS) {
    const c = await sessionAs(t, u.key);
    const may = (p: Parameters<typeof can>[1]) => u.roles.some((r) => can([r], p));
    const expect: [string, boolean][] = [
      ['/escalations', may('escalation.raise') || may('assurance.read')],
      ['/escalations/new', may('escalation.raise')],
      ['/escalations/data', may('assurance.read')],
      ['/escalations/settings', may('partnership.manage')],
    ];
    for (const [url, allowed] of expect) {
      const res = await c.get(url);
      if (res.statusCode !== (allowed ? 200 : 403)) failures.push(`${u.key} ${url}: ${res.statusCode}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('the business manager sets the stages’ working days; bad values refused; others may not', async () => {
  const bm = await sessionAs(t, 'bm');
  await bm.get('/escalations/settings');
  const bad = await bm.post('/escalations/settings', {
    escalationPractitionerWorkingDays: '0',
    escalationManagerWorkingDays: 'five',
    escalationHeadWorkingDays: '',
  });
  assert.equal(bad.statusCode, 400);
  for (const f of [
    'escalationPractitionerWorkingDays',
    'escalationManagerWorkingDays',
    'escalationHeadWorkingDays',
  ])
    assert.match(bad.body, new RegExp(`href="#${f}"`));
  const ok = await bm.post('/escalations/settings', {
    escalationPractitionerWorkingDays: '3',
    escalationManagerWorkingDays: '5',
    escalationHeadWorkingDays: '5',
  });
  assert.equal(ok.statusCode, 303);
  const teacher = await sessionAs(t, 'teacher');
  const id = idFrom((await raise(teacher, {})).headers.location);
  const [row] = await t.db.query<{ due: string }>(
    `select stage_due_on::text as due from escalation where id = $1`,
    [id],
  );
  assert.equal(row!.due, addWorkingDays(today(), 3));
  const sw = await sessionAs(t, 'sw');
  assert.equal(
    (await sw.post('/escalations/settings', { escalationPractitionerWorkingDays: '9' })).statusCode,
    403,
  );
  await bm.post('/escalations/settings', {
    escalationPractitionerWorkingDays: '2',
    escalationManagerWorkingDays: '5',
    escalationHeadWorkingDays: '5',
  });
});

test('counts by agency and stage: a chart with its table, for those who oversee', async () => {
  const bm = await sessionAs(t, 'bm');
  const res = await bm.get('/escalations/data');
  assert.equal(res.statusCode, 200);
  assert.match(res.body, /<svg role="img"/);
  assert.match(res.body, /<caption[^>]*>\s*Escalations by agency/);
  assert.match(res.body, /Kingsmead Primary School/);
  assert.doesNotMatch(res.body, /Quillfeather/);
});

test('break-glass opens a record to read, not to raise an escalation about the child', async () => {
  const hv = await sessionAs(t, 'hv');
  await t.db.query(
    `insert into break_glass (partnership_id, user_id, person_id, reason, expires_at)
     values ($1, $2, $3, 'Emergency at a home visit', now() + interval '1 hour')`,
    [t.org.partnershipId, t.org.users.hv, stranger],
  );
  assert.equal((await hv.get(`/people/${stranger}`)).statusCode, 200, 'break-glass reads the record');
  assert.equal((await hv.get(`/escalations/new?person=${stranger}`)).statusCode, 403);
  const before = await escalations();
  await hv.get('/escalations/new');
  const res = await hv.post('/escalations/new', {
    personId: stranger,
    otherAgencyId: t.org.agencies.council!,
    disagreement: 'x',
    tried: 'y',
  });
  assert.equal(res.statusCode, 403);
  assert.equal(await escalations(), before);
});
