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
