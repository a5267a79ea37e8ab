/** Reads the parts of a person's record (after the caller's access check). */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { personAccessMany } from '../../platform/access/policy.ts';
import { RELATIONSHIP_KINDS } from './codes.ts';

export interface NameRow {
  id: string;
  kind: 'current' | 'alias' | 'former' | 'birth';
  givenName: string;
  familyName: string;
  createdAt: Date;
}

export interface AddressRow {
  id: string;
  line1: string;
  line2: string | null;
  town: string | null;
  postcode: string;
  fromDate: string | null;
  toDate: string | null;
}

export interface OtherPerson {
  id: string;
  givenName: string;
  familyName: string;
  kind: 'child' | 'adult';
  unborn: boolean;
  dateOfBirth: string | null;
  canOpen: boolean;
}

export interface RelationshipView {
  id: string;
  /** What the other person is to this person ("Parent"). */
  label: string;
  kind: string;
  fromDate: string | null;
  toDate: string | null;
  other: OtherPerson;
}

export interface HouseholdView {
  membershipId: string;
  householdId: string;
  label: string;
  fromDate: string | null;
  toDate: string | null;
  members: (OtherPerson & { fromDate: string | null; toDate: string | null })[];
}

export interface InvolvementRow {
  id: string;
  agencyId: string;
  agencyName: string;
  role: string;
  startedOn: string;
  endedOn: string | null;
}

export interface RecordParts {
  names: NameRow[];
  addresses: AddressRow[];
  relationships: RelationshipView[];
  households: HouseholdView[];
  involvements: InvolvementRow[];
}

const OTHER_COLS = `o.id, o.given_name as "givenName", o.family_name as "familyName", o.kind, o.unborn,
  o.date_of_birth as "dateOfBirth"`;

export async function loadNames(db: Db, pid: string, personId: string): Promise<NameRow[]> {
  return db.query<NameRow>(
    `select id, kind, given_name as "givenName", family_name as "familyName", created_at as "createdAt"
     from person_name where person_id = $1 and partnership_id = $2
     order by (kind = 'current') desc, created_at, id`,
    [personId, pid],
  );
}

export async function loadRecordParts(db: Db, actor: Actor, personId: string): Promise<RecordParts> {
  const pid = actor.partnershipId;
  const args = [personId, pid];
  const names = await loadNames(db, pid, personId);
  const addresses = await db.query<AddressRow>(
    `select id, line1, line2, town, postcode, from_date as "fromDate", to_date as "toDate" from address
     where person_id = $1 and partnership_id = $2
     order by (to_date is null) desc, from_date desc nulls last, created_at desc`,
    args,
  );
  const rels = await db.query<
    Omit<OtherPerson, 'canOpen'> & {
      relId: string;
      relKind: string;
      forward: boolean;
      fromDate: string | null;
      toDate: string | null;
    }
  >(
    `select r.id as "relId", r.kind as "relKind", r.from_date as "fromDate", r.to_date as "toDate",
       r.person_id = $1 as forward, ${OTHER_COLS}
     from relationship r join person o on o.id = case when r.person_id = $1 then r.related_person_id else r.person_id end
     where r.partnership_id = $2 and (r.person_id = $1 or r.related_person_id = $1)
     order by r.from_date nulls last, r.created_at, r.id`,
    args,
  );
  const memberships = await db.query<Omit<HouseholdView, 'members'>>(
    `select m.id as "membershipId", h.id as "householdId", h.label, m.from_date as "fromDate", m.to_date as "toDate"
     from household_member m join household h on h.id = m.household_id
     where m.person_id = $1 and m.partnership_id = $2
     order by (m.to_date is null) desc, m.from_date desc nulls last, m.id`,
    args,
  );
  const members = memberships.length
    ? await db.query<
        Omit<OtherPerson, 'canOpen'> & { householdId: string; fromDate: string | null; toDate: string | null }
      >(
        `select m.household_id as "householdId", m.from_date as "fromDate", m.to_date as "toDate", ${OTHER_COLS}
         from household_member m join person o on o.id = m.person_id
         where m.household_id = any($1::uuid[]) and m.partnership_id = $2 and m.person_id <> $3
         order by o.family_name, o.given_name, o.id`,
        [memberships.map((m) => m.householdId), pid, personId],
      )
    : [];
  const involvements = await db.query<InvolvementRow>(
    `select i.id, i.agency_id as "agencyId", a.name as "agencyName", i.role, i.started_on as "startedOn",
       i.ended_on as "endedOn"
     from involvement i join agency a on a.id = i.agency_id
     where i.person_id = $1 and i.partnership_id = $2
     order by (i.ended_on is null) desc, i.started_on desc, i.id`,
    args,
  );

  // Other people appear only when not restricted from this user, with a link when they may open them.
  const access = await personAccessMany(db, actor, [...rels.map((r) => r.id), ...members.map((m) => m.id)]);
  const other = <T extends Omit<OtherPerson, 'canOpen'>>(o: T) => ({
    ...o,
    canOpen: access.get(o.id)?.canOpen ?? false,
  });
  const visible = (id: string) => access.has(id) && !access.get(id)!.hidden;
  const relationships: RelationshipView[] = rels
    .filter((r) => visible(r.id))
    .map(({ relId, relKind, forward, fromDate, toDate, ...o }) => {
      const kind = RELATIONSHIP_KINDS.find((k) => k.code === relKind);
      return {
        id: relId,
        kind: relKind,
        label: (forward ? kind?.label : kind?.inverse) ?? relKind,
        fromDate,
        toDate,
        other: other(o),
      };
    });
  const households: HouseholdView[] = memberships.map((m) => ({
    ...m,
    members: members.filter((x) => x.householdId === m.householdId && visible(x.id)).map((x) => other(x)),
  }));
  return { names, addresses, relationships, households, involvements };
}
