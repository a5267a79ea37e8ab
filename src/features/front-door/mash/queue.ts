/** The MASH queue: contacts with their clocks, RAG rating and assignment, filtered. */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { personAccessMany } from '../../../platform/access/policy.ts';
import { audit } from '../../../platform/audit.ts';
import { requireHub } from '../access.ts';
import { auditListed } from './contacts.ts';
import { DECISIONS } from '../codes.ts';
import { paged, sliceOf, type Paged } from '../paging.ts';
import { countQueue, queueRows, type QueueFilters, type QueueRow } from '../repository/queue.ts';
import { decisionClock, type ClockState } from '../timing.ts';

export type { QueueFilters } from '../repository/queue.ts';

export interface ShownQueueRow extends Omit<QueueRow, 'children'> {
  children: { name: string; personId: string | null }[];
  decisionLabel: string;
  clock: ClockState & { due: string };
}

/**
 * The hub's queue. Children's names come as the referrer gave them; a linked record the actor may
 * not see (restricted) is named as the referrer described it, never from the index.
 */
export async function mashQueue(
  db: Db,
  actor: Actor,
  filters: QueueFilters & { page: number },
  now = new Date(),
): Promise<Paged<ShownQueueRow>> {
  requireHub(actor);
  const { page, ...f } = filters;
  const [rows, total] = await Promise.all([
    queueRows(db, actor.partnershipId, actor.userId, f, sliceOf(page)),
    countQueue(db, actor.partnershipId, actor.userId, f),
  ]);
  const personIds = rows.flatMap((r) =>
    r.children.map((c) => c.personId).filter((x): x is string => Boolean(x)),
  );
  const access = await personAccessMany(db, actor, personIds);
  const out = rows.map((r) => ({
    ...r,
    // A name from the index shows only to whoever may open that record; the referrer's words always.
    children: r.children.map(({ fromIndex, ...c }) => {
      const a = c.personId ? access.get(c.personId) : undefined;
      if (fromIndex && !a?.canOpen) return { name: 'A child whose record you cannot open', personId: null };
      return a?.hidden ? { ...c, personId: null } : c;
    }),
    decisionLabel: DECISIONS.labelOf(r.decision),
    clock: decisionClock(
      new Date(r.receivedAt),
      r.decisionDue,
      now,
      r.decidedAt ? new Date(r.decidedAt) : null,
    ),
  }));
  await audit(db, actor, {
    action: 'mash.queue_view',
    entityType: 'contact',
    detail: { filters: f, page, count: out.length },
  });
  await auditListed(
    db,
    actor,
    out.flatMap((r) => r.children.map((c) => c.personId)),
    { page: 'mash.queue' },
  );
  return paged(out, page, total);
}
