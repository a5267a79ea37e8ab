/**
 * Working the child protection plan: core group meetings, and the end of the plan by a team
 * manager with its reason and the recorded decision.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { londonToday } from '../../platform/dates.ts';
import { CP_PLAN_END_REASONS, labelOf } from './codes.ts';
import { currentCpPlan } from './conferences.ts';
import { LONG_MAX, Problems, hiddenId, type Body } from './forms.ts';
import { changeChild, changed, checkSame, mayChange, recordDecision, show } from './guard.ts';
import { checkAgencies } from './section-47.ts';
import { checkFrom } from './transitions.ts';

export async function recordCoreGroup(
  db: Db,
  actor: Actor,
  personId: string,
  body: Body,
  today = londonToday(),
): Promise<string> {
  await mayChange(db, actor, personId, 'core_group.record');
  const p = new Problems();
  const heldOn = p.date(body, 'heldOn', 'The date of the core group', { today });
  const agencies = p.ids(body, 'agencies', 'Agencies that attended', {
    min: 1,
    minMessage: 'Select the agencies that attended',
  });
  const notes = p.text(body, 'notes', 'Notes', { max: LONG_MAX });
  p.check();
  return changeChild(db, actor, personId, async (tx) => {
    const { plan } = await currentCpPlan(tx, actor, personId);
    checkSame(hiddenId(body, 'planId'), plan.id, 'plan');
    await checkAgencies(tx, actor, p, 'agencies', agencies);
    if (heldOn! < plan.startDate)
      p.add('heldOn-day', `The core group cannot be before the plan started, ${show(plan.startDate)}`);
    p.check();
    const [row] = await tx.query<{ id: string }>(
      `insert into core_group (partnership_id, cp_plan_id, person_id, held_on, agency_ids, notes, created_by)
       values ($1,$2,$3,$4,$5,$6,$7) returning id`,
      [actor.partnershipId, plan.id, personId, heldOn, agencies, notes ?? null, actor.userId],
    );
    await changed(tx, actor, personId, {
      action: 'casework.core_group',
      entityType: 'core_group',
      entityId: row!.id,
    });
    return row!.id;
  });
}

/** A team manager ends the plan, with its reason and the recorded decision. */
export async function endCpPlan(
  db: Db,
  actor: Actor,
  personId: string,
  body: Body,
  today = londonToday(),
): Promise<void> {
  await mayChange(db, actor, personId, 'cp_plan.end');
  const p = new Problems();
  const endDate = p.date(body, 'endDate', 'The end date', { today });
  const reason = p.code<string>(body, 'endReason', CP_PLAN_END_REASONS, 'Select why the plan ends');
  const note = p.text(body, 'note', 'Your decision', {
    max: LONG_MAX,
    required: 'Enter your decision and its reasons',
  });
  p.check();
  await changeChild(db, actor, personId, async (tx) => {
    const { episode, plan, lastReview } = await currentCpPlan(tx, actor, personId);
    checkSame(hiddenId(body, 'planId'), plan.id, 'plan');
    checkFrom('cp_plan.end', plan.status, 'it has already ended');
    if (endDate! <= plan.startDate) {
      p.add('endDate-day', `A plan cannot end on or before the day it started, ${show(plan.startDate)}`);
    } else if (lastReview && endDate! < lastReview.heldOn) {
      p.add(
        'endDate-day',
        `The end date must be on or after the last review conference, ${show(lastReview.heldOn)}`,
      );
    }
    if (reason === 'no_longer_at_risk' && lastReview?.decision !== 'end') {
      p.add('endReason', 'For this reason a review conference must first decide that the plan should end');
    }
    p.check();
    await tx.query(
      `update cp_plan set status = 'ended', end_date = $2, end_reason = $3, ended_by = $4, version = version + 1
       where id = $1 and status = 'open'`,
      [plan.id, endDate, reason, actor.userId],
    );
    await recordDecision(tx, actor, {
      personId,
      episodeId: episode.id,
      point: 'cp_plan_end',
      subjectId: plan.id,
      decision: 'agreed',
      note: note!,
      decidedOn: today,
    });
    await changed(
      tx,
      actor,
      personId,
      { action: 'casework.cp_plan_end', entityType: 'cp_plan', entityId: plan.id, detail: { reason } },
      {
        category: 'child_protection',
        occurredOn: endDate,
        significance: 'high',
        summary: `Child protection plan ended: ${labelOf(CP_PLAN_END_REASONS, reason).toLowerCase()}`,
      },
    );
  });
}
