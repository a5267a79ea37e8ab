/** SQL of what the front door adds to the summary at the top of a child's record. */
import { maybeOne, type Db } from '../../../db/index.ts';

/** The latest open contact about the person whose referrer said a child is at immediate risk. */
export async function openImmediateRisk(db: Db, pid: string, personId: string) {
  return maybeOne<{ receivedAt: Date }>(
    db,
    `select c.received_at as "receivedAt"
     from contact c join contact_person cp on cp.contact_id = c.id
     where c.partnership_id = $1 and cp.person_id = $2 and c.status = 'open'
       and c.immediate_risk ->> 'status' = 'yes'
     order by c.received_at desc limit 1`,
    [pid, personId],
  );
}
