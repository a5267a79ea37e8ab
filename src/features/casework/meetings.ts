/**
 * Recorded strategy discussions as pages of their own: read back with the other children of the
 * same meeting, and corrected with a reason (the version replaced is kept, shown in a history,
 * and the correction audited). The children a user may record a meeting for with the child.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { maySeeChanges, personAccessMany, UUID } from '../../platform/access/policy.ts';
import { aboutPerson, audit } from '../../platform/audit.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { personHeading } from '../people/service.ts';
import { ABUSE_CATEGORIES, ICPC_DECISIONS, REVIEW_DECISIONS, STRATEGY_DECISIONS } from './codes.ts';
import { changeChild, changed, mayChange, mayRead, requireOpenEpisode, show } from './guard.ts';
import { agencyChoices } from './repository/current.ts';
import {
  conferenceRecord,
  correctConferenceRow,
  correctStrategyRow,
  sameConference,
  namesOf,
  sameMeeting,
  siblingsWithOpenEpisodes,
  strategyRecord,
  versionsOf,
  type SiblingRow,
} from './repository/meetings.ts';
import { checkAgencies } from './section-47.ts';
import {
  conferenceCorrectionSchema,
  strategyCorrectionSchema,
  type ConferenceCorrection,
  type StrategyCorrection,
} from './schemas.ts';
import { mayMake } from './transitions.ts';

/** The brothers and sisters with an open episode whom the actor may open (a strategy form's choices). */
export async function siblingChoices(
  db: Db,
  actor: Actor,
  personId: string,
  opts: { awaitingConference?: boolean } = {},
): Promise<SiblingRow[]> {
  const rows = await siblingsWithOpenEpisodes(db, actor.partnershipId, personId, opts);
  const access = await personAccessMany(
    db,
    actor,
    rows.map((r) => r.personId),
    'casework',
  );
  return rows.filter((r) => access.get(r.personId)?.canOpen);
}

/**
 * The other children of a meeting: named, linked and their outcome shown only to a user who may open
 * their casework; otherwise "Another child".
 */
async function othersAt<T extends { personId: string; id: string }>(
  db: Db,
  actor: Actor,
  others: T[],
  path: string,
  outcome: (o: T) => string | null,
) {
  const access = await personAccessMany(
    db,
    actor,
    others.map((o) => o.personId),
    'casework',
  );
  const open = (o: T) => access.get(o.personId)?.canOpen ?? false;
  const names = await namesOf(
    db,
    actor.partnershipId,
    others.filter(open).map((o) => o.personId),
  );
  return others.map((o) =>
    open(o)
      ? {
          name: names.get(o.personId) ?? 'A brother or sister',
          href: `/people/${o.personId}/${path}/${o.id}`,
          decision: outcome(o),
        }
      : { name: 'Another child', href: null, decision: null },
  );
}

/** A strategy discussion's page: the record, the other children of the meeting, its history. */
export async function strategyDiscussionPage(db: Db, actor: Actor, personId: string, id: string) {
  const reader = await mayRead(db, actor, personId);
  if (!UUID.test(id)) throw new NotFoundError();
  const record = await strategyRecord(db, actor.partnershipId, personId, id);
  if (!record) throw new NotFoundError();
  const { person } = await personHeading(db, actor, personId, 'casework');
  const others = record.meetingId
    ? await sameMeeting(db, actor.partnershipId, record.meetingId, record.id)
    : [];
  const meeting = await othersAt(db, actor, others, 'strategy-discussions', (o) =>
    STRATEGY_DECISIONS.labelOf(o.decision),
  );
  const versions = await versionsOf(db, actor.partnershipId, 'strategy_discussion', record.id);
  await audit(db, actor, aboutPerson(personId, 'casework.view', { page: 'strategy-discussion', id }));
  return {
    person,
    record,
    decisionLabel: STRATEGY_DECISIONS.labelOf(record.decision),
    meeting,
    versions: versions.map((v) => ({
      ...v,
      decisionLabel: STRATEGY_DECISIONS.labelOf(String(v.data.decision ?? '')),
    })),
    canCorrect: maySeeChanges(reader) && mayMake(actor.roles, 'strategy_discussion.record'),
  };
}

/** The correction form's page: the record as it stands (its access check is the change's). */
export async function strategyForCorrection(db: Db, actor: Actor, personId: string, id: string) {
  await mayChange(db, actor, personId, 'strategy_discussion.record');
  if (!UUID.test(id)) throw new NotFoundError();
  const record = await strategyRecord(db, actor.partnershipId, personId, id);
  if (!record) throw new NotFoundError();
  const { person } = await personHeading(db, actor, personId, 'casework');
  const agencies = await agencyChoices(db, actor.partnershipId);
  await audit(db, actor, aboutPerson(personId, 'casework.view', { page: 'strategy-discussion-correct', id }));
  return { person, record, agencies };
}

/**
 * Corrects a recorded strategy discussion: the version it replaces is kept with the reason, and
 * the correction is audited with it. The dates stay in order (on or after the referral, not after
 * the enquiry it started), and a discussion that started an enquiry keeps its section 47 decision.
 */
export async function correctStrategyDiscussion(
  db: Db,
  actor: Actor,
  personId: string,
  id: string,
  input: StrategyCorrection,
  today?: string,
): Promise<void> {
  await mayChange(db, actor, personId, 'strategy_discussion.record');
  if (!UUID.test(id)) throw new NotFoundError();
  const v = parse(strategyCorrectionSchema(today ? () => today : undefined), input);
  const p = new Problems();
  await changeChild(db, actor, personId, async (tx) => {
    const before = await strategyRecord(tx, actor.partnershipId, personId, id, true);
    if (!before) throw new NotFoundError();
    if (before.version !== v.version) {
      throw new ConflictError(
        'Someone corrected this strategy discussion after you opened the page. Nothing was saved: go back and start again.',
      );
    }
    await checkAgencies(tx, actor, p, 'agencies', v.agencies);
    const episode = await requireOpenEpisode(tx, actor, personId);
    if (before.episodeId === episode.id && v.heldOn < episode.referralDate)
      p.add(
        'heldOn',
        `The strategy discussion must be on or after the referral date, ${show(episode.referralDate)}`,
      );
    if (before.section47Start && v.heldOn > before.section47Start)
      p.add(
        'heldOn',
        `The strategy discussion cannot be after the section 47 enquiry it started, ${show(before.section47Start)}`,
      );
    if (before.section47Start && v.decision !== 'section_47')
      p.add(
        'decision',
        'This discussion started a section 47 enquiry: its decision stays “section 47 enquiry”',
      );
    p.check();
    await correctStrategyRow(tx, actor, before, v, v.reason);
    await changed(tx, actor, personId, {
      action: 'casework.strategy_discussion_correct',
      entityType: 'strategy_discussion',
      entityId: id,
      detail: { version: before.version + 1, reason: v.reason },
    });
  });
}

const conferenceDecision = (c: { kind: string; decision: string }) =>
  c.kind === 'initial' ? ICPC_DECISIONS.labelOf(c.decision) : REVIEW_DECISIONS.labelOf(c.decision);
const categoryLabel = (c: string | null | undefined) => (c ? ABUSE_CATEGORIES.labelOf(c) : null);

/** A child protection conference's page: the record, the other children of the meeting, its history. */
export async function conferencePage(db: Db, actor: Actor, personId: string, id: string) {
  const reader = await mayRead(db, actor, personId);
  if (!UUID.test(id)) throw new NotFoundError();
  const record = await conferenceRecord(db, actor.partnershipId, personId, id);
  if (!record) throw new NotFoundError();
  const { person } = await personHeading(db, actor, personId, 'casework');
  const others = record.meetingId
    ? await sameConference(db, actor.partnershipId, record.meetingId, record.id)
    : [];
  const meeting = await othersAt(db, actor, others, 'conferences', (o) => {
    const category = categoryLabel(o.category);
    return `${conferenceDecision({ kind: 'initial', decision: o.decision })}${category ? ` (${category.toLowerCase()})` : ''}`;
  });
  const versions = await versionsOf(db, actor.partnershipId, 'conference', record.id);
  await audit(db, actor, aboutPerson(personId, 'casework.view', { page: 'conference', id }));
  return {
    person,
    record,
    decisionLabel: conferenceDecision(record),
    categoryLabel: categoryLabel(record.category),
    meeting,
    versions: versions.map((v) => ({
      ...v,
      categoryLabel: categoryLabel(v.data.category as string | null),
    })),
    canCorrect:
      record.kind === 'initial' && maySeeChanges(reader) && mayMake(actor.roles, 'conference.record'),
  };
}

/** The correction form's page: the initial conference as it stands (its access check is the change's). */
export async function conferenceForCorrection(db: Db, actor: Actor, personId: string, id: string) {
  await mayChange(db, actor, personId, 'conference.record');
  if (!UUID.test(id)) throw new NotFoundError();
  const record = await conferenceRecord(db, actor.partnershipId, personId, id);
  if (!record || record.kind !== 'initial') throw new NotFoundError();
  const { person } = await personHeading(db, actor, personId, 'casework');
  const agencies = await agencyChoices(db, actor.partnershipId);
  await audit(db, actor, aboutPerson(personId, 'casework.view', { page: 'conference-correct', id }));
  return { person, record, agencies, decisionLabel: conferenceDecision(record) };
}

/**
 * Corrects a recorded initial conference: the chair, who attended and the category. The date and
 * the decision stay (they started the plan and its clocks). The version replaced is kept with the
 * reason, and the correction is audited with it; a plan the conference started takes the category.
 */
export async function correctConference(
  db: Db,
  actor: Actor,
  personId: string,
  id: string,
  input: ConferenceCorrection,
): Promise<void> {
  await mayChange(db, actor, personId, 'conference.record');
  if (!UUID.test(id)) throw new NotFoundError();
  const v = parse(conferenceCorrectionSchema(), input);
  const p = new Problems();
  await changeChild(db, actor, personId, async (tx) => {
    const before = await conferenceRecord(tx, actor.partnershipId, personId, id, true);
    if (!before || before.kind !== 'initial') throw new NotFoundError();
    if (before.version !== v.version) {
      throw new ConflictError(
        'Someone corrected this conference after you opened the page. Nothing was saved: go back and start again.',
      );
    }
    await checkAgencies(tx, actor, p, 'agencies', v.agencies);
    if (before.decision === 'plan' && !v.category)
      p.add('category', 'Select the category of abuse: the conference decided on a child protection plan');
    if (before.decision !== 'plan' && v.category)
      p.add('category', 'A category is recorded only when the conference decided on a plan');
    p.check();
    await correctConferenceRow(
      tx,
      actor,
      before,
      {
        chair: v.chair,
        agencies: v.agencies,
        attendanceNotes: v.attendanceNotes ?? null,
        category: v.category ?? null,
      },
      v.reason,
    );
    await changed(tx, actor, personId, {
      action: 'casework.conference_correct',
      entityType: 'conference',
      entityId: id,
      detail: { version: before.version + 1, reason: v.reason },
    });
  });
}
