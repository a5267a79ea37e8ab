/** The work of an open episode: assessment, team around the family, meetings, actions, reviews, step-up. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { addActionIn } from '../actions/service.ts';
import { VOICE_METHODS } from '../casework/service.ts';
import { submitStepUp } from '../front-door/service.ts';
import { forChange } from './access.ts';
import { stepUpReferral } from './history.ts';
import * as repo from './repository/episodes.ts';
import * as work from './repository/work.ts';
import {
  actionSchema,
  assessmentSchema,
  meetingSchema,
  reviewSchema,
  stepUpSchema,
  teamMemberSchema,
  type ActionInput,
  type AssessmentInput,
  type MeetingInput,
  type ReviewInput,
  type StepUpInput,
  type TeamMemberInput,
} from './schemas.ts';
import { TEAM_ROLES } from './episodes.ts';
import { earlyHelpSettings, reviewDue } from './settings.ts';

const changed = (tx: Db, actor: Actor, action: string, id: string, detail?: Record<string, unknown>) =>
  audit(tx, actor, { action, entityType: 'eh_episode', entityId: id, ...(detail && { detail }) });

/**
 * The early help assessment: the family's own view, each child's voice (the same record as
 * casework's), each area of need scored at the start, and the plan. Once per episode.
 */
export async function recordAssessment(db: Db, actor: Actor, id: string, input: AssessmentInput) {
  const v = parse(assessmentSchema, input);
  return db.transaction(async (tx) => {
    const { episode: e } = await forChange(tx, actor, id);
    if (e.assessmentCompletedOn)
      throw new ConflictError('The assessment of this episode is already recorded');
    const p = new Problems();
    if (v.completedOn < e.startedOn)
      p.add('completedOn', `The assessment date must be on or after the start of early help, ${e.startedOn}`);
    const { areas } = await earlyHelpSettings(tx, actor.partnershipId);
    const scored = areas.filter((a) => v.scores[a.value] !== undefined);
    if (scored.length === 0)
      p.add(`scores-${areas[0]!.value}`, 'Score at least one area of need from 1 to 10');
    const children = (await repo.members(tx, id)).filter((m) => m.kind === 'child');
    for (const c of children) {
      const voice = v.voices.find((x) => x.personId === c.personId);
      if (!voice?.words && !voice?.absentReason)
        p.add(
          `voice-${c.personId}`,
          `Record what ${c.name} said or showed, or why their voice is not recorded`,
        );
      else if (voice.words && !VOICE_METHODS.values.includes(voice.method as never))
        p.add(`voiceMethod-${c.personId}`, `Select how ${c.name}’s voice was gathered`);
    }
    p.check();
    await repo.updateEpisode(tx, id, {
      assessment_completed_on: v.completedOn,
      family_view: v.familyView,
      plan: v.plan,
    });
    await work.insertScores(
      tx,
      actor.partnershipId,
      id,
      null,
      scored.map((a) => ({ area: a.value, score: v.scores[a.value]! })),
    );
    for (const voice of v.voices)
      if (voice.words && children.some((c) => c.personId === voice.personId))
        await work.insertVoice(tx, actor.partnershipId, {
          personId: voice.personId,
          gatheredOn: v.completedOn,
          words: voice.words,
          method: voice.method!,
          by: actor.name,
          byUser: actor.userId,
          contextId: id,
        });
    await changed(tx, actor, 'early_help.assessment', id, { areas: scored.length });
  });
}

export const teamChoices = (db: Db, actor: Actor) => repo.practitioners(db, actor.partnershipId, TEAM_ROLES);

export async function addTeamMember(db: Db, actor: Actor, id: string, input: TeamMemberInput) {
  const v = parse(teamMemberSchema, input);
  return db.transaction(async (tx) => {
    await forChange(tx, actor, id);
    const p = new Problems();
    if (!(await teamChoices(tx, actor)).some((u) => u.id === v.userId))
      p.add('userId', 'Select a practitioner from the list');
    p.check();
    await work.insertTeamMember(tx, actor.partnershipId, id, v.userId, v.role, actor.userId);
    await changed(tx, actor, 'early_help.team_member_added', id, { userId: v.userId });
  });
}

export async function recordMeeting(db: Db, actor: Actor, id: string, input: MeetingInput) {
  const v = parse(meetingSchema, input);
  return db.transaction(async (tx) => {
    const { episode: e } = await forChange(tx, actor, id, 'meet');
    const p = new Problems();
    const team = await work.team(tx, id);
    if (team.length === 0) p.add('attended', 'Add the team around the family before recording its meetings');
    if (v.attended.some((a) => !team.some((t) => t.id === a)))
      p.add('attended', 'Who attended: choose from the team around the family');
    if (v.heldOn < e.startedOn) p.add('heldOn', `The meeting must be on or after the start, ${e.startedOn}`);
    p.check();
    await work.insertMeeting(tx, actor.partnershipId, id, v, actor.userId);
    await changed(tx, actor, 'early_help.meeting', id);
  });
}

/** An action with an owner and a due date, in the partnership's one action log. */
export async function addAction(db: Db, actor: Actor, id: string, input: ActionInput) {
  const v = parse(actionSchema, input);
  return db.transaction(async (tx) => {
    const { episode: e } = await forChange(tx, actor, id, 'meet');
    await addActionIn(tx, actor, {
      sourceKind: 'early_help',
      sourceId: id,
      // No family name in the action log: the partnership's pages show it to people outside the family's team.
      sourceLabel: `Early help ${e.reference}`,
      sourceHref: `/early-help/episodes/${id}`,
      title: v.title,
      ownerAgencyId: v.ownerAgencyId,
      ownerUserId: v.ownerUserId ?? null,
      dueOn: v.dueOn,
    });
    await changed(tx, actor, 'early_help.action_added', id);
  });
}

/** When the next review is due: the configured interval from the assessment, then from the last review. */
export async function nextReviewDue(db: Db, pid: string, e: repo.EpisodeRow): Promise<string | null> {
  if (!e.assessmentCompletedOn || e.status !== 'open') return null;
  const last = (await work.reviews(db, e.id)).at(-1);
  return reviewDue(last?.heldOn ?? e.assessmentCompletedOn, await earlyHelpSettings(db, pid));
}

/** A review: what has changed, and every need scored at the assessment scored again. */
export async function recordReview(db: Db, actor: Actor, id: string, input: ReviewInput) {
  const v = parse(reviewSchema, input);
  return db.transaction(async (tx) => {
    const { episode: e } = await forChange(tx, actor, id);
    const p = new Problems();
    if (!e.assessmentCompletedOn) {
      p.add('heldOn', 'A review comes after the assessment: record the early help assessment first');
      p.check();
    }
    const previous = (await work.reviews(tx, id)).at(-1);
    const after = previous?.heldOn ?? e.assessmentCompletedOn!;
    if (v.heldOn < after)
      p.add(
        'heldOn',
        `The review must be on or after ${previous ? 'the last review' : 'the assessment'}, ${after}`,
      );
    const needs = [...new Set((await work.scores(tx, id)).filter((s) => !s.reviewId).map((s) => s.area))];
    const { areas } = await earlyHelpSettings(tx, actor.partnershipId);
    for (const area of needs)
      if (v.scores[area] === undefined)
        p.add(
          `scores-${area}`,
          `Score ${areas.find((a) => a.value === area)?.label ?? area} again from 1 to 10`,
        );
    p.check();
    const dueOn = (await nextReviewDue(tx, actor.partnershipId, e))!;
    const reviewId = await work.insertReview(tx, actor.partnershipId, id, { ...v, dueOn }, actor.userId);
    await work.insertScores(
      tx,
      actor.partnershipId,
      id,
      reviewId,
      needs.map((area) => ({ area, score: v.scores[area]! })),
    );
    await changed(tx, actor, 'early_help.review', id);
  });
}

/**
 * Step-up: the lead practitioner asks for social care. A contact arrives at the MASH carrying the
 * early help history (assessment, plan, reviews, the child's voice), in the same transaction.
 */
export async function stepUp(db: Db, actor: Actor, id: string, input: StepUpInput) {
  const v = parse(stepUpSchema, input);
  return db.transaction(async (tx) => {
    const { episode: e } = await forChange(tx, actor, id);
    const referral = await stepUpReferral(tx, actor, e, v.reason);
    const received = await submitStepUp(tx, actor, referral);
    await work.insertStep(tx, actor.partnershipId, {
      episodeId: id,
      kind: 'up',
      reason: v.reason,
      by: actor.userId,
      contactId: received.contactId,
    });
    await changed(tx, actor, 'early_help.step_up', id, { contact: received.reference });
    return received;
  });
}
