/**
 * Visits to the child (under an open child protection plan, the statutory visit: seen, seen alone,
 * bedroom seen, the child's words) and direct work: what the child said outside any other step.
 */
import { Problems } from '../../platform/validation.ts';
import { changeChild, changed, change, requireOpenEpisode, show } from './guard.ts';
import { openCpPlan, openEpisode } from './repository/current.ts';
import { insertVisit } from './repository/writes.ts';
import { directWorkSchema, visitSchema } from './schemas.ts';
import { insertVoice, readVoice } from './voice.ts';

/** A visit to the child. Under an open child protection plan it is the statutory visit. */
export const recordVisit = change(
  'visit.record',
  visitSchema,
  async ({ db, actor, personId, v }): Promise<string> => {
    const { visitedOn, seen, bedroomSeen, notSeenReason, notes } = v;
    const p = new Problems();
    const seenAlone = v.seenAlone ?? (seen ? undefined : false);
    if (seenAlone === undefined) p.add('seenAlone', 'Select whether the child was seen alone');
    if (!seen && seenAlone) p.add('seenAlone', 'A child who was not seen cannot have been seen alone');
    if (!seen && !notSeenReason) p.add('notSeenReason', 'Enter why the child was not seen');
    if (seen && notSeenReason)
      p.add('notSeenReason', 'A reason is only for a visit at which the child was not seen');
    const voice = readVoice(p, v, {
      by: actor.name,
      on: visitedOn,
      fallbackAbsent: !seen && notSeenReason ? `The child was not seen: ${notSeenReason}` : undefined,
    });
    p.check();
    return changeChild(db, actor, personId, async (tx) => {
      const episode = await requireOpenEpisode(tx, actor, personId);
      if (visitedOn < episode.referralDate) {
        p.add('visitedOn', `The visit cannot be before the referral date, ${show(episode.referralDate)}`);
      }
      p.check();
      const plan = await openCpPlan(tx, actor.partnershipId, personId);
      const planId = plan && visitedOn >= plan.startDate ? plan.id : null;
      const id = await insertVisit(tx, actor, {
        episodeId: episode.id,
        personId,
        cpPlanId: planId,
        visitedOn,
        seen,
        seenAlone: seenAlone!,
        bedroomSeen,
        notSeenReason: seen ? null : notSeenReason!,
        notes: notes ?? null,
        voiceAbsentReason: voice!.absentReason ?? null,
      });
      await insertVoice(
        tx,
        actor,
        { personId, episodeId: episode.id, context: 'visit', contextId: id },
        voice!,
      );
      await changed(
        tx,
        actor,
        personId,
        {
          action: 'casework.visit',
          entityType: 'visit',
          entityId: id,
          detail: { seen, seenAlone, statutory: !!planId },
        },
        {
          category: 'other',
          occurredOn: visitedOn,
          significance: 'low',
          summary: `${planId ? 'Statutory visit' : 'Visit'} by children’s social care: child ${seen ? (seenAlone ? 'seen alone' : 'seen') : 'not seen'}`,
        },
      );
      return id;
    });
  },
);

/** Standalone direct work: what the child said or showed, outside any other step. */
export const recordDirectWork = change(
  'voice.record',
  directWorkSchema,
  async ({ db, actor, personId, v }): Promise<string> => {
    const { words, methods, gatheredBy, gatheredOn } = v;
    const p = new Problems();
    if (methods.length === 0) p.add('methods', 'Select how the child’s voice was gathered');
    p.check();
    const heard = { words, methods, gatheredBy: gatheredBy ?? actor.name, gatheredOn };
    return changeChild(db, actor, personId, async (tx) => {
      const episode = await openEpisode(tx, actor.partnershipId, personId);
      return insertVoice(
        tx,
        actor,
        { personId, episodeId: episode?.id ?? null, context: 'direct_work', contextId: null },
        { heard },
      ) as Promise<string>;
    });
  },
);
