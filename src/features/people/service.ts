/**
 * The person index: create, read, edit with optimistic concurrency, and the parts of a record.
 * Every function checks permission and access first, and audits reads and changes. What other
 * features use of the person index is exported here.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { RecordPart } from '../../platform/access/roles.ts';
import {
  personAccessMany,
  requirePermission,
  requirePersonAccess,
  requirePersonWriteAccess,
  type PersonAccess,
} from '../../platform/access/policy.ts';
import { aboutPerson, audit, auditMany } from '../../platform/audit.ts';
import { findCandidates, likelihoodWords } from '../matching/service.ts';
import { mergedInto } from './merged.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { londonToday } from '../../platform/dates.ts';
import { parse } from '../../platform/validation.ts';
import { ETHNICITIES, INVOLVEMENT_ROLES, NAME_KIND_LABELS, roleForAgencyKind, SEXES } from './codes.ts';
import { ageOf } from './format.ts';
import { loadRecordParts, type RecordParts } from './record.ts';
import { addressInput, addressSchema, type AddressInput } from './part-schemas.ts';
import { insertAddress, insertInvolvement } from './repository/parts.ts';
import {
  duplicateIdentifiers,
  findHeading,
  findPerson,
  insertName,
  insertPerson,
  replaceCurrentName,
  uniqueViolationField,
  updatePerson as updatePersonRow,
  type PersonHeading,
  type PersonRow,
} from './repository/person.ts';
import { personFieldsSchema, personInput, personSchema, type PersonInput } from './schemas.ts';

export { keptRecordFor } from './merged.ts';
export { breakGlassOnRecord } from './break-glass.ts';
export { ETHNICITIES, INVOLVEMENT_ROLES, RELATIONSHIP_KINDS } from './codes.ts';
export type { PersonHeading, PersonInput, PersonRow };

/**
 * Checks access and returns what every page about a person shows at its top. Does not audit: the
 * page that shows it audits its own read. (The people feature owns this; keep the signature.)
 */
export async function personHeading(
  db: Db,
  actor: Actor,
  personId: string,
  part: RecordPart = 'record',
): Promise<{ access: PersonAccess; person: PersonHeading }> {
  const access = await requirePersonAccess(db, actor, personId, part);
  const row = await findHeading(db, actor.partnershipId, personId);
  if (!row) throw new Error('person vanished after the access check');
  return { access, person: row };
}

/** Who the person is, as the API shows them at the top of any answer about them. */
export function personJson(p: PersonHeading) {
  return {
    id: p.id,
    kind: p.kind,
    unborn: p.unborn,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    expectedDate: p.expectedDate,
  };
}

export interface PersonRecord extends RecordParts {
  access: PersonAccess;
  person: PersonRow;
}

/** A stale edit: carries the record as it is now, so the page can show what changed. */
export class PersonConflictError extends ConflictError {
  constructor(readonly current: PersonRow) {
    super(
      `${current.updatedByName ?? 'Someone else'} changed this record after you opened it. Your changes have not been saved: check the record as it is now and make your changes again.`,
    );
  }
}

async function withIdentifierErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const field = uniqueViolationField(err);
    if (!field) throw err;
    throw new ValidationError([
      { field, message: 'Another person’s record already has this identifier. Search for it instead.' },
    ]);
  }
}

/** A record of the index that may be the person about to be added. */
export interface PossibleMatch {
  personId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string | null;
  /** The chance it is this person, in words. */
  likelihood: string;
  /** The only evidence is the address (someone else who lives or lived there?). */
  addressOnly: boolean;
  canOpen: boolean;
}

/** The chance of being the same person from which a record is offered before adding one. */
const MATCH_SHOWN = 0.1;
/** A record is offered only when something that names the person agrees, not a date of birth alone. */
const IDENTIFYING = new Set(['given', 'family', 'nhs', 'upn']);

/**
 * Before a record is added: the records of the index the same matcher as the front door's finds
 * for these details, at least a one-in-ten chance (same kind, restricted records the actor is not named on and merged records
 * left out), best first. Each record shown is audited. An identifier another record already has
 * is refused here as createPerson refuses it.
 */
export async function possibleMatches(
  db: Db,
  actor: Actor,
  person: PersonInput,
  address: AddressInput | null,
): Promise<PossibleMatch[]> {
  requirePermission(actor, 'person.create');
  const input = personInput(parse(personFieldsSchema, person));
  const dupes = await duplicateIdentifiers(db, actor.partnershipId, input, null);
  if (dupes.length) throw new ValidationError(dupes);
  const found = await findCandidates(
    db,
    actor.partnershipId,
    {
      givenName: person.givenName,
      familyName: person.familyName,
      dateOfBirth: person.dateOfBirth,
      sex: person.sex === 'unknown' ? null : person.sex,
      nhsNumber: person.nhsNumber,
      upn: person.upn,
      address,
    },
    { limit: 10 },
  );
  const sameKind = found.filter(
    (c) =>
      c.kind === person.kind &&
      c.score.probability >= MATCH_SHOWN &&
      c.score.fields.some((f) => IDENTIFYING.has(f.field) && f.weight > 0),
  );
  const access = await personAccessMany(
    db,
    actor,
    sameKind.map((c) => c.personId),
  );
  const shown: PossibleMatch[] = [];
  for (const c of sameKind) {
    const a = access.get(c.personId);
    if (!a || a.hidden || (await mergedInto(db, actor.partnershipId, c.personId))) continue;
    shown.push({
      personId: c.personId,
      givenName: c.givenName,
      familyName: c.familyName,
      dateOfBirth: c.dateOfBirth,
      likelihood: likelihoodWords(c.score.probability),
      addressOnly: c.score.addressOnly === true,
      canOpen: a.canOpen,
    });
    if (shown.length === 5) break;
  }
  await auditMany(
    db,
    actor,
    shown.map((m) => aboutPerson(m.personId, 'person.match_candidate', { page: 'people.new' })),
  );
  return shown;
}

/**
 * Creates a person; the creator's team gets an open involvement so that it can see the record.
 * The fields are checked again here, not the rules the index's own forms apply across them: a
 * record made from a referral may know a child's age and not their date of birth.
 */
export async function createPerson(
  db: Db,
  actor: Actor,
  person: PersonInput,
  firstAddress: AddressInput | null = null,
  today = londonToday(),
): Promise<string> {
  requirePermission(actor, 'person.create');
  const input = personInput(parse(personFieldsSchema, person));
  const address = firstAddress && addressInput(parse(addressSchema, firstAddress));
  const dupes = await duplicateIdentifiers(db, actor.partnershipId, input, null);
  if (dupes.length) throw new ValidationError(dupes);
  return withIdentifierErrors(() =>
    db.transaction(async (tx) => {
      const pid = actor.partnershipId;
      const id = await insertPerson(tx, pid, input, actor.userId);
      await insertName(tx, pid, id, {
        kind: 'current',
        givenName: input.givenName,
        familyName: input.familyName,
      });
      if (address) await insertAddress(tx, pid, id, address);
      // The creator's team, not their whole agency (a user with no team: their agency).
      await insertInvolvement(tx, pid, id, {
        agencyId: actor.agencyId,
        teamId: actor.teamId,
        role: roleForAgencyKind(actor.agencyKind),
        startedOn: today,
        endedOn: null,
      });
      await audit(
        tx,
        actor,
        aboutPerson(id, 'person.create', {
          kind: input.kind,
          unborn: input.unborn,
          address: Boolean(address),
        }),
      );
      return id;
    }),
  );
}

/** The whole record (without the chronology), audited as a view. */
export async function getPersonRecord(db: Db, actor: Actor, personId: string): Promise<PersonRecord> {
  const access = await requirePersonAccess(db, actor, personId);
  const person = await findPerson(db, actor.partnershipId, personId);
  if (!person) throw new Error('person vanished after the access check');
  const parts = await loadRecordParts(db, actor, personId);
  await audit(db, actor, aboutPerson(personId, 'person.view', { basis: access.basis }));
  return { access, person, ...parts };
}

/** The record with the words a page shows for its codes (an audited view, as getPersonRecord). */
export async function personRecordView(db: Db, actor: Actor, personId: string) {
  const record = await getPersonRecord(db, actor, personId);
  const p = record.person;
  return {
    ...record,
    age: ageOf(p.dateOfBirth, p.unborn),
    ethnicityLabel: ETHNICITIES.labelOf(p.ethnicity),
    sexLabel: SEXES.labelOf(p.sex),
    nameKinds: NAME_KIND_LABELS,
    roleLabels: Object.fromEntries(INVOLVEMENT_ROLES.map((r) => [r.value, r.label])),
  };
}

/** What the record page says after a change of the person index (`?saved=<key>`). */
export const SAVED_MESSAGES: Record<string, string> = {
  created: 'Record created',
  updated: 'Record updated',
  name: 'Name added',
  address: 'Address added',
  relationship: 'Relationship added',
  household: 'Household membership added',
  involvement: 'Involvement added',
};

/** The person's own fields for the edit form (audited as a read). */
export async function getPersonForEdit(db: Db, actor: Actor, personId: string): Promise<PersonRow> {
  requirePermission(actor, 'person.edit');
  await requirePersonWriteAccess(db, actor, personId);
  const person = await findPerson(db, actor.partnershipId, personId);
  if (!person) throw new Error('person vanished after the access check');
  await audit(db, actor, aboutPerson(personId, 'person.view_for_edit'));
  return person;
}

const FIELDS: (keyof PersonInput)[] = [
  'kind',
  'unborn',
  'givenName',
  'familyName',
  'dateOfBirth',
  'expectedDate',
  'sex',
  'ethnicity',
  'nhsNumber',
  'upn',
  'councilId',
];

/**
 * Saves an edit made from `version`, by the person index's fields and rules. When someone saved
 * in between, nothing is written and a PersonConflictError carries the record as it is now.
 */
export async function updatePerson(
  db: Db,
  actor: Actor,
  personId: string,
  version: number,
  person: PersonInput,
): Promise<number> {
  requirePermission(actor, 'person.edit');
  await requirePersonWriteAccess(db, actor, personId);
  const input = personInput(parse(personSchema, person));
  const pid = actor.partnershipId;
  const dupes = await duplicateIdentifiers(db, pid, input, personId);
  if (dupes.length) throw new ValidationError(dupes);
  return withIdentifierErrors(() =>
    db.transaction(async (tx) => {
      const before = await findPerson(tx, pid, personId);
      if (!before) throw new Error('person vanished after the access check');
      const next = await updatePersonRow(tx, pid, personId, version, input, actor.userId);
      if (next === undefined) throw new PersonConflictError(before);
      const changed = FIELDS.filter((k) => (before[k] ?? null) !== (input[k] ?? null));
      if (changed.includes('givenName') || changed.includes('familyName')) {
        await replaceCurrentName(tx, pid, personId, input);
      }
      await audit(tx, actor, aboutPerson(personId, 'person.update', { changed, version: next }));
      return next;
    }),
  );
}
