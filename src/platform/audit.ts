import type { Db } from '../db/index.ts';
import type { Actor } from './access/actor.ts';
import { ROLE_RELATIONSHIPS } from './access/roles.ts';

export interface AuditEntry {
  action: string;
  entityType?: string;
  entityId?: string;
  personId?: string | null;
  reason?: string;
  detail?: Record<string, unknown>;
}

/** An event about a person: the person is both what was acted on and whose record it is. */
export function aboutPerson(personId: string, action: string, detail?: Record<string, unknown>): AuditEntry {
  return { action, entityType: 'person', entityId: personId, personId, ...(detail && { detail }) };
}

/**
 * An event about a person by a user who reads across the partnership (the scrutineer) records the
 * scrutiny relationship as its basis, so that every read made for scrutiny can be listed (the
 * scrutiny reads page). A refusal is no read.
 */
function withBasis(actor: Actor | null, entry: AuditEntry): Record<string, unknown> {
  const detail = entry.detail ?? {};
  if (!actor || !entry.personId || detail.basis || entry.action.endsWith('_refused')) return detail;
  const scrutiny = actor.roles.some((r) => ROLE_RELATIONSHIPS[r].includes('scrutiny'));
  return scrutiny ? { ...detail, basis: 'scrutiny' } : detail;
}

/**
 * Writes one audit event. Call it with the transaction's handle for changes (so the event and the
 * change commit together) and after the read for reads. The database chains and guards the row.
 */
export async function audit(
  db: Db,
  actor: Actor | null,
  entry: AuditEntry,
  partnershipId?: string,
): Promise<void> {
  const pid = actor?.partnershipId ?? partnershipId;
  if (!pid) throw new Error('audit needs a partnership');
  await db.query(
    `insert into audit_event (partnership_id, user_id, user_name, role, agency_id, action, entity_type, entity_id,
       person_id, reason, ip, detail, prev_hash, hash)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,'','')`,
    [
      pid,
      actor?.userId ?? null,
      actor?.name ?? null,
      actor ? actor.roles.join(',') : null,
      actor?.agencyId ?? null,
      entry.action,
      entry.entityType ?? null,
      entry.entityId ?? null,
      entry.personId ?? null,
      entry.reason ?? null,
      actor?.ip ?? null,
      JSON.stringify(withBasis(actor, entry)),
    ],
  );
}

/** Many read events at once (search results, lists): one statement. */
export async function auditMany(db: Db, actor: Actor, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const params: unknown[] = [
    actor.partnershipId,
    actor.userId,
    actor.name,
    actor.roles.join(','),
    actor.agencyId,
  ];
  params.push(actor.ip ?? null);
  const values = entries.map((e) => {
    const base = params.length;
    params.push(e.action, e.entityType ?? null, e.entityId ?? null, e.personId ?? null, e.reason ?? null);
    params.push(JSON.stringify(withBasis(actor, e)));
    return `($1,$2,$3,$4,$5,$${base + 1},$${base + 2},$${base + 3},$${base + 4},$${base + 5},$6,$${base + 6},'','')`;
  });
  await db.query(
    `insert into audit_event (partnership_id, user_id, user_name, role, agency_id, action, entity_type, entity_id,
       person_id, reason, ip, detail, prev_hash, hash) values ${values.join(',')}`,
    params,
  );
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  head?: string;
  brokenAt?: { seq: number; problem: string };
}

/**
 * Walks the chain in order: each row's prev_hash must be the previous row's hash and its hash must
 * match its content. Names the first broken link.
 */
export async function verifyAuditChain(db: Db, partnershipId?: string): Promise<ChainCheck> {
  const partnerships = partnershipId
    ? [partnershipId]
    : (await db.query<{ id: string }>('select distinct partnership_id as id from audit_event')).map(
        (r) => r.id,
      );
  let checked = 0;
  let head: string | undefined;
  for (const pid of partnerships) {
    let prev = 'genesis';
    let after = 0;
    for (;;) {
      const rows = await db.query<{ seq: number; prev_hash: string; hash: string; digest: string }>(
        `select seq, prev_hash, hash, audit_event_digest(e) as digest from audit_event e
         where partnership_id = $1 and seq > $2 order by seq limit 5000`,
        [pid, after],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        if (r.prev_hash !== prev) {
          return {
            ok: false,
            checked,
            brokenAt: {
              seq: r.seq,
              problem: 'previous link does not match (a row is missing or was replaced)',
            },
          };
        }
        if (r.digest !== r.hash) {
          return {
            ok: false,
            checked,
            brokenAt: { seq: r.seq, problem: 'content does not match its hash (the row was changed)' },
          };
        }
        prev = r.hash;
        after = r.seq;
        checked++;
      }
    }
    head = prev;
  }
  return { ok: true, checked, head };
}
