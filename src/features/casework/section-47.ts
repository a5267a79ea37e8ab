/**
 * Strategy discussions and section 47 enquiries: who took part from which agency and what they
 * decided; the enquiry's start, its outcome (conference needed or not) and the manager's sign-off.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { ConflictError } from '../../platform/errors.ts';
import { S47_OUTCOMES, STRATEGY_DECISIONS } from './codes.ts';
import { Problems } from '../../platform/validation.ts';
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
import { knownAgencies, openSection47, strategyAwaitingEnquiry } from './repository/current.ts';
import {
  insertSection47,
  insertStrategyDiscussion,
  returnSection47Row,
  section47OutcomeRow,
  signOffSection47Row,
} from './repository/writes.ts';
import {
  section47OutcomeSchema,
  section47SignOffSchema,
  section47StartSchema,
  strategySchema,
} from './schemas.ts';
import { checkFrom } from './transitions.ts';

/** Agencies chosen on a form: at least `min`, each an agency of this partnership. */
export async function checkAgencies(
  tx: Db,
  actor: Actor,
  p: Problems,
  field: string,
  ids: string[],
): Promise<void> {
  if (p.has(field) || ids.length === 0) return;
  const known = await knownAgencies(tx, actor.partnershipId, ids);
  if (known.size !== ids.length) p.add(field, 'Choose agencies from the list');
}

export const recordStrategyDiscussion = change(
  'strategy_discussion.record',
  strategySchema,
  async ({ db, actor, personId, v }): Promise<string> => {
    const { heldOn, agencies, participants, decision, rationale } = v;
    const p = new Problems();
    return changeChild(db, actor, personId, async (tx) => {
      const episode = await requireOpenEpisode(tx, actor, personId);
      await checkAgencies(tx, actor, p, 'agencies', agencies);
      if (heldOn < episode.referralDate) {
        p.add(
          'heldOn',
          `The strategy discussion must be on or after the referral date, ${show(episode.referralDate)}`,
        );
      }
      p.check();
      if (decision === 'section_47') {
        const open = await openSection47(tx, episode.id);
        if (open) {
          throw new ConflictError(
            `A section 47 enquiry started on ${show(open.startDate)} is still open: record its outcome before another strategy discussion starts one.`,
          );
        }
      }
      const id = await insertStrategyDiscussion(tx, actor, {
        episodeId: episode.id,
        personId,
        heldOn,
        agencies,
        participants,
        decision,
        rationale,
      });
      await changed(
        tx,
        actor,
        personId,
        {
          action: 'casework.strategy_discussion',
          entityType: 'strategy_discussion',
          entityId: id,
          detail: { decision },
        },
        {
          category: 'child_protection',
          occurredOn: heldOn,
          significance: 'high',
          summary: `Strategy discussion: ${STRATEGY_DECISIONS.labelOf(decision).toLowerCase()}`,
        },
      );
      return id;
    });
  },
);

export const startSection47 = change(
  'section_47.start',
  section47StartSchema,
  async ({ db, actor, personId, v }): Promise<string> => {
    const { startDate } = v;
    const p = new Problems();
    return changeChild(db, actor, personId, async (tx) => {
      const episode = await requireOpenEpisode(tx, actor, personId);
      const sd = await strategyAwaitingEnquiry(tx, episode.id);
      if (!sd) {
        throw new ConflictError(
          'A section 47 enquiry starts from a strategy discussion that decided on one. Record the strategy discussion first.',
        );
      }
      checkSame(v.strategyDiscussionId, sd.id, 'strategy discussion');
      if (startDate < sd.heldOn) {
        p.add('startDate', `The enquiry cannot start before the strategy discussion of ${show(sd.heldOn)}`);
      }
      p.check();
      const id = await insertSection47(tx, actor, {
        episodeId: episode.id,
        personId,
        strategyDiscussionId: sd.id,
        startDate,
      });
      await changed(
        tx,
        actor,
        personId,
        { action: 'casework.section_47_start', entityType: 'section_47', entityId: id },
        {
          category: 'child_protection',
          occurredOn: startDate,
          significance: 'high',
          summary: 'Section 47 enquiry started',
        },
      );
      return id;
    });
  },
);

export async function currentSection47(db: Db, actor: Actor, personId: string) {
  const episode = await requireOpenEpisode(db, actor, personId);
  const s47 = await openSection47(db, episode.id);
  if (!s47) throw new ConflictError('This child has no open section 47 enquiry.');
  return { episode, s47 };
}

export const recordSection47Outcome = change(
  'section_47.outcome',
  section47OutcomeSchema,
  async ({ db, actor, personId, v }): Promise<void> => {
    const { outcome, conferenceNeeded, outcomeDate, outcomeNotes: notes } = v;
    const p = new Problems();
    if (conferenceNeeded && outcome !== 'substantiated_at_risk') {
      p.add(
        'conferenceNeeded',
        'A conference is needed only when the child is likely to suffer significant harm: check the outcome',
      );
    }
    p.check();
    await changeChild(db, actor, personId, async (tx) => {
      const { s47 } = await currentSection47(tx, actor, personId);
      checkSame(v.section47Id, s47.id, 'enquiry');
      checkFrom('section_47.outcome', s47.status, 'its outcome is waiting for a manager’s sign-off');
      if (outcomeDate < s47.startDate) {
        p.add(
          'outcomeDate',
          `The date of the outcome must be on or after the start of the enquiry, ${show(s47.startDate)}`,
        );
      }
      p.check();
      await section47OutcomeRow(tx, s47.id, {
        outcome,
        conferenceNeeded,
        outcomeDate,
        outcomeNotes: notes,
      });
      await changed(tx, actor, personId, {
        action: 'casework.section_47_outcome',
        entityType: 'section_47',
        entityId: s47.id,
        detail: { outcome, conferenceNeeded },
      });
    });
  },
);

/** A team manager signs off the enquiry's outcome, or returns it for more work. */
export const signOffSection47 = change(
  (input) => (returns(input) ? 'section_47.return' : 'section_47.sign_off'),
  section47SignOffSchema,
  async ({ db, actor, personId, v }): Promise<'agreed' | 'returned'> => {
    const { decision, decidedOn, note } = v;
    const p = new Problems();
    await changeChild(db, actor, personId, async (tx) => {
      const { episode, s47 } = await currentSection47(tx, actor, personId);
      checkSame(v.section47Id, s47.id, 'enquiry');
      checkFrom(
        decision === 'agreed' ? 'section_47.sign_off' : 'section_47.return',
        s47.status,
        'its outcome has not been recorded yet',
      );
      if (decidedOn < s47.outcomeDate!) {
        p.add(
          'decidedOn',
          `The date of your decision must be on or after the outcome, ${show(s47.outcomeDate!)}`,
        );
      }
      p.check();
      if (decision === 'agreed') await signOffSection47Row(tx, actor, s47.id, decidedOn);
      else await returnSection47Row(tx, s47.id);
      await decided(
        tx,
        actor,
        personId,
        { episodeId: episode.id, point: 'section_47_sign_off', decision, note, decidedOn },
        {
          action: `casework.section_47_${decision === 'agreed' ? 'sign_off' : 'return'}`,
          entityType: 'section_47',
          entityId: s47.id,
        },
        decision === 'agreed'
          ? {
              category: 'child_protection',
              occurredOn: decidedOn,
              significance: 'high',
              summary: `Section 47 enquiry completed: ${S47_OUTCOMES.labelOf(s47.outcome).toLowerCase()}${s47.conferenceNeeded ? '; initial conference to be held' : ''}`,
            }
          : undefined,
      );
    });
    return decision;
  },
);
