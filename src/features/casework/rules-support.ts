// Helpers of the rules tests (imported by *.test.ts only): a refusal assertion and short ways to
// bring a child's casework to a step.
import assert from 'node:assert/strict';
import type { Db } from '../../db/index.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ValidationError, type AppError } from '../../platform/errors.ts';
import { recordInitialConference } from './conferences.ts';
import { startEpisode } from './episodes.ts';
import {
  recordSection47Outcome,
  recordStrategyDiscussion,
  signOffSection47,
  startSection47,
} from './section-47.ts';
import type { InitialConference, Strategy } from './schemas.ts';
import { agencyIds, demoActor, makeChild, makeReferral, voice } from './test-support.ts';

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

export function flows(db: Db, org: DemoOrganisation) {
  const sw: Actor = demoActor(org, 'sw');
  const tm: Actor = demoActor(org, 'tm');
  const count = async (table: string, child: string) =>
    (
      await db.query<{ n: number }>(`select count(*)::int as n from ${table} where person_id = $1`, [child])
    )[0]!.n;

  async function episode(referralDate = '2024-03-01', given = 'Ellie') {
    const child = await makeChild(db, org, given);
    const referral = await makeReferral(db, org, child, referralDate);
    const id = await startEpisode(db, sw, child, { referral, referralSource: '3A', primaryNeed: 'N1' });
    return { child, id };
  }

  const strategy = (child: string, heldOn: string, decision: Strategy['decision'] = 'section_47') =>
    recordStrategyDiscussion(db, sw, child, {
      heldOn,
      agencies: agencyIds(org, 'council', 'police'),
      participants: 'HP, DC Jones',
      decision,
      rationale: 'Concerns.',
    });

  /** A child whose enquiry is signed off as needing a conference. */
  async function awaitingConference(sdOn = '2024-03-04', given = 'Ellie') {
    const e = await episode('2024-03-01', given);
    await strategy(e.child, sdOn);
    await startSection47(db, sw, e.child, { startDate: sdOn });
    await recordSection47Outcome(db, sw, e.child, {
      outcome: 'substantiated_at_risk',
      conferenceNeeded: true,
      outcomeDate: '2024-03-08',
      outcomeNotes: 'Substantiated.',
    });
    await signOffSection47(db, tm, e.child, {
      decision: 'agreed',
      decidedOn: '2024-03-08',
      note: 'OK',
    });
    return e;
  }

  const icpc = (
    child: string,
    heldOn: string,
    decision: InitialConference['decision'] = 'plan',
    extra: Record<string, unknown> = {},
  ) =>
    recordInitialConference(db, sw, child, {
      heldOn,
      chair: 'Chair',
      agencies: agencyIds(org, 'council', 'police'),
      ...voice(heldOn),
      decision,
      category: 'PHY',
      ...(extra as Partial<InitialConference>),
    });

  return { sw, tm, count, episode, strategy, awaitingConference, icpc };
}
