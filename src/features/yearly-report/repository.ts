/** The SQL of the yearly report: its narrative, the partners' sign-offs, publication. */
import { maybeOne, one, type Db } from '../../db/index.ts';
import type { Role } from '../../platform/access/roles.ts';

export interface ReportRow {
  id: string;
  year: number;
  status: 'draft' | 'published';
  priorities: string;
  scrutiny: string;
  learning: string;
  voice: string;
  earlyHelp: string;
  publishedOn: string | null;
  content: unknown;
  updatedAt: Date;
  updatedBy: string | null;
}

const REPORT = `select r.id, r.year, r.status, r.priorities, r.scrutiny, r.learning, r.voice,
  r.early_help as "earlyHelp", r.published_on::text as "publishedOn", r.content, r.updated_at as "updatedAt",
  u.display_name as "updatedBy"
  from yearly_report r left join app_user u on u.id = r.updated_by`;

export function reports(db: Db, pid: string) {
  return db.query<Omit<ReportRow, 'content'> & { signed: number }>(
    `select r.id, r.year, r.status, r.published_on::text as "publishedOn", r.updated_at as "updatedAt",
       (select count(*)::int from yearly_report_signoff s where s.report_id = r.id) as signed
     from yearly_report r where r.partnership_id = $1 order by r.year desc`,
    [pid],
  );
}

/** One year's report; `lock` holds it for the transaction (sign-offs arrive side by side). */
export function reportFor(db: Db, pid: string, year: number, lock = false) {
  return maybeOne<ReportRow>(
    db,
    `${REPORT} where r.partnership_id = $1 and r.year = $2${lock ? ' for update of r' : ''}`,
    [pid, year],
  );
}

/** A new draft for the year; undefined when the year already has a report. */
export async function insertReport(
  tx: Db,
  pid: string,
  year: number,
  by: string,
): Promise<string | undefined> {
  const [row] = await tx.query<{ id: string }>(
    `insert into yearly_report (partnership_id, year, created_by, updated_by) values ($1,$2,$3,$3)
     on conflict (partnership_id, year) do nothing returning id`,
    [pid, year, by],
  );
  return row?.id;
}

export interface Narrative {
  priorities: string;
  scrutiny: string;
  learning: string;
  voice: string;
  earlyHelp: string;
}

/** Saves the narrative of a draft and withdraws the sign-offs given (they were for other words). */
export async function updateNarrative(tx: Db, id: string, n: Narrative, by: string): Promise<number> {
  await tx.query(
    `update yearly_report set priorities = $2, scrutiny = $3, learning = $4, voice = $5, early_help = $6,
       updated_at = now(), updated_by = $7 where id = $1 and status = 'draft'`,
    [id, n.priorities, n.scrutiny, n.learning, n.voice, n.earlyHelp, by],
  );
  const cleared = await tx.query('delete from yearly_report_signoff where report_id = $1 returning id', [id]);
  return cleared.length;
}

/** The statutory partners, with whether (and who) signed the report for each. */
export function partnerSignoffs(db: Db, pid: string, reportId: string) {
  return db.query<{ agencyId: string; agency: string; signedBy: string | null; signedAt: Date | null }>(
    `select ag.id as "agencyId", ag.name as agency, u.display_name as "signedBy", s.signed_at as "signedAt"
     from agency ag left join yearly_report_signoff s on s.agency_id = ag.id and s.report_id = $2
     left join app_user u on u.id = s.signed_by
     where ag.partnership_id = $1 and ag.statutory_partner order by ag.name`,
    [pid, reportId],
  );
}

export async function insertSignoff(tx: Db, pid: string, reportId: string, agencyId: string, userId: string) {
  await tx.query(
    `insert into yearly_report_signoff (partnership_id, report_id, agency_id, signed_by) values ($1,$2,$3,$4)`,
    [pid, reportId, agencyId, userId],
  );
}

export async function publish(tx: Db, id: string, on: string, content: unknown): Promise<void> {
  await tx.query(
    `update yearly_report set status = 'published', published_on = $2, content = $3, updated_at = now()
     where id = $1`,
    [id, on, JSON.stringify(content)],
  );
}

export function agencyOf(db: Db, pid: string, id: string) {
  return maybeOne<{ id: string; name: string; statutory: boolean }>(
    db,
    'select id, name, statutory_partner as statutory from agency where id = $1 and partnership_id = $2',
    [id, pid],
  );
}

export async function partnershipName(db: Db, pid: string): Promise<string> {
  const row = await one<{ name: string }>(db, 'select name from partnership where id = $1', [pid]);
  return row.name;
}

/** An active user, by email or else the only active business manager, for the command line. */
export function userForCommand(db: Db, email: string | undefined) {
  return db.query<{
    userId: string;
    partnershipId: string;
    name: string;
    email: string;
    agencyId: string;
    agencyName: string;
    agencyKind: string;
    teamId: string | null;
    roles: Role[];
  }>(
    `select u.id as "userId", u.partnership_id as "partnershipId", u.display_name as name, u.email,
       u.agency_id as "agencyId", ag.name as "agencyName", ag.kind as "agencyKind", u.team_id as "teamId", u.roles
     from app_user u join agency ag on ag.id = u.agency_id
     where u.active and (case when $1::text is null then 'business_manager' = any(u.roles)
       else lower(u.email) = lower($1) end)
     order by u.email limit 2`,
    [email ?? null],
  );
}
