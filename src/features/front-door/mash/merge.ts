/**
 * Merging two records of one person, reversibly. Every row of every table that points at the
 * merged record (found from the database's foreign keys, so tables added later are covered) is
 * moved to the kept record; a row that cannot move (it would duplicate one the kept record has)
 * is removed and kept whole in the merge's record. Undo moves and restores each one.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { personAccessMany, requirePermission } from '../../../platform/access/policy.ts';
import { audit } from '../../../platform/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../../platform/errors.ts';
import { idOf, requireHub } from '../access.ts';
import { loadSubjects } from './contacts.ts';
import { candidatesFor, contactAndSubject, linkInTx, mergedAway, requireOpen } from './matching.ts';
import { LONG_MAX, Problems, text } from '../referrals/rules.ts';

interface Reference {
  table: string;
  column: string;
  pk: string[];
}

type Moved =
  | { op: 'moved'; table: string; column: string; key: Record<string, unknown>; kind?: string }
  | { op: 'deleted'; table: string; column: string; row: Record<string, unknown> }
  | { op: 'field'; field: 'nhs_number' | 'upn' | 'council_id'; value: string };

const NAME = /^[a-z_][a-z0-9_]*$/;
/** Tables whose rows describe merges themselves. */
const SKIP = new Set(['person_merge']);

async function personReferences(tx: Db): Promise<Reference[]> {
  const rows = await tx.query<{ table: string; column: string; pk: string[] | null }>(
    `select c.conrelid::regclass::text as table, a.attname::text as column,
       (select array_agg(pa.attname::text order by array_position(pk.conkey, pa.attnum))
          from pg_constraint pk join pg_attribute pa on pa.attrelid = pk.conrelid and pa.attnum = any(pk.conkey)
         where pk.conrelid = c.conrelid and pk.contype = 'p') as pk
     from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
     where c.contype = 'f' and c.confrelid = 'person'::regclass and cardinality(c.conkey) = 1
     order by 1, 2`,
  );
  return rows
    .filter((r) => NAME.test(r.table) && NAME.test(r.column) && !SKIP.has(r.table))
    .map((r) => ({ table: r.table, column: r.column, pk: (r.pk ?? []).filter((c) => NAME.test(c)) }));
}

/** Runs fn in a savepoint: on a database error, rolls back to it and returns the error. */
async function attempt(tx: Db, fn: () => Promise<void>): Promise<unknown> {
  await tx.exec('savepoint together_merge');
  try {
    await fn();
    await tx.exec('release savepoint together_merge');
    return undefined;
  } catch (err) {
    await tx.exec('rollback to savepoint together_merge');
    return err;
  }
}

const keyOf = (row: Record<string, unknown>, pk: string[]) => Object.fromEntries(pk.map((c) => [c, row[c]]));

async function moveRows(tx: Db, ref: Reference, from: string, to: string, moved: Moved[]): Promise<void> {
  const { table, column, pk } = ref;
  const rows = await tx.query<{ row: Record<string, unknown> }>(
    `select to_jsonb(t) as row from ${table} t where t.${column} = $1`,
    [from],
  );
  if (!rows.length) return;
  if (!pk.length) throw new Error(`cannot merge: ${table} has no primary key`);
  for (const { row } of rows) {
    const key = keyOf({ ...row, [column]: to }, pk);
    const err = await attempt(tx, async () => {
      await tx.query(
        `update ${table} t set ${column} = $1 where t.${column} = $2 and to_jsonb(t) @> $3::jsonb`,
        [to, from, JSON.stringify(keyOf(row, pk))],
      );
    });
    if (!err) {
      moved.push({ op: 'moved', table, column, key });
      continue;
    }
    // It would duplicate a row of the kept record (or relate the person to themself): keep it aside.
    await tx.query(`delete from ${table} t where t.${column} = $1 and to_jsonb(t) @> $2::jsonb`, [
      from,
      JSON.stringify(keyOf(row, pk)),
    ]);
    moved.push({ op: 'deleted', table, column, row });
  }
}

interface PersonIds {
  kind: string;
  restricted: boolean;
  nhs_number: string | null;
  upn: string | null;
  council_id: string | null;
}

/**
 * Merges `mergeId` into `keepId`, both people the officer may see on this contact's work (on the
 * contact, or candidates for the person on it), and links the person on the contact to the kept
 * record. Restricted records are never merged here.
 */
export async function mergePeople(
  db: Db,
  actor: Actor,
  input: { contactId: string; subjectId: string; keepId: string; mergeId: string; reason: string },
): Promise<string> {
  requireHub(actor);
  requirePermission(actor, 'person.edit');
  const p = new Problems();
  const reason = text(p, 'reason', 'Reason', input.reason, LONG_MAX);
  if (!reason) p.add('reason', 'Say why these records are the same person');
  const keepId = idOf(input.keepId);
  const mergeId = idOf(input.mergeId);
  if (keepId === mergeId) p.add('mergeId', 'Choose two different records');
  p.throwIfAny();
  const { contact } = await contactAndSubject(db, actor, input.contactId, input.subjectId);
  requireOpen(contact);
  const { candidates } = await candidatesFor(db, actor, contact.id, input.subjectId);
  const onContact = await db.query<{ id: string }>(
    `select person_id as id from contact_person where contact_id = $1`,
    [contact.id],
  );
  const allowed = new Set([...candidates.map((c) => c.personId), ...onContact.map((r) => r.id)]);
  if (!allowed.has(keepId) || !allowed.has(mergeId)) throw new NotFoundError();
  const access = await personAccessMany(db, actor, [keepId, mergeId]);
  if (access.get(keepId)?.hidden || access.get(mergeId)?.hidden) throw new NotFoundError();
  if ((await mergedAway(db, actor.partnershipId, [keepId, mergeId])).size)
    throw new ConflictError('One of these records has already been merged into another.');

  const mergeRecordId = await db.transaction(async (tx) => {
    const people = await tx.query<PersonIds & { id: string }>(
      `select id, kind, restricted, nhs_number, upn, council_id from person
       where id = any($1::uuid[]) and partnership_id = $2 for update`,
      [[keepId, mergeId], actor.partnershipId],
    );
    const kept = people.find((x) => x.id === keepId);
    const merged = people.find((x) => x.id === mergeId);
    if (!kept || !merged) throw new NotFoundError();
    if (kept.restricted || merged.restricted)
      throw new ValidationError([{ field: 'mergeId', message: 'Restricted records cannot be merged here' }]);
    if (kept.kind !== merged.kind)
      throw new ValidationError([
        { field: 'mergeId', message: 'A child’s record cannot be merged with an adult’s' },
      ]);
    const moved: Moved[] = [];
    for (const field of ['nhs_number', 'upn', 'council_id'] as const) {
      const value = merged[field];
      if (value && !kept[field]) {
        await tx.query(`update person set ${field} = null where id = $1`, [mergeId]);
        await tx.query(`update person set ${field} = $2 where id = $1`, [keepId, value]);
        moved.push({ op: 'field', field, value });
      }
    }
    for (const ref of await personReferences(tx)) await moveRows(tx, ref, mergeId, keepId, moved);
    // The merged record's current name becomes an alias of the kept record.
    for (const m of moved) {
      if (m.op !== 'moved' || m.table !== 'person_name') continue;
      const [r] = await tx.query<{ kind: string }>(
        `update person_name set kind = 'alias' where id = $1 and kind = 'current'
         returning 'current' as kind`,
        [m.key.id],
      );
      if (r) m.kind = r.kind;
    }
    const [row] = await tx.query<{ id: string }>(
      `insert into person_merge (partnership_id, kept_person_id, merged_person_id, contact_id, reason, moved, merged_by)
       values ($1,$2,$3,$4,$5,$6,$7) returning id`,
      [actor.partnershipId, keepId, mergeId, contact.id, reason, JSON.stringify(moved), actor.userId],
    );
    const counts = {
      moved: moved.filter((m) => m.op === 'moved').length,
      set_aside: moved.filter((m) => m.op === 'deleted').length,
    };
    for (const personId of [keepId, mergeId]) {
      await audit(tx, actor, {
        action: 'person.merge',
        entityType: 'person_merge',
        entityId: row!.id,
        personId,
        reason,
        detail: { kept: keepId, merged: mergeId, contactId: contact.id, ...counts },
      });
    }
    // The person on the contact is the kept record now.
    const subject = (await loadSubjects(tx, actor.partnershipId, contact.id)).find(
      (s) => s.id === idOf(input.subjectId),
    );
    if (subject && subject.personId !== keepId)
      await linkInTx(tx, actor, contact.id, subject, keepId, 'existing');
    return row!.id;
  });
  return mergeRecordId;
}

export interface MergeRow {
  id: string;
  keptPersonId: string;
  mergedPersonId: string;
  keptName: string;
  mergedName: string;
  reason: string;
  mergedAt: Date;
  mergedByName: string;
  undoneAt: Date | null;
  undoneByName: string | null;
}

/** The merges made while working a contact. */
export async function mergesForContact(
  db: Db,
  partnershipId: string,
  contactId: string,
): Promise<MergeRow[]> {
  return db.query<MergeRow>(
    `select m.id, m.kept_person_id as "keptPersonId", m.merged_person_id as "mergedPersonId",
       trim(k.given_name || ' ' || k.family_name) as "keptName", trim(x.given_name || ' ' || x.family_name) as "mergedName",
       m.reason, m.merged_at as "mergedAt", mb.display_name as "mergedByName", m.undone_at as "undoneAt",
       ub.display_name as "undoneByName"
     from person_merge m join person k on k.id = m.kept_person_id join person x on x.id = m.merged_person_id
       join app_user mb on mb.id = m.merged_by left join app_user ub on ub.id = m.undone_by
     where m.partnership_id = $1 and m.contact_id = $2 order by m.merged_at desc`,
    [partnershipId, contactId],
  );
}

/** Undoes a merge: every moved row goes back, every row set aside is restored. */
export async function undoMerge(
  db: Db,
  actor: Actor,
  mergeId: string,
): Promise<{ contactId: string | null }> {
  requireHub(actor);
  requirePermission(actor, 'person.edit');
  const id = idOf(mergeId);
  return db.transaction(async (tx) => {
    const [m] = await tx.query<{
      kept: string;
      merged: string;
      moved: Moved[];
      contactId: string | null;
      undoneAt: Date | null;
    }>(
      `select kept_person_id as kept, merged_person_id as merged, moved, contact_id as "contactId", undone_at as "undoneAt"
       from person_merge where id = $1 and partnership_id = $2 for update`,
      [id, actor.partnershipId],
    );
    if (!m) throw new NotFoundError();
    if (m.undoneAt) throw new ConflictError('This merge has already been undone.');
    const problems: string[] = [];
    for (const x of m.moved) {
      if (x.op === 'moved') {
        if (x.kind) await tx.query(`update person_name set kind = $2 where id = $1`, [x.key.id, x.kind]);
        const rows = await tx.query(
          `update ${x.table} t set ${x.column} = $1 where t.${x.column} = $2 and to_jsonb(t) @> $3::jsonb returning 1`,
          [m.merged, m.kept, JSON.stringify(x.key)],
        );
        if (!rows.length) problems.push(`${x.table}: a moved row no longer exists`);
      } else if (x.op === 'field') {
        await tx.query(`update person set ${x.field} = null where id = $1 and ${x.field} = $2`, [
          m.kept,
          x.value,
        ]);
        await tx.query(`update person set ${x.field} = $2 where id = $1 and ${x.field} is null`, [
          m.merged,
          x.value,
        ]);
      }
    }
    for (const x of m.moved) {
      if (x.op !== 'deleted') continue;
      const err = await attempt(tx, async () => {
        await tx.query(
          `insert into ${x.table} select * from jsonb_populate_record(null::${x.table}, $1::jsonb)`,
          [JSON.stringify(x.row)],
        );
      });
      if (err) problems.push(`${x.table}: a row set aside could not be restored`);
    }
    await tx.query(`update person_merge set undone_at = now(), undone_by = $2 where id = $1`, [
      id,
      actor.userId,
    ]);
    for (const personId of [m.kept, m.merged]) {
      await audit(tx, actor, {
        action: 'person.merge_undone',
        entityType: 'person_merge',
        entityId: id,
        personId,
        detail: { kept: m.kept, merged: m.merged, problems },
      });
    }
    return { contactId: m.contactId };
  });
}
