/**
 * Peer challenge (the challenge day): another agency's lead or the business manager asks about one
 * submitted answer; the agency responds; the challenger or the business manager resolves it, the
 * rating confirmed or changed.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { RATINGS } from './codes.ts';
import {
  answerById,
  challengeById,
  insertChallenge,
  setResolved,
  setResponse,
  type AnswerFacts,
  type ChallengeRow,
} from './repository-more.ts';
import { challengeSchema, resolveSchema, responseSchema, type ResolveInput } from './schemas.ts';
import { mayChallenge } from './service.ts';

/** The answer to challenge, for someone who may challenge it. */
export async function answerToChallenge(db: Db, actor: Actor, answerId: string): Promise<AnswerFacts> {
  requirePermission(actor, 'assurance.read');
  const a = await answerById(db, actor.partnershipId, answerId);
  if (!a) throw new NotFoundError();
  if (
    can(actor.roles, 'section11.complete') &&
    actor.agencyId === a.agencyId &&
    !can(actor.roles, 'partnership.manage')
  )
    throw new ForbiddenError('Your own agency’s answers are challenged by other agencies.');
  if (!can(actor.roles, 'section11.complete') && !can(actor.roles, 'partnership.manage'))
    throw new ForbiddenError();
  if (!mayChallenge(actor, a))
    throw new ConflictError('An answer can be challenged once its self-assessment is submitted.');
  return a;
}

export async function raiseChallenge(db: Db, actor: Actor, answerId: string, input: { question: string }) {
  const a = await answerToChallenge(db, actor, answerId);
  const { question } = parse(challengeSchema, input);
  return db.transaction(async (tx) => {
    const id = await insertChallenge(tx, actor.partnershipId, {
      answerId,
      by: actor.userId,
      agencyId: actor.agencyId,
      question,
    });
    await audit(tx, actor, {
      action: 'section11.challenge_raised',
      entityType: 's11_challenge',
      entityId: id,
      detail: { answerId, challengedAgencyId: a.agencyId },
    });
    return { id, assessmentId: a.assessmentId };
  });
}

export interface ChallengeView {
  challenge: ChallengeRow;
  canRespond: boolean;
  canResolve: boolean;
}

const mayRespond = (actor: Actor, c: ChallengeRow) =>
  c.status === 'open' && can(actor.roles, 'section11.complete') && actor.agencyId === c.agencyId;
const mayResolve = (actor: Actor, c: ChallengeRow) =>
  c.status === 'responded' && (can(actor.roles, 'partnership.manage') || actor.userId === c.raisedById);

export async function challengeView(db: Db, actor: Actor, id: string): Promise<ChallengeView> {
  requirePermission(actor, 'assurance.read');
  const challenge = await challengeById(db, actor.partnershipId, id);
  if (!challenge) throw new NotFoundError();
  await audit(db, actor, { action: 'section11.challenge_read', entityType: 's11_challenge', entityId: id });
  return { challenge, canRespond: mayRespond(actor, challenge), canResolve: mayResolve(actor, challenge) };
}

async function load(db: Db, actor: Actor, id: string): Promise<ChallengeRow> {
  requirePermission(actor, 'assurance.read');
  const c = await challengeById(db, actor.partnershipId, id);
  if (!c) throw new NotFoundError();
  return c;
}

export async function respondToChallenge(db: Db, actor: Actor, id: string, input: { response: string }) {
  const c = await load(db, actor, id);
  if (!can(actor.roles, 'section11.complete') || actor.agencyId !== c.agencyId)
    throw new ForbiddenError('Only the challenged agency’s lead responds.');
  if (c.status !== 'open') throw new ConflictError('This challenge has already been answered.');
  const { response } = parse(responseSchema, input);
  await db.transaction(async (tx) => {
    if (!(await setResponse(tx, actor.partnershipId, id, actor.userId, response)))
      throw new ConflictError('This challenge has already been answered.');
    await audit(tx, actor, {
      action: 'section11.challenge_answered',
      entityType: 's11_challenge',
      entityId: id,
    });
  });
}

export async function resolveChallenge(db: Db, actor: Actor, id: string, input: ResolveInput) {
  const c = await load(db, actor, id);
  if (!can(actor.roles, 'partnership.manage') && actor.userId !== c.raisedById)
    throw new ForbiddenError('The challenger or the business manager resolves a challenge.');
  if (c.status === 'resolved') throw new ConflictError('This challenge has already been resolved.');
  if (c.status === 'open') throw new ConflictError('The agency has not responded to this challenge yet.');
  const r = parse(resolveSchema, input);
  const problems = new Problems();
  if (r.outcome === 'changed' && !r.rating) problems.add('rating', 'Select the new rating');
  else if (r.outcome === 'changed' && r.rating === c.rating)
    problems.add(
      'rating',
      `The rating is already ${RATINGS.labelOf(c.rating).toLowerCase()}: choose another, or confirm it`,
    );
  problems.check();
  const after = r.outcome === 'changed' ? r.rating! : c.rating;
  await db.transaction(async (tx) => {
    const done = await setResolved(tx, actor.partnershipId, id, {
      by: actor.userId,
      outcome: r.outcome,
      before: c.rating,
      after,
      resolution: r.resolution,
    });
    if (!done) throw new ConflictError('This challenge has already been resolved.');
    await audit(tx, actor, {
      action: 'section11.challenge_resolved',
      entityType: 's11_challenge',
      entityId: id,
      detail: { outcome: r.outcome, before: c.rating, after },
    });
  });
}
