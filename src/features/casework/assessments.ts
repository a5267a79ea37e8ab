/**
 * The single assessment: started in the open episode, completed by the worker (factors identified,
 * the child's voice, analysis, outcome; a reason when it is late), authorised or returned by a team
 * manager. Its clock is 45 working days from the referral date.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ConflictError } from '../../platform/errors.ts';
import { Problems } from '../../platform/validation.ts';
import { ASSESSMENT_OUTCOMES, NO_FACTORS } from './codes.ts';
import { clockDue } from './due.ts';
import {
  changeChild,
  changed,
  change,
  checkSame,
  decided,
  requireOpenEpisode,
  returns,
  show,
} from './guard.ts';
import { firstAssessmentId, openAssessment } from './repository/current.ts';
import type { AssessmentRow, EpisodeRow } from './repository/rows.ts';
import {
  authoriseAssessmentRow,
  insertAssessment,
  returnAssessmentRow,
  submitAssessmentRow,
} from './repository/writes.ts';
import { checkFrom } from './transitions.ts';
import { assessmentAuthoriseSchema, assessmentStartSchema, assessmentSubmitSchema } from './schemas.ts';
import { insertVoice, readVoice } from './voice.ts';

/** The assessment's due date: the first of an episode runs from the referral, a later one from its start. */
export async function assessmentDue(
  tx: Db,
  episode: EpisodeRow,
  a: AssessmentRow,
): Promise<{ dueDate: string; fromReferral: boolean }> {
  const fromReferral = (await firstAssessmentId(tx, episode.id)) === a.id;
  return { dueDate: clockDue('assessment', fromReferral ? episode.referralDate : a.startDate), fromReferral };
}

export const startAssessment = change(
  'assessment.start',
  assessmentStartSchema,
  async ({ db, actor, personId, v }): Promise<string> => {
    const { startDate } = v;
    const p = new Problems();
    return changeChild(db, actor, personId, async (tx) => {
      const episode = await requireOpenEpisode(tx, actor, personId);
      const open = await openAssessment(tx, episode.id);
      if (open) {
        throw new ConflictError(
          `An assessment started on ${show(open.startDate)} is still open in this episode: complete it first.`,
        );
      }
      if (startDate < episode.referralDate) {
        p.add(
          'startDate',
          `The start date must be on or after the referral date, ${show(episode.referralDate)}`,
        );
        p.check();
      }
      const id = await insertAssessment(tx, actor, { episodeId: episode.id, personId, startDate });
      await changed(tx, actor, personId, {
        action: 'casework.assessment_start',
        entityType: 'assessment',
        entityId: id,
      });
      return id;
    });
  },
);

/** The open assessment of the open episode, with its due date (for the forms). */
export async function currentAssessment(db: Db, actor: Actor, personId: string) {
  const episode = await requireOpenEpisode(db, actor, personId);
  const assessment = await openAssessment(db, episode.id);
  if (!assessment)
    throw new ConflictError('This child has no open assessment. Start one from the casework page.');
  const { dueDate, fromReferral } = await assessmentDue(db, episode, assessment);
  return {
    episode,
    assessment,
    dueDate,
    dueFrom: fromReferral ? 'the referral date' : 'the start of this assessment',
  };
}

/** The worker completes the assessment and sends it to a manager for authorisation. */
export const submitAssessment = change(
  'assessment.submit',
  assessmentSubmitSchema,
  async ({ db, actor, personId, v }): Promise<void> => {
    const { factors, analysis, outcome, completedDate, lateReason } = v;
    const p = new Problems();
    if (factors.length === 0) p.add('factors', 'Select the factors identified, or “No factors identified”');
    else if (factors.includes(NO_FACTORS) && factors.length > 1) {
      p.add('factors', '“No factors identified” cannot be selected with other factors');
    }
    const voice = readVoice(p, v, { by: actor.name, on: completedDate });
    p.check();

    await changeChild(db, actor, personId, async (tx) => {
      const { episode, assessment, dueDate } = await currentAssessment(tx, actor, personId);
      checkSame(v.assessmentId, assessment.id, 'assessment');
      checkFrom('assessment.submit', assessment.status, 'it is waiting for a manager’s authorisation');
      if (completedDate < assessment.startDate) {
        p.add(
          'completedDate',
          `The completion date must be on or after the start date, ${show(assessment.startDate)}`,
        );
      }
      if (completedDate > dueDate && !lateReason) {
        p.add('lateReason', `The assessment was due by ${show(dueDate)}: enter the reason it is late`);
      }
      if (voice?.heard && voice.heard.gatheredOn < episode.referralDate) {
        p.add(
          'voice-gatheredOn',
          `The date the child said or showed it must be on or after the referral date, ${show(episode.referralDate)}`,
        );
      }
      p.check();
      await submitAssessmentRow(tx, assessment.id, {
        factors,
        analysis,
        outcome,
        completedDate,
        lateReason: lateReason ?? null,
        voiceAbsentReason: voice!.absentReason ?? null,
      });
      await insertVoice(
        tx,
        actor,
        { personId, episodeId: episode.id, context: 'assessment', contextId: assessment.id },
        voice!,
      );
      await changed(tx, actor, personId, {
        action: 'casework.assessment_submit',
        entityType: 'assessment',
        entityId: assessment.id,
        detail: { late: completedDate > dueDate },
      });
    });
  },
);

/** A team manager authorises the assessment (its completion in the CIN census) or returns it. */
export const authoriseAssessment = change(
  (input) => (returns(input) ? 'assessment.return' : 'assessment.authorise'),
  assessmentAuthoriseSchema,
  async ({ db, actor, personId, v }): Promise<'agreed' | 'returned'> => {
    const { decision, decidedOn, note, lateReason } = v;
    const p = new Problems();

    await changeChild(db, actor, personId, async (tx) => {
      const { episode, assessment, dueDate } = await currentAssessment(tx, actor, personId);
      checkSame(v.assessmentId, assessment.id, 'assessment');
      checkFrom(
        decision === 'agreed' ? 'assessment.authorise' : 'assessment.return',
        assessment.status,
        'it has not been completed yet',
      );
      if (decidedOn < assessment.completedDate!) {
        p.add(
          'decidedOn',
          `The date of your decision must be on or after the completion date, ${show(assessment.completedDate!)}`,
        );
      }
      const late = decision === 'agreed' && decidedOn > dueDate && !assessment.lateReason;
      if (late && !lateReason)
        p.add('lateReason', `The assessment was due by ${show(dueDate)}: enter the reason it is late`);
      p.check();
      if (decision === 'agreed') {
        await authoriseAssessmentRow(tx, actor, assessment.id, {
          authorisedDate: decidedOn,
          lateReason: assessment.lateReason ?? lateReason ?? null,
        });
      } else await returnAssessmentRow(tx, assessment.id);
      await decided(
        tx,
        actor,
        personId,
        { episodeId: episode.id, point: 'assessment_authorisation', decision, note, decidedOn },
        {
          action: `casework.assessment_${decision === 'agreed' ? 'authorise' : 'return'}`,
          entityType: 'assessment',
          entityId: assessment.id,
        },
        decision === 'agreed'
          ? {
              category: 'assessment',
              occurredOn: decidedOn,
              summary: `Single assessment authorised: ${ASSESSMENT_OUTCOMES.labelOf(assessment.outcome)}`,
            }
          : undefined,
      );
    });
    return decision;
  },
);
