/**
 * The rapid review: the multi-agency chronology of the child, the siblings and the adults linked to
 * the child over a chosen period, assembled from the chronology (a copy kept with the review, each
 * person named by their pseudonym), each agency's analysis, the meeting, immediate actions (into
 * the one action log), the learning and the decision whether to commission a local review.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { aboutPerson, audit, auditMany } from '../../platform/audit.ts';
import { londonToday } from '../../platform/dates.ts';
import { ConflictError, ForbiddenError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { addActionIn, newActionSchema, type NewActionInput } from '../actions/service.ts';
import { chronologyForReview } from '../chronology/service.ts';
import * as repo from './repository/index.ts';
import {
  analysisSchema,
  meetingSchema,
  periodSchema,
  type AnalysisInput,
  type MeetingInput,
  type PeriodInput,
} from './schemas.ts';
import { lockedAt, visibleReview } from './shared.ts';

/** Pseudonyms for the people around the child: "Sibling 1", "Adult 1", in a stable order. */
async function linkSubjects(tx: Db, actor: Actor, review: repo.ReviewRow): Promise<Map<string, string>> {
  const known = await repo.subjects(tx, review.id);
  const byPerson = new Map(known.filter((s) => s.personId).map((s) => [s.personId!, s.pseudonym]));
  const linked = await repo.linkedPeople(tx, actor.partnershipId, review.personId!);
  const count = {
    sibling: known.filter((s) => s.role === 'sibling').length,
    adult: known.filter((s) => s.role === 'adult').length,
  };
  for (const p of linked) {
    if (byPerson.has(p.id)) continue;
    const role = p.kind === 'child' ? 'sibling' : 'adult';
    count[role]++;
    const pseudonym = `${role === 'sibling' ? 'Sibling' : 'Adult'} ${count[role]}`;
    await repo.addSubject(tx, actor.partnershipId, review.id, {
      personId: p.id,
      role,
      name: null,
      pseudonym,
    });
    byPerson.set(p.id, pseudonym);
  }
  return byPerson;
}

/**
 * Assembles the chronology for the period (again, if the period changes): the review's own copy.
 * Every person whose entries were read is audited, in the same transaction.
 */
export async function assembleChronology(db: Db, actor: Actor, id: string, input: PeriodInput) {
  requirePermission(actor, 'review.manage');
  await visibleReview(db, actor, id);
  const v = parse(periodSchema, input);
  const problems = new Problems();
  if (v.periodTo < v.periodFrom) problems.add('periodTo', 'The end of the period must be after its start');
  problems.check();
  return db.transaction(async (tx) => {
    const review = await lockedAt(tx, actor, id, ['notified', 'rapid_review'], 'Assembling the chronology');
    if (!review.personId)
      throw new ConflictError(
        'The child is not known to the system yet: add the child’s record, then assemble the chronology.',
      );
    const pseudonyms = await linkSubjects(tx, actor, review);
    pseudonyms.set(review.personId, review.pseudonym);
    const people = [...pseudonyms.keys()];
    const entries = await chronologyForReview(tx, actor.partnershipId, people, {
      from: v.periodFrom,
      to: v.periodTo,
    });
    await repo.replaceChronology(
      tx,
      actor.partnershipId,
      id,
      entries.map((e) => ({
        entryId: e.id,
        subject: pseudonyms.get(e.personId) ?? review.pseudonym,
        agencyId: e.sourceAgencyId,
        occurredOn: e.occurredOn,
        category: e.categoryLabel,
        summary: e.summary,
        recordedBy: e.recordedBy,
      })),
    );
    for (const agencyId of new Set(entries.map((e) => e.sourceAgencyId)))
      await repo.addAgency(tx, actor.partnershipId, id, agencyId, false);
    // The professionals who recorded entries: named in the review's pseudonyms for anonymising.
    const known = new Set((await repo.subjects(tx, id)).map((s) => s.name).filter(Boolean));
    let n = (await repo.subjects(tx, id)).filter((s) => s.role === 'professional').length;
    for (const name of new Set(entries.map((e) => e.recordedBy).filter((x): x is string => !!x))) {
      if (known.has(name)) continue;
      n++;
      await repo.addSubject(tx, actor.partnershipId, id, {
        personId: null,
        role: 'professional',
        name,
        pseudonym: `Practitioner ${n}`,
      });
    }
    await repo.updateReview(tx, id, {
      period_from: v.periodFrom,
      period_to: v.periodTo,
      chronology_assembled_at: new Date(),
      stage: 'rapid_review',
    });
    await auditMany(
      tx,
      actor,
      people.map((p) => aboutPerson(p, 'review.chronology_assembled', { reviewId: id, ...v })),
    );
    return { entries: entries.length, people: people.length };
  });
}

/** An agency's analysis of its own involvement, by its lead, while the rapid review runs. */
export async function addAnalysis(db: Db, actor: Actor, id: string, input: AnalysisInput) {
  requirePermission(actor, 'review.contribute');
  await visibleReview(db, actor, id);
  const v = parse(analysisSchema, input);
  return db.transaction(async (tx) => {
    await lockedAt(tx, actor, id, ['rapid_review'], 'Adding an agency’s analysis');
    const parts = await repo.agencyParts(tx, id);
    if (!parts.some((p) => p.agencyId === actor.agencyId))
      throw new ForbiddenError('Your agency does not take part in this review.');
    await repo.setAnalysis(tx, id, actor.agencyId, {
      analysis: v.analysis,
      notRecorded: v.notRecorded ?? null,
      by: actor.userId,
    });
    await audit(tx, actor, {
      action: 'review.analysis_added',
      entityType: 'review',
      entityId: id,
      detail: { agencyId: actor.agencyId },
    });
  });
}

/** The meeting, the learning and the decision: a local review commissioned, or not, with reasons. */
export async function recordMeeting(db: Db, actor: Actor, id: string, input: MeetingInput) {
  requirePermission(actor, 'review.manage');
  await visibleReview(db, actor, id);
  const v = parse(meetingSchema, input);
  return db.transaction(async (tx) => {
    const review = await lockedAt(tx, actor, id, ['rapid_review'], 'Recording the meeting');
    const problems = new Problems();
    if (review.periodFrom && v.meetingOn < review.notifiedOn)
      problems.add('meetingOn', 'The meeting must be on or after the notification');
    problems.check();
    await repo.updateReview(tx, id, {
      meeting_on: v.meetingOn,
      meeting_notes: v.meetingNotes,
      learning: v.learning,
      themes: v.themes,
      commission: v.commission,
      decision_reasons: v.decisionReasons,
      panel_response: v.panelResponse ?? null,
      rapid_completed_on: londonToday(),
      stage: v.commission ? 'local_review' : 'not_commissioned',
    });
    await audit(tx, actor, {
      action: 'review.rapid_review_decided',
      entityType: 'review',
      entityId: id,
      detail: { commission: v.commission, themes: v.themes },
    });
    return { commission: v.commission };
  });
}

/** An immediate safety action from the rapid review, into the partnership's one action log. */
export async function addImmediateAction(db: Db, actor: Actor, id: string, input: NewActionInput) {
  requirePermission(actor, 'review.manage');
  await visibleReview(db, actor, id);
  const v = parse(newActionSchema, input);
  return db.transaction(async (tx) => {
    const review = await lockedAt(
      tx,
      actor,
      id,
      ['rapid_review', 'local_review', 'not_commissioned'],
      'Adding an action',
    );
    return addActionIn(tx, actor, {
      ...v,
      sourceKind: 'review',
      sourceId: id,
      sourceLabel: `Rapid review ${review.reference}: immediate action`,
      sourceHref: `/partnership/reviews/${id}`,
    });
  });
}
