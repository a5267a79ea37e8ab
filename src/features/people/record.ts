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
  createdAt: Date | string;
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

type Other = Omit<OtherPerson, 'canOpen'>;
type RelRow = Other & {
  relId: string;
  relKind: string;
  forward: boolean;
  fromDate: string | null;
  toDate: string | null;
};
type MemberRow = Other & { householdId: string; fromDate: string | null; toDate: string | null };

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

export async function loadRecordParts(db: Db, actor: Actor, personId: string): Promise<RecordParts> {
  const [row] = await db.query<{
    names: NameRow[];
    addresses: AddressRow[];
    rels: RelRow[];
    memberships: Omit<HouseholdView, 'members'>[];
    members: MemberRow[];
    involvements: InvolvementRow[];
  }>(PARTS_SQL, [personId, actor.partnershipId]);
  const { names, addresses, rels, memberships, members, involvements } = row!;

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
