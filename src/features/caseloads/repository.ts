/** The SQL of allocation and caseloads. Every query carries the partnership. */
import { maybeOne, one, type Db } from '../../db/index.ts';
import { ROLES, can, type Role } from '../../platform/access/roles.ts';

/** The roles that hold a caseload of their own, from the one permission table. */
const CASELOAD_ROLES: Role[] = ROLES.filter((r) => can([r], 'caseload.view_own'));

export interface ChildRow {
  personId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  unborn: boolean;
  /** Restricted and the user is not named on it: the name must not be shown. */
  hidden: boolean;
}

/** Person columns and the "hidden" rule for user $2. */
const CHILD_COLS = `p.id as "personId", p.given_name as "givenName", p.family_name as "familyName",
  p.date_of_birth as "dateOfBirth", p.unborn,
  (p.restricted and not exists (select 1 from restricted_access ra where ra.person_id = p.id and ra.user_id = $2)) as hidden`;

export interface OpenAllocationRow extends ChildRow {
  allocationId: string;
  userId: string;
  teamId: string | null;
  startedAt: Date;
}

/** Open allocations of a team (teamId) or of a worker (userId). */
export async function openAllocations(
  db: Db,
  pid: string,
  viewerId: string,
  by: { teamId: string } | { userId: string },
): Promise<OpenAllocationRow[]> {
  const where = 'teamId' in by ? 'a.team_id = $3' : 'a.user_id = $3';
  return db.query<OpenAllocationRow>(
    `select ${CHILD_COLS}, a.id as "allocationId", a.user_id as "userId", a.team_id as "teamId",
       a.started_at as "startedAt"
     from allocation a join person p on p.id = a.person_id
     where a.partnership_id = $1 and ${where} and a.ended_at is null
     order by p.family_name, p.given_name, p.id`,
    [pid, viewerId, 'teamId' in by ? by.teamId : by.userId],
  );
}

export interface WorkerRow {
  id: string;
  name: string;
  active: boolean;
  teamId: string | null;
  teamName: string | null;
}

/** The team's practitioners, and anyone else holding open allocations made to the team. */
export function teamWorkers(db: Db, pid: string, teamId: string) {
  return db.query<WorkerRow>(
    `select u.id, u.display_name as name, u.active, u.team_id as "teamId", t.name as "teamName"
     from app_user u left join team t on t.id = u.team_id
     where u.partnership_id = $1 and (
       (u.team_id = $2 and u.roles && $3::text[] and u.active)
       or u.id in (select a.user_id from allocation a where a.partnership_id = $1 and a.team_id = $2
                   and a.ended_at is null))
     order by u.active desc, u.display_name, u.id`,
    [pid, teamId, CASELOAD_ROLES],
  );
}

export interface AssignableWorker extends WorkerRow {
  agencyId: string;
  isMash: boolean;
  roles: Role[];
}

/** A user as a possible allocated worker. */
export function workerById(db: Db, pid: string, userId: string) {
  return maybeOne<AssignableWorker>(
    db,
    `select u.id, u.display_name as name, u.active, u.team_id as "teamId", t.name as "teamName",
       u.agency_id as "agencyId", coalesce(t.is_mash, false) as "isMash", u.roles
     from app_user u left join team t on t.id = u.team_id
     where u.partnership_id = $1 and u.id = $2`,
    [pid, userId],
  );
}

/** Who may hold allocations in the agency: active, with a caseload of their own, in a team that is not the MASH. */
export function assignableWorkers(db: Db, pid: string, agencyId: string) {
  return db.query<WorkerRow>(
    `select u.id, u.display_name as name, u.active, u.team_id as "teamId", t.name as "teamName"
     from app_user u join team t on t.id = u.team_id
     where u.partnership_id = $1 and u.agency_id = $2 and u.active and t.active and not t.is_mash
       and u.roles && $3::text[]
     order by t.name, u.display_name, u.id`,
    [pid, agencyId, CASELOAD_ROLES],
  );
}

export interface AllocationState {
  personId: string;
  kind: string;
  restricted: boolean;
  named: boolean;
  openId: string | null;
  openUserId: string | null;
  openTeamId: string | null;
  lastTeamId: string | null;
  awaiting: boolean;
}

/** What decides who may allocate a child; `lock` takes the child's row for the transaction. */
export function allocationState(db: Db, pid: string, personId: string, userId: string, lock = false) {
  return maybeOne<AllocationState>(
    db,
    `select p.id as "personId", p.kind, p.restricted,
       exists (select 1 from restricted_access ra where ra.person_id = p.id and ra.user_id = $3) as named,
       o.id as "openId", o.user_id as "openUserId", o.team_id as "openTeamId",
       (select a.team_id from allocation a where a.person_id = p.id and a.ended_at is not null
         order by a.ended_at desc limit 1) as "lastTeamId",
       exists (select 1 from referral r where r.person_id = p.id and r.partnership_id = $1
               and r.status = 'awaiting_allocation') as awaiting
     from person p left join allocation o on o.person_id = p.id and o.ended_at is null
     where p.partnership_id = $1 and p.id = $2${lock ? ' for update of p' : ''}`,
    [pid, personId, userId],
  );
}

export async function endAllocation(
  tx: Db,
  allocationId: string,
  by: string,
  reason: string | null,
  at: Date,
): Promise<void> {
  await tx.query(
    `update allocation set ended_at = $2, ended_by = $3, end_reason = $4 where id = $1 and ended_at is null`,
    [allocationId, at, by, reason],
  );
}

export async function insertAllocation(
  tx: Db,
  a: {
    pid: string;
    personId: string;
    userId: string;
    teamId: string | null;
    by: string;
    reason: string | null;
    at: Date;
  },
) {
  const { id } = await one<{ id: string }>(
    tx,
    `insert into allocation (partnership_id, person_id, user_id, team_id, started_at, allocated_by, reason)
     values ($1,$2,$3,$4,$5,$6,$7) returning id`,
    [a.pid, a.personId, a.userId, a.teamId, a.at, a.by, a.reason],
  );
  return id;
}

/** Referrals of the child awaiting allocation become allocated; returns their ids. */
export async function markReferralsAllocated(tx: Db, pid: string, personId: string): Promise<string[]> {
  const rows = await tx.query<{ id: string }>(
    `update referral set status = 'allocated'
     where partnership_id = $1 and person_id = $2 and status = 'awaiting_allocation' returning id`,
    [pid, personId],
  );
  return rows.map((r) => r.id);
}

export interface HistoryRow {
  id: string;
  workerName: string;
  teamName: string | null;
  startedAt: Date;
  endedAt: Date | null;
  reason: string | null;
  endReason: string | null;
  allocatedBy: string | null;
  endedBy: string | null;
}

export function allocationHistory(db: Db, pid: string, personId: string) {
  return db.query<HistoryRow>(
    `select a.id, u.display_name as "workerName", t.name as "teamName", a.started_at as "startedAt",
       a.ended_at as "endedAt", a.reason, a.end_reason as "endReason", ab.display_name as "allocatedBy",
       eb.display_name as "endedBy"
     from allocation a join app_user u on u.id = a.user_id left join team t on t.id = a.team_id
       left join app_user ab on ab.id = a.allocated_by left join app_user eb on eb.id = a.ended_by
     where a.partnership_id = $1 and a.person_id = $2
     order by a.started_at desc, a.id`,
    [pid, personId],
  );
}

/**
 * Children with an open episode of need, no open allocation and no referral awaiting allocation
 * (ids only). Only a child with an open episode can have open work (the casework contract), so
 * this narrows the partnership's episodes to the few whose work items are then read.
 */
export async function openEpisodesWithoutWorker(db: Db, pid: string): Promise<string[]> {
  const rows = await db.query<{ personId: string }>(
    `select e.person_id as "personId" from episode e
     where e.partnership_id = $1 and e.status = 'open'
       and not exists (select 1 from allocation a where a.person_id = e.person_id and a.ended_at is null)
       and not exists (select 1 from referral r where r.person_id = e.person_id and r.partnership_id = $1
                       and r.status = 'awaiting_allocation')`,
    [pid],
  );
  return rows.map((r) => r.personId);
}

/**
 * When these children's wait began: their last allocation's end, and their first referral. (Apart
 * from the query above: its row estimate is far too high for per-row subqueries, which made
 * PostgreSQL compile it with JIT, a third of its time.)
 */
export async function waitingSince(
  db: Db,
  pid: string,
  personIds: readonly string[],
): Promise<
  { personId: string; lastEnded: Date | null; firstReferral: string | null; lastTeamId: string | null }[]
> {
  if (personIds.length === 0) return [];
  return db.query(
    `select p.id as "personId",
       (select max(a.ended_at) from allocation a where a.person_id = p.id) as "lastEnded",
       (select a.team_id from allocation a where a.person_id = p.id
         order by a.ended_at desc nulls last limit 1) as "lastTeamId",
       (select min(r.referral_date) from referral r where r.person_id = p.id and r.partnership_id = $1) as "firstReferral"
     from person p where p.partnership_id = $1 and p.id = any($2::uuid[])`,
    [pid, personIds],
  );
}

/** Children by id, with the hidden rule (the rows a page shows). */
export async function childrenByIds(
  db: Db,
  pid: string,
  viewerId: string,
  ids: readonly string[],
): Promise<ChildRow[]> {
  if (ids.length === 0) return [];
  return db.query<ChildRow>(
    `select ${CHILD_COLS} from person p where p.partnership_id = $1 and p.id = any($3::uuid[])`,
    [pid, viewerId, ids],
  );
}

export interface OpenAllocationOf {
  userId: string;
  workerName: string;
  teamId: string | null;
  teamName: string | null;
}

/** Open allocations of these children: child → worker and team. */
export async function allocationsOf(
  db: Db,
  pid: string,
  ids: readonly string[],
): Promise<Map<string, OpenAllocationOf>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<OpenAllocationOf & { personId: string }>(
    `select a.person_id as "personId", a.user_id as "userId", u.display_name as "workerName",
       a.team_id as "teamId", t.name as "teamName"
     from allocation a join app_user u on u.id = a.user_id left join team t on t.id = a.team_id
     where a.partnership_id = $1 and a.person_id = any($2::uuid[]) and a.ended_at is null`,
    [pid, ids],
  );
  return new Map(rows.map((r) => [r.personId, r]));
}

/** The children allocated to the team now (no names). */
export async function teamChildren(db: Db, pid: string, teamId: string): Promise<Set<string>> {
  const rows = await db.query<{ personId: string }>(
    `select person_id as "personId" from allocation
     where partnership_id = $1 and team_id = $2 and ended_at is null`,
    [pid, teamId],
  );
  return new Set(rows.map((r) => r.personId));
}

/** Teams holding open allocations, by name (the drift report's team filter). */
export async function teamsWithAllocations(db: Db, pid: string): Promise<{ id: string; name: string }[]> {
  return db.query(
    `select t.id, t.name from team t
     where t.partnership_id = $1
       and exists (select 1 from allocation a where a.partnership_id = $1 and a.team_id = t.id and a.ended_at is null)
     order by t.name, t.id`,
    [pid],
  );
}

export interface QueueEntry {
  personId: string;
  /** The earliest referral awaiting allocation. */
  since: string;
  referrals: number;
  /** The most urgent of the child's referrals awaiting allocation: its decision, date, contact and team. */
  decision: string;
  referralDate: string;
  contactId: string;
  teamId: string | null;
  /** The MASH's RAG rating of that referral's contact. */
  rag: string | null;
}

/**
 * Every child awaiting allocation through a referral (no names): the earliest referral date, and
 * the most urgent referral with the MASH's RAG rating of its contact (read from the contact, where
 * the front door keeps it).
 */
export async function queueSince(db: Db, pid: string): Promise<QueueEntry[]> {
  return db.query(
    `select distinct on (r.person_id) r.person_id as "personId",
       min(r.referral_date) over (partition by r.person_id) as since,
       (count(*) over (partition by r.person_id))::int as referrals,
       r.decision, r.referral_date as "referralDate", r.contact_id as "contactId", r.team_id as "teamId",
       c.rag
     from referral r join contact c on c.id = r.contact_id
     where r.partnership_id = $1 and r.status = 'awaiting_allocation'
     order by r.person_id,
       case r.decision when 'immediate_protection' then 0 when 'strategy_section_47' then 1 else 2 end,
       r.referral_date, r.id`,
    [pid],
  );
}

/** The teams work can wait for: the partnership's active teams outside the MASH, by name. */
export async function allocationTeams(db: Db, pid: string): Promise<{ id: string; name: string }[]> {
  return db.query(
    `select t.id, t.name from team t where t.partnership_id = $1 and t.active and not t.is_mash
     order by t.name, t.id`,
    [pid],
  );
}

/** The children allocated now to each of these workers (no names). */
export async function allocatedTo(
  db: Db,
  pid: string,
  userIds: readonly string[],
): Promise<{ userId: string; personId: string }[]> {
  if (userIds.length === 0) return [];
  return db.query(
    `select a.user_id as "userId", a.person_id as "personId" from allocation a
     where a.partnership_id = $1 and a.user_id = any($2::uuid[]) and a.ended_at is null`,
    [pid, userIds],
  );
}

/**
 * The child's brothers and sisters on the same referral (one contact's children), with a referral
 * awaiting allocation: a team manager may allocate them together.
 */
export async function waitingSiblings(
  db: Db,
  pid: string,
  viewerId: string,
  personId: string,
): Promise<ChildRow[]> {
  return db.query<ChildRow>(
    `select ${CHILD_COLS} from person p
     where p.partnership_id = $1 and p.id <> $3 and p.kind = 'child'
       and exists (select 1 from referral s join referral r on r.contact_id = s.contact_id
                   where s.partnership_id = $1 and s.person_id = $3 and r.person_id = p.id
                     and r.status = 'awaiting_allocation')
     order by p.date_of_birth nulls last, p.given_name, p.id`,
    [pid, viewerId, personId],
  );
}

/** The team's name, when it belongs to the partnership. */
export async function teamName(db: Db, pid: string, teamId: string) {
  const row = await maybeOne<{ name: string }>(
    db,
    'select name from team where partnership_id = $1 and id = $2',
    [pid, teamId],
  );
  return row?.name;
}
