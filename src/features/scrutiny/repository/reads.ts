/** Reads of children's records made through the scrutiny relationship, from the audit trail. */
import { one, type Db } from '../../../db/index.ts';

export interface ReadRow {
  seq: number;
  occurredAt: Date;
  userName: string | null;
  personId: string;
  action: string;
  page: string | null;
}

// The audit_scrutiny_reads index serves this condition.
const WHERE = `partnership_id = $1 and detail->>'basis' = 'scrutiny' and person_id is not null`;

export function scrutinyReads(
  db: Db,
  partnershipId: string,
  limit: number,
  offset: number,
): Promise<ReadRow[]> {
  return db.query(
    `select seq, occurred_at as "occurredAt", user_name as "userName", person_id as "personId", action,
       detail->>'page' as page
     from audit_event where ${WHERE} order by seq desc limit $2 offset $3`,
    [partnershipId, limit, offset],
  );
}

export async function countScrutinyReads(db: Db, partnershipId: string): Promise<number> {
  return (
    await one<{ n: number }>(db, `select count(*)::int as n from audit_event where ${WHERE}`, [partnershipId])
  ).n;
}
