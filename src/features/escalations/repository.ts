import { maybeOne, one, type Db } from '../../db/index.ts';
import type { Outcome, Stage } from './schemas.ts';

export interface EscalationRow {
  id: string;
  reference: string;
  personId: string;
  raisedById: string;
  raisedBy: string;
  raisingAgencyId: string;
  raisingAgency: string;
  otherAgencyId: string;
  otherAgency: string;
  disagreement: string;
  tried: string;
  raisedOn: string;
  stage: Stage;
  stageStartedOn: string;
  stageDueOn: string | null;
  outcome: Outcome | null;
  learning: string | null;
  resolvedOn: string | null;
  actionId: string | null;
}

export interface StepRow {
  kind: 'raised' | 'moved' | 'resolved';
  stage: Stage;
  reason: string | null;
  by: string;
  agency: string;
  onDate: string;
  at: Date;
}

/** Whose escalations a list holds: every one of the partnership, or those of a user and their agency. */
export interface Scope {
  all: boolean;
  userId: string;
  /** The user's agency when they take part in escalations for it; null otherwise. */
  agencyId: string | null;
}

const COLUMNS = `e.id, e.reference, e.person_id as "personId", e.raised_by as "raisedById",
  u.display_name as "raisedBy", e.raising_agency_id as "raisingAgencyId", ra.name as "raisingAgency",
  e.other_agency_id as "otherAgencyId", oa.name as "otherAgency", e.disagreement, e.tried,
  e.raised_on::text as "raisedOn", e.stage, e.stage_started_on::text as "stageStartedOn",
  e.stage_due_on::text as "stageDueOn", e.outcome, e.learning, e.resolved_on::text as "resolvedOn",
  e.action_id as "actionId"`;
const FROM = `from escalation e join app_user u on u.id = e.raised_by
  join agency ra on ra.id = e.raising_agency_id join agency oa on oa.id = e.other_agency_id`;
// $1 partnership, $2 sees all, $3 user, $4 agency (or null).
const VISIBLE = `e.partnership_id = $1 and ($2::boolean or e.raised_by = $3
  or ($4::uuid is not null and $4::uuid in (e.raising_agency_id, e.other_agency_id)))`;

const scopeParams = (pid: string, s: Scope) => [pid, s.all, s.userId, s.agencyId];

/** The escalations in scope: open ones by due date first, then resolved ones, newest first. */
export function visibleEscalations(db: Db, pid: string, scope: Scope, open: boolean, limit = 200) {
  return db.query<EscalationRow>(
    `select ${COLUMNS} ${FROM} where ${VISIBLE} and (e.resolved_on is null) = $5
     order by ${open ? 'e.stage_due_on nulls last, e.raised_on' : 'e.resolved_on desc, e.reference desc'}
     limit $6`,
    [...scopeParams(pid, scope), open, limit],
  );
}

export function visibleEscalation(db: Db, pid: string, scope: Scope, id: string) {
  return maybeOne<EscalationRow>(db, `select ${COLUMNS} ${FROM} where ${VISIBLE} and e.id = $5`, [
    ...scopeParams(pid, scope),
    id,
  ]);
}

export function stepsOf(db: Db, id: string) {
  return db.query<StepRow>(
    `select s.kind, s.stage, s.reason, u.display_name as by, a.name as agency, s.on_date::text as "onDate", s.at
     from escalation_step s join app_user u on u.id = s.by_user join agency a on a.id = s.by_agency
     where s.escalation_id = $1 order by s.at, s.id`,
    [id],
  );
}

/** Locks the escalation for a change, so that two people moving it at once cannot both succeed. */
export function lockEscalation(tx: Db, pid: string, id: string) {
  return maybeOne<{ stage: Stage; resolvedOn: string | null }>(
    tx,
    `select stage, resolved_on::text as "resolvedOn" from escalation where id = $1 and partnership_id = $2 for update`,
    [id, pid],
  );
}

export function agencies(db: Db, pid: string) {
  return db.query<{ id: string; name: string }>(
    `select id, name from agency where partnership_id = $1 order by name`,
    [pid],
  );
}

export interface NewEscalation {
  personId: string;
  raisedBy: string;
  raisingAgencyId: string;
  otherAgencyId: string;
  disagreement: string;
  tried: string;
  raisedOn: string;
  stageDueOn: string;
}

/** Inserts an escalation with the next reference of the partnership (E-0001, E-0002, ...). */
export async function insertEscalation(tx: Db, pid: string, e: NewEscalation) {
  await tx.query(`select pg_advisory_xact_lock(hashtext('escalation-reference:' || $1))`, [pid]);
  return one<{ id: string; reference: string }>(
    tx,
    `insert into escalation (partnership_id, reference, person_id, raised_by, raising_agency_id, other_agency_id,
       disagreement, tried, raised_on, stage, stage_started_on, stage_due_on)
     values ($1, 'E-' || lpad(((select count(*) from escalation where partnership_id = $1) + 1)::text, 4, '0'),
       $2, $3, $4, $5, $6, $7, $8, 'practitioners', $8, $9)
     returning id, reference`,
    [
      pid,
      e.personId,
      e.raisedBy,
      e.raisingAgencyId,
      e.otherAgencyId,
      e.disagreement,
      e.tried,
      e.raisedOn,
      e.stageDueOn,
    ],
  );
}

export async function insertStep(
  tx: Db,
  pid: string,
  s: {
    escalationId: string;
    kind: StepRow['kind'];
    stage: Stage;
    reason?: string;
    by: string;
    agencyId: string;
    onDate: string;
  },
) {
  await tx.query(
    `insert into escalation_step (partnership_id, escalation_id, kind, stage, reason, by_user, by_agency, on_date)
     values ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [pid, s.escalationId, s.kind, s.stage, s.reason ?? null, s.by, s.agencyId, s.onDate],
  );
}

export async function moveStage(tx: Db, id: string, stage: Stage, startedOn: string, dueOn: string | null) {
  await tx.query(`update escalation set stage = $2, stage_started_on = $3, stage_due_on = $4 where id = $1`, [
    id,
    stage,
    startedOn,
    dueOn,
  ]);
}

export async function resolve(
  tx: Db,
  id: string,
  r: { outcome: Outcome; learning: string; on: string; by: string; actionId: string | null },
) {
  await tx.query(
    `update escalation set outcome = $2, learning = $3, resolved_on = $4, resolved_by = $5, action_id = $6,
       stage_due_on = null where id = $1`,
    [id, r.outcome, r.learning, r.on, r.by, r.actionId],
  );
}

/** Open escalations by agency (either party) and stage, with the overdue and those resolved since `since`. */
export function countsByAgency(db: Db, pid: string, today: string, since: string) {
  return db.query<{
    agency: string;
    practitioners: number;
    managers: number;
    heads: number;
    partnership: number;
    overdue: number;
    resolved: number;
  }>(
    `select a.name as agency,
       count(*) filter (where e.resolved_on is null and e.stage = 'practitioners')::int as practitioners,
       count(*) filter (where e.resolved_on is null and e.stage = 'managers')::int as managers,
       count(*) filter (where e.resolved_on is null and e.stage = 'heads')::int as heads,
       count(*) filter (where e.resolved_on is null and e.stage = 'partnership')::int as partnership,
       count(*) filter (where e.resolved_on is null and e.stage_due_on < $2)::int as overdue,
       count(*) filter (where e.resolved_on >= $3)::int as resolved
     from escalation e
     join agency a on a.id in (e.raising_agency_id, e.other_agency_id)
     where e.partnership_id = $1 and (e.resolved_on is null or e.resolved_on >= $3)
     group by a.name order by a.name`,
    [pid, today, since],
  );
}

/** Names of the people escalations are about, for those who may read their records. */
export function personNames(db: Db, pid: string, ids: readonly string[]) {
  return db.query<{ id: string; givenName: string; familyName: string; kind: string }>(
    `select id, given_name as "givenName", family_name as "familyName", kind from person
     where partnership_id = $1 and id = any($2::uuid[])`,
    [pid, ids],
  );
}

/** Escalations (each once) open at each stage, overdue, and resolved since `since`. */
export function totals(db: Db, pid: string, today: string, since: string) {
  return one<{
    practitioners: number;
    managers: number;
    heads: number;
    partnership: number;
    overdue: number;
    resolved: number;
  }>(
    db,
    `select count(*) filter (where resolved_on is null and stage = 'practitioners')::int as practitioners,
       count(*) filter (where resolved_on is null and stage = 'managers')::int as managers,
       count(*) filter (where resolved_on is null and stage = 'heads')::int as heads,
       count(*) filter (where resolved_on is null and stage = 'partnership')::int as partnership,
       count(*) filter (where resolved_on is null and stage_due_on < $2)::int as overdue,
       count(*) filter (where resolved_on >= $3)::int as resolved
     from escalation where partnership_id = $1`,
    [pid, today, since],
  );
}
