/** The review's own row: stages, scope, changes; the agencies taking part. */
import { maybeOne, one, type Db } from '../../../db/index.ts';

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
