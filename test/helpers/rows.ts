// Rows written and read straight in the database, for a test's starting point and its checks.
import { one, type Db } from '../../src/db/index.ts';

/** Runs an `insert … returning id`; the new row's id. */
export async function insertedId(db: Db, sql: string, params: readonly unknown[]): Promise<string> {
  return (await one<{ id: string }>(db, sql, params)).id;
}

/** How many rows `from` (a table and its where clause) holds. */
export async function countRows(db: Db, from: string, params: readonly unknown[] = []): Promise<number> {
  return (await one<{ n: number }>(db, `select count(*)::int as n from ${from}`, params)).n;
}

export interface AuditRow {
  action: string;
  person_id: string | null;
  entity_id: string | null;
  detail: Record<string, unknown>;
  reason: string | null;
}

/** The audit events that match every condition given, oldest first. */
export function auditRows(
  db: Db,
  where: { action?: string; personId?: string; userId?: string; entityId?: string },
): Promise<AuditRow[]> {
  return db.query<AuditRow>(
    `select action, person_id, entity_id, detail, reason from audit_event
     where ($1::text is null or action = $1) and ($2::uuid is null or person_id = $2)
       and ($3::uuid is null or user_id = $3) and ($4::text is null or entity_id = $4)
     order by seq`,
    [where.action ?? null, where.personId ?? null, where.userId ?? null, where.entityId ?? null],
  );
}

/** How many audit events match. */
export async function auditCount(db: Db, where: Parameters<typeof auditRows>[1]): Promise<number> {
  return (await auditRows(db, where)).length;
}
