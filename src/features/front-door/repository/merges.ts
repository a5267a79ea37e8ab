/**
 * Merging two records of one person, reversibly. Every row of every table that points at the merged
 * record (found from the database's foreign keys, so tables added later are covered) moves to the
 * kept record; a row that cannot move (it would duplicate one the kept record has) is removed and
 * kept whole in the merge's record, so that undo can put it back.
 */
import { maybeOne, one, type Db } from '../../../db/index.ts';

/** What a merge changed, in order: enough to undo it. */
export type Moved =
  | { op: 'moved'; table: string; column: string; key: Record<string, unknown>; kind?: string }
  | { op: 'deleted'; table: string; column: string; row: Record<string, unknown> }
  | { op: 'field'; field: IdentifierColumn; value: string };

export type IdentifierColumn = 'nhs_number' | 'upn' | 'council_id';
const IDENTIFIER_COLUMNS: readonly IdentifierColumn[] = ['nhs_number', 'upn', 'council_id'];

interface Reference {
  table: string;
  column: string;
  pk: string[];
}

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

export interface MergeCandidate {
  id: string;
  kind: string;
  restricted: boolean;
  sex: string;
  nhs_number: string | null;
  upn: string | null;
  council_id: string | null;
}

/** The two records, locked for the merge. */
export function lockRecords(tx: Db, partnershipId: string, ids: string[]) {
  return tx.query<MergeCandidate>(
    `select id, kind, restricted, sex, nhs_number, upn, council_id from person
     where id = any($1::uuid[]) and partnership_id = $2 for update`,
    [ids, partnershipId],
  );
}

/** The kinds of relationship the index records between two people (either direction, open or ended). */
export function relationshipBetween(tx: Db, partnershipId: string, a: string, b: string) {
  return tx.query<{ kind: string }>(
    `select kind from relationship where partnership_id = $1
       and ((person_id = $2 and related_person_id = $3) or (person_id = $3 and related_person_id = $2))`,
    [partnershipId, a, b],
  );
}

/**
 * Moves everything of `from` to `to`: an identifier `to` lacks, every row that points at `from`,
 * and `from`'s current name, which becomes an alias of `to`.
 */
export async function moveRecord(tx: Db, from: MergeCandidate, to: MergeCandidate): Promise<Moved[]> {
  const moved: Moved[] = [];
  for (const field of IDENTIFIER_COLUMNS) {
    const value = from[field];
    if (value && !to[field]) {
      await tx.query(`update person set ${field} = null where id = $1`, [from.id]);
      await tx.query(`update person set ${field} = $2 where id = $1`, [to.id, value]);
      moved.push({ op: 'field', field, value });
    }
  }
  for (const ref of await personReferences(tx)) await moveRows(tx, ref, from.id, to.id, moved);
  for (const m of moved) {
    if (m.op !== 'moved' || m.table !== 'person_name') continue;
    const r = await maybeOne<{ kind: string }>(
      tx,
      `update person_name set kind = 'alias' where id = $1 and kind = 'current' returning 'current' as kind`,
      [m.key.id],
    );
    if (r) m.kind = r.kind;
  }
  return moved;
}

export interface NewMerge {
  partnershipId: string;
  keptId: string;
  mergedId: string;
  contactId: string;
  reason: string;
  moved: Moved[];
  by: string;
}

export async function insertMerge(tx: Db, m: NewMerge) {
  const { id } = await one<{ id: string }>(
    tx,
    `insert into person_merge (partnership_id, kept_person_id, merged_person_id, contact_id, reason, moved, merged_by)
     values ($1,$2,$3,$4,$5,$6,$7) returning id`,
    [m.partnershipId, m.keptId, m.mergedId, m.contactId, m.reason, JSON.stringify(m.moved), m.by],
  );
  return id;
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
  contactId: string | null;
}

const MERGE_COLS = `m.id, m.kept_person_id as "keptPersonId", m.merged_person_id as "mergedPersonId",
       trim(k.given_name || ' ' || k.family_name) as "keptName", trim(x.given_name || ' ' || x.family_name) as "mergedName",
       m.reason, m.merged_at as "mergedAt", mb.display_name as "mergedByName", m.undone_at as "undoneAt",
       ub.display_name as "undoneByName", m.contact_id as "contactId"
     from person_merge m join person k on k.id = m.kept_person_id join person x on x.id = m.merged_person_id
       join app_user mb on mb.id = m.merged_by left join app_user ub on ub.id = m.undone_by`;

/** The merges made while working a contact, newest first. */
export function mergesOn(db: Db, partnershipId: string, contactId: string) {
  return db.query<MergeRow>(
    `select ${MERGE_COLS} where m.partnership_id = $1 and m.contact_id = $2 order by m.merged_at desc`,
    [partnershipId, contactId],
  );
}

/** One merge of the partnership. */
export function mergeById(db: Db, partnershipId: string, mergeId: string) {
  return maybeOne<MergeRow>(db, `select ${MERGE_COLS} where m.partnership_id = $1 and m.id = $2`, [
    partnershipId,
    mergeId,
  ]);
}

export interface LockedMerge {
  kept: string;
  merged: string;
  moved: Moved[];
  contactId: string | null;
  undoneAt: Date | null;
}

export function lockMerge(tx: Db, partnershipId: string, mergeId: string) {
  return maybeOne<LockedMerge>(
    tx,
    `select kept_person_id as kept, merged_person_id as merged, moved, contact_id as "contactId", undone_at as "undoneAt"
     from person_merge where id = $1 and partnership_id = $2 for update`,
    [mergeId, partnershipId],
  );
}

/** Puts back what a merge changed; returns what could not be put back. */
export async function undoMoves(tx: Db, m: LockedMerge): Promise<string[]> {
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
  return problems;
}

export async function markUndone(tx: Db, mergeId: string, by: string): Promise<void> {
  await tx.query(`update person_merge set undone_at = now(), undone_by = $2 where id = $1`, [mergeId, by]);
}
