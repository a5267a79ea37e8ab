/** Early help led by any agency: episodes started, assessments in time, steps up and down, outcomes. */
import { londonDay, type MeasureArea } from './types.ts';

export const earlyHelp: MeasureArea = {
  key: 'early-help',
  title: 'Early help',
  measures: [
    {
      key: 'eh-started',
      title: 'Early help episodes started',
      definition:
        'Early help episodes for a family that a lead practitioner took on in the period, counted on the day the episode started, by the lead practitioner’s agency and by how it started: from the MASH, directly by a practitioner, or stepped down from social care.',
      kind: 'count',
      unit: 'episodes',
      breakdowns: { agency: 'Lead agency', grp: 'Started' },
      groupOrder: ['From the MASH', 'Directly', 'Stepped down'],
      facts: `select e.started_on as on_date, 1 as hit, null::int as counted, ag.name as agency,
          null::text as team,
          case e.source when 'mash' then 'From the MASH' when 'direct' then 'Directly'
            else 'Stepped down' end as grp
        from eh_episode e left join agency ag on ag.id = e.lead_agency_id
        where e.partnership_id = $1 and e.status <> 'offered'`,
    },
    {
      key: 'eh-assessments-in-time',
      title: 'Early help assessments completed in time',
      definition:
        'Of the early help assessments completed in the period, the share completed by the day they were due (the local early help assessment clock, in working days from the episode’s start). By the lead agency.',
      kind: 'proportion',
      unit: 'assessments',
      breakdowns: { agency: 'Lead agency' },
      facts: `select e.assessment_completed_on as on_date,
          (e.assessment_completed_on <= e.assessment_due)::int as hit, 1 as counted,
          ag.name as agency, null::text as team, null::text as grp
        from eh_episode e left join agency ag on ag.id = e.lead_agency_id
        where e.partnership_id = $1 and e.assessment_completed_on is not null`,
    },
    {
      key: 'eh-steps',
      title: 'Steps up to social care and down to early help',
      definition:
        'Requests in the period to step a family up from early help to social care (a contact at the MASH) and to step a family down from social care to an early help lead practitioner, counted on the day asked.',
      kind: 'count',
      unit: 'requests',
      breakdowns: { grp: 'Step' },
      groupOrder: ['Step-ups', 'Step-downs'],
      facts: `select ${londonDay('s.requested_at')} as on_date, 1 as hit, null::int as counted,
          null::text as agency, null::text as team,
          case s.kind when 'up' then 'Step-ups' else 'Step-downs' end as grp
        from eh_step s where s.partnership_id = $1`,
    },
    {
      key: 'eh-closed',
      title: 'Early help episodes closed, by outcome',
      definition:
        'Early help episodes closed in the period, counted on the day closed, by the outcome the lead practitioner recorded.',
      kind: 'count',
      unit: 'episodes',
      breakdowns: { grp: 'Outcome' },
      groupOrder: [
        'Needs met',
        'Stepped up to social care',
        'Needs met by another service',
        'Family withdrew consent',
        'Family stopped taking part',
        'Moved away',
      ],
      facts: `select e.closed_on as on_date, 1 as hit, null::int as counted, null::text as agency,
          null::text as team,
          case e.outcome when 'needs_met' then 'Needs met'
            when 'stepped_up' then 'Stepped up to social care'
            when 'other_service' then 'Needs met by another service'
            when 'consent_withdrawn' then 'Family withdrew consent'
            when 'disengaged' then 'Family stopped taking part'
            when 'moved_away' then 'Moved away' else 'Not recorded' end as grp
        from eh_episode e where e.partnership_id = $1 and e.closed_on is not null`,
    },
  ],
};
