/**
 * Matching the people on a contact to the person index: candidates with their score and why, and
 * linking a person on the contact to an existing record or a new one. Linking adds the record to
 * the contact (contact_person), which is what gives the MASH hub its access to the record.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { personAccessMany, requirePermission } from '../../../platform/access/policy.ts';
import { aboutPerson, audit, auditMany } from '../../../platform/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { findCandidates, likelihoodWords, type Candidate } from '../../matching/service.ts';
import { createPerson } from '../../people/service.ts';
import { parse } from '../../../platform/validation.ts';
import { requireHub } from '../access.ts';
import { linkSchema } from '../schemas.ts';
import { refreshRepeat } from '../repository/contacts.ts';
import * as links from '../repository/links.ts';
import { loadContact, loadSubjects, type ContactRow, type ContactSubject } from './contacts.ts';

export interface ShownCandidate extends Candidate {
  /** The probability in words that do not overstate it ("More than 99%"). */
  likelihood: string;
  /** Already linked to this contact (through another person on it, or this one). */
  onContact: boolean;
}

async function contactAndSubject(db: Db, actor: Actor, contactId: string, subjectId: string) {
  requireHub(actor);
  const contact = await loadContact(db, actor.partnershipId, contactId);
  const subjects = await loadSubjects(db, actor.partnershipId, contact.id);
  const subject = subjects.find((s) => s.id === subjectId);
  if (!subject) throw new NotFoundError();
  return { contact, subjects, subject };
}

function requireOpen(contact: ContactRow): void {
  if (contact.status !== 'open')
    throw new ConflictError('This contact has been decided: the people on it can no longer change.');
}

/** People merged into another record (not undone): never offered as candidates. */
const mergedAway = links.mergedAwayOf;

/**
 * The index's candidates for one person on the contact, best first: same kind (child or adult),
 * restricted records the actor is not named on left out, merged records left out. Each candidate
 * shown is audited.
 */
export async function candidatesFor(db: Db, actor: Actor, contactId: string, subjectId: string) {
  const { contact, subjects, subject } = await contactAndSubject(db, actor, contactId, subjectId);
  requirePermission(actor, 'person.search');
  const household = subjects
    .filter((s) => s.id !== subject.id)
    .map((s) => ({ given: s.givenName, family: s.familyName, dob: s.dateOfBirth }));
  const lives = subject.kind === 'child' || subject.livesWithChild;
  const found = await findCandidates(
    db,
    actor.partnershipId,
    {
      givenName: subject.givenName,
      familyName: subject.familyName === 'Not known' ? '' : subject.familyName,
      otherNames: subject.otherNames
        .split(/[,;]/)
        .map((n) => n.trim())
        .filter(Boolean)
        .map((n) => {
          const parts = n.split(/\s+/);
          return parts.length > 1 ? { given: parts[0], family: parts.slice(1).join(' ') } : { family: n };
        }),
      dateOfBirth: subject.dateOfBirth,
      sex: subject.sex === 'unknown' ? null : subject.sex,
      nhsNumber: subject.nhsNumber,
      upn: subject.upn,
      address: lives && contact.address?.known ? contact.address : null,
      household,
    },
    { limit: 15 },
  );
  const sameKind = found.filter((c) => c.kind === subject.kind);
  const ids = sameKind.map((c) => c.personId);
  const [access, merged, onContact] = await Promise.all([
    personAccessMany(db, actor, ids),
    mergedAway(db, actor.partnershipId, ids),
    links.recordIdsOn(db, contact.id),
  ]);
  const shown: ShownCandidate[] = sameKind
    .filter((c) => !access.get(c.personId)?.hidden && !merged.has(c.personId))
    .slice(0, 8)
    .map((c) => ({
      ...c,
      likelihood: likelihoodWords(c.score.probability),
      onContact: onContact.has(c.personId),
    }));
  await auditMany(
    db,
    actor,
    shown.map((c) =>
      aboutPerson(c.personId, 'person.match_candidate', {
        contactId: contact.id,
        subjectId: subject.id,
        probability: c.score.probability,
      }),
    ),
  );
  return { contact, subject, candidates: shown };
}

/** Checks a record may be linked to this person on the contact. */
async function checkLinkable(db: Db, actor: Actor, subject: ContactSubject, id: string): Promise<void> {
  const kind = await links.recordKind(db, actor.partnershipId, id);
  const access = (await personAccessMany(db, actor, [id])).get(id);
  if (!kind || !access || access.hidden) throw new NotFoundError();
  if ((await mergedAway(db, actor.partnershipId, [id])).size)
    throw new ValidationError([
      { field: 'personId', message: 'That record was merged into another: link to the kept record' },
    ]);
  if (kind !== subject.kind)
    throw new ValidationError([
      {
        field: 'personId',
        message: `That record is ${kind === 'child' ? 'a child’s' : 'an adult’s'}: choose a ${subject.kind}’s record`,
      },
    ]);
}

/** Links the person on the contact to a record, in the caller's transaction. */
export async function linkInTx(
  tx: Db,
  actor: Actor,
  contactId: string,
  subject: ContactSubject,
  personId: string,
  kind: 'existing' | 'created',
): Promise<void> {
  const pid = actor.partnershipId;
  await links.linkSubjectTo(tx, pid, { contactId, subjectId: subject.id, personId, kind, by: actor.userId });
  // The record it was linked to before leaves the contact, unless someone else on it is that record.
  if (subject.personId && subject.personId !== personId)
    await links.dropRecordUnlessLinked(tx, contactId, subject.personId);
  await refreshRepeat(tx, pid, contactId);
  await audit(tx, actor, {
    action: 'contact.subject_linked',
    entityType: 'contact',
    entityId: contactId,
    personId,
    detail: { subjectId: subject.id, kind, previous: subject.personId },
  });
}

export async function linkSubject(
  db: Db,
  actor: Actor,
  contactId: string,
  subjectId: string,
  personId: string,
): Promise<void> {
  const { contact, subject } = await contactAndSubject(db, actor, contactId, subjectId);
  requireOpen(contact);
  const { personId: id } = parse(linkSchema, { personId });
  await checkLinkable(db, actor, subject, id);
  await db.transaction((tx) => linkInTx(tx, actor, contact.id, subject, id, 'existing'));
}

/** Creates a record from the person as the referrer described them, and links it. */
export async function createFromSubject(
  db: Db,
  actor: Actor,
  contactId: string,
  subjectId: string,
): Promise<string> {
  const { contact, subject } = await contactAndSubject(db, actor, contactId, subjectId);
  requireOpen(contact);
  requirePermission(actor, 'person.create');
  if (subject.personId) throw new ConflictError('This person is already linked to a record.');
  const lives = subject.kind === 'child' || subject.livesWithChild;
  const address =
    lives && contact.address?.known
      ? {
          line1: contact.address.line1,
          line2: contact.address.line2,
          town: contact.address.town,
          postcode: contact.address.postcode,
          fromDate: null,
          toDate: null,
          current: true,
        }
      : null;
  return db.transaction(async (tx) => {
    const id = await createPerson(
      tx,
      actor,
      {
        kind: subject.kind,
        unborn: subject.unborn,
        givenName: subject.givenName,
        familyName: subject.familyName,
        dateOfBirth: subject.unborn ? null : subject.dateOfBirth,
        expectedDate: subject.unborn ? subject.expectedDate : null,
        sex:
          subject.sex === 'female' || subject.sex === 'male' || subject.sex === 'indeterminate'
            ? subject.sex
            : 'unknown',
        ethnicity: null,
        nhsNumber: subject.nhsNumber,
        upn: subject.upn,
        councilId: null,
      },
      address,
    );
    await linkInTx(tx, actor, contact.id, subject, id, 'created');
    return id;
  });
}

/** Removes a link made in error: the record leaves the contact unless someone else on it is that record. */
export async function unlinkSubject(
  db: Db,
  actor: Actor,
  contactId: string,
  subjectId: string,
): Promise<void> {
  const { contact, subject } = await contactAndSubject(db, actor, contactId, subjectId);
  requireOpen(contact);
  if (!subject.personId) return;
  await db.transaction(async (tx) => {
    await links.unlinkSubject(tx, subject.id);
    await links.dropRecordUnlessLinked(tx, contact.id, subject.personId!);
    await refreshRepeat(tx, actor.partnershipId, contact.id);
    await audit(tx, actor, {
      action: 'contact.subject_unlinked',
      entityType: 'contact',
      entityId: contact.id,
      personId: subject.personId,
      detail: { subjectId: subject.id },
    });
  });
}

export { contactAndSubject, requireOpen, mergedAway };
