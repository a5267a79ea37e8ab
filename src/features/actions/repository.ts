import type { Db } from '../../db/index.ts';
import { maybeOne, one } from '../../db/index.ts';

export type ActionStatus = 'open' | 'in_progress' | 'done' | 'dropped';

export interface ActionRow {
  id: string;
  sourceKind: string;
  sourceId: string;
  sourceLabel: string;
  sourceHref: string;
  title: string;
  detail: string;
  ownerAgencyId: string;
  ownerAgency: string;
  ownerUserId: string | null;
  ownerUser: string | null;
  dueOn: string;
  measureId: string | null;
  measureName: string | null;
  status: ActionStatus;
  evidence: string;
  completedOn: string | null;
  createdAt: Date;
  createdBy: string | null;
  version: number;
}

const COLUMNS = `a.id, a.source_kind as "sourceKind", a.source_id as "sourceId", a.source_label as "sourceLabel",
  a.source_href as "sourceHref", a.title, a.detail, a.owner_agency_id as "ownerAgencyId", ag.name as "ownerAgency",
  a.owner_user_id as "ownerUserId", u.display_name as "ownerUser", a.due_on::text as "dueOn",
  a.measure_id as "measureId", m.name as "measureName", a.status, a.evidence,
  a.completed_on::text as "completedOn", a.created_at as "createdAt", cu.display_name as "createdBy", a.version`;
const FROM = `from partnership_action a
  join agency ag on ag.id = a.owner_agency_id
  left join app_user u on u.id = a.owner_user_id
  left join app_user cu on cu.id = a.created_by
  left join partnership_measure m on m.id = a.measure_id`;

export interface NewActionRow {
  partnershipId: string;
  sourceKind: string;
  sourceId: string;
  sourceLabel: string;
  sourceHref: string;
  title: string;
  detail: string;
  ownerAgencyId: string;
  ownerUserId: string | null;
  dueOn: string;
  measureId: string | null;
  createdBy: string;
}

export async function insertAction(tx: Db, r: NewActionRow): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    `insert into partnership_action (partnership_id, source_kind, source_id, source_label, source_href, title, detail,
       owner_agency_id, owner_user_id, due_on, measure_id, created_by)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) returning id`,
    [
      r.partnershipId,
      r.sourceKind,
      r.sourceId,
      r.sourceLabel,
      r.sourceHref,
      r.title,
      r.detail,
      r.ownerAgencyId,
      r.ownerUserId,
      r.dueOn,
      r.measureId,
      r.createdBy,
    ],
  );
  return row.id;
}

export async function insertActionEvent(
  tx: Db,
  e: {
    partnershipId: string;
    actionId: string;
    from: string | null;
    to: string;
    note: string;
    byUser: string;
    byName: string;
  },
): Promise<void> {
  await tx.query(
    `insert into partnership_action_event (partnership_id, action_id, status_from, status_to, note, by_user, by_name)
     values ($1,$2,$3,$4,$5,$6,$7)`,
    [e.partnershipId, e.actionId, e.from, e.to, e.note, e.byUser, e.byName],
  );
}

/** An agency of the partnership, or undefined. */
export function agencyIn(db: Db, partnershipId: string, agencyId: string) {
  return maybeOne<{ id: string; name: string; active: boolean }>(
    db,
    'select id, name, active from agency where id = $1 and partnership_id = $2',
    [agencyId, partnershipId],
  );
}

/** A user of the partnership with their agency and roles, or undefined. */
export function userIn(db: Db, partnershipId: string, userId: string) {
  return maybeOne<{ id: string; agencyId: string; roles: string[]; active: boolean }>(
    db,
    `select id, agency_id as "agencyId", roles, active from app_user where id = $1 and partnership_id = $2`,
    [userId, partnershipId],
  );
}

export async function measureIn(db: Db, partnershipId: string, measureId: string): Promise<boolean> {
  const row = await maybeOne(db, 'select 1 from partnership_measure where id = $1 and partnership_id = $2', [
    measureId,
    partnershipId,
  ]);
  return !!row;
}

/** A measure's value as at a date (the latest period ended by then), or its latest when no date. */
export function measureValueAt(db: Db, measureId: string, asOf?: string) {
  return maybeOne<{ period: string; value: number }>(
    db,
    `select period, value from partnership_measure_value
     where measure_id = $1 and ($2::date is null or period_end <= $2::date)
     order by period_end desc limit 1`,
    [measureId, asOf ?? null],
  );
}

export function actionsBySource(db: Db, partnershipId: string, kind: string, sourceId: string) {
  return db.query<ActionRow>(
    `select ${COLUMNS} ${FROM}
     where a.partnership_id = $1 and a.source_kind = $2 and a.source_id = $3
     order by a.due_on, a.created_at`,
    [partnershipId, kind, sourceId],
  );
}

export async function sourceStatusCounts(db: Db, kind: string, sourceId: string) {
  return one<{ total: number; open: number }>(
    db,
    `select count(*) as total, count(*) filter (where status in ('open','in_progress')) as open
     from partnership_action where source_kind = $1 and source_id = $2`,
    [kind, sourceId],
  );
}

export function actionById(db: Db, partnershipId: string, id: string) {
  return maybeOne<ActionRow>(db, `select ${COLUMNS} ${FROM} where a.id = $1 and a.partnership_id = $2`, [
    id,
    partnershipId,
  ]);
}

/** Open actions past their due date, counted by owner agency. */
export function overdueByAgency(db: Db, partnershipId: string, today: string) {
  return db.query<{ agencyId: string; agency: string; overdue: number; open: number }>(
    `select ag.id as "agencyId", ag.name as agency,
       count(*) filter (where a.due_on < $2::date) as overdue, count(*) as open
     from partnership_action a join agency ag on ag.id = a.owner_agency_id
     where a.partnership_id = $1 and a.status in ('open','in_progress')
     group by ag.id, ag.name order by overdue desc, ag.name`,
    [partnershipId, today],
  );
}

/** The choices of an action's owner fields: active agencies, users who may own actions, measures. */
export async function ownerChoices(db: Db, partnershipId: string) {
  const [agencies, users, measures] = await Promise.all([
    db.query<{ id: string; name: string }>(
      'select id, name from agency where partnership_id = $1 and active order by name',
      [partnershipId],
    ),
    db.query<{ id: string; name: string; agency: string }>(
      `select u.id, u.display_name as name, ag.name as agency from app_user u join agency ag on ag.id = u.agency_id
       where u.partnership_id = $1 and u.active and not ('scrutineer' = any(u.roles))
         and u.roles && array['agency_lead','business_manager','team_manager','mash_manager','principal_social_worker',
           'early_help_lead','social_worker','partner_practitioner','mash_officer']
       order by ag.name, u.display_name`,
      [partnershipId],
    ),
    db.query<{ id: string; name: string }>(
      'select id, name from partnership_measure where partnership_id = $1 order by name',
      [partnershipId],
    ),
  ]);
  return { agencies, users, measures };
}

export interface ActionFilterRow {
  agencyId?: string;
  status?: string;
  sourceKind?: string;
  overdueOnly?: boolean;
}

const WHERE = `where a.partnership_id = $1
  and ($2::uuid is null or a.owner_agency_id = $2::uuid)
  and ($3::text is null or a.status = $3)
  and ($4::text is null or a.source_kind = $4)
  and (not $5::boolean or (a.status in ('open','in_progress') and a.due_on < $6::date))`;

const filterParams = (pid: string, f: ActionFilterRow, today: string) => [
  pid,
  f.agencyId ?? null,
  f.status ?? null,
  f.sourceKind ?? null,
  f.overdueOnly ?? false,
  today,
];

/** A page of the log: open work first by due date, then finished work, newest due first. */
export function listActions(
  db: Db,
  pid: string,
  f: ActionFilterRow,
  today: string,
  slice?: { limit: number; offset: number },
) {
  return db.query<ActionRow>(
    `select ${COLUMNS} ${FROM} ${WHERE}
     order by (a.status in ('open','in_progress')) desc,
       case when a.status in ('open','in_progress') then a.due_on end asc,
       a.due_on desc, a.created_at
     limit $7 offset $8`,
    [...filterParams(pid, f, today), slice?.limit ?? null, slice?.offset ?? 0],
  );
}

export async function countActions(db: Db, pid: string, f: ActionFilterRow, today: string) {
  return (
    await one<{ n: number }>(
      db,
      `select count(*) as n from partnership_action a ${WHERE}`,
      filterParams(pid, f, today),
    )
  ).n;
}

export function actionEvents(db: Db, actionId: string) {
  return db.query<{ from: string | null; to: string; note: string; byName: string; at: Date }>(
    `select status_from as "from", status_to as "to", note, by_name as "byName", at
     from partnership_action_event where action_id = $1 order by at, id`,
    [actionId],
  );
}

/** Changes an action's status if it is still at `version`; false when someone changed it first. */
export async function setStatus(
  tx: Db,
  id: string,
  version: number,
  s: { status: string; evidence: string; completedOn: string | null },
): Promise<boolean> {
  const rows = await tx.query(
    `update partnership_action set status = $3, evidence = $4, completed_on = $5, updated_at = now(),
       version = version + 1
     where id = $1 and version = $2 returning id`,
    [id, version, s.status, s.evidence, s.completedOn],
  );
  return rows.length === 1;
}

/** Every agency with open actions, and their overdue ones listed, for the overdue page. */
export function overdueActions(db: Db, pid: string, today: string) {
  return db.query<ActionRow>(
    `select ${COLUMNS} ${FROM}
     where a.partnership_id = $1 and a.status in ('open','in_progress') and a.due_on < $2::date
     order by ag.name, a.due_on`,
    [pid, today],
  );
}
