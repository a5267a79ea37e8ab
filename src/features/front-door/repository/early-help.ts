/**
 * The early help history of the people on a contact, for the MASH: what early help tried, who led
 * it, how it ended, and whether the family is back within 12 months of it closing. Read from the
 * early help feature's tables (early help uses the front door's service to step up, so the front
 * door cannot call early help's service back).
 */
import type { Db } from '../../../db/index.ts';

export interface EarlyHelpOnContact {
  id: string;
  reference: string;
  status: 'offered' | 'open' | 'closed';
  leadAgency: string | null;
  startedOn: string;
  assessmentCompletedOn: string | null;
  reviews: number;
  closedOn: string | null;
  outcome: string | null;
  children: string;
  /** Closed within the 12 months before today: the family is back. */
  backWithinYear: boolean;
}

export function earlyHelpOf(db: Db, partnershipId: string, personIds: string[], today: string) {
  if (personIds.length === 0) return Promise.resolve([] as EarlyHelpOnContact[]);
  return db.query<EarlyHelpOnContact>(
    `select e.id, e.reference, e.status, a.name as "leadAgency", e.started_on::text as "startedOn",
       e.assessment_completed_on::text as "assessmentCompletedOn",
       (select count(*)::int from eh_review r where r.episode_id = e.id) as reviews,
       e.closed_on::text as "closedOn", e.outcome,
       (select string_agg(trim(p.given_name || ' ' || p.family_name), ', ') from eh_member m join person p on p.id = m.person_id
         where m.episode_id = e.id and m.kind = 'child') as children,
       (e.status = 'closed' and e.closed_on > $3::date - interval '12 months') as "backWithinYear"
     from eh_episode e left join agency a on a.id = e.lead_agency_id
     where e.partnership_id = $1 and exists (select 1 from eh_member m where m.episode_id = e.id and m.person_id = any($2::uuid[]))
     order by e.started_on desc`,
    [partnershipId, personIds, today],
  );
}
