/** The SQL of scrutiny reports. */
import { maybeOne, one, type Db } from '../../../db/index.ts';

export interface ReportRow {
  id: string;
  title: string;
  findings: string;
  status: 'draft' | 'published';
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  publishedOn: string | null;
  publishedBy: string | null;
  challengeIds: string[];
}

const COLUMNS = `r.id, r.title, r.findings, r.status, c.display_name as "createdBy", r.created_at as "createdAt",
  r.updated_at as "updatedAt", r.published_on as "publishedOn", p.display_name as "publishedBy",
  (select coalesce(array_agg(rc.challenge_id), '{}') from scrutiny_report_challenge rc where rc.report_id = r.id)
    as "challengeIds"`;
const FROM = `scrutiny_report r join app_user c on c.id = r.created_by left join app_user p on p.id = r.published_by`;

export function listReports(
  db: Db,
  partnershipId: string,
  opts: { published?: boolean } = {},
): Promise<ReportRow[]> {
  return db.query(
    `select ${COLUMNS} from ${FROM} where r.partnership_id = $1 and ($2::boolean is null or (r.status = 'published') = $2)
     order by (r.status = 'draft') desc, coalesce(r.published_on, r.created_at::date) desc`,
    [partnershipId, opts.published ?? null],
  );
}

export function findReport(
  db: Db,
  partnershipId: string,
  id: string,
  lock = false,
): Promise<ReportRow | undefined> {
  return maybeOne(
    db,
    `select ${COLUMNS} from ${FROM} where r.partnership_id = $1 and r.id = $2 ${lock ? 'for update of r' : ''}`,
    [partnershipId, id],
  );
}

export async function insertReport(
  tx: Db,
  r: { partnershipId: string; title: string; findings: string; createdBy: string; challengeIds: string[] },
): Promise<string> {
  const { id } = await one<{ id: string }>(
    tx,
    `insert into scrutiny_report (partnership_id, title, findings, created_by) values ($1,$2,$3,$4) returning id`,
    [r.partnershipId, r.title, r.findings, r.createdBy],
  );
  await setCovered(tx, r.partnershipId, id, r.challengeIds);
  return id;
}

export async function updateDraft(
  tx: Db,
  partnershipId: string,
  id: string,
  r: { title: string; findings: string; challengeIds: string[] },
): Promise<void> {
  await tx.query(
    `update scrutiny_report set title = $3, findings = $4, updated_at = now()
     where partnership_id = $1 and id = $2 and status = 'draft'`,
    [partnershipId, id, r.title, r.findings],
  );
  await tx.query(`delete from scrutiny_report_challenge where report_id = $1`, [id]);
  await setCovered(tx, partnershipId, id, r.challengeIds);
}

async function setCovered(tx: Db, partnershipId: string, id: string, challengeIds: string[]) {
  await tx.query(
    `insert into scrutiny_report_challenge (report_id, challenge_id, partnership_id)
     select $1, c.id, $3 from challenge c where c.id = any($2::uuid[]) and c.partnership_id = $3`,
    [id, challengeIds, partnershipId],
  );
}

export async function publish(tx: Db, id: string, on: string, by: string): Promise<void> {
  await tx.query(
    `update scrutiny_report set status = 'published', published_on = $2, published_by = $3, updated_at = now()
     where id = $1 and status = 'draft'`,
    [id, on, by],
  );
}

/** Challenges of the partnership among the ids given. */
export function challengesAmong(db: Db, partnershipId: string, ids: string[]): Promise<{ id: string }[]> {
  return db.query(`select id from challenge where partnership_id = $1 and id = any($2::uuid[])`, [
    partnershipId,
    ids,
  ]);
}
