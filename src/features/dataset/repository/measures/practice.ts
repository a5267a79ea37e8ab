/** Practice with children: visits in time, the child's voice, caseloads and unallocated children. */
import { dueJoin, type MeasureArea } from './types.ts';

/** The last day of each month of the year up to today: the days the snapshots are taken. */
const MONTH_ENDS = `select (m + interval '1 month - 1 day')::date as d
  from generate_series($2::date, $3::date, interval '1 month') m
  where (m + interval '1 month - 1 day')::date <= (now() at time zone 'Europe/London')::date`;

export const practice: MeasureArea = {
  key: 'practice',
  title: 'Visits, the child’s voice and caseloads',
  measures: [
    {
      key: 'cp-visits-in-time',
      title: 'Child protection visits in time',
      definition:
        'Of the visits to children on a child protection plan made in the period, the share made within the local visit interval (working days) of the last visit at which the child was seen, or of the plan’s start for the first visit.',
      kind: 'proportion',
      unit: 'visits',
      breakdowns: {},
      facts: `select v.visited_on as on_date, (v.visited_on <= due.d)::int as hit, 1 as counted,
          null::text as agency, null::text as team, null::text as grp
        from (select v.visited_on, coalesce(max(case when v.seen then v.visited_on end) over (
                partition by v.cp_plan_id order by v.visited_on, v.id
                rows between unbounded preceding and 1 preceding), p.start_date) as since
              from visit v join cp_plan p on p.id = v.cp_plan_id
              where v.partnership_id = $1) v
          join cal s on s.d = v.since left join cal due on ${dueJoin('s', 'due', '$5::int')}`,
    },
    {
      key: 'voice-recorded',
      title: 'The child’s voice recorded',
      definition:
        'Of the assessments completed, conferences held, child in need plan reviews held and visits at which the child was seen in the period, the share with the child’s own words recorded for that step. By the kind of step.',
      kind: 'proportion',
      unit: 'steps',
      breakdowns: { grp: 'Step' },
      groupOrder: ['Assessments', 'Conferences', 'Plan reviews', 'Visits'],
      facts: `select r.on_date, exists (select 1 from child_voice cv where cv.context_id = r.id
            and cv.partnership_id = $1)::int as hit, 1 as counted,
          null::text as agency, null::text as team, r.grp
        from (select a.id, a.completed_date as on_date, 'Assessments' as grp from assessment a
                where a.partnership_id = $1 and a.completed_date is not null
              union all select c.id, c.held_on, 'Conferences' from conference c where c.partnership_id = $1
              union all select p.id, p.held_on, 'Plan reviews' from cin_plan_review p where p.partnership_id = $1
              union all select v.id, v.visited_on, 'Visits' from visit v where v.partnership_id = $1 and v.seen
             ) r`,
    },
    {
      key: 'unallocated',
      title: 'Children unallocated',
      definition:
        'Children with an open episode of need on the last day of the period (or today, for a period not yet ended) who had no allocated worker that day. By the team the referral was sent to.',
      kind: 'count',
      snapshot: true,
      unit: 'children',
      breakdowns: { team: 'Team' },
      facts: `select m.d as on_date, 1 as hit, null::int as counted, null::text as agency,
          coalesce(t.name, 'Team not recorded') as team, null::text as grp
        from (${MONTH_ENDS}) m
          join episode e on e.partnership_id = $1 and e.referral_date <= m.d
            and (e.closure_date is null or e.closure_date > m.d)
          left join referral r on r.id = e.referral_id left join team t on t.id = r.team_id
        where not exists (select 1 from allocation a where a.person_id = e.person_id
          and (a.started_at at time zone 'Europe/London')::date <= m.d
          and (a.ended_at is null or (a.ended_at at time zone 'Europe/London')::date > m.d))`,
    },
    {
      key: 'caseloads',
      title: 'Average caseload',
      definition:
        'On the last day of the period (or today), the children allocated to each worker holding at least one allocation, averaged over those workers. By the worker’s team.',
      kind: 'average',
      snapshot: true,
      unit: 'workers',
      breakdowns: { team: 'Team' },
      facts: `select m.d as on_date, count(*)::int as hit, 1 as counted, null::text as agency,
          coalesce(t.name, 'No team') as team, null::text as grp
        from (${MONTH_ENDS}) m
          join allocation a on a.partnership_id = $1
            and (a.started_at at time zone 'Europe/London')::date <= m.d
            and (a.ended_at is null or (a.ended_at at time zone 'Europe/London')::date > m.d)
          join app_user u on u.id = a.user_id left join team t on t.id = u.team_id
        group by m.d, a.user_id, t.name`,
    },
  ],
};
