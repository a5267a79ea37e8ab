import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useDb } from '../../test/helpers/app.ts';
import { listChallenges, listReports } from '../features/scrutiny/service.ts';
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
