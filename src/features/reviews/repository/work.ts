/** The review's work: the assembled chronology, reports, recommendations, sign-off, the public page. */
import { maybeOne, one, type Db } from '../../../db/index.ts';

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
