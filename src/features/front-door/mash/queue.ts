/** The MASH queue: contacts with their clocks, RAG rating and assignment, filtered. */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';
import { personAccessMany, UUID } from '../../../platform/access/policy.ts';
import { audit, auditMany } from '../../../platform/audit.ts';
import { requireHub } from '../access.ts';
import { decisionLabel, isRag } from '../codes.ts';
import { decisionClock, type ClockState } from '../timing.ts';

export interface QueueFilters {
  status: 'open' | 'decided' | 'all';
  rag: '' | 'red' | 'amber' | 'green' | 'none';
  assigned: '' | 'me' | 'none' | string;
}

export function queueFilters(query: unknown): QueueFilters {
  const q = (query ?? {}) as Record<string, unknown>;
  const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : '');
  const status = s('status');
  const rag = s('rag');
  const assigned = s('assigned');
  return {
    status: status === 'decided' || status === 'all' ? status : 'open',
    rag: isRag(rag) || rag === 'none' ? rag : '',
    assigned: assigned === 'me' || assigned === 'none' || UUID.test(assigned) ? assigned.toLowerCase() : '',
  };
}

export interface QueueRow {
  id: string;
  reference: string | null;
  status: string;
  source: string;
  sourceAgencyName: string | null;
  receivedAt: Date;
  decisionDue: string | null;
  rag: string | null;
  assignedName: string | null;
  decision: string | null;
  decisionLabel: string;
  decidedAt: Date | null;
  repeat: boolean;
  openRequests: number;
  children: { name: string; personId: string | null; fromIndex?: boolean }[];
  clock: ClockState & { due: string };
}

const QUEUE_SQL = `
select c.id, c.reference, c.status, c.source, a.name as "sourceAgencyName", c.received_at as "receivedAt",
  c.decision_due as "decisionDue", c.rag, u.display_name as "assignedName", c.decision, c.decided_at as "decidedAt",
  c.repeat_of is not null as repeat,
  (select count(*)::int from information_request ir where ir.contact_id = c.id and ir.status = 'open') as "openRequests",
  coalesce((select json_agg(json_build_object('name', trim(s.given_name || ' ' || s.family_name), 'personId', s.person_id)
      order by s.position) from contact_subject s where s.contact_id = c.id and s.kind = 'child'),
    (select json_agg(json_build_object('name', trim(p.given_name || ' ' || p.family_name), 'personId', p.id,
        'fromIndex', true))
      from contact_person cp join person p on p.id = cp.person_id where cp.contact_id = c.id and p.kind = 'child'),
    '[]') as children
from contact c
  left join agency a on a.id = c.source_agency_id
  left join app_user u on u.id = c.assigned_to
where c.partnership_id = $1
  and ($2 = 'all' or ($2 = 'open' and c.status = 'open') or ($2 = 'decided' and c.status <> 'open'))
  and ($3 = '' or ($3 = 'none' and c.rag is null) or c.rag = $3)
  and ($4 = '' or ($4 = 'none' and c.assigned_to is null) or ($4 = 'me' and c.assigned_to = $5)
       or ($4 not in ('me', 'none') and c.assigned_to::text = $4))
order by case when c.status = 'open' then c.received_at end asc, c.received_at desc
limit 200`;

/**
 * The hub's queue. Children's names come as the referrer gave them; a linked record the actor may
 * not see (restricted) is named as the referrer described it, never from the index.
 */
export async function mashQueue(
  db: Db,
  actor: Actor,
  filters: QueueFilters,
  now = new Date(),
): Promise<QueueRow[]> {
  requireHub(actor);
  const rows = await db.query<Omit<QueueRow, 'clock' | 'decisionLabel'>>(QUEUE_SQL, [
    actor.partnershipId,
    filters.status,
    filters.rag,
    filters.assigned,
    actor.userId,
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
    decisionLabel: decisionLabel(r.decision),
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
    detail: { filters, count: out.length },
  });
  const listed = [
    ...new Set(out.flatMap((r) => r.children.map((c) => c.personId)).filter((x): x is string => !!x)),
  ];
  await auditMany(
    db,
    actor,
    listed.map((id) => ({
      action: 'person.listed',
      entityType: 'person',
      entityId: id,
      personId: id,
      detail: { page: 'mash.queue' },
    })),
  );
  return out;
}
