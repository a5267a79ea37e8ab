/** SQL of what the front door adds to the summary at the top of a child's record. */
import { maybeOne, type Db } from '../../../db/index.ts';

/**
 * When a referral saying a child is at immediate risk was received, while it is still open: at the
 * MASH, or decided and waiting for a worker (the risk is nobody's yet).
 */
export async function openImmediateRisk(db: Db, pid: string, personId: string) {
  return maybeOne<{ receivedAt: Date }>(
    db,
    `select max(received_at) as "receivedAt" from (
       select c.received_at from contact c join contact_person cp on cp.contact_id = c.id
       where c.partnership_id = $1 and cp.person_id = $2 and c.status = 'open'
         and c.immediate_risk ->> 'status' = 'yes'
       union all
       select r.received_at from referral r
       where r.partnership_id = $1 and r.person_id = $2 and r.status = 'awaiting_allocation'
         and r.immediate_risk
     ) open_risk having max(received_at) is not null`,
    [pid, personId],
  );
}
