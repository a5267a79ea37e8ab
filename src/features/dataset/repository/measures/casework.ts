/** Statutory casework: assessments, section 47 enquiries, conferences and child protection plans. */
import { dueJoin, type MeasureArea } from './types.ts';

const NONE = `null::text as agency, null::text as team`;

export const casework: MeasureArea = {
  key: 'casework',
  title: 'Assessments and child protection',
  measures: [
    {
      key: 'assessments-in-time',
      title: 'Assessments completed within 45 working days',
      definition:
        'Of the single assessments completed in the period, the share completed within 45 working days of the referral date of their episode (bank holidays are not working days; a referral on a non-working day starts the clock on the next working day). By the team the referral was sent to.',
      kind: 'proportion',
      unit: 'assessments',
      breakdowns: { team: 'Team' },
      facts: `select a.completed_date as on_date, (a.completed_date <= due.d)::int as hit, 1 as counted,
          null::text as agency, coalesce(t.name, 'Team not recorded') as team, null::text as grp
        from assessment a join episode e on e.id = a.episode_id
          left join referral r on r.id = e.referral_id left join team t on t.id = r.team_id
          join cal s on s.d = e.referral_date left join cal due on ${dueJoin('s', 'due', '45')}
        where a.partnership_id = $1 and a.completed_date is not null`,
    },
    {
      key: 'section-47s',
      title: 'Section 47 enquiries started',
      definition: 'Section 47 enquiries started in the period, counted on their start date.',
      kind: 'count',
      unit: 'enquiries',
      breakdowns: {},
      facts: `select s.start_date as on_date, 1 as hit, null::int as counted, ${NONE}, null::text as grp
        from section_47 s where s.partnership_id = $1`,
    },
    {
      key: 'icpc-in-time',
      title: 'Initial conferences within 15 working days',
      definition:
        'Of the initial child protection conferences held in the period, the share held within 15 working days of the strategy discussion that began the section 47 enquiry.',
      kind: 'proportion',
      unit: 'conferences',
      breakdowns: {},
      facts: `select c.held_on as on_date, (c.held_on <= due.d)::int as hit, 1 as counted, ${NONE},
          null::text as grp
        from conference c join section_47 s47 on s47.id = c.section_47_id
          join strategy_discussion sd on sd.id = s47.strategy_discussion_id
          join cal s on s.d = sd.held_on left join cal due on ${dueJoin('s', 'due', '15')}
        where c.partnership_id = $1 and c.kind = 'initial'`,
    },
    {
      key: 'cp-plans-started',
      title: 'Child protection plans started, by category',
      definition:
        'Child protection plans that started in the period, by the category of abuse at the start: neglect, physical, emotional, sexual abuse, or multiple.',
      kind: 'count',
      unit: 'plans',
      breakdowns: { grp: 'Category' },
      groupOrder: ['Neglect', 'Physical abuse', 'Emotional abuse', 'Sexual abuse', 'Multiple'],
      facts: `select p.start_date as on_date, 1 as hit, null::int as counted, ${NONE},
          case p.initial_category when 'NEG' then 'Neglect' when 'PHY' then 'Physical abuse'
            when 'EMO' then 'Emotional abuse' when 'SAB' then 'Sexual abuse' else 'Multiple' end as grp
        from cp_plan p where p.partnership_id = $1`,
    },
    {
      key: 'cp-plans-ended-length',
      title: 'Child protection plans ended, by length',
      definition:
        'Child protection plans that ended in the period, by how long they had lasted from start to end date: under 3 months, 3 to under 6 months, 6 to under 12 months, 1 to under 2 years, 2 years or more.',
      kind: 'count',
      unit: 'plans',
      breakdowns: { grp: 'Length' },
      groupOrder: [
        'Under 3 months',
        '3 to under 6 months',
        '6 to under 12 months',
        '1 to under 2 years',
        '2 years or more',
      ],
      facts: `select p.end_date as on_date, 1 as hit, null::int as counted, ${NONE},
          case when p.end_date < (p.start_date + interval '3 months')::date then 'Under 3 months'
            when p.end_date < (p.start_date + interval '6 months')::date then '3 to under 6 months'
            when p.end_date < (p.start_date + interval '12 months')::date then '6 to under 12 months'
            when p.end_date < (p.start_date + interval '24 months')::date then '1 to under 2 years'
            else '2 years or more' end as grp
        from cp_plan p where p.partnership_id = $1 and p.end_date is not null`,
    },
    {
      key: 'repeat-plans',
      title: 'Repeat child protection plans',
      definition:
        'Of the child protection plans that started in the period, the share for a child who had been on a child protection plan before (a second or later plan, at any time).',
      kind: 'proportion',
      unit: 'plans',
      breakdowns: {},
      facts: `select p.start_date as on_date,
          exists (select 1 from cp_plan q where q.person_id = p.person_id and q.id <> p.id
            and q.partnership_id = p.partnership_id and q.start_date < p.start_date)::int as hit,
          1 as counted, ${NONE}, null::text as grp
        from cp_plan p where p.partnership_id = $1`,
    },
  ],
};
