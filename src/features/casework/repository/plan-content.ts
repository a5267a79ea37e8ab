/** The content of a child protection plan: its outcomes, its actions and their progress. */
import { one, type Db } from '../../../db/index.ts';

export interface OutcomeRow {
  id: string;
  outcome: string;
}

export interface ActionRow {
  id: string;
  outcomeId: string | null;
  action: string;
  ownerAgencyName: string | null;
  ownerName: string | null;
  dueDate: string;
  /** The latest progress recorded at a core group or review conference, and when. */
  progress: string | null;
  reviewedOn: string | null;
}

export interface ReviewRow {
  actionId: string;
  reviewedOn: string;
  progress: string;
  at: 'core_group' | 'review_conference';
}

export function planOutcomes(db: Db, pid: string, planId: string) {
  return db.query<OutcomeRow>(
    `select id, outcome from cp_plan_outcome where partnership_id = $1 and cp_plan_id = $2 order by created_at, id`,
    [pid, planId],
  );
}

export function planActions(db: Db, pid: string, planId: string) {
  return db.query<ActionRow>(
    `select a.id, a.outcome_id as "outcomeId", a.action, ag.name as "ownerAgencyName", a.owner_name as "ownerName",
       a.due_date as "dueDate", r.progress, r.reviewed_on as "reviewedOn"
     from cp_plan_action a left join agency ag on ag.id = a.owner_agency_id
       left join lateral (select progress, reviewed_on from cp_plan_action_review x where x.action_id = a.id
                          order by x.reviewed_on desc, x.created_at desc limit 1) r on true
     where a.partnership_id = $1 and a.cp_plan_id = $2 order by a.due_date, a.created_at, a.id`,
    [pid, planId],
  );
}

export function planReviews(db: Db, pid: string, planId: string) {
  return db.query<ReviewRow>(
    `select r.action_id as "actionId", r.reviewed_on as "reviewedOn", r.progress,
       case when r.core_group_id is not null then 'core_group' else 'review_conference' end as at
     from cp_plan_action_review r join cp_plan_action a on a.id = r.action_id
     where r.partnership_id = $1 and a.cp_plan_id = $2 order by r.reviewed_on, r.created_at`,
    [pid, planId],
  );
}

type By = { partnershipId: string; userId: string };

export async function insertOutcome(
  tx: Db,
  by: By,
  o: { planId: string; personId: string; outcome: string },
) {
  const { id } = await one<{ id: string }>(
    tx,
    `insert into cp_plan_outcome (partnership_id, cp_plan_id, person_id, outcome, created_by)
     values ($1,$2,$3,$4,$5) returning id`,
    [by.partnershipId, o.planId, o.personId, o.outcome, by.userId],
  );
  return id;
}

export async function insertAction(
  tx: Db,
  by: By,
  a: {
    planId: string;
    personId: string;
    outcomeId: string | null;
    action: string;
    ownerAgencyId: string | null;
    ownerName: string | null;
    dueDate: string;
  },
) {
  const { id } = await one<{ id: string }>(
    tx,
    `insert into cp_plan_action (partnership_id, cp_plan_id, person_id, outcome_id, action, owner_agency_id,
       owner_name, due_date, created_by) values ($1,$2,$3,$4,$5,$6,$7,$8,$9) returning id`,
    [
      by.partnershipId,
      a.planId,
      a.personId,
      a.outcomeId,
      a.action,
      a.ownerAgencyId,
      a.ownerName,
      a.dueDate,
      by.userId,
    ],
  );
  return id;
}

export async function insertActionReviews(
  tx: Db,
  by: By,
  r: {
    personId: string;
    coreGroupId: string | null;
    conferenceId: string | null;
    reviewedOn: string;
    progress: { actionId: string; progress: string }[];
  },
): Promise<void> {
  for (const p of r.progress) {
    await tx.query(
      `insert into cp_plan_action_review (partnership_id, action_id, person_id, core_group_id, conference_id,
         reviewed_on, progress, created_by) values ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [
        by.partnershipId,
        p.actionId,
        r.personId,
        r.coreGroupId,
        r.conferenceId,
        r.reviewedOn,
        p.progress,
        by.userId,
      ],
    );
  }
}
