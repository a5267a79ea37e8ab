// Fixtures for the section 11 tests (imported by *.test.ts only).
import type { TestDb } from '../../../test/helpers/app.ts';
import { insertedId } from '../../../test/helpers/rows.ts';

/** Agency leads (agency_lead) for some demo agencies, added to t.org.users as `lead-<agency>`. */
export async function addLeads(t: TestDb, agencies: string[]): Promise<void> {
  for (const key of agencies) {
    t.org.users[`lead-${key}`] = await insertedId(
      t.db,
      `insert into app_user (partnership_id, agency_id, email, display_name, roles)
       values ($1, $2, $3, $4, '{agency_lead}') returning id`,
      [t.org.partnershipId, t.org.agencies[key], `s11.lead.${key}@test.example`, `Lead of ${key}`],
    );
  }
}

/** Days from today in London, as YYYY-MM-DD. */
export function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}
