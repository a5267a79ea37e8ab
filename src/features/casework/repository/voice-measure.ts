/**
 * Where the child's voice is heard, counted from the casework records: of the assessments, visits,
 * conferences and plan reviews recorded since a date, how many have the child's own words (a
 * child_voice row for the step). Counts only, by quarter, kind, and the recorder's agency and team.
 */
import type { Db } from '../../../db/index.ts';

export interface VoiceMeasureRow {
  /** 'YYYY-Qn' */
  quarter: string;
  kind: 'assessment' | 'visit' | 'conference' | 'plan_review';
  agency: string;
  team: string;
  records: number;
  heard: number;
}

export function childVoiceCounts(db: Db, partnershipId: string, since: string): Promise<VoiceMeasureRow[]> {
  return db.query<VoiceMeasureRow>(
    `with recs as (
       select 'assessment' as kind, a.id, a.completed_date as on_date, a.created_by from assessment a
         where a.partnership_id = $1 and a.completed_date >= $2
       union all
       select 'visit', v.id, v.visited_on, v.created_by from visit v
         where v.partnership_id = $1 and v.visited_on >= $2 and v.seen
       union all
       select 'conference', c.id, c.held_on, c.created_by from conference c
         where c.partnership_id = $1 and c.held_on >= $2
       union all
       select 'plan_review', r.id, r.held_on, r.created_by from cin_plan_review r
         where r.partnership_id = $1 and r.held_on >= $2
     )
     select to_char(recs.on_date, 'YYYY-"Q"Q') as quarter, recs.kind,
       coalesce(ag.name, 'Not recorded') as agency, coalesce(t.name, 'No team') as team,
       count(*)::int as records,
       count(*) filter (where exists (select 1 from child_voice cv
         where cv.context_id = recs.id and cv.partnership_id = $1))::int as heard
     from recs left join app_user u on u.id = recs.created_by
       left join agency ag on ag.id = u.agency_id left join team t on t.id = u.team_id
     group by 1, 2, 3, 4 order by 1, 3, 4, 2`,
    [partnershipId, since],
  );
}
