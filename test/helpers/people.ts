// People and their relationships made straight in the database (no service, no audit), for tests
// that need a record to exist before they start. Columns left out take the table's defaults.
import type { TestDb } from './app.ts';
import { insertedId } from './rows.ts';

export interface PersonFacts {
  kind?: string;
  given?: string;
  family: string;
  dob?: string | null;
  sex?: string;
  nhs?: string | null;
  restricted?: boolean;
}

/** A person row only: search and matching will not find it (it has no name rows). */
export function insertPerson({ db, org }: TestDb, p: PersonFacts): Promise<string> {
  return insertedId(
    db,
    `insert into person (partnership_id, kind, given_name, family_name, date_of_birth, sex, nhs_number, restricted)
     values ($1,$2,$3,$4,$5,$6,$7,$8) returning id`,
    [
      org.partnershipId,
      p.kind ?? 'child',
      p.given ?? '',
      p.family,
      p.dob ?? null,
      p.sex ?? 'unknown',
      p.nhs ?? null,
      p.restricted ?? false,
    ],
  );
}

/** A person in the index: with a current name (and an address when a postcode is given), as search reads them. */
export async function indexPerson(t: TestDb, p: PersonFacts & { given: string; postcode?: string }) {
  const { db, org } = t;
  const partnershipId = org.partnershipId;
  const id = await insertPerson(t, p);
  const norm = (s: string) => s.toLowerCase().replace(/[^a-z]/g, '');
  await db.query(
    `insert into person_name (partnership_id, person_id, kind, given_name, family_name, given_norm, family_norm,
       given_key, family_key) values ($1,$2,'current',$3,$4,$5::text,$6::text,dmetaphone($5::text),dmetaphone($6::text))`,
    [partnershipId, id, p.given, p.family, norm(p.given), norm(p.family)],
  );
  if (p.postcode) {
    await db.query(
      `insert into address (partnership_id, person_id, line1, town, postcode, postcode_norm) values ($1,$2,'12 Alder Road','Elmbridge',$3,$4)`,
      [partnershipId, id, p.postcode, p.postcode.replace(/\s/g, '').toUpperCase()],
    );
  }
  return id;
}

/** An open involvement of a demo agency ('school1', 'gp', ...) with the person. */
export async function involve(
  { db, org }: TestDb,
  personId: string,
  agency: string,
  opts: { role?: string; startedOn?: string; teamId?: string } = {},
): Promise<void> {
  await db.query(
    `insert into involvement (partnership_id, person_id, agency_id, team_id, role, started_on) values ($1,$2,$3,$4,$5,$6)`,
    [
      org.partnershipId,
      personId,
      org.agencies[agency],
      opts.teamId ?? null,
      opts.role ?? 'involved',
      opts.startedOn ?? '2024-01-01',
    ],
  );
}

/** An open allocation of the person to a demo user (and one of the council's teams), as the demo seed makes it. */
export async function allocate(
  { db, org }: TestDb,
  personId: string,
  user: string,
  team?: string,
): Promise<void> {
  await db.query(
    `insert into allocation (partnership_id, person_id, user_id, team_id) values ($1,$2,$3,$4)`,
    [org.partnershipId, personId, org.users[user], team ? org.teams[`council:${team}`] : null],
  );
}

/** An open contact of the front door about the person (so the MASH may see the record). */
export async function openContact({ db, org }: TestDb, personId: string): Promise<string> {
  const id = await insertedId(db, `insert into contact (partnership_id) values ($1) returning id`, [
    org.partnershipId,
  ]);
  await db.query(`insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3)`, [
    id,
    personId,
    org.partnershipId,
  ]);
  return id;
}
