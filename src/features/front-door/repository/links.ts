/** Links between the people on a contact and the records of the person index. */
import { maybeOne, type Db } from '../../../db/index.ts';

/** Of these people, those merged into another record (and not undone). */
export async function mergedAwayOf(db: Db, partnershipId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.query<{ id: string }>(
    `select merged_person_id as id from person_merge
     where partnership_id = $1 and undone_at is null and merged_person_id = any($2::uuid[])`,
    [partnershipId, ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** The records on a contact. */
export async function recordIdsOn(db: Db, contactId: string): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>(
    `select person_id as id from contact_person where contact_id = $1`,
    [contactId],
  );
  return new Set(rows.map((r) => r.id));
}

/** Whether a record of the partnership is a child's or an adult's; undefined when there is none. */
export async function recordKind(db: Db, partnershipId: string, personId: string) {
  const row = await maybeOne<{ kind: string }>(
    db,
    `select kind from person where id = $1 and partnership_id = $2`,
    [personId, partnershipId],
  );
  return row?.kind;
}

/** Links a person on the contact to a record, and puts the record on the contact. */
export async function linkSubjectTo(
  tx: Db,
  partnershipId: string,
  link: { contactId: string; subjectId: string; personId: string; kind: 'existing' | 'created'; by: string },
): Promise<void> {
  await tx.query(
    `update contact_subject set person_id = $3, link_kind = $4, linked_at = now(), linked_by = $5
     where id = $1 and partnership_id = $2`,
    [link.subjectId, partnershipId, link.personId, link.kind, link.by],
  );
  await tx.query(
    `insert into contact_person (contact_id, person_id, partnership_id) values ($1,$2,$3) on conflict do nothing`,
    [link.contactId, link.personId, partnershipId],
  );
}

export async function unlinkSubject(tx: Db, subjectId: string): Promise<void> {
  await tx.query(
    `update contact_subject set person_id = null, link_kind = null, linked_at = null, linked_by = null where id = $1`,
    [subjectId],
  );
}

/** Takes a record off the contact, unless a person on it is still linked to that record. */
export async function dropRecordUnlessLinked(tx: Db, contactId: string, personId: string): Promise<void> {
  await tx.query(
    `delete from contact_person cp where cp.contact_id = $1 and cp.person_id = $2
       and not exists (select 1 from contact_subject s where s.contact_id = $1 and s.person_id = $2)`,
    [contactId, personId],
  );
}
