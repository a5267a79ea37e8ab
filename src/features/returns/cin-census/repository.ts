/**
 * The casework records a CIN census year holds, read set-wise (one statement per module, however
 * many children): every child with an episode of need open at some time in the year, and of each
 * such episode the modules the year reports. A date after the year's end is not yet known to the
 * return: a closure, an authorisation or an end after 31 March reads as still open.
 */
import type { Db } from '../../../db/index.ts';
import { withoutJit } from '../repository.ts';

export interface ChildRow {
  person_id: string;
  council_id: string | null;
  upn: string | null;
  date_of_birth: string | null;
  expected_date: string | null;
  unborn: boolean;
  sex: string;
  ethnicity: string | null;
}
export interface EpisodeRow {
  id: string;
  person_id: string;
  referral_date: string;
  referral_source: string;
  primary_need: string;
  closure_date: string | null;
  closure_reason: string | null;
}
export interface AssessmentRow {
  episode_id: string;
  start_date: string;
  authorised_date: string | null;
  factors: string[];
}
export interface PlanRow {
  episode_id: string;
  start_date: string;
  end_date: string | null;
}
export interface Section47Row {
  episode_id: string;
  start_date: string;
  strategy_date: string;
  icpc_date: string | null;
  conference_needed: boolean | null;
}
export interface CpPlanRow extends PlanRow {
  initial_category: string;
  latest_category: string;
  previous_plans: number;
  review_dates: string[];
}

/** The episodes of the year, as a CTE each statement below starts from. */
const EPISODES = `with ep as (
  select e.id, e.person_id, e.referral_date, e.referral_source, e.primary_need,
         case when e.closure_date <= $3 then e.closure_date end as closure_date,
         case when e.closure_date <= $3 then e.closure_reason end as closure_reason
  from episode e
  where e.partnership_id = $1 and e.referral_date <= $3
    and (e.closure_date is null or e.closure_date >= $2))`;

export interface CensusRows {
  children: ChildRow[];
  episodes: EpisodeRow[];
  assessments: AssessmentRow[];
  cinPlans: PlanRow[];
  section47s: Section47Row[];
  cpPlans: CpPlanRow[];
}

export async function censusRows(
  db: Db,
  partnershipId: string,
  start: string,
  end: string,
): Promise<CensusRows> {
  const p = [partnershipId, start, end];
  // One after another on one connection, without JIT (withoutJit says why).
  const [children, episodes, assessments, cinPlans, section47s, cpPlans] = await withoutJit(
    db,
    async (tx) =>
      [
        await tx.query<ChildRow>(
          `${EPISODES}
       select p.id as person_id, p.council_id, p.upn, p.date_of_birth, p.expected_date, p.unborn, p.sex, p.ethnicity
       from person p where p.id in (select person_id from ep) order by p.council_id nulls last, p.id`,
          p,
        ),
        await tx.query<EpisodeRow>(`${EPISODES} select * from ep order by person_id, referral_date`, p),
        await tx.query<AssessmentRow>(
          `${EPISODES}
       select a.episode_id, a.start_date,
              case when a.authorised_date <= $3 then a.authorised_date end as authorised_date,
              case when a.authorised_date <= $3 then a.factors else '{}' end as factors
       from assessment a join ep on ep.id = a.episode_id
       where a.start_date <= $3 and (a.authorised_date is null or a.authorised_date >= $2)
       order by a.episode_id, a.start_date`,
          p,
        ),
        await tx.query<PlanRow>(
          `${EPISODES}
       select c.episode_id, c.start_date, case when c.end_date <= $3 then c.end_date end as end_date
       from cin_plan c join ep on ep.id = c.episode_id
       where c.start_date <= $3 and (c.end_date is null or c.end_date >= $2)
       order by c.episode_id, c.start_date`,
          p,
        ),
        await tx.query<Section47Row>(
          `${EPISODES}
       select s.episode_id, s.start_date, sd.held_on as strategy_date,
              case when ic.held_on <= $3 then ic.held_on end as icpc_date,
              case when s.outcome_date <= $3 then s.conference_needed end as conference_needed
       from section_47 s join ep on ep.id = s.episode_id
       join strategy_discussion sd on sd.id = s.strategy_discussion_id
       left join conference ic on ic.section_47_id = s.id and ic.kind = 'initial'
       where s.start_date <= $3
         and (ic.held_on is null or ic.held_on >= $2)
         and not (ic.held_on is null and s.conference_needed = false and s.outcome_date < $2)
       order by s.episode_id, s.start_date`,
          p,
        ),
        await tx.query<CpPlanRow>(
          `${EPISODES}
       select c.episode_id, c.start_date, case when c.end_date <= $3 then c.end_date end as end_date,
              c.initial_category, c.latest_category,
              (select count(*)::int from cp_plan o where o.person_id = c.person_id and o.start_date < c.start_date)
                as previous_plans,
              coalesce((select array_agg(to_char(r.held_on, 'YYYY-MM-DD') order by r.held_on) from conference r
                        where r.cp_plan_id = c.id and r.kind = 'review' and r.held_on <= $3), '{}') as review_dates
       from cp_plan c join ep on ep.id = c.episode_id
       where c.start_date <= $3 and (c.end_date is null or c.end_date >= $2)
       order by c.episode_id, c.start_date`,
          p,
        ),
      ] as const,
  );
  return { children, episodes, assessments, cinPlans, section47s, cpPlans };
}
