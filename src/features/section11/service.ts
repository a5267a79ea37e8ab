/**
 * Section 11 and schools' 175/157 self-assessments: standards, rounds and each agency's answers.
 * Peer challenge is in challenges.ts, the practitioners' survey and the gap view in survey.ts.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { KINDS, type Kind } from './codes.ts';
import {
  agenciesOf,
  answers,
  assessmentById,
  assessments,
  insertRound,
  insertStandard,
  lockAssessment,
  markSubmitted,
  roundById,
  roundExists,
  rounds,
  standardById,
  standards,
  updateStandard,
  upsertAnswer,
  type AnswerRow,
  type AssessmentRow,
  type RoundRow,
  type StandardRow,
} from './repository.ts';
import { challengesOf, type ChallengeRow } from './repository-more.ts';
import { planOf } from './action-plan.ts';
import type { ActionSummary } from '../actions/service.ts';
import {
  answerSchema,
  roundSchema,
  standardEditSchema,
  standardSchema,
  type AnswerInput,
  type RoundInput,
  type StandardEditInput,
  type StandardInput,
} from './schemas.ts';

export { executivePanel, gapView as gapsFor } from './survey.ts';
export type { AssessmentRow, RoundRow, StandardRow };

const read = async (db: Db, actor: Actor, action: string, entityType: string, entityId?: string) =>
  audit(db, actor, { action: `section11.${action}`, entityType, ...(entityId && { entityId }) });

/**
 * The partnership's starting standards (the eight of section 11, the schools' set), written when it
 * has none: configuration, not a user's change, so not audited. For the demo; pages do the same.
 */
export async function defaultStandardsIn(db: Db, partnershipId: string): Promise<StandardRow[]> {
  return standards(db, partnershipId);
}

export async function listStandards(db: Db, actor: Actor): Promise<StandardRow[]> {
  requirePermission(actor, 'assurance.read');
  const rows = await standards(db, actor.partnershipId);
  await read(db, actor, 'standards_read', 's11_standard');
  return rows;
}

export async function standardFor(db: Db, actor: Actor, id: string): Promise<StandardRow> {
  requirePermission(actor, 'partnership.manage');
  const s = await standardById(db, actor.partnershipId, id);
  if (!s) throw new NotFoundError();
  return s;
}

export async function addStandard(db: Db, actor: Actor, input: StandardInput): Promise<{ id: string }> {
  requirePermission(actor, 'partnership.manage');
  const s = parse(standardSchema, input);
  await standards(db, actor.partnershipId);
  return db.transaction(async (tx) => {
    const row = await insertStandard(tx, actor.partnershipId, { ...s, description: s.description ?? '' });
    if (!row) new Problems().add('title', 'There is already a standard with this name').check();
    await audit(tx, actor, {
      action: 'section11.standard_added',
      entityType: 's11_standard',
      entityId: row!.id,
    });
    return row!;
  });
}

export async function editStandard(
  db: Db,
  actor: Actor,
  id: string,
  input: StandardEditInput,
): Promise<void> {
  await standardFor(db, actor, id);
  const s = parse(standardEditSchema, input);
  await db.transaction(async (tx) => {
    const row = await updateStandard(tx, actor.partnershipId, id, { ...s, description: s.description ?? '' });
    if (!row) new Problems().add('title', 'There is already a standard with this name').check();
    await audit(tx, actor, {
      action: 'section11.standard_changed',
      entityType: 's11_standard',
      entityId: id,
      detail: { active: s.active },
    });
  });
}

export interface RoundList {
  rounds: RoundRow[];
  /** The actor's own agency's self-assessments, newest first, for a lead to find theirs. */
  own: AssessmentRow[];
}

export async function listRounds(db: Db, actor: Actor): Promise<RoundList> {
  requirePermission(actor, 'assurance.read');
  const [all, mine] = await Promise.all([
    rounds(db, actor.partnershipId),
    assessments(db, actor.partnershipId),
  ]);
  await read(db, actor, 'rounds_read', 's11_round');
  return { rounds: all, own: mine.filter((a) => a.agencyId === actor.agencyId) };
}

/** The agencies a round of each kind may ask: schools for the schools' round, the others for section 11. */
export async function agencyChoices(db: Db, actor: Actor) {
  requirePermission(actor, 'partnership.manage');
  const all = await agenciesOf(db, actor.partnershipId);
  return {
    section11: all.filter((a) => a.kind !== 'school'),
    schools: all.filter((a) => a.kind === 'school'),
  };
}

export async function createRound(
  db: Db,
  actor: Actor,
  input: RoundInput,
): Promise<{ id: string; carried: number }> {
  requirePermission(actor, 'partnership.manage');
  const r = parse(roundSchema, input);
  const problems = new Problems();
  if (r.closesOn < r.opensOn)
    problems.add('closesOn', 'The closing date must be on or after the opening date');
  if (r.challengeDay && r.challengeDay < r.opensOn)
    problems.add('challengeDay', 'The challenge day must be on or after the opening date');
  const choices = await agencyChoices(db, actor);
  const allowed = new Set(choices[r.kind].map((a) => a.id));
  if (r.agencyIds.some((id) => !allowed.has(id)))
    problems.add(
      'agencyIds',
      r.kind === 'schools'
        ? 'A schools’ round asks schools only'
        : 'A section 11 round asks agencies that are not schools',
    );
  if (await roundExists(db, actor.partnershipId, r.kind, r.year))
    problems.add('year', `There is already a ${KINDS.labelOf(r.kind)} round for ${r.year}`);
  problems.check();
  await standards(db, actor.partnershipId);
  return db.transaction(async (tx) => {
    const made = await insertRound(tx, actor.partnershipId, {
      ...r,
      challengeDay: r.challengeDay ?? null,
      createdBy: actor.userId,
    });
    await audit(tx, actor, {
      action: 'section11.round_created',
      entityType: 's11_round',
      entityId: made.id,
      detail: { kind: r.kind, year: r.year, agencies: r.agencyIds.length, carriedForward: made.carried },
    });
    return made;
  });
}

export interface RoundView {
  round: RoundRow;
  assessments: AssessmentRow[];
  challenges: ChallengeRow[];
}

export async function roundView(db: Db, actor: Actor, id: string): Promise<RoundView> {
  requirePermission(actor, 'assurance.read');
  const round = await roundById(db, actor.partnershipId, id);
  if (!round) throw new NotFoundError();
  const [list, challenges] = await Promise.all([
    assessments(db, actor.partnershipId, { roundId: id }),
    challengesOf(db, actor.partnershipId, { roundId: id }),
  ]);
  await read(db, actor, 'round_read', 's11_round', id);
  return { round, assessments: list, challenges };
}

export interface AssessmentView {
  assessment: AssessmentRow;
  answers: (AnswerRow & { challenges: ChallengeRow[] })[];
  /** The agency's action plan, in the one action log. */
  actions: ActionSummary[];
  /** The agency's lead, while it is a draft. */
  canEdit: boolean;
  /** Another agency's lead or the business manager, once it is submitted. */
  canChallenge: boolean;
  /** The agency's lead, on its challenges. */
  canRespond: boolean;
}

/** Whether the actor answers for this assessment's agency (its lead). */
const answersFor = (actor: Actor, a: { agencyId: string }) =>
  can(actor.roles, 'section11.complete') && actor.agencyId === a.agencyId;

export function mayChallenge(actor: Actor, a: { agencyId: string; status: string }): boolean {
  if (a.status !== 'submitted') return false;
  if (can(actor.roles, 'partnership.manage')) return true;
  return can(actor.roles, 'section11.complete') && actor.agencyId !== a.agencyId;
}

export async function assessmentView(db: Db, actor: Actor, id: string): Promise<AssessmentView> {
  requirePermission(actor, 'assurance.read');
  const assessment = await assessmentById(db, actor.partnershipId, id);
  if (!assessment) throw new NotFoundError();
  const [rows, challenges, actions] = await Promise.all([
    answers(db, actor.partnershipId, id),
    challengesOf(db, actor.partnershipId, { assessmentId: id }),
    planOf(db, actor, id),
  ]);
  await read(db, actor, 'assessment_read', 's11_assessment', id);
  return {
    assessment,
    answers: rows.map((r) => ({ ...r, challenges: challenges.filter((c) => c.answerId === r.id) })),
    actions,
    canEdit: answersFor(actor, assessment) && assessment.status === 'draft',
    canChallenge: mayChallenge(actor, assessment),
    canRespond: answersFor(actor, assessment),
  };
}

/** The agency's own draft, for its lead: refused for anyone else, a conflict once submitted. */
async function ownDraft(db: Db, actor: Actor, id: string): Promise<AssessmentRow> {
  requirePermission(actor, 'section11.complete');
  const a = await assessmentById(db, actor.partnershipId, id);
  if (!a) throw new NotFoundError();
  if (a.agencyId !== actor.agencyId)
    throw new ForbiddenError('Only the agency asked completes its own self-assessment.');
  if (a.status !== 'draft') throw submittedConflict();
  return a;
}

const submittedConflict = () =>
  new ConflictError('This self-assessment has been submitted and can no longer be changed.');

/** One standard's answer as the form shows it, for the agency's lead while a draft. */
export async function answerForm(db: Db, actor: Actor, id: string, standardId: string) {
  const assessment = await ownDraft(db, actor, id);
  const answer = (await answers(db, actor.partnershipId, id)).find((a) => a.standardId === standardId);
  if (!answer) throw new NotFoundError();
  return { assessment, answer };
}

export async function saveAnswer(
  db: Db,
  actor: Actor,
  id: string,
  standardId: string,
  input: AnswerInput,
): Promise<{ id: string }> {
  await answerForm(db, actor, id, standardId);
  const a = parse(answerSchema, input);
  return db.transaction(async (tx) => {
    if ((await lockAssessment(tx, actor.partnershipId, id))?.status !== 'draft') throw submittedConflict();
    const answerId = await upsertAnswer(tx, actor.partnershipId, {
      assessmentId: id,
      standardId,
      rating: a.rating,
      narrative: a.narrative,
      evidence: a.evidence ?? '',
      by: actor.userId,
    });
    await audit(tx, actor, {
      action: 'section11.answer_saved',
      entityType: 's11_answer',
      entityId: answerId,
      detail: { assessmentId: id, standardId, rating: a.rating },
    });
    return { id: answerId };
  });
}

/** Submits the draft: every standard rated, and every answer carried forward reviewed. */
export async function submitAssessment(db: Db, actor: Actor, id: string): Promise<void> {
  await ownDraft(db, actor, id);
  const rows = await answers(db, actor.partnershipId, id);
  const problems = new Problems();
  const unrated = rows.filter((r) => !r.rating).length;
  const carried = rows.filter((r) => r.carriedForward).length;
  if (unrated) problems.add('answers', `Rate every standard before you submit: ${unrated} not rated`);
  else if (carried)
    problems.add('answers', `Review every answer carried forward from last round: ${carried} not reviewed`);
  problems.check();
  await db.transaction(async (tx) => {
    if (!(await markSubmitted(tx, actor.partnershipId, id, actor.userId))) throw submittedConflict();
    await audit(tx, actor, {
      action: 'section11.assessment_submitted',
      entityType: 's11_assessment',
      entityId: id,
    });
  });
}

/** The API's list: every self-assessment of the partnership, or one round's. */
export async function listAssessments(db: Db, actor: Actor, roundId?: string): Promise<AssessmentRow[]> {
  requirePermission(actor, 'assurance.read');
  const rows = await assessments(db, actor.partnershipId, { roundId });
  await read(db, actor, 'assessments_read', 's11_assessment');
  return rows;
}

export const isKind = (v: unknown): v is Kind => KINDS.isValue(v);
