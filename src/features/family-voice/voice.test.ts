import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionAs, useApp, type Client } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';
import { seedPeople } from '../../demo/people.ts';
import { demoActor } from '../../demo/organisation.ts';
import { childVoiceMeasure } from '../casework/service.ts';
import { executivePanel } from './service.ts';
import { lastEightQuarters } from './child-voice.ts';
import { londonToday } from '../../platform/dates.ts';

let bm: Client;
let scrutineer: Client;
let teacher: Client;

const t = useApp(async () => {
  await seedPeople(t.db, t.org, { children: 60 });
  [bm, scrutineer, teacher] = await Promise.all([
    sessionAs(t, 'bm'),
    sessionAs(t, 'scrutineer'),
    sessionAs(t, 'teacher'),
  ]);
});

const feedbackForm = (over: Record<string, string> = {}) => ({
  source: 'young_peoples_panel',
  'receivedOn-day': '3',
  'receivedOn-month': '2',
  'receivedOn-year': '2026',
  said: 'We do not know who our social worker is when they change.',
  weDid: '',
  status: 'received',
  ...over,
});

test('the business manager records feedback and, later, what the partnership did: "you said, we did"', async () => {
  const res = await bm.post('/partnership/voice/new', feedbackForm());
  assert.equal(res.statusCode, 303);
  const [row] = await t.db.query<{ id: string }>(
    `select id from voice_feedback order by created_at desc limit 1`,
  );
  const done = await bm.post(
    `/partnership/voice/${row!.id}/edit`,
    feedbackForm({
      weDid: 'Every child now gets a letter introducing their new worker.',
      status: 'done',
    }),
  );
  assert.equal(done.statusCode, 303);
  const page = await scrutineer.get('/partnership/voice');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /We do not know who our social worker is/);
  assert.match(page.body, /Every child now gets a letter/);
  assert.doesNotMatch(page.body, /\/edit"/);
  assert.equal((await auditRows(t.db, { action: 'voice.feedback.update', entityId: row!.id })).length, 1);
});

test('bad input is named and nothing written; "done" needs what the partnership did', async () => {
  const before = await countRows(t.db, 'voice_feedback');
  const empty = await bm.post('/partnership/voice/new', { source: '', said: '', status: '' });
  assert.equal(empty.statusCode, 400);
  for (const f of ['source', 'receivedOn-day', 'said', 'status'])
    assert.match(empty.body, new RegExp(`href="#${f}"`), f);
  const future = await bm.post('/partnership/voice/new', feedbackForm({ 'receivedOn-year': '2099' }));
  assert.equal(future.statusCode, 400);
  const doneEmpty = await bm.post('/partnership/voice/new', feedbackForm({ status: 'done' }));
  assert.equal(doneEmpty.statusCode, 400);
  assert.match(doneEmpty.body, /href="#weDid">Enter what the partnership did/);
  assert.equal(await countRows(t.db, 'voice_feedback'), before);
});

test('only the business manager records feedback; a practitioner does not read it', async () => {
  assert.equal((await scrutineer.get('/partnership/voice/new')).statusCode, 403);
  assert.equal((await scrutineer.post('/partnership/voice/new', feedbackForm())).statusCode, 403);
  assert.equal((await teacher.get('/partnership/voice')).statusCode, 403);
  assert.equal((await teacher.get('/partnership/voice/child-voice')).statusCode, 403);
});

test('the child’s voice measure counts casework records with the child’s words, with no child named', async () => {
  const { since } = lastEightQuarters(londonToday());
  const rows = await childVoiceMeasure(t.db, demoActor(t.org, 'bm'), since);
  const total = rows.reduce((n, r) => n + r.records, 0);
  const heard = rows.reduce((n, r) => n + r.heard, 0);
  assert.ok(total > 0, 'the demo casework has records');
  // The same counts straight from the tables: visits where the child was seen, with words recorded.
  const [v] = await t.db.query<{ records: number; heard: number }>(
    `select count(*)::int as records,
       count(*) filter (where exists (select 1 from child_voice c where c.context_id = v.id))::int as heard
     from visit v where v.seen and v.visited_on >= $1`,
    [since],
  );
  const visits = rows.filter((r) => r.kind === 'visit');
  assert.equal(
    visits.reduce((n, r) => n + r.records, 0),
    v!.records,
  );
  assert.equal(
    visits.reduce((n, r) => n + r.heard, 0),
    v!.heard,
  );
  assert.ok(heard <= total);
  const page = await scrutineer.get('/partnership/voice/child-voice');
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /By agency and team/);
  assert.match(page.body, /Elmshire County Council/);
  const names = await t.db.query<{ family_name: string }>(
    `select family_name from person where kind = 'child' limit 20`,
  );
  for (const n of names) assert.ok(!page.body.includes(`>${n.family_name}<`), n.family_name);
  const panel = await executivePanel(t.db, demoActor(t.org, 'bm'));
  assert.equal(panel.chart?.table.rows.length, 8);
  assert.equal(panel.chart?.kind, 'line');
});

test('lastEightQuarters: two years of quarters up to today’s', () => {
  assert.deepEqual(lastEightQuarters('2026-12-07'), {
    quarters: ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'],
    since: '2025-01-01',
  });
  assert.equal(lastEightQuarters('2026-02-01').since, '2024-04-01');
});

test('an action from feedback goes into the one action log and shows on the item’s page', async () => {
  await bm.post('/partnership/voice/new', feedbackForm({ said: 'Meetings are too early in the morning.' }));
  const [row] = await t.db.query<{ id: string }>(
    `select id from voice_feedback where said like 'Meetings are too early%'`,
  );
  const url = `/partnership/voice/${row!.id}/actions/new`;
  assert.equal((await scrutineer.get(url)).statusCode, 403);
  const bad = await bm.post(url, { title: '', ownerAgencyId: '' });
  assert.equal(bad.statusCode, 400);
  assert.match(bad.body, /href="#ownerAgencyId"/);
  const ok = await bm.post(url, {
    title: 'Move conferences to after school',
    ownerAgencyId: t.org.agencies.council!,
    'dueOn-day': '30',
    'dueOn-month': '1',
    'dueOn-year': '2030',
  });
  assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
  const page = await scrutineer.get(`/partnership/voice/${row!.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /Move conferences to after school/);
  assert.doesNotMatch(page.body, /actions\/new/);
});
