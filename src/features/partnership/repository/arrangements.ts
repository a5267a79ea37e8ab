import type { Db } from '../../../db/index.ts';
import { maybeOne, one } from '../../../db/index.ts';

export interface VersionRow {
  id: string;
  version: number;
  title: string;
  body: string;
  status: 'draft' | 'published';
  publishedOn: string | null;
  updatedAt: Date;
  signed: number;
}

const VERSION = `select v.id, v.version, v.title, v.body, v.status, v.published_on::text as "publishedOn",
  v.updated_at as "updatedAt", (select count(*) from arrangements_signoff s where s.version_id = v.id) as signed
  from arrangements_version v`;

export function versions(db: Db, pid: string) {
  return db.query<VersionRow>(`${VERSION} where v.partnership_id = $1 order by v.version desc`, [pid]);
}

/** One version; `lock` holds it for the transaction (sign-offs arrive side by side). */
export function version(db: Db, pid: string, id: string, lock = false) {
  return maybeOne<VersionRow>(
    db,
    `${VERSION} where v.id = $1 and v.partnership_id = $2${lock ? ' for update of v' : ''}`,
    [id, pid],
  );
}

/** The statutory partners, with whether (and who) signed this version for each. */
export function partnerSignoffs(db: Db, pid: string, versionId: string) {
  return db.query<{ agencyId: string; agency: string; signedBy: string | null; signedAt: Date | null }>(
    `select ag.id as "agencyId", ag.name as agency, u.display_name as "signedBy", s.signed_at as "signedAt"
     from agency ag left join arrangements_signoff s on s.agency_id = ag.id and s.version_id = $2
     left join app_user u on u.id = s.signed_by
     where ag.partnership_id = $1 and ag.statutory_partner order by ag.name`,
    [pid, versionId],
  );
}

export async function insertVersion(
  tx: Db,
  v: { pid: string; title: string; body: string; by: string },
): Promise<{ id: string; version: number }> {
  return one(
    tx,
    `insert into arrangements_version (partnership_id, version, title, body, created_by)
     values ($1, (select coalesce(max(version), 0) + 1 from arrangements_version where partnership_id = $1), $2, $3, $4)
     returning id, version`,
    [v.pid, v.title, v.body, v.by],
  );
}

export async function updateDraft(tx: Db, id: string, title: string, body: string): Promise<number> {
  await tx.query(
    `update arrangements_version set title = $2, body = $3, updated_at = now() where id = $1 and status = 'draft'`,
    [id, title, body],
  );
  const cleared = await tx.query('delete from arrangements_signoff where version_id = $1 returning id', [id]);
  return cleared.length;
}

export async function insertSignoff(
  tx: Db,
  pid: string,
  versionId: string,
  agencyId: string,
  userId: string,
) {
  await tx.query(
    `insert into arrangements_signoff (partnership_id, version_id, agency_id, signed_by) values ($1,$2,$3,$4)`,
    [pid, versionId, agencyId, userId],
  );
}

export async function publish(tx: Db, id: string, on: string): Promise<void> {
  await tx.query(
    `update arrangements_version set status = 'published', published_on = $2, updated_at = now() where id = $1`,
    [id, on],
  );
}

export function agencyOf(db: Db, pid: string, id: string) {
  return maybeOne<{ id: string; name: string; statutory: boolean }>(
    db,
    'select id, name, statutory_partner as statutory from agency where id = $1 and partnership_id = $2',
    [id, pid],
  );
}
