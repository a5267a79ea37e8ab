import type { Db } from '../../../db/index.ts';

export interface SampleCriteria {
  status?: 'any' | 'cp_plan' | 'cin_plan' | 'open_episode';
  ageFrom?: number;
  ageTo?: number;
  teamId?: string;
}

export interface AuditRow {
  id: string;
  title: string;
  theme: string;
  startsOn: string;
  endsOn: string;
  sampleMethod: 'criteria' | 'random';
  criteria: SampleCriteria;
  sampleSize: number;
  seed: string;
  status: 'open' | 'closed';
  closedAt: Date | null;
  createdAt: Date;
}

const AUDIT = `a.id, a.title, a.theme, a.starts_on as "startsOn", a.ends_on as "endsOn",
  a.sample_method as "sampleMethod", a.criteria, a.sample_size as "sampleSize", a.seed, a.status,
  a.closed_at as "closedAt", a.created_at as "createdAt"`;

/**
 * The children a sample draws: children of the partnership (not unborn, not restricted) matching
 * the criteria, age taken on the audit's start date, ordered by md5(seed || id): the same seed over
 * the same records gives the same children.
 */
export async function drawSample(
  db: Db,
  partnershipId: string,
  seed: string,
  criteria: SampleCriteria,
  size: number,
  onDate: string,
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `select p.id from person p
     where p.partnership_id = $1 and p.kind = 'child' and not p.unborn and not p.restricted
       and p.date_of_birth is not null
       and ($2 = 'any'
         or ($2 = 'cp_plan' and exists (select 1 from cp_plan x where x.person_id = p.id and x.status = 'open'))
         or ($2 = 'cin_plan' and exists (select 1 from cin_plan x where x.person_id = p.id and x.status = 'open'))
         or ($2 = 'open_episode' and exists (select 1 from episode x where x.person_id = p.id and x.status = 'open')))
       and ($3::int is null or p.date_of_birth <= $7::date - make_interval(years => $3::int))
       and ($4::int is null or p.date_of_birth > $7::date - make_interval(years => $4::int + 1))
       and ($5::uuid is null or exists (select 1 from allocation al where al.person_id = p.id
             and al.ended_at is null and al.team_id = $5::uuid))
     order by md5($6 || p.id::text) limit $8`,
    [
      partnershipId,
      criteria.status ?? 'any',
      criteria.ageFrom ?? null,
      criteria.ageTo ?? null,
      criteria.teamId ?? null,
      seed,
      onDate,
      size,
    ],
  );
  return rows.map((r) => r.id);
}

export async function insertAudit(
  db: Db,
  a: Omit<AuditRow, 'id' | 'status' | 'closedAt' | 'createdAt'> & {
    partnershipId: string;
    createdBy: string;
  },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into case_audit (partnership_id, title, theme, starts_on, ends_on, sample_method, criteria,
       sample_size, seed, created_by) values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) returning id`,
    [
      a.partnershipId,
      a.title,
      a.theme,
      a.startsOn,
      a.endsOn,
      a.sampleMethod,
      JSON.stringify(a.criteria),
      a.sampleSize,
      a.seed,
      a.createdBy,
    ],
  );
  return row!.id;
}

export async function insertMembers(
  db: Db,
  partnershipId: string,
  auditId: string,
  agencyIds: string[],
  auditors: { userId: string; agencyId: string }[],
  personIds: string[],
): Promise<void> {
  await db.query(
    `insert into case_audit_agency (partnership_id, case_audit_id, agency_id)
     select $1, $2, unnest($3::uuid[])`,
    [partnershipId, auditId, agencyIds],
  );
  await db.query(
    `insert into case_audit_auditor (partnership_id, case_audit_id, user_id, agency_id)
     select $1, $2, u, g from unnest($3::uuid[], $4::uuid[]) as t(u, g)`,
    [partnershipId, auditId, auditors.map((a) => a.userId), auditors.map((a) => a.agencyId)],
  );
  await db.query(
    `insert into case_audit_child (partnership_id, case_audit_id, person_id, position)
     select $1, $2, p, n from unnest($3::uuid[]) with ordinality as t(p, n)`,
    [partnershipId, auditId, personIds],
  );
}

export interface AuditListRow extends AuditRow {
  children: number;
  answers: number;
  agencies: number;
  moderated: number;
}

export function listAudits(db: Db, partnershipId: string): Promise<AuditListRow[]> {
  return db.query<AuditListRow>(
    `select ${AUDIT},
       (select count(*) from case_audit_child c where c.case_audit_id = a.id)::int as children,
       (select count(*) from case_audit_child c where c.case_audit_id = a.id and c.moderated_grade is not null)::int
         as moderated,
       (select count(*) from case_audit_answer x where x.case_audit_id = a.id)::int as answers,
       (select count(*) from case_audit_agency g where g.case_audit_id = a.id)::int as agencies
     from case_audit a where a.partnership_id = $1 order by a.starts_on desc, a.created_at desc`,
    [partnershipId],
  );
}

export async function auditRow(db: Db, partnershipId: string, id: string, lock = false) {
  const [row] = await db.query<AuditRow>(
    `select ${AUDIT} from case_audit a where a.partnership_id = $1 and a.id = $2${lock ? ' for update' : ''}`,
    [partnershipId, id],
  );
  return row;
}

export function auditAgencies(db: Db, auditId: string) {
  return db.query<{ id: string; name: string }>(
    `select g.id, g.name from case_audit_agency x join agency g on g.id = x.agency_id
     where x.case_audit_id = $1 order by g.name`,
    [auditId],
  );
}

export function auditAuditors(db: Db, auditId: string) {
  return db.query<{ userId: string; name: string; agencyId: string; agencyName: string }>(
    `select u.id as "userId", u.display_name as name, x.agency_id as "agencyId", g.name as "agencyName"
     from case_audit_auditor x join app_user u on u.id = x.user_id join agency g on g.id = x.agency_id
     where x.case_audit_id = $1 order by g.name, u.display_name`,
    [auditId],
  );
}

export interface SampleRow {
  ref: string;
  personId: string;
  position: number;
  moderatedGrade: string | null;
  moderationNote: string | null;
  moderatedAt: Date | null;
  answered: number;
}

const SAMPLE = `c.id as ref, c.person_id as "personId", c.position, c.moderated_grade as "moderatedGrade",
  c.moderation_note as "moderationNote", c.moderated_at as "moderatedAt",
  (select count(*) from case_audit_answer x where x.case_audit_child_id = c.id)::int as answered`;

export function sampleRows(db: Db, auditId: string): Promise<SampleRow[]> {
  return db.query<SampleRow>(
    `select ${SAMPLE} from case_audit_child c where c.case_audit_id = $1 order by c.position`,
    [auditId],
  );
}

export async function sampleChild(db: Db, auditId: string, ref: string): Promise<SampleRow | undefined> {
  const [row] = await db.query<SampleRow>(
    `select ${SAMPLE} from case_audit_child c where c.case_audit_id = $1 and c.id = $2`,
    [auditId, ref],
  );
  return row;
}

export interface AnswerRow {
  agencyId: string;
  agencyName: string;
  answers: Record<string, { grade: string; comment: string }>;
  overallGrade: string;
  answeredBy: string;
  answeredAt: Date;
}

export function answersFor(db: Db, childRef: string): Promise<AnswerRow[]> {
  return db.query<AnswerRow>(
    `select x.agency_id as "agencyId", g.name as "agencyName", x.answers, x.overall_grade as "overallGrade",
       u.display_name as "answeredBy", x.answered_at as "answeredAt"
     from case_audit_answer x join agency g on g.id = x.agency_id join app_user u on u.id = x.answered_by
     where x.case_audit_child_id = $1 order by g.name`,
    [childRef],
  );
}

export async function isAuditor(db: Db, auditId: string, userId: string, agencyId: string) {
  const rows = await db.query(
    `select 1 from case_audit_auditor where case_audit_id = $1 and user_id = $2 and agency_id = $3`,
    [auditId, userId, agencyId],
  );
  return rows.length > 0;
}

export async function upsertAnswer(
  db: Db,
  a: {
    partnershipId: string;
    auditId: string;
    childRef: string;
    agencyId: string;
    userId: string;
    answers: Record<string, { grade: string; comment: string }>;
    overallGrade: string;
  },
): Promise<void> {
  await db.query(
    `insert into case_audit_answer (partnership_id, case_audit_id, case_audit_child_id, agency_id, answers,
       overall_grade, answered_by) values ($1,$2,$3,$4,$5,$6,$7)
     on conflict (case_audit_child_id, agency_id) do update set answers = excluded.answers,
       overall_grade = excluded.overall_grade, answered_by = excluded.answered_by, answered_at = now()`,
    [a.partnershipId, a.auditId, a.childRef, a.agencyId, JSON.stringify(a.answers), a.overallGrade, a.userId],
  );
}

export async function moderateChild(
  db: Db,
  ref: string,
  grade: string,
  note: string,
  userId: string,
): Promise<void> {
  await db.query(
    `update case_audit_child set moderated_grade = $2, moderation_note = $3, moderated_at = now(),
       moderated_by = $4 where id = $1`,
    [ref, grade, note, userId],
  );
}

export async function insertFinding(
  db: Db,
  f: { partnershipId: string; auditId: string; theme: string; finding: string; userId: string },
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into case_audit_finding (partnership_id, case_audit_id, theme, finding, created_by)
     values ($1,$2,$3,$4,$5) returning id`,
    [f.partnershipId, f.auditId, f.theme, f.finding, f.userId],
  );
  return row!.id;
}

export function findings(db: Db, auditId: string) {
  return db.query<{ id: string; theme: string; finding: string; createdAt: Date }>(
    `select id, theme, finding, created_at as "createdAt" from case_audit_finding
     where case_audit_id = $1 order by created_at`,
    [auditId],
  );
}

export async function closeAuditRow(db: Db, auditId: string, userId: string): Promise<void> {
  await db.query(
    `update case_audit set status = 'closed', closed_at = now(), closed_by = $2, version = version + 1
     where id = $1`,
    [auditId, userId],
  );
}

/** Users of the partnership holding one of these roles, with their agency. */
export function usersWithRoles(db: Db, partnershipId: string, roles: string[]) {
  return db.query<{ id: string; name: string; agencyId: string; agencyName: string }>(
    `select u.id, u.display_name as name, u.agency_id as "agencyId", g.name as "agencyName"
     from app_user u join agency g on g.id = u.agency_id
     where u.partnership_id = $1 and u.active and u.roles && $2::text[] order by g.name, u.display_name`,
    [partnershipId, roles],
  );
}

export function agenciesOf(db: Db, partnershipId: string) {
  return db.query<{ id: string; name: string }>(
    `select id, name from agency where partnership_id = $1 and active order by name`,
    [partnershipId],
  );
}

export function teamsOf(db: Db, partnershipId: string) {
  return db.query<{ id: string; name: string; agencyName: string }>(
    `select t.id, t.name, g.name as "agencyName" from team t join agency g on g.id = t.agency_id
     where t.partnership_id = $1 and t.active order by g.name, t.name`,
    [partnershipId],
  );
}
