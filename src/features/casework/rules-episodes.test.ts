// The refused rules of episodes, assessments, the child's voice, roles and access: a clear message,
// the right status, nothing half-written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { authoriseAssessment, startAssessment, submitAssessment } from './assessments.ts';
import { endCpPlan } from './cp-plans.ts';
import { closeEpisode, startEpisode } from './episodes.ts';
import { refused, useFlows } from './rules-support.ts';
import type { AssessmentSubmit } from './schemas.ts';
import { demoActor } from '../../demo/organisation.ts';
import { bad, makeChild, makeReferral, voice } from './test-support.ts';

const { t, sw, tm, count, episode } = useFlows();

test('episodes of one child never overlap', async () => {
  const { child, id } = await episode('2024-03-01');
  const referral = await makeReferral(t, child, '2024-04-01');
  await refused(
    () => startEpisode(t.db, sw, child, { referral, referralSource: '3A', primaryNeed: 'N1' }),
    ConflictError,
    /already has an open episode.*never overlap/,
  );
  await closeEpisode(t.db, tm, child, {
    episodeId: id,
    closureDate: '2024-03-10',
    closureReason: 'RC7',
    note: 'x',
  });
  await refused(
    () =>
      startEpisode(t.db, sw, child, {
        referral: 'none',
        referralDate: '2024-03-09',
        referralSource: '1A',
        primaryNeed: 'N1',
      }),
    ValidationError,
    /before 10 March 2024.*never overlap/,
    'referralDate',
  );
  assert.equal(await count('episode', child), 1);
});

test('bad input: 31 February, unknown codes, oversized text, a missing choice', async () => {
  const child = await makeChild(t, 'Codes');
  await refused(
    () =>
      startEpisode(t.db, sw, child, {
        referral: 'none',
        referralDate: '2024-02-31',
        referralSource: '3A',
        primaryNeed: 'N1',
      }),
    ValidationError,
    /must be a real date/,
    'referralDate',
  );
  await refused(
    () =>
      startEpisode(
        t.db,
        sw,
        child,
        bad({ referral: 'none', referralDate: '2024-02-01', referralSource: 'ZZ', primaryNeed: 'N10' }),
      ),
    ValidationError,
    /not one of the choices/,
    'primaryNeed',
  );
  await refused(
    () => startEpisode(t.db, sw, child, bad({})),
    ValidationError,
    /Select the referral/,
    'referral',
  );
  const { child: c2 } = await episode('2024-03-01', 'Long');
  await startAssessment(t.db, sw, c2, { startDate: '2024-03-01' });
  const base = {
    factors: ['16A'] as AssessmentSubmit['factors'],
    ...voice('2024-03-02'),
    outcome: 'cin_plan' as const,
    completedDate: '2024-03-05',
  };
  await refused(
    () => submitAssessment(t.db, sw, c2, { ...base, analysis: 'x'.repeat(20_001) }),
    ValidationError,
    /20,000 characters or fewer/,
    'analysis',
  );
  await refused(
    () => submitAssessment(t.db, sw, c2, { ...base, analysis: 'ok', factors: ['21', '16A'] }),
    ValidationError,
    /cannot be selected with other/,
    'factors',
  );
  await refused(
    () => submitAssessment(t.db, sw, c2, bad({ ...base, analysis: 'ok', factors: ['18A'] })),
    ValidationError,
    /not one of the choices/,
    'factors-0',
  );
  await refused(
    () => submitAssessment(t.db, sw, c2, { ...base, analysis: 'ok', factors: [] }),
    ValidationError,
    /Select the factors/,
    'factors',
  );
  await refused(
    () => submitAssessment(t.db, sw, c2, bad({ ...base, analysis: ['a', 'b'] })),
    ValidationError,
    /must be text/,
    'analysis',
  );
});

test('the child’s voice is required, or its absence explained', async () => {
  const { child } = await episode('2024-03-01', 'Voice');
  await startAssessment(t.db, sw, child, { startDate: '2024-03-01' });
  const base = {
    factors: ['16A'] as AssessmentSubmit['factors'],
    analysis: 'a',
    outcome: 'cin_plan' as const,
    completedDate: '2024-03-05',
  };
  await refused(
    () => submitAssessment(t.db, sw, child, base),
    ValidationError,
    /Record what the child said or showed.*or explain why/,
    'voice',
  );
  await refused(
    () =>
      submitAssessment(t.db, sw, child, {
        ...base,
        voice: { words: 'I am fine', methods: [], gatheredBy: 'HP', gatheredOn: '2024-03-02' },
      }),
    ValidationError,
    /how the child’s voice was gathered/,
    'voice-methods',
  );
  await refused(
    () => submitAssessment(t.db, sw, child, { ...base, ...voice('2099-01-01') }),
    ValidationError,
    /today or in the past/,
    'voice-gatheredOn',
  );
  await submitAssessment(t.db, sw, child, {
    ...base,
    voiceAbsentReason: 'Non-verbal; observed at nursery instead.',
  });
  const [a] = await t.db.query<{ voice_absent_reason: string }>(
    'select voice_absent_reason from assessment where person_id = $1',
    [child],
  );
  assert.match(a!.voice_absent_reason, /Non-verbal/);
});

test('a late assessment needs a reason; it starts after the referral; one open at a time', async () => {
  const { child } = await episode('2024-03-01', 'Late');
  await refused(
    () => startAssessment(t.db, sw, child, { startDate: '2024-02-28' }),
    ValidationError,
    /on or after the referral date, 1 March 2024/,
    'startDate',
  );
  await startAssessment(t.db, sw, child, { startDate: '2024-03-01' });
  await refused(
    () => startAssessment(t.db, sw, child, { startDate: '2024-03-02' }),
    ConflictError,
    /still open/,
  );
  // Due 45 working days from 1 March 2024: 8 May 2024 (Easter and the early May bank holiday).
  const late = {
    factors: ['16A'] as AssessmentSubmit['factors'],
    ...voice('2024-03-02'),
    analysis: 'a',
    outcome: 'cin_plan' as const,
    completedDate: '2024-05-09',
  };
  await refused(
    () => submitAssessment(t.db, sw, child, late),
    ValidationError,
    /due by 8 May 2024: enter the reason it is late/,
    'lateReason',
  );
  await submitAssessment(t.db, sw, child, { ...late, completedDate: '2024-05-08' });
  // Authorised after the due date: the manager must give the reason.
  await refused(
    () =>
      authoriseAssessment(t.db, tm, child, {
        decision: 'agreed',
        decidedOn: '2024-05-09',
        note: 'ok',
      }),
    ValidationError,
    /due by 8 May 2024/,
    'lateReason',
  );
  await authoriseAssessment(t.db, tm, child, {
    decision: 'agreed',
    decidedOn: '2024-05-09',
    note: 'ok',
    lateReason: 'Manager on leave.',
  });
});

test('roles: only a team manager authorises, signs off, ends plans and closes; others may not record', async () => {
  const { child, id } = await episode('2024-03-01', 'Roles');
  await startAssessment(t.db, sw, child, { startDate: '2024-03-01' });
  await submitAssessment(t.db, sw, child, {
    factors: ['16A'],
    ...voice('2024-03-02'),
    analysis: 'a',
    outcome: 'cin_plan',
    completedDate: '2024-03-05',
  });
  await refused(
    () =>
      authoriseAssessment(t.db, sw, child, {
        decision: 'agreed',
        decidedOn: '2024-03-06',
        note: 'me',
      }),
    ForbiddenError,
    /Only a team manager can authorise an assessment/,
  );
  await refused(
    () =>
      authoriseAssessment(t.db, sw, child, {
        decision: 'returned',
        decidedOn: '2024-03-06',
        note: 'me',
      }),
    ForbiddenError,
    /Only a team manager can return/,
  );
  await refused(
    () => closeEpisode(t.db, sw, child, bad({ episodeId: id })),
    ForbiddenError,
    /Only a team manager can close/,
  );
  await refused(
    () => endCpPlan(t.db, sw, child, bad({})),
    ForbiddenError,
    /Only a team manager can end a child protection plan/,
  );
  for (const key of ['teacher', 'scrutineer', 'mash', 'admin', 'police']) {
    await refused(
      () => startAssessment(t.db, demoActor(t.org, key), child, bad({})),
      ForbiddenError,
      /Only a social worker or a team manager can start an assessment/,
    );
  }
  // A returned assessment goes back to the worker; the manager's decision is recorded.
  await authoriseAssessment(t.db, tm, child, {
    decision: 'returned',
    decidedOn: '2024-03-06',
    note: 'Add the father’s view.',
  });
  const [a] = await t.db.query<{ status: string }>('select status from assessment where person_id = $1', [
    child,
  ]);
  assert.equal(a!.status, 'in_progress');
  await refused(
    () =>
      authoriseAssessment(t.db, tm, child, {
        decision: 'agreed',
        decidedOn: '2024-03-07',
        note: 'x',
      }),
    ConflictError,
    /not been completed yet/,
  );
});

test('access: no relationship, a restricted record, an unknown or malformed id', async () => {
  const stranger = await makeChild(t, 'Stranger', { involved: false });
  await refused(() => startEpisode(t.db, sw, stranger, bad({})), ForbiddenError, /break-glass/);
  await t.db.query('update person set restricted = true where id = $1', [stranger]);
  await refused(() => startEpisode(t.db, sw, stranger, bad({})), NotFoundError, /does not exist/);
  await refused(() => startEpisode(t.db, sw, crypto.randomUUID(), bad({})), NotFoundError, /does not exist/);
  await refused(() => startEpisode(t.db, sw, 'not-a-uuid', bad({})), NotFoundError, /does not exist/);
  assert.equal(await count('episode', stranger), 0);
});

test('two people starting an episode for one child at once: one wins, the other is told', async () => {
  const child = await makeChild(t, 'Race');
  const referral = await makeReferral(t, child, '2024-03-01');
  const other = await makeReferral(t, child, '2024-03-01');
  const results = await Promise.allSettled([
    startEpisode(t.db, sw, child, { referral, referralSource: '3A', primaryNeed: 'N1' }),
    startEpisode(t.db, demoActor(t.org, 'sw2'), child, {
      referral: other,
      referralSource: '3A',
      primaryNeed: 'N1',
    }),
  ]);
  assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
  const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
  assert.ok(lost.reason instanceof ConflictError, String(lost.reason));
  assert.equal(await count('episode', child), 1);
});
