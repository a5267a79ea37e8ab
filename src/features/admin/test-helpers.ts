import type { TestApp } from '../../../test/helpers/app.ts';
import { auditRows } from '../../../test/helpers/rows.ts';

/** The actions of the audit events about an entity, oldest first. */
export async function auditActions(t: TestApp, entityId: string): Promise<string[]> {
  return (await auditRows(t.db, { entityId })).map((r) => r.action);
}
