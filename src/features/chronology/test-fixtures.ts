// Fixtures for the chronology tests (imported by *.test.ts only).
import type { Db } from '../../db/index.ts';
import type { DemoOrganisation } from '../../demo/organisation.ts';
import { apiToken as sharedApiToken } from '../../../test/helpers/app.ts';

export async function makeChild(
  db: Db,
  org: DemoOrganisation,
  given = 'Ellie',
  family = 'Marsh',
): Promise<string> {
  const [row] = await db.query<{ id: string }>(
    `insert into person (partnership_id, kind, given_name, family_name, date_of_birth)
     values ($1, 'child', $2, $3, '2016-05-04') returning id`,
    [org.partnershipId, given, family],
  );
  return row!.id;
}

/** An open involvement of a demo agency ('school1', 'gp', ...) with the person. */
export async function involve(
  db: Db,
  org: DemoOrganisation,
  personId: string,
  agency: string,
): Promise<void> {
  await db.query(
    `insert into involvement (partnership_id, person_id, agency_id, role, started_on) values ($1,$2,$3,'involved','2024-01-01')`,
    [org.partnershipId, personId, org.agencies[agency]],
  );
}

export async function allocate(db: Db, org: DemoOrganisation, personId: string, user: string): Promise<void> {
  await db.query(`insert into allocation (partnership_id, person_id, user_id) values ($1,$2,$3)`, [
    org.partnershipId,
    personId,
    org.users[user],
  ]);
}

export async function openContact(db: Db, org: DemoOrganisation, personId: string): Promise<void> {
  const [c] = await db.query<{ id: string }>(
    `insert into contact (partnership_id) values ($1) returning id`,
    [org.partnershipId],
  );
  await db.query(`insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3)`, [
    c!.id,
    personId,
    org.partnershipId,
  ]);
}

/** An API token for a demo user; returns the bearer value. */
export const apiToken = (db: Db, org: DemoOrganisation, user: string): Promise<string> =>
  sharedApiToken({ db, org }, user);

export { demoActor } from '../../demo/organisation.ts';

export async function countEntries(db: Db, personId: string): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `select count(*)::int as n from chronology_entry where person_id = $1`,
    [personId],
  );
  return r!.n;
}

export async function auditActions(
  db: Db,
  personId: string,
): Promise<{ action: string; detail: Record<string, unknown> }[]> {
  return db.query(`select action, detail from audit_event where person_id = $1 order by seq`, [personId]);
}
