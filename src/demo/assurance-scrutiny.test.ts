import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDb } from '../../test/helpers/app.ts';
import { executivePanel, listChallenges, listReports } from '../features/scrutiny/service.ts';
import { listFeedback } from '../features/family-voice/service.ts';
import { seedScrutiny } from './assurance-scrutiny.ts';
import { demoActor } from './organisation.ts';

const t = useDb(async () => {
  await seedScrutiny(t.db, t.org);
});

test('the demo has challenges in every state, one from the panel, a published report and a draft, and feedback', async () => {
  const bm = demoActor(t.org, 'bm');
  const challenges = await listChallenges(t.db, bm);
  const states = new Set(challenges.map((c) => c.state.key));
  for (const s of ['awaiting_answers', 'awaiting_judgement', 'accepted', 'escalated'])
    assert.ok(states.has(s as never), s);
  assert.ok(
    challenges.some((c) => c.round > 1 && c.status === 'open'),
    'a further challenge',
  );
  assert.ok(
    challenges.some((c) => c.due?.status === 'overdue'),
    'answers overdue',
  );
  assert.ok(challenges.some((c) => c.raisedBy === 'young_peoples_panel'));
  const raised = challenges.map((c) => c.raisedOn).sort();
  assert.ok(raised[0]! < raised.at(-1)!);
  const reports = await listReports(t.db, demoActor(t.org, 'scrutineer'));
  assert.deepEqual(reports.map((r) => r.status).sort(), ['draft', 'published']);
  const feedback = await listFeedback(t.db, bm);
  assert.ok(feedback.length >= 15);
  assert.ok(feedback.filter((f) => f.weDid).length >= 12);
});

test('the executive’s panel counts the challenges by state, with the table behind its chart', async () => {
  const bm = demoActor(t.org, 'bm');
  const challenges = await listChallenges(t.db, bm);
  const panel = await executivePanel(t.db, bm);
  assert.equal(panel.href, '/partnership/scrutiny');
  const chart = panel.chart!;
  assert.equal(
    chart.data.reduce((n, d) => n + d.value, 0),
    challenges.length,
  );
  assert.deepEqual(
    chart.table.rows.map((r) => r[1]),
    chart.data.map((d) => d.value),
  );
  const open = challenges.filter((c) => c.status === 'open').length;
  assert.ok(panel.headlines.includes(`${open} open challenges`));
  const escalated = challenges.filter((c) => c.status === 'escalated').length;
  assert.ok(panel.headlines.includes(`${escalated} escalated to the executive`));
  // A practitioner has no executive's page.
  await assert.rejects(executivePanel(t.db, demoActor(t.org, 'teacher')));
});
