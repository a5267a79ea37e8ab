/**
 * What every casework change shares: the transitions table's permission and the access check
 * first, the input checked with the action's schema, then one transaction that locks the child,
 * and the manager's recorded decisions.
 */
import type { z } from 'zod';
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import {
  requirePermission,
  requirePersonAccess,
  requirePersonWriteAccess,
  type PersonAccess,
} from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError } from '../../platform/errors.ts';
import { formatDate, londonToday } from '../../platform/dates.ts';
import { parse } from '../../platform/validation.ts';
import { recordSystemEvent, type SystemEvent } from '../chronology/service.ts';
import { lockChild, openEpisode } from './repository/current.ts';
import type { EpisodeRow } from './repository/rows.ts';
import { insertDecision } from './repository/writes.ts';
import { requireTransition, type TransitionName } from './transitions.ts';

/** Checks the role may make the change and the actor may see the child, before anything is read. */
export async function mayChange(db: Db, actor: Actor, personId: string, name: TransitionName): Promise<void> {
  requireTransition(actor, name);
  await requirePersonWriteAccess(db, actor, personId, 'casework');
}

/**
 * A casework change as a service: the role and the child are checked first (before anything is
 * read), then the input again with the action's schema as of `today` (a direct call refuses bad
 * input too), then `run` with the typed values. `name` may depend on the input (a return).
 */
export function change<S extends z.ZodType, R>(
  name: TransitionName | ((input: unknown) => TransitionName),
  schema: (today: () => string) => S,
  run: (c: { db: Db; actor: Actor; personId: string; v: z.infer<S>; today: string }) => Promise<R>,
) {
  return async (
    db: Db,
    actor: Actor,
    personId: string,
    input: z.infer<S>,
    today = londonToday(),
  ): Promise<R> => {
    const t = typeof name === 'function' ? name(input) : name;
    const v = await checked(db, actor, personId, t, schema, input, today);
    return run({ db, actor, personId, v, today });
  };
}

/** A change's first steps: the role and the child, then its input as of `today`. */
export async function checked<S extends z.ZodType>(
  db: Db,
  actor: Actor,
  personId: string,
  name: TransitionName,
  schema: (today: () => string) => S,
  input: unknown,
  today: string,
): Promise<z.infer<S>> {
  await mayChange(db, actor, personId, name);
  return parse(
    schema(() => today),
    input,
  );
}

/** Whether a manager's decision returns the work (its own permission is checked before the input). */
export const returns = (input: unknown) =>
  (input as { decision?: unknown } | undefined)?.decision === 'returned';

/** Checks the actor may read the child's casework. */
export async function mayRead(db: Db, actor: Actor, personId: string): Promise<PersonAccess> {
  requirePermission(actor, 'casework.read');
  return requirePersonAccess(db, actor, personId, 'casework');
}

function isUniqueViolation(err: unknown): boolean {
  return Boolean(err && typeof err === 'object' && (err as { code?: string }).code === '23505');
}

/**
 * Runs a change in one transaction with the child's row locked. A change that collides with one
 * made at the same moment is refused with a message, never a server error.
 */
export async function changeChild<T>(
  db: Db,
  actor: Actor,
  personId: string,
  fn: (tx: Db) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction(async (tx) => {
      const child = await lockChild(tx, actor.partnershipId, personId);
      if (child.kind !== 'child') {
        throw new ConflictError('Statutory casework is for children: this is an adult’s record.');
      }
      return fn(tx);
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new ConflictError(
        'Someone else changed this child’s casework at the same moment. Nothing was saved: reload the page and check before you try again.',
      );
    }
    throw err;
  }
}

/** The child's open episode, or a clear refusal. */
export async function requireOpenEpisode(tx: Db, actor: Actor, personId: string): Promise<EpisodeRow> {
  const e = await openEpisode(tx, actor.partnershipId, personId);
  if (!e) {
    throw new ConflictError(
      'This child has no open episode of need. Start an episode from the referral first.',
    );
  }
  return e;
}

/** A form sent for one record while another is now current (another tab, another person). */
export function checkSame(expected: string | undefined, actual: string, what: string): void {
  if (expected && expected !== actual) {
    throw new ConflictError(
      `The ${what} changed after you opened this page. Nothing was saved: go back to the casework page and start again.`,
    );
  }
}

export const show = (iso: string) => formatDate(iso);

/** A key casework event on the child's chronology, and its audit event, in the same transaction. */
export async function changed(
  tx: Db,
  actor: Actor,
  personId: string,
  what: { action: string; entityType: string; entityId: string; detail?: Record<string, unknown> },
  chronology?: SystemEvent,
): Promise<void> {
  await audit(tx, actor, { ...what, personId });
  if (chronology) await recordSystemEvent(tx, actor, personId, chronology);
}

export type DecisionPoint =
  'assessment_authorisation' | 'section_47_sign_off' | 'cp_plan_end' | 'cin_plan_end' | 'episode_closure';

/**
 * The manager's recorded decision at a key point, on the record it concerns (`subject`): the
 * decision and the change each audited, and the change on the child's chronology when given.
 */
export async function decided(
  tx: Db,
  actor: Actor,
  personId: string,
  d: {
    episodeId: string;
    point: DecisionPoint;
    decision: 'agreed' | 'returned';
    note: string;
    decidedOn: string;
  },
  subject: { action: string; entityType: string; entityId: string; detail?: Record<string, unknown> },
  chronology?: SystemEvent,
): Promise<void> {
  const id = await insertDecision(tx, actor, { ...d, personId, subjectId: subject.entityId });
  await audit(tx, actor, {
    action: 'casework.manager_decision',
    entityType: 'manager_decision',
    entityId: id,
    personId,
    detail: { point: d.point, decision: d.decision },
  });
  await changed(tx, actor, personId, subject, chronology);
}
