// Helpers of the rules tests (imported by *.test.ts only): a refusal assertion and short ways to
// bring a child's casework to a step.
import assert from 'node:assert/strict';
import { useDb } from '../../../test/helpers/app.ts';
import { demoActor } from '../../demo/organisation.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ValidationError, type AppError } from '../../platform/errors.ts';
import { recordInitialConference } from './conferences.ts';
import { startEpisode } from './episodes.ts';
import type { InitialConference, Strategy } from './schemas.ts';
import { agencyIds, caseworkSteps, makeChild, makeReferral, rowsAbout, voice } from './test-support.ts';

/** Asserts the call is refused with this error class and a message matching `message` (on `field`). */
export async function refused(
  fn: () => Promise<unknown>,
  kind: new (...a: never[]) => AppError,
  message: RegExp,
  field?: string,
): Promise<void> {
  await assert.rejects(fn, (err: unknown) => {
    assert.ok(err instanceof kind, `expected ${kind.name}, got ${String(err)}`);
    if (err instanceof ValidationError) {
      const e = field ? err.errors.find((x) => x.field === field) : err.errors[0];
      assert.ok(e, `no error on ${field}: ${JSON.stringify(err.errors)}`);
      assert.match(e.message, message);
    } else assert.match((err as Error).message, message);
    return true;
  });
}

/**
 * The rules tests' database, the demo social worker and team manager (filled in before the tests,
 * as the database handle is), and short ways to bring a child's casework to a step.
 */
export function useFlows() {
  const sw = {} as Actor;
  const tm = {} as Actor;
  const t = useDb(async () => {
    Object.assign(sw, demoActor(t.org, 'sw'));
    Object.assign(tm, demoActor(t.org, 'tm'));
  });
  const count = (table: string, child: string) => rowsAbout(t, table, child);

  async function episode(referralDate = '2024-03-01', given = 'Ellie') {
    const child = await makeChild(t, given);
    const referral = await makeReferral(t, child, referralDate);
    const id = await startEpisode(t.db, sw, child, { referral, referralSource: '3A', primaryNeed: 'N1' });
    return { child, id };
  }

  const steps = caseworkSteps(t);
  const strategy = (child: string, heldOn: string, decision: Strategy['decision'] = 'section_47') =>
    steps.strategy(child, heldOn, { participants: 'HP, DC Jones', decision, rationale: 'Concerns.' });

  /** A child whose enquiry is signed off as needing a conference. */
  async function awaitingConference(sdOn = '2024-03-04', given = 'Ellie') {
    const e = await episode('2024-03-01', given);
    await strategy(e.child, sdOn);
    await steps.enquiry(e.child, sdOn, '2024-03-08', { outcomeNotes: 'Substantiated.' });
    await steps.signOff(e.child, '2024-03-08', 'OK');
    return e;
  }

  const icpc = (
    child: string,
    heldOn: string,
    decision: InitialConference['decision'] = 'plan',
    extra: Record<string, unknown> = {},
  ) =>
    recordInitialConference(t.db, sw, child, {
      heldOn,
      chair: 'Chair',
      agencies: agencyIds(t.org, 'council', 'police'),
      ...voice(heldOn),
      decision,
      category: 'PHY',
      ...(extra as Partial<InitialConference>),
    });

  return {
    t,
    sw,
    tm,
    count,
    episode,
    awaitingConference,
    icpc,
    enquiry: steps.enquiry,
    signOff: steps.signOff,
    strategy,
  };
}
