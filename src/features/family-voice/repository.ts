/** The SQL of feedback from children, young people and families. */
import { maybeOne, one, type Db } from '../../db/index.ts';

export interface FeedbackRow {
  id: string;
  source: string;
  receivedOn: string;
  said: string;
  weDid: string;
  status: 'received' | 'acting' | 'done';
  recordedBy: string;
  updatedAt: Date;
}

const COLUMNS = `f.id, f.source, f.received_on as "receivedOn", f.said, f.we_did as "weDid", f.status,
  u.display_name as "recordedBy", f.updated_at as "updatedAt"`;

export function listFeedback(db: Db, partnershipId: string): Promise<FeedbackRow[]> {
  return db.query(
    `select ${COLUMNS} from voice_feedback f join app_user u on u.id = f.recorded_by
     where f.partnership_id = $1 order by f.received_on desc, f.created_at desc`,
    [partnershipId],
  );
}

export function findFeedback(db: Db, partnershipId: string, id: string): Promise<FeedbackRow | undefined> {
  return maybeOne(
    db,
    `select ${COLUMNS} from voice_feedback f join app_user u on u.id = f.recorded_by
     where f.partnership_id = $1 and f.id = $2`,
    [partnershipId, id],
  );
}

export interface FeedbackValues {
  source: string;
  receivedOn: string;
  said: string;
  weDid: string;
  status: string;
}

export async function insertFeedback(
  tx: Db,
  partnershipId: string,
  by: string,
  f: FeedbackValues,
): Promise<string> {
  return (
    await one<{ id: string }>(
      tx,
      `insert into voice_feedback (partnership_id, source, received_on, said, we_did, status, recorded_by)
       values ($1,$2,$3,$4,$5,$6,$7) returning id`,
      [partnershipId, f.source, f.receivedOn, f.said, f.weDid, f.status, by],
    )
  ).id;
}

export async function updateFeedback(
  tx: Db,
  partnershipId: string,
  id: string,
  f: FeedbackValues,
): Promise<boolean> {
  const rows = await tx.query(
    `update voice_feedback set source = $3, received_on = $4, said = $5, we_did = $6, status = $7, updated_at = now()
     where partnership_id = $1 and id = $2 returning id`,
    [partnershipId, id, f.source, f.receivedOn, f.said, f.weDid, f.status],
  );
  return rows.length === 1;
}
