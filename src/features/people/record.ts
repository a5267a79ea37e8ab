/** The parts of a person's record as pages show them (after the caller's access check). */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { personAccessMany } from '../../platform/access/policy.ts';
import { RELATIONSHIP_KINDS } from './codes.ts';
import {
  recordPartRows,
  type AddressRow,
  type InvolvementRow,
  type MembershipRow,
  type NameRow,
  type OtherRow,
} from './repository/parts.ts';

export type { AddressRow, InvolvementRow, NameRow };

export interface OtherPerson extends OtherRow {
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

export interface HouseholdView extends MembershipRow {
  members: (OtherPerson & { fromDate: string | null; toDate: string | null })[];
}

export interface RecordParts {
  names: NameRow[];
  addresses: AddressRow[];
  relationships: RelationshipView[];
  households: HouseholdView[];
  involvements: InvolvementRow[];
}

export async function loadRecordParts(db: Db, actor: Actor, personId: string): Promise<RecordParts> {
  const { names, addresses, rels, memberships, members, involvements } = await recordPartRows(
    db,
    actor.partnershipId,
    personId,
  );

  // Other people appear only when not restricted from this user, with a link when they may open them.
  const access = await personAccessMany(db, actor, [...rels.map((r) => r.id), ...members.map((m) => m.id)]);
  const other = <T extends OtherRow>(o: T) => ({
    ...o,
    canOpen: access.get(o.id)?.canOpen ?? false,
  });
  const visible = (id: string) => access.has(id) && !access.get(id)!.hidden;
  const relationships: RelationshipView[] = rels
    .filter((r) => visible(r.id))
    .map(({ relId, relKind, forward, fromDate, toDate, ...o }) => {
      const kind = RELATIONSHIP_KINDS.find((k) => k.value === relKind);
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
