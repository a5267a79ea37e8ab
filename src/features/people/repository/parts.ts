/**
 * SQL of a record's parts: names as listed, addresses, relationships, households and involvements.
 * Every query names the partnership; callers pass the tx inside changes.
 */
import { maybeOne, one, type Db } from '../../../db/index.ts';
import { postcodeKey } from '../../../platform/identifiers.ts';
import type { AddressInput, HouseholdInput, InvolvementInput, RelationshipInput } from '../part-schemas.ts';

export interface NameRow {
  id: string;
  kind: 'current' | 'alias' | 'former' | 'birth';
  givenName: string;
  familyName: string;
  createdAt: Date | string;
}

export interface AddressRow extends Omit<AddressInput, 'current'> {
  id: string;
}

export interface InvolvementRow {
  id: string;
  agencyId: string;
  agencyName: string;
  role: string;
  startedOn: string;
  endedOn: string | null;
}

/** Another person named in the record (a relative, a household member). */
export interface OtherRow {
  id: string;
  givenName: string;
  familyName: string;
  kind: 'child' | 'adult';
  unborn: boolean;
  dateOfBirth: string | null;
}
export type RelRow = OtherRow & {
  relId: string;
  relKind: string;
  forward: boolean;
  fromDate: string | null;
  toDate: string | null;
};
export interface MembershipRow {
  membershipId: string;
  householdId: string;
  label: string;
  fromDate: string | null;
  toDate: string | null;
}
export type MemberRow = OtherRow & { householdId: string; fromDate: string | null; toDate: string | null };

const OTHER = `'id', o.id, 'givenName', o.given_name, 'familyName', o.family_name, 'kind', o.kind,
  'unborn', o.unborn, 'dateOfBirth', o.date_of_birth`;

/**
 * Every part of the record in one round trip (a record page runs under load; a query per part
 * cost more than the parts). JSON keeps dates as 'YYYY-MM-DD'; createdAt arrives as an ISO string.
 */
const PARTS_SQL = `select
  (select coalesce(json_agg(json_build_object('id', n.id, 'kind', n.kind, 'givenName', n.given_name,
      'familyName', n.family_name, 'createdAt', n.created_at)
      order by (n.kind = 'current') desc, n.created_at, n.id), '[]')
   from person_name n where n.person_id = $1 and n.partnership_id = $2) as names,
  (select coalesce(json_agg(json_build_object('id', a.id, 'line1', a.line1, 'line2', a.line2, 'town', a.town,
      'postcode', a.postcode, 'fromDate', a.from_date, 'toDate', a.to_date)
      order by (a.to_date is null) desc, a.from_date desc nulls last, a.created_at desc), '[]')
   from address a where a.person_id = $1 and a.partnership_id = $2) as addresses,
  (select coalesce(json_agg(json_build_object('relId', r.id, 'relKind', r.kind, 'fromDate', r.from_date,
      'toDate', r.to_date, 'forward', r.person_id = $1, ${OTHER})
      order by r.from_date nulls last, r.created_at, r.id), '[]')
   from relationship r join person o on o.id = case when r.person_id = $1 then r.related_person_id else r.person_id end
   where r.partnership_id = $2 and (r.person_id = $1 or r.related_person_id = $1)) as rels,
  (select coalesce(json_agg(json_build_object('membershipId', m.id, 'householdId', h.id, 'label', h.label,
      'fromDate', m.from_date, 'toDate', m.to_date)
      order by (m.to_date is null) desc, m.from_date desc nulls last, m.id), '[]')
   from household_member m join household h on h.id = m.household_id
   where m.person_id = $1 and m.partnership_id = $2) as memberships,
  (select coalesce(json_agg(json_build_object('householdId', m.household_id, 'fromDate', m.from_date,
      'toDate', m.to_date, ${OTHER}) order by o.family_name, o.given_name, o.id), '[]')
   from household_member m join person o on o.id = m.person_id
   where m.partnership_id = $2 and m.person_id <> $1
     and m.household_id in (select household_id from household_member where person_id = $1)) as members,
  (select coalesce(json_agg(json_build_object('id', i.id, 'agencyId', i.agency_id, 'agencyName', g.name,
      'role', i.role, 'startedOn', i.started_on, 'endedOn', i.ended_on)
      order by (i.ended_on is null) desc, i.started_on desc, i.id), '[]')
   from involvement i join agency g on g.id = i.agency_id
   where i.person_id = $1 and i.partnership_id = $2) as involvements`;

/** The rows of every part of the record, in one round trip (access to the people in them is the caller's). */
export async function recordPartRows(db: Db, pid: string, personId: string): Promise<RecordPartRows> {
  const row = await maybeOne<RecordPartRows>(db, PARTS_SQL, [personId, pid]);
  return row!;
}

export interface RecordPartRows {
  names: NameRow[];
  addresses: AddressRow[];
  rels: RelRow[];
  memberships: MembershipRow[];
  members: MemberRow[];
  involvements: InvolvementRow[];
}

/** Whether this relationship is already recorded and open. */
export async function openRelationshipExists(
  db: Db,
  pid: string,
  personId: string,
  r: Pick<RelationshipInput, 'relatedPersonId' | 'kind'>,
): Promise<boolean> {
  const rows = await db.query(
    `select 1 from relationship where partnership_id = $1 and to_date is null and kind = $4
       and person_id = $2 and related_person_id = $3`,
    [pid, personId, r.relatedPersonId, r.kind],
  );
  return rows.length > 0;
}

export async function insertAddress(tx: Db, pid: string, personId: string, a: AddressInput): Promise<string> {
  if (a.current) {
    // The address they move from ends when the new one starts (or today when that is unknown).
    await tx.query(
      `update address set to_date = greatest(coalesce($3::date, current_date), coalesce(from_date, $3::date, current_date))
       where person_id = $1 and partnership_id = $2 and to_date is null`,
      [personId, pid, a.fromDate],
    );
  }
  const { id } = await one<{ id: string }>(
    tx,
    `insert into address (partnership_id, person_id, line1, line2, town, postcode, postcode_norm, from_date, to_date)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9) returning id`,
    [pid, personId, a.line1, a.line2, a.town, a.postcode, postcodeKey(a.postcode), a.fromDate, a.toDate],
  );
  return id;
}

export async function insertRelationship(tx: Db, pid: string, personId: string, r: RelationshipInput) {
  const { id } = await one<{ id: string }>(
    tx,
    `insert into relationship (partnership_id, person_id, related_person_id, kind, from_date)
     values ($1,$2,$3,$4,$5) returning id`,
    [pid, personId, r.relatedPersonId, r.kind, r.fromDate],
  );
  return id;
}

/** Households the person or anyone related to them has been in: the choices on the household form. */
export async function nearbyHouseholds(
  db: Db,
  pid: string,
  personId: string,
): Promise<{ id: string; label: string }[]> {
  return db.query(
    `with near as (
       select $1::uuid as id
       union select related_person_id from relationship where person_id = $1 and partnership_id = $2
       union select person_id from relationship where related_person_id = $1 and partnership_id = $2)
     select distinct h.id, h.label from household h join household_member m on m.household_id = h.id
     where h.partnership_id = $2 and m.person_id in (select id from near)
     order by h.label, h.id`,
    [personId, pid],
  );
}

export async function insertHouseholdMember(
  tx: Db,
  pid: string,
  personId: string,
  h: HouseholdInput,
): Promise<{ householdId: string; memberId: string }> {
  let householdId = h.householdId;
  if (!householdId) {
    const row = await maybeOne<{ id: string }>(
      tx,
      'insert into household (partnership_id, label) values ($1,$2) returning id',
      [pid, h.label],
    );
    householdId = row!.id;
  }
  const m = await maybeOne<{ id: string }>(
    tx,
    `insert into household_member (partnership_id, household_id, person_id, from_date, to_date)
     values ($1,$2,$3,$4,$5) returning id`,
    [pid, householdId, personId, h.fromDate, h.toDate],
  );
  return { householdId, memberId: m!.id };
}

export async function activeAgencies(db: Db, pid: string): Promise<{ id: string; name: string }[]> {
  return db.query('select id, name from agency where partnership_id = $1 and active order by name', [pid]);
}

export async function insertInvolvement(
  tx: Db,
  pid: string,
  personId: string,
  i: InvolvementInput & { teamId?: string | null },
) {
  const { id } = await one<{ id: string }>(
    tx,
    `insert into involvement (partnership_id, person_id, agency_id, team_id, role, started_on, ended_on)
     values ($1,$2,$3,$4,$5,$6,$7) returning id`,
    [pid, personId, i.agencyId, i.teamId ?? null, i.role, i.startedOn, i.endedOn],
  );
  return id;
}
