/**
 * STAND-IN, TO BE REPLACED: Annex A list 2 needs early help assessments, which the early help
 * feature (being built beside this one) will answer with
 * `earlyHelpAssessmentsBetween(db, actor, from, to)` from its service.ts. Until it exists, this reads
 * the front door's early help decisions (early_help_request): the decision's date stands for the
 * assessment's start, no completion is known, and the lead agency is the council's. Replace the
 * import in lists.ts with the early help service's function and delete this file.
 */
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../../platform/access/actor.ts';

export interface EarlyHelpAssessment {
  personId: string;
  assessmentStarted: string;
  assessmentCompleted: string | null;
  leadAgencyName: string;
}

export async function earlyHelpAssessmentsBetween(
  db: Db,
  actor: Pick<Actor, 'partnershipId'>,
  from: string,
  to: string,
): Promise<EarlyHelpAssessment[]> {
  return db.query<EarlyHelpAssessment>(
    `select r.person_id as "personId",
            (r.created_at at time zone 'Europe/London')::date::text as "assessmentStarted",
            null as "assessmentCompleted", coalesce(a.name, 'Not recorded') as "leadAgencyName"
     from early_help_request r
     left join app_user u on u.id = r.created_by left join agency a on a.id = u.agency_id
     where r.partnership_id = $1 and (r.created_at at time zone 'Europe/London')::date between $2 and $3
     order by r.created_at`,
    [actor.partnershipId, from, to],
  );
}
