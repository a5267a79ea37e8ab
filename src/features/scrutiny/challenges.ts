/**
 * Challenges: the scrutineer (or the young people's panel, through the business manager) puts a
 * question to partner agencies; each agency's lead answers once per round, with evidence; the one
 * who raised it judges: accepted, further challenge (a new round) or escalated to the executive.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { isWorkingDay } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';
import { due, type Due } from '../../platform/due.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import {
  actionFormItems,
  actionsFrom,
  addActionIn,
  newActionSchema,
  type ActionFormItems,
  type ActionSummary,
  type NewActionInput,
} from '../actions/service.ts';
import * as repo from './repository/challenges.ts';
import {
  challengeSchema,
  judgementSchema,
  responseSchema,
  type ChallengeInput,
  type JudgementInput,
  type ResponseInput,
} from './schemas.ts';

export type StateKey = 'awaiting_answers' | 'awaiting_judgement' | 'accepted' | 'escalated';

export const STATES: { key: StateKey; label: string; tag: string }[] = [
  { key: 'awaiting_answers', label: 'Awaiting answers', tag: 'govuk-tag--yellow' },
  { key: 'awaiting_judgement', label: 'Awaiting judgement', tag: 'govuk-tag--blue' },
  { key: 'accepted', label: 'Accepted', tag: 'govuk-tag--green' },
  { key: 'escalated', label: 'Escalated to the executive', tag: 'govuk-tag--red' },
];

export interface Challenge extends repo.ChallengeRow {
  state: (typeof STATES)[number];
  /** Where the current round's answers stand against their due date (open challenges awaiting answers). */
  due?: Due;
  /** Agencies yet to answer the current round. */
  waitingFor: { id: string; name: string }[];
}

function stateOf(c: repo.ChallengeRow): StateKey {
  if (c.status !== 'open') return c.status;
  return c.agencies.every((a) => c.answeredIds.includes(a.id)) ? 'awaiting_judgement' : 'awaiting_answers';
}

export function toChallenge(c: repo.ChallengeRow, today = londonToday()): Challenge {
  const key = stateOf(c);
  return {
    ...c,
    state: STATES.find((s) => s.key === key)!,
    due: key === 'awaiting_answers' ? due(c.dueOn, today) : undefined,
    waitingFor: c.status === 'open' ? c.agencies.filter((a) => !c.answeredIds.includes(a.id)) : [],
  };
}

/** Who may judge: the scrutineer their challenges, the business manager the panel's on its behalf. */
function mayJudge(actor: Actor, c: Pick<repo.ChallengeRow, 'raisedBy'>): boolean {
  return c.raisedBy === 'scrutineer'
    ? can(actor.roles, 'scrutiny.challenge')
    : can(actor.roles, 'partnership.manage');
}

/** Whether the actor may raise a challenge, and as whom. */
export function raisesAs(actor: Actor): 'scrutineer' | 'young_peoples_panel' | undefined {
  if (can(actor.roles, 'scrutiny.challenge')) return 'scrutineer';
  if (can(actor.roles, 'partnership.manage')) return 'young_peoples_panel';
  return undefined;
}

function mayRespond(actor: Actor, c: Challenge): boolean {
  return (
    can(actor.roles, 'scrutiny.respond') &&
    c.status === 'open' &&
    c.waitingFor.some((a) => a.id === actor.agencyId)
  );
}

/** Every challenge, by state, for anyone who reads the partnership's pages; the look is audited. */
export async function listChallenges(db: Db, actor: Actor): Promise<Challenge[]> {
  requirePermission(actor, 'assurance.read');
  const today = londonToday();
  const rows = (await repo.listChallenges(db, actor.partnershipId)).map((c) => toChallenge(c, today));
  await audit(db, actor, {
    action: 'scrutiny.challenges.view',
    entityType: 'challenge',
    detail: { count: rows.length },
  });
  return rows;
}

export interface ChallengeDetail {
  challenge: Challenge;
  rounds: repo.RoundRow[];
  actions: ActionSummary[];
  may: { respond: boolean; judge: boolean; addAction: boolean };
}

/** The scrutineer (or the business manager) raises actions from a challenge; neither owns one. */
function mayAddAction(actor: Actor): boolean {
  return can(actor.roles, 'scrutiny.challenge') || can(actor.roles, 'partnership.manage');
}

async function load(db: Db, actor: Actor, id: string): Promise<Challenge> {
  const row = await repo.findChallenge(db, actor.partnershipId, id);
  if (!row) throw new NotFoundError();
  return toChallenge(row);
}

/** One challenge with every round and answer as submitted; the look is audited. */
export async function readChallenge(db: Db, actor: Actor, id: string): Promise<ChallengeDetail> {
  requirePermission(actor, 'assurance.read');
  const challenge = await load(db, actor, id);
  const [rounds, actions] = await Promise.all([
    repo.roundsOf(db, actor.partnershipId, [id]),
    actionsFrom(db, actor, 'challenge', id),
  ]);
  await audit(db, actor, { action: 'scrutiny.challenge.view', entityType: 'challenge', entityId: id });
  return {
    challenge,
    rounds,
    actions,
    may: {
      respond: mayRespond(actor, challenge),
      judge: challenge.status === 'open' && mayJudge(actor, challenge),
      addAction: mayAddAction(actor),
    },
  };
}

function checkDueOn(p: Problems, dueOn: string | undefined, key = 'dueOn') {
  if (dueOn && !isWorkingDay(dueOn)) p.add(key, 'The response due date must be a working day');
}

/**
 * The scrutineer raises a challenge, or the business manager for the young people's panel (`as`
 * names which; without it, whichever the actor may).
 */
export async function raiseChallenge(
  db: Db,
  actor: Actor,
  input: ChallengeInput,
  as?: 'scrutineer' | 'young_peoples_panel',
): Promise<{ id: string; ref: number }> {
  const raisedBy = as ?? raisesAs(actor);
  if (!raisedBy) throw new ForbiddenError();
  requirePermission(actor, raisedBy === 'scrutineer' ? 'scrutiny.challenge' : 'partnership.manage');
  const c = parse(challengeSchema, input);
  const p = new Problems();
  checkDueOn(p, c.dueOn);
  const known = await repo.agenciesAmong(db, actor.partnershipId, c.agencyIds);
  if (known.length !== c.agencyIds.length) p.add('agencyIds', 'Select agencies from the list');
  p.check();
  return db.transaction(async (tx) => {
    const today = londonToday();
    const row = await repo.insertChallenge(tx, {
      partnershipId: actor.partnershipId,
      title: c.title,
      question: c.question,
      evidence: c.evidence ?? '',
      raisedBy,
      raisedByUser: actor.userId,
      raisedOn: today,
      dueOn: c.dueOn,
      agencyIds: c.agencyIds,
    });
    await audit(tx, actor, {
      action: 'scrutiny.challenge.raise',
      entityType: 'challenge',
      entityId: row.id,
      detail: { raisedBy, agencyIds: c.agencyIds, dueOn: c.dueOn },
    });
    return row;
  });
}

/**
 * Why this actor may not answer this challenge now, thrown: closed (409), not asked (403),
 * already answered this round (409).
 */
function checkMayRespond(actor: Actor, c: Challenge): void {
  if (c.status !== 'open')
    throw new ConflictError(
      `This challenge is closed (${c.state.label.toLowerCase()}): it takes no more answers.`,
    );
  if (!c.agencies.some((a) => a.id === actor.agencyId))
    throw new ForbiddenError('Your agency was not asked this challenge: only the agencies asked answer it.');
  if (c.answeredIds.includes(actor.agencyId))
    throw new ConflictError(
      'Your agency has already answered this round of the challenge. An answer is never changed after it is sent.',
    );
}

/** The challenge an agency lead is about to answer, after every check the answer makes. */
export async function challengeToAnswer(db: Db, actor: Actor, id: string): Promise<Challenge> {
  requirePermission(actor, 'scrutiny.respond');
  const c = await load(db, actor, id);
  checkMayRespond(actor, c);
  return c;
}

/** An agency's lead answers the current round for their agency: once, never edited. */
export async function respondToChallenge(
  db: Db,
  actor: Actor,
  id: string,
  input: ResponseInput,
): Promise<{ id: string }> {
  await challengeToAnswer(db, actor, id);
  const r = parse(responseSchema, input);
  return db.transaction(async (tx) => {
    const row = await repo.findChallenge(tx, actor.partnershipId, id, { lock: true });
    if (!row) throw new NotFoundError();
    checkMayRespond(actor, toChallenge(row));
    const { id: responseId } = await repo.insertResponse(tx, {
      partnershipId: actor.partnershipId,
      challengeId: id,
      roundId: row.roundId,
      agencyId: actor.agencyId,
      answer: r.answer,
      evidence: r.evidence ?? '',
      respondedBy: actor.userId,
    });
    await audit(tx, actor, {
      action: 'scrutiny.challenge.respond',
      entityType: 'challenge',
      entityId: id,
      detail: { round: row.round, agencyId: actor.agencyId, responseId },
    });
    return { id: responseId };
  });
}

function checkMayJudge(actor: Actor, c: Challenge): void {
  if (!mayJudge(actor, c)) throw new ForbiddenError();
  if (c.status !== 'open') throw new ConflictError('This challenge has already been closed.');
}

/** The challenge its judge is about to judge, after every check the judgement makes. */
export async function challengeToJudge(db: Db, actor: Actor, id: string): Promise<ChallengeDetail> {
  if (!raisesAs(actor)) throw new ForbiddenError();
  const c = await load(db, actor, id);
  checkMayJudge(actor, c);
  return {
    challenge: c,
    rounds: await repo.roundsOf(db, actor.partnershipId, [id]),
    actions: [],
    may: { respond: false, judge: true, addAction: false },
  };
}

/** The judgement of the current round: accepted and escalated close it, a further challenge opens the next round. */
export async function judgeChallenge(
  db: Db,
  actor: Actor,
  id: string,
  input: JudgementInput,
): Promise<{ state: StateKey }> {
  await challengeToJudge(db, actor, id);
  const j = parse(judgementSchema, input);
  const p = new Problems();
  if (j.judgement === 'further') {
    if (!j.question) p.add('question', 'Enter the further question the partners must answer');
    if (!j.dueOn) p.add('dueOn', 'Enter the date the response is due');
    checkDueOn(p, j.dueOn);
  }
  p.check();
  return db.transaction(async (tx) => {
    const row = await repo.findChallenge(tx, actor.partnershipId, id, { lock: true });
    if (!row) throw new NotFoundError();
    checkMayJudge(actor, toChallenge(row));
    const today = londonToday();
    await repo.judgeRound(tx, row.roundId, {
      judgement: j.judgement,
      note: j.note ?? null,
      on: today,
      by: actor.userId,
    });
    if (j.judgement === 'further') {
      await repo.insertRound(tx, actor.partnershipId, id, row.round + 1, j.question!, j.dueOn!, today);
    } else {
      await repo.closeChallenge(tx, id, j.judgement, today);
    }
    await audit(tx, actor, {
      action: 'scrutiny.challenge.judge',
      entityType: 'challenge',
      entityId: id,
      detail: { round: row.round, judgement: j.judgement },
    });
    const after = await repo.findChallenge(tx, actor.partnershipId, id);
    return { state: stateOf(after!) };
  });
}

/** The agencies a challenge may be put to (the form's checkboxes), for whoever may raise one as `as`. */
export function challengeableAgencies(db: Db, actor: Actor, as: 'scrutineer' | 'young_peoples_panel') {
  requirePermission(actor, as === 'scrutineer' ? 'scrutiny.challenge' : 'partnership.manage');
  return repo.challengeableAgencies(db, actor.partnershipId);
}

/** The challenge and the form's choices, for whoever may raise actions from it. */
export async function challengeForAction(
  db: Db,
  actor: Actor,
  id: string,
  values: Record<string, unknown> = {},
): Promise<{ challenge: Challenge; actionItems: ActionFormItems }> {
  if (!mayAddAction(actor)) throw new ForbiddenError();
  const challenge = await load(db, actor, id);
  return { challenge, actionItems: await actionFormItems(db, actor, values) };
}

/** An action from a challenge into the one action log, owned by an agency (never the scrutineer). */
export async function addChallengeAction(
  db: Db,
  actor: Actor,
  id: string,
  input: NewActionInput,
): Promise<{ id: string }> {
  if (!mayAddAction(actor)) throw new ForbiddenError();
  const c = await load(db, actor, id);
  const a = parse(newActionSchema, input);
  return db.transaction((tx) =>
    addActionIn(tx, actor, {
      sourceKind: 'challenge',
      sourceId: id,
      sourceLabel: `Challenge ${c.ref}: ${c.title}`,
      sourceHref: `/partnership/scrutiny/challenges/${id}`,
      title: a.title,
      detail: a.detail,
      ownerAgencyId: a.ownerAgencyId,
      ownerUserId: a.ownerUserId,
      dueOn: a.dueOn,
      measureId: a.measureId,
    }),
  );
}
