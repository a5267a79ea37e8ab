import { maybeOne, one, type Db } from '../../db/index.ts';

export type Stage =
  'notified' | 'rapid_review' | 'not_commissioned' | 'local_review' | 'not_published' | 'published';

export interface ReviewRow {
  id: string;
  reference: string;
  personId: string | null;
  childDescription: string | null;
  pseudonym: string;
  criteria: string[];
  whatHappened: string;
  awareOn: string;
  notificationDueOn: string;
  notifiedOn: string;
  notifiedById: string;
  notifiedBy: string;
  notifierAgency: string;
  rapidReviewDueOn: string;
  stage: Stage;
  periodFrom: string | null;
  periodTo: string | null;
  chronologyAssembledAt: Date | null;
  meetingOn: string | null;
  meetingNotes: string | null;
  learning: string | null;
  themes: string[];
  commission: boolean | null;
  decisionReasons: string | null;
  panelResponse: string | null;
  rapidCompletedOn: string | null;
  reviewer: string | null;
  termsOfReference: string | null;
  timeline: string | null;
  agencyReports: string | null;
  familyInvolvement: string | null;
  publish: boolean | null;
  publishReasons: string | null;
  publicationOn: string | null;
  publishedText: string | null;
  briefing: string | null;
  decidedOn: string | null;
  publishedOn: string | null;
}

const d = (c: string, as: string) => `r.${c}::text as "${as}"`;
const COLUMNS = `r.id, r.reference, r.person_id as "personId", r.child_description as "childDescription",
  r.pseudonym, r.criteria, r.what_happened as "whatHappened", ${d('aware_on', 'awareOn')},
  ${d('notification_due_on', 'notificationDueOn')}, ${d('notified_on', 'notifiedOn')},
  r.notified_by as "notifiedById", u.display_name as "notifiedBy", na.name as "notifierAgency",
  ${d('rapid_review_due_on', 'rapidReviewDueOn')}, r.stage, ${d('period_from', 'periodFrom')},
  ${d('period_to', 'periodTo')}, r.chronology_assembled_at as "chronologyAssembledAt",
  ${d('meeting_on', 'meetingOn')}, r.meeting_notes as "meetingNotes", r.learning, r.themes, r.commission,
  r.decision_reasons as "decisionReasons", r.panel_response as "panelResponse",
  ${d('rapid_completed_on', 'rapidCompletedOn')}, r.reviewer, r.terms_of_reference as "termsOfReference",
  r.timeline, r.agency_reports as "agencyReports", r.family_involvement as "familyInvolvement", r.publish,
  r.publish_reasons as "publishReasons", ${d('publication_on', 'publicationOn')},
  r.published_text as "publishedText", r.briefing, ${d('decided_on', 'decidedOn')},
  ${d('published_on', 'publishedOn')}`;
const FROM = `from review r join app_user u on u.id = r.notified_by join agency na on na.id = r.notifier_agency_id`;

/**
 * Reviews in scope: every one ($2 true), or those the user notified ($3) or whose agencies include
 * the user's agency ($4, null for none).
 */
const VISIBLE = `r.partnership_id = $1 and ($2::boolean or r.notified_by = $3
  or ($4::uuid is not null and exists (select 1 from review_agency ra where ra.review_id = r.id and ra.agency_id = $4::uuid)))`;

export interface Scope {
  all: boolean;
  userId: string;
  agencyId: string | null;
}
const scopeParams = (pid: string, s: Scope) => [pid, s.all, s.userId, s.agencyId];

export function visibleReviews(db: Db, pid: string, scope: Scope) {
  return db.query<ReviewRow>(
    `select ${COLUMNS} ${FROM} where ${VISIBLE} order by r.notified_on desc, r.reference desc limit 500`,
    scopeParams(pid, scope),
  );
}

export function visibleReview(db: Db, pid: string, scope: Scope, id: string) {
  return maybeOne<ReviewRow>(db, `select ${COLUMNS} ${FROM} where ${VISIBLE} and r.id = $5`, [
    ...scopeParams(pid, scope),
    id,
  ]);
}

/** Locks the review's row for a change in the caller's transaction. */
export function lockReview(tx: Db, pid: string, id: string) {
  return maybeOne<ReviewRow>(
    tx,
    `select ${COLUMNS} ${FROM} where r.partnership_id = $1 and r.id = $2 for update of r`,
    [pid, id],
  );
}

export async function nextReference(tx: Db, pid: string, year: string): Promise<string> {
  const { n } = await one<{ n: number }>(
    tx,
    `select count(*)::int + 1 as n from review where partnership_id = $1 and reference like $2`,
    [pid, `SI-${year}-%`],
  );
  return `SI-${year}-${String(n).padStart(3, '0')}`;
}

export interface NewReview {
  reference: string;
  personId: string | null;
  childDescription: string | null;
  pseudonym: string;
  criteria: string[];
  whatHappened: string;
  awareOn: string;
  notificationDueOn: string;
  notifiedOn: string;
  notifiedBy: string;
  notifierAgencyId: string;
  rapidReviewDueOn: string;
}

export async function insertReview(tx: Db, pid: string, r: NewReview): Promise<string> {
  const row = await one<{ id: string }>(
    tx,
    `insert into review (partnership_id, reference, person_id, child_description, pseudonym, criteria, what_happened,
       aware_on, notification_due_on, notified_on, notified_by, notifier_agency_id, rapid_review_due_on)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13) returning id`,
    [
      pid,
      r.reference,
      r.personId,
      r.childDescription,
      r.pseudonym,
      r.criteria,
      r.whatHappened,
      r.awareOn,
      r.notificationDueOn,
      r.notifiedOn,
      r.notifiedBy,
      r.notifierAgencyId,
      r.rapidReviewDueOn,
    ],
  );
  return row.id;
}

/** Sets columns of the review (names are the code's, never the user's). */
export async function updateReview(tx: Db, id: string, set: Record<string, unknown>): Promise<void> {
  const cols = Object.keys(set);
  if (cols.length === 0) return;
  await tx.query(`update review set ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} where id = $1`, [
    id,
    ...cols.map((c) => set[c]),
  ]);
}

export function statutoryPartners(db: Db, pid: string) {
  return db.query<{ id: string; name: string }>(
    `select id, name from agency where partnership_id = $1 and statutory_partner and active order by name`,
    [pid],
  );
}

export function agencies(db: Db, pid: string) {
  return db.query<{ id: string; name: string; statutory: boolean }>(
    `select id, name, statutory_partner as statutory from agency where partnership_id = $1 and active order by name`,
    [pid],
  );
}

export async function addAgency(tx: Db, pid: string, reviewId: string, agencyId: string, told: boolean) {
  await tx.query(
    `insert into review_agency (partnership_id, review_id, agency_id, told_at) values ($1,$2,$3,${told ? 'now()' : 'null'})
     on conflict (review_id, agency_id) do nothing`,
    [pid, reviewId, agencyId],
  );
}

export interface AgencyPart {
  agencyId: string;
  agency: string;
  toldAt: Date | null;
  analysis: string | null;
  notRecorded: string | null;
  analysisBy: string | null;
  analysisAt: Date | null;
}

export function agencyParts(db: Db, reviewId: string) {
  return db.query<AgencyPart>(
    `select ra.agency_id as "agencyId", a.name as agency, ra.told_at as "toldAt", ra.analysis,
       ra.not_recorded as "notRecorded", u.display_name as "analysisBy", ra.analysis_at as "analysisAt"
     from review_agency ra join agency a on a.id = ra.agency_id left join app_user u on u.id = ra.analysis_by
     where ra.review_id = $1 order by a.name`,
    [reviewId],
  );
}

export async function setAnalysis(
  tx: Db,
  reviewId: string,
  agencyId: string,
  v: { analysis: string; notRecorded: string | null; by: string },
) {
  await tx.query(
    `update review_agency set analysis = $3, not_recorded = $4, analysis_by = $5, analysis_at = now()
     where review_id = $1 and agency_id = $2`,
    [reviewId, agencyId, v.analysis, v.notRecorded, v.by],
  );
}

// --- The people linked to the review -----------------------------------------------------------

export interface LinkedPerson {
  id: string;
  kind: 'child' | 'adult';
  relation: string;
}

/** The child's siblings and the adults around the child: relationships either way, and households. */
export function linkedPeople(db: Db, pid: string, personId: string) {
  return db.query<LinkedPerson>(
    `with links as (
       select r.related_person_id as id, r.kind from relationship r
        where r.person_id = $2 and r.partnership_id = $1
       union
       select r.person_id, r.kind from relationship r
        where r.related_person_id = $2 and r.partnership_id = $1
       union
       select hm2.person_id, 'household_member' from household_member hm
         join household_member hm2 on hm2.household_id = hm.household_id and hm2.person_id <> hm.person_id
        where hm.person_id = $2 and hm.partnership_id = $1)
     select distinct on (p.id) p.id, p.kind, l.kind as relation from links l join person p on p.id = l.id
     where p.partnership_id = $1 and p.id <> $2 order by p.id, l.kind`,
    [pid, personId],
  );
}

export interface Identity {
  personId: string;
  dateOfBirth: string | null;
  names: { given: string; family: string }[];
  addresses: { line1: string; postcode: string | null }[];
}

/** Every name (current, former, alias, birth), date of birth and address of these people. */
export function identities(db: Db, pid: string, personIds: readonly string[]) {
  return db.query<Identity>(
    `select p.id as "personId", p.date_of_birth::text as "dateOfBirth",
       coalesce((select jsonb_agg(jsonb_build_object('given', n.given_name, 'family', n.family_name))
                 from person_name n where n.person_id = p.id), '[]'::jsonb)
         || jsonb_build_array(jsonb_build_object('given', p.given_name, 'family', p.family_name)) as names,
       coalesce((select json_agg(json_build_object('line1', a.line1, 'postcode', a.postcode))
                 from address a where a.person_id = p.id), '[]'::json) as addresses
     from person p where p.partnership_id = $1 and p.id = any($2::uuid[])`,
    [pid, personIds],
  );
}

export interface SubjectRow {
  id: string;
  personId: string | null;
  role: 'child' | 'sibling' | 'adult' | 'professional';
  name: string | null;
  pseudonym: string;
}

export function subjects(db: Db, reviewId: string) {
  return db.query<SubjectRow>(
    `select id, person_id as "personId", role, name, pseudonym from review_subject where review_id = $1
     order by case role when 'child' then 0 when 'sibling' then 1 when 'adult' then 2 else 3 end, pseudonym`,
    [reviewId],
  );
}

export async function addSubject(
  tx: Db,
  pid: string,
  reviewId: string,
  s: { personId: string | null; role: SubjectRow['role']; name: string | null; pseudonym: string },
) {
  await tx.query(
    `insert into review_subject (partnership_id, review_id, person_id, role, name, pseudonym) values ($1,$2,$3,$4,$5,$6)
     on conflict (review_id, pseudonym) do nothing`,
    [pid, reviewId, s.personId, s.role, s.name, s.pseudonym],
  );
}

export async function clearProfessionals(tx: Db, reviewId: string) {
  await tx.query(
    `delete from review_subject where review_id = $1 and role = 'professional' and person_id is null`,
    [reviewId],
  );
}

// --- The assembled chronology ------------------------------------------------------------------

export interface ChronologyRow {
  subject: string;
  agencyId: string;
  agency: string;
  occurredOn: string;
  category: string;
  summary: string;
  recordedBy: string | null;
}

export async function replaceChronology(
  tx: Db,
  pid: string,
  reviewId: string,
  rows: (Omit<ChronologyRow, 'agency'> & { entryId: string })[],
) {
  await tx.query(`delete from review_chronology where review_id = $1`, [reviewId]);
  if (rows.length === 0) return;
  await tx.query(
    `insert into review_chronology (partnership_id, review_id, entry_id, subject, agency_id, occurred_on, category, summary, recorded_by)
     select $1, $2, x.entry_id, x.subject, x.agency_id, x.occurred_on, x.category, x.summary, x.recorded_by
     from json_to_recordset($3::json) as x(entry_id uuid, subject text, agency_id uuid, occurred_on date,
       category text, summary text, recorded_by text)`,
    [
      pid,
      reviewId,
      JSON.stringify(
        rows.map((r) => ({
          entry_id: r.entryId,
          subject: r.subject,
          agency_id: r.agencyId,
          occurred_on: r.occurredOn,
          category: r.category,
          summary: r.summary,
          recorded_by: r.recordedBy,
        })),
      ),
    ],
  );
}

export function chronology(db: Db, reviewId: string) {
  return db.query<ChronologyRow>(
    `select c.subject, c.agency_id as "agencyId", a.name as agency, c.occurred_on::text as "occurredOn",
       c.category, c.summary, c.recorded_by as "recordedBy"
     from review_chronology c join agency a on a.id = c.agency_id
     where c.review_id = $1 order by a.name, c.occurred_on, c.id`,
    [reviewId],
  );
}

// --- Reports, recommendations, sign-off ----------------------------------------------------------

export function reportVersions(db: Db, reviewId: string) {
  return db.query<{ version: number; final: boolean; text: string; by: string; at: Date }>(
    `select v.version, v.final, v.text, u.display_name as by, v.at from review_report_version v
     join app_user u on u.id = v.by_user where v.review_id = $1 order by v.version desc`,
    [reviewId],
  );
}

export async function addReportVersion(
  tx: Db,
  pid: string,
  reviewId: string,
  v: { text: string; final: boolean; by: string },
): Promise<number> {
  const row = await one<{ version: number }>(
    tx,
    `insert into review_report_version (partnership_id, review_id, version, final, text, by_user)
     values ($1, $2, (select coalesce(max(version), 0) + 1 from review_report_version where review_id = $2), $3, $4, $5)
     returning version`,
    [pid, reviewId, v.final, v.text, v.by],
  );
  return row.version;
}

export interface RecommendationRow {
  id: string;
  reviewId: string;
  number: number;
  text: string;
  ownerAgencyId: string;
  ownerAgency: string;
  themes: string[];
  closedOn: string | null;
}

const REC = `select rc.id, rc.review_id as "reviewId", rc.number, rc.text, rc.owner_agency_id as "ownerAgencyId",
  a.name as "ownerAgency", rc.themes, rc.closed_on::text as "closedOn"
  from review_recommendation rc join agency a on a.id = rc.owner_agency_id`;

export function recommendations(db: Db, reviewId: string) {
  return db.query<RecommendationRow>(`${REC} where rc.review_id = $1 order by rc.number`, [reviewId]);
}

export function recommendation(db: Db, reviewId: string, id: string) {
  return maybeOne<RecommendationRow>(db, `${REC} where rc.review_id = $1 and rc.id = $2`, [reviewId, id]);
}

export function allRecommendations(db: Db, pid: string) {
  return db.query<RecommendationRow & { reference: string }>(
    `${REC.replace(
      'from review_recommendation rc',
      'from review_recommendation rc join review rv on rv.id = rc.review_id',
    ).replace('rc.closed_on::text as "closedOn"', 'rc.closed_on::text as "closedOn", rv.reference')}
     where rc.partnership_id = $1 order by rv.reference, rc.number`,
    [pid],
  );
}

export async function insertRecommendation(
  tx: Db,
  pid: string,
  reviewId: string,
  r: { text: string; ownerAgencyId: string; themes: string[] },
): Promise<{ id: string; number: number }> {
  return one<{ id: string; number: number }>(
    tx,
    `insert into review_recommendation (partnership_id, review_id, number, text, owner_agency_id, themes)
     values ($1, $2, (select coalesce(max(number), 0) + 1 from review_recommendation where review_id = $2), $3, $4, $5)
     returning id, number`,
    [pid, reviewId, r.text, r.ownerAgencyId, r.themes],
  );
}

export async function closeRecommendation(tx: Db, id: string, on: string, by: string) {
  await tx.query(`update review_recommendation set closed_on = $2, closed_by = $3 where id = $1`, [
    id,
    on,
    by,
  ]);
}

export function signOffs(db: Db, pid: string, reviewId: string) {
  return db.query<{ agencyId: string; agency: string; signedBy: string | null; at: Date | null }>(
    `select a.id as "agencyId", a.name as agency, u.display_name as "signedBy", s.at
     from agency a left join review_sign_off s on s.agency_id = a.id and s.review_id = $2
       left join app_user u on u.id = s.user_id
     where a.partnership_id = $1 and a.statutory_partner and a.active order by a.name`,
    [pid, reviewId],
  );
}

export async function insertSignOff(tx: Db, pid: string, reviewId: string, agencyId: string, userId: string) {
  await tx.query(
    `insert into review_sign_off (partnership_id, review_id, agency_id, user_id) values ($1,$2,$3,$4)`,
    [pid, reviewId, agencyId, userId],
  );
}

export async function clearSignOffs(tx: Db, reviewId: string): Promise<number> {
  const rows = await tx.query(`delete from review_sign_off where review_id = $1 returning agency_id`, [
    reviewId,
  ]);
  return rows.length;
}

// --- The restriction at notification ------------------------------------------------------------

export function personKind(db: Db, pid: string, id: string) {
  return maybeOne<{ kind: 'child' | 'adult'; restricted: boolean }>(
    db,
    `select kind, restricted from person where partnership_id = $1 and id = $2`,
    [pid, id],
  );
}

/** The partnership's active users whose roles could read a record, as the access policy needs them. */
export function possibleReaders(db: Db, pid: string, roles: readonly string[]) {
  return db.query<{
    userId: string;
    name: string;
    email: string;
    agencyId: string;
    agencyName: string;
    agencyKind: string;
    teamId: string | null;
    roles: string[];
  }>(
    `select u.id as "userId", u.display_name as name, u.email, u.agency_id as "agencyId", a.name as "agencyName",
       a.kind as "agencyKind", u.team_id as "teamId", u.roles
     from app_user u join agency a on a.id = u.agency_id
     where u.partnership_id = $1 and u.active and u.roles && $2::text[]`,
    [pid, roles],
  );
}

/**
 * Restricts the child's record (the person table is the record's; the review restricts it by the
 * rule in docs/access.md) and names the users who keep access.
 */
export async function restrictRecord(tx: Db, pid: string, personId: string, userIds: readonly string[]) {
  await tx.query(`update person set restricted = true where partnership_id = $1 and id = $2`, [
    pid,
    personId,
  ]);
  await tx.query(
    `insert into restricted_access (partnership_id, person_id, user_id)
     select $1, $2, u from unnest($3::uuid[]) as u
     where not exists (select 1 from restricted_access ra where ra.person_id = $2 and ra.user_id = u)`,
    [pid, personId, userIds],
  );
}

// --- Published reports (the public page) ---------------------------------------------------------

export function published(db: Db, since: string) {
  return db.query<{
    id: string;
    reference: string;
    pseudonym: string;
    publishedOn: string;
    publishedText: string;
    briefing: string | null;
  }>(
    `select id, reference, pseudonym, published_on::text as "publishedOn", published_text as "publishedText", briefing
     from review where stage = 'published' and published_on is not null and published_on >= $1
       and published_on <= (now() at time zone 'Europe/London')::date
     order by published_on desc, reference desc`,
    [since],
  );
}
