/** The MASH queue: contacts with their children, RAG rating and assignment, filtered and paged. */
import { one, type Db } from '../../../db/index.ts';

export interface QueueFilters {
  status: 'open' | 'decided' | 'all';
  rag: '' | 'red' | 'amber' | 'green' | 'none';
  /** '' anyone or no one, 'me', 'none', or a user's id. */
  assigned: string;
}

export interface QueueChild {
  name: string;
  personId: string | null;
  /** The name is the index's (no person on the contact was described), not the referrer's. */
  fromIndex?: boolean;
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
  decidedAt: Date | null;
  repeat: boolean;
  /** The referrer said a child is at immediate risk. */
  immediateRisk: boolean;
  openRequests: number;
  children: QueueChild[];
}

// $1 partnership, $2 status, $3 rag, $4 assigned, $5 the viewer (for 'me').
const WHERE = `c.partnership_id = $1
  and ($2 = 'all' or ($2 = 'open' and c.status = 'open') or ($2 = 'decided' and c.status <> 'open'))
  and ($3 = '' or ($3 = 'none' and c.rag is null) or c.rag = $3)
  and ($4 = '' or ($4 = 'none' and c.assigned_to is null) or ($4 = 'me' and c.assigned_to = $5)
       or ($4 not in ('me', 'none') and c.assigned_to::text = $4))`;

const QUEUE_SQL = `
select c.id, c.reference, c.status, c.source, a.name as "sourceAgencyName", c.received_at as "receivedAt",
  c.decision_due as "decisionDue", c.rag, u.display_name as "assignedName", c.decision, c.decided_at as "decidedAt",
  c.repeat_of is not null as repeat, coalesce(c.immediate_risk->>'status' = 'yes', false) as "immediateRisk",
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
where ${WHERE}
order by case when c.status = 'open' and c.rag = 'red' then 0 else 1 end,
  case when c.status = 'open' then c.received_at end asc, c.received_at desc, c.id
limit $6 offset $7`;

/**
 * Open contacts rated red first (a child at immediate risk arrives red), then the others oldest first
 * (the longest waiting at the top), then the decided newest first.
 */
export function queueRows(
  db: Db,
  partnershipId: string,
  viewerId: string,
  f: QueueFilters,
  slice: { limit: number; offset: number },
) {
  return db.query<QueueRow>(QUEUE_SQL, [
    partnershipId,
    f.status,
    f.rag,
    f.assigned,
    viewerId,
    slice.limit,
    slice.offset,
  ]);
}

export async function countQueue(db: Db, partnershipId: string, viewerId: string, f: QueueFilters) {
  const { n } = await one<{ n: number }>(db, `select count(*)::int as n from contact c where ${WHERE}`, [
    partnershipId,
    f.status,
    f.rag,
    f.assigned,
    viewerId,
  ]);
  return n;
}
