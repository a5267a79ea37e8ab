/** Adding to a record: names, addresses, relationships, households, involvements. Audited in the tx. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import {
  personAccessMany,
  requirePermission,
  requirePersonWriteAccess,
} from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { ValidationError } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import {
  addressInput,
  addressSchema,
  householdInput,
  householdSchema,
  involvementInput,
  involvementSchema,
  nameSchema,
  relationshipSchema,
  type AddressInput,
  type HouseholdInput,
  type InvolvementInput,
  type NameInput,
  type RelationshipInput,
} from './part-schemas.ts';
import { insertName } from './repository/person.ts';
import {
  activeAgencies,
  insertAddress,
  insertHouseholdMember,
  insertInvolvement,
  insertRelationship,
  nearbyHouseholds,
  openRelationshipExists,
} from './repository/parts.ts';

async function mayChange(db: Db, actor: Actor, personId: string) {
  requirePermission(actor, 'person.edit');
  return requirePersonWriteAccess(db, actor, personId);
}

/** Writes one new part of the record and its audit event in one transaction; returns the part's id. */
function addPart(
  db: Db,
  actor: Actor,
  personId: string,
  what: { action: string; entityType: string; detail: Record<string, unknown> },
  write: (tx: Db) => Promise<string>,
): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await write(tx);
    await audit(tx, actor, { ...what, entityId: id, personId });
    return id;
  });
}

/** Checks permission and access for an add form (nothing of the record is read). */
export async function checkMayChange(db: Db, actor: Actor, personId: string): Promise<void> {
  await mayChange(db, actor, personId);
}

export async function addName(db: Db, actor: Actor, personId: string, name: NameInput): Promise<string> {
  await mayChange(db, actor, personId);
  const input = parse(nameSchema, name);
  const what = { action: 'person.name_add', entityType: 'person_name', detail: { kind: input.kind } };
  return addPart(db, actor, personId, what, (tx) => insertName(tx, actor.partnershipId, personId, input));
}

export async function addAddress(
  db: Db,
  actor: Actor,
  personId: string,
  address: AddressInput,
): Promise<string> {
  await mayChange(db, actor, personId);
  const input = addressInput(parse(addressSchema, address));
  const what = { action: 'person.address_add', entityType: 'address', detail: { current: input.current } };
  return addPart(db, actor, personId, what, (tx) => insertAddress(tx, actor.partnershipId, personId, input));
}

/** Links another person the actor may find in search (restricted records they are not named on are refused). */
export async function addRelationship(
  db: Db,
  actor: Actor,
  personId: string,
  relationship: RelationshipInput,
): Promise<string> {
  await mayChange(db, actor, personId);
  const r = parse(relationshipSchema, relationship);
  const input = { ...r, fromDate: r.fromDate ?? null };
  const field = 'relatedPersonId';
  if (input.relatedPersonId === personId)
    throw new ValidationError([{ field, message: 'Select someone other than this person' }]);
  const other = (await personAccessMany(db, actor, [input.relatedPersonId])).get(input.relatedPersonId);
  if (!other || other.hidden)
    throw new ValidationError([{ field, message: 'Select the person from the search results' }]);
  if (await openRelationshipExists(db, actor.partnershipId, personId, input))
    throw new ValidationError([{ field, message: 'This relationship is already recorded' }]);
  return db.transaction(async (tx) => {
    const id = await insertRelationship(tx, actor.partnershipId, personId, input);
    for (const who of [personId, input.relatedPersonId]) {
      await audit(tx, actor, {
        action: 'person.relationship_add',
        entityType: 'relationship',
        entityId: id,
        personId: who,
        detail: { kind: input.kind, personId, relatedPersonId: input.relatedPersonId },
      });
    }
    return id;
  });
}

/** The households offered on the household form: the person's own and their relatives'. */
export async function householdChoices(db: Db, actor: Actor, personId: string) {
  await mayChange(db, actor, personId);
  return nearbyHouseholds(db, actor.partnershipId, personId);
}

export async function addHouseholdMembership(
  db: Db,
  actor: Actor,
  personId: string,
  household: HouseholdInput,
): Promise<string> {
  await mayChange(db, actor, personId);
  const input = householdInput(
    parse(householdSchema, { ...household, household: household.householdId ?? 'new' }),
  );
  if (input.householdId) {
    const choices = await nearbyHouseholds(db, actor.partnershipId, personId);
    if (!choices.some((h) => h.id === input.householdId))
      throw new ValidationError([{ field: 'household', message: 'Select a household from the list' }]);
  }
  return db.transaction(async (tx) => {
    const { householdId, memberId } = await insertHouseholdMember(tx, actor.partnershipId, personId, input);
    await audit(tx, actor, {
      action: 'person.household_add',
      entityType: 'household_member',
      entityId: memberId,
      personId,
      detail: { householdId, newHousehold: !input.householdId },
    });
    return householdId;
  });
}

export async function agencyChoices(db: Db, actor: Actor, personId: string) {
  await mayChange(db, actor, personId);
  return activeAgencies(db, actor.partnershipId);
}

export async function addInvolvement(
  db: Db,
  actor: Actor,
  personId: string,
  involvement: InvolvementInput,
): Promise<string> {
  await mayChange(db, actor, personId);
  const input = involvementInput(parse(involvementSchema, involvement));
  const agencies = await activeAgencies(db, actor.partnershipId);
  if (!agencies.some((a) => a.id === input.agencyId))
    throw new ValidationError([{ field: 'agencyId', message: 'Select the agency from the list' }]);
  const what = {
    action: 'person.involvement_add',
    entityType: 'involvement',
    detail: { agencyId: input.agencyId, role: input.role, open: !input.endedOn },
  };
  return addPart(db, actor, personId, what, (tx) =>
    insertInvolvement(tx, actor.partnershipId, personId, input),
  );
}
