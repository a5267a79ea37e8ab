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
  mayChange,
  requireOpenEpisode,
  returns,
  show,
} from './guard.ts';
import crypto from 'node:crypto';
import { knownAgencies, lockChild, openSection47, strategyAwaitingEnquiry } from './repository/current.ts';
import { siblingsWithOpenEpisodes } from './repository/meetings.ts';
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

/** The discussion's shared facts, recorded on each child's own record with the child's decision. */
interface Discussion {
  heldOn: string;
  agencies: string[];
  participants: string;
  rationale: string;
  meetingId?: string;
}

/** One child's record of a strategy discussion: the rules on the child's episode, the row, audit, chronology. */
async function recordForChild(
  tx: Db,
  actor: Actor,
  personId: string,
  d: Discussion,
  decision: string,
  p: Problems,
  field: { date: string; name?: string },
): Promise<string | undefined> {
  const episode = await requireOpenEpisode(tx, actor, personId);
  if (d.heldOn < episode.referralDate) {
    p.add(
      field.date,
      field.name
        ? `The strategy discussion must be on or after ${field.name}’s referral date, ${show(episode.referralDate)}`
        : `The strategy discussion must be on or after the referral date, ${show(episode.referralDate)}`,
    );
    return undefined;
  }
  if (decision === 'section_47') {
    const open = await openSection47(tx, episode.id);
    if (open) {
      throw new ConflictError(
        `A section 47 enquiry started on ${show(open.startDate)} is still open${field.name ? ` for ${field.name}` : ''}: record its outcome before another strategy discussion starts one.`,
      );
    }
  }
  const id = await insertStrategyDiscussion(tx, actor, { ...d, episodeId: episode.id, personId, decision });
  await changed(
    tx,
    actor,
    personId,
    {
      action: 'casework.strategy_discussion',
      entityType: 'strategy_discussion',
      entityId: id,
      detail: { decision, ...(d.meetingId ? { meetingId: d.meetingId } : {}) },
    },
    {
      category: 'child_protection',
      occurredOn: d.heldOn,
      significance: 'high',
      summary: `Strategy discussion: ${STRATEGY_DECISIONS.labelOf(decision).toLowerCase()}`,
    },
  );
  return id;
}

/**
 * A strategy discussion, for the child and for any brothers and sisters discussed at the same
 * meeting (`siblingDecisions`, each with their own decision): one record each, sharing the
 * meeting, all in one transaction. Each sibling's record is checked like the child's (access first).
 */
export const recordStrategyDiscussion = change(
  'strategy_discussion.record',
  strategySchema,
  async ({ db, actor, personId, v }): Promise<string> => {
    const { heldOn, agencies, participants, decision, rationale } = v;
    const p = new Problems();
    const siblings = (v.siblingDecisions ?? []).map((s) => {
      const [id, d] = s.split(':') as [string, string];
      return { personId: id, decision: d };
    });
    for (const sib of siblings) await mayChange(db, actor, sib.personId, 'strategy_discussion.record');
    const names = new Map<string, string>();
    if (siblings.length) {
      const known = await siblingsWithOpenEpisodes(db, actor.partnershipId, personId);
      for (const k of known) names.set(k.personId, `${k.givenName} ${k.familyName}`.trim());
      const ids = siblings.map((s) => s.personId);
      if (ids.some((id) => !names.has(id)) || new Set(ids).size !== ids.length)
        p.add('siblingDecisions', 'Choose brothers and sisters from the list, each once');
    }
    p.check();
    const meetingId = siblings.length ? crypto.randomUUID() : undefined;
    const d: Discussion = { heldOn, agencies, participants, rationale, meetingId };
    return changeChild(db, actor, personId, async (tx) => {
      await checkAgencies(tx, actor, p, 'agencies', agencies);
      p.check();
      const id = await recordForChild(tx, actor, personId, d, decision, p, { date: 'heldOn' });
      for (const sib of siblings) {
        await lockChild(tx, actor.partnershipId, sib.personId);
        await recordForChild(tx, actor, sib.personId, d, sib.decision, p, {
          date: 'siblingDecisions',
          name: names.get(sib.personId),
        });
      }
      p.check();
      return id!;
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
