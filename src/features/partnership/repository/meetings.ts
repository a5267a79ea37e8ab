import type { Db } from '../../../db/index.ts';
import { maybeOne, one } from '../../../db/index.ts';

export interface BodyRow {
  id: string;
  name: string;
  kind: 'executive' | 'subgroup';
  remit: string;
}

export function bodies(db: Db, pid: string) {
  return db.query<BodyRow>(
    `select id, name, kind, remit from partnership_body where partnership_id = $1 and active
     order by kind = 'executive' desc, name`,
    [pid],
  );
}

export interface MeetingRow {
  id: string;
  bodyId: string;
  body: string;
  heldOn: string;
  chairUserId: string;
  chair: string;
  chairAgency: string;
  location: string;
  papers: number;
  actions: number;
}

const MEETING = `select m.id, m.body_id as "bodyId", b.name as body, m.held_on::text as "heldOn",
  m.chair_user_id as "chairUserId", u.display_name as chair, ag.name as "chairAgency", m.location,
  (select count(*) from partnership_meeting_paper p where p.meeting_id = m.id) as papers,
  (select count(*) from partnership_action a where a.source_kind = 'meeting' and a.source_id = m.id::text) as actions
  from partnership_meeting m join partnership_body b on b.id = m.body_id
  join app_user u on u.id = m.chair_user_id join agency ag on ag.id = u.agency_id`;

export function meetings(db: Db, pid: string, bodyId?: string) {
  return db.query<MeetingRow>(
    `${MEETING} where m.partnership_id = $1 and ($2::uuid is null or m.body_id = $2::uuid)
     order by m.held_on desc, b.name`,
    [pid, bodyId ?? null],
  );
}

export function meeting(db: Db, pid: string, id: string) {
  return maybeOne<MeetingRow>(db, `${MEETING} where m.id = $1 and m.partnership_id = $2`, [id, pid]);
}

export function bodyIn(db: Db, pid: string, id: string) {
  return maybeOne<BodyRow>(
    db,
    'select id, name, kind, remit from partnership_body where id = $1 and partnership_id = $2 and active',
    [id, pid],
  );
}

export async function insertMeeting(
  tx: Db,
  m: { pid: string; bodyId: string; heldOn: string; chairUserId: string; location: string; by: string },
): Promise<string> {
  return (
    await one<{ id: string }>(
      tx,
      `insert into partnership_meeting (partnership_id, body_id, held_on, chair_user_id, location, created_by)
       values ($1,$2,$3,$4,$5,$6) returning id`,
      [m.pid, m.bodyId, m.heldOn, m.chairUserId, m.location, m.by],
    )
  ).id;
}

/** Agencies that attend: the statutory partners and the relevant agencies, with the meeting's record. */
export function attendance(db: Db, pid: string, meetingId: string) {
  return db.query<{ agencyId: string; agency: string; statutory: boolean; status: string | null }>(
    `select ag.id as "agencyId", ag.name as agency, ag.statutory_partner as statutory, at.status
     from agency ag left join partnership_meeting_attendance at on at.agency_id = ag.id and at.meeting_id = $2
     where ag.partnership_id = $1 and (ag.statutory_partner or ag.relevant_agency or at.status is not null)
     order by ag.statutory_partner desc, ag.name`,
    [pid, meetingId],
  );
}

export async function setAttendance(
  tx: Db,
  pid: string,
  meetingId: string,
  rows: { agencyId: string; status: string }[],
): Promise<void> {
  await tx.query('delete from partnership_meeting_attendance where meeting_id = $1', [meetingId]);
  if (rows.length === 0) return;
  await tx.query(
    `insert into partnership_meeting_attendance (partnership_id, meeting_id, agency_id, status)
     select $1, $2, a, s from unnest($3::uuid[], $4::text[]) as t(a, s)`,
    [pid, meetingId, rows.map((r) => r.agencyId), rows.map((r) => r.status)],
  );
}

export function papers(db: Db, meetingId: string) {
  return db.query<{ id: string; title: string; summary: string }>(
    'select id, title, summary from partnership_meeting_paper where meeting_id = $1 order by created_at, id',
    [meetingId],
  );
}

export function decisions(db: Db, meetingId: string) {
  return db.query<{ id: string; decision: string }>(
    'select id, decision from partnership_meeting_decision where meeting_id = $1 order by created_at, id',
    [meetingId],
  );
}

export async function insertPaper(tx: Db, pid: string, meetingId: string, title: string, summary: string) {
  return (
    await one<{ id: string }>(
      tx,
      `insert into partnership_meeting_paper (partnership_id, meeting_id, title, summary) values ($1,$2,$3,$4) returning id`,
      [pid, meetingId, title, summary],
    )
  ).id;
}

export async function insertDecision(tx: Db, pid: string, meetingId: string, decision: string) {
  return (
    await one<{ id: string }>(
      tx,
      `insert into partnership_meeting_decision (partnership_id, meeting_id, decision) values ($1,$2,$3) returning id`,
      [pid, meetingId, decision],
    )
  ).id;
}

/** Who may chair: active users of the partnership who are not the scrutineer, with their agency. */
export function chairChoices(db: Db, pid: string) {
  return db.query<{ id: string; name: string; agency: string }>(
    `select u.id, u.display_name as name, ag.name as agency from app_user u join agency ag on ag.id = u.agency_id
     where u.partnership_id = $1 and u.active and not ('scrutineer' = any(u.roles))
       and u.roles && array['agency_lead','business_manager']
     order by u.display_name`,
    [pid],
  );
}

export function userOf(db: Db, pid: string, id: string) {
  return maybeOne<{ id: string; roles: string[]; active: boolean }>(
    db,
    'select id, roles, active from app_user where id = $1 and partnership_id = $2',
    [id, pid],
  );
}
