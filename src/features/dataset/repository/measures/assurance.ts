/** The partnership's assurance: case audit grades, section 11 ratings, training reach, escalations. */
import { londonDay, type MeasureArea } from './types.ts';

export const assurance: MeasureArea = {
  key: 'assurance',
  title: 'Audits, section 11, training and escalations',
  measures: [
    {
      key: 'audit-grades',
      title: 'Case audit grades',
      definition:
        'Children’s cases graded in multi-agency case audits, by the grade the business manager agreed at moderation, counted on the day of moderation.',
      kind: 'count',
      unit: 'cases',
      breakdowns: { grp: 'Grade' },
      groupOrder: ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'],
      facts: `select ${londonDay('c.moderated_at')} as on_date, 1 as hit, null::int as counted,
          null::text as agency, null::text as team,
          initcap(replace(c.moderated_grade, '_', ' ')) as grp
        from case_audit_child c where c.partnership_id = $1 and c.moderated_grade is not null`,
    },
    {
      key: 's11-ratings',
      title: 'Section 11 ratings',
      definition:
        'The ratings agencies gave themselves against the section 11 (and schools’) standards in the self-assessments they submitted in the period, after any challenge changed them. By rating and by agency.',
      kind: 'count',
      unit: 'standards',
      breakdowns: { grp: 'Rating', agency: 'Agency' },
      groupOrder: ['Green', 'Amber', 'Red'],
      facts: `select ${londonDay('s.submitted_at')} as on_date, 1 as hit, null::int as counted,
          ag.name as agency, null::text as team, initcap(a.rating) as grp
        from s11_assessment s join s11_answer a on a.assessment_id = s.id
          join agency ag on ag.id = s.agency_id
        where s.partnership_id = $1 and s.status = 'submitted' and a.rating is not null`,
    },
    {
      key: 'training-reach',
      title: 'Training attended',
      definition:
        'Places on the partnership’s training at which the practitioner attended, counted on the day of the session, by the agency the practitioner worked for when they booked.',
      kind: 'count',
      unit: 'places',
      breakdowns: { agency: 'Agency' },
      facts: `select s.held_on as on_date, 1 as hit, null::int as counted, ag.name as agency,
          null::text as team, null::text as grp
        from training_booking b join training_session s on s.id = b.session_id
          join agency ag on ag.id = b.agency_id
        where b.partnership_id = $1 and b.attendance = 'attended'`,
    },
    {
      key: 'escalations-raised',
      title: 'Escalations raised',
      definition:
        'Professional disagreements about a child’s case raised in the period, counted on the day raised, by the agency that raised them.',
      kind: 'count',
      unit: 'escalations',
      breakdowns: { agency: 'Agency' },
      facts: `select e.raised_on as on_date, 1 as hit, null::int as counted, ag.name as agency,
          null::text as team, null::text as grp
        from escalation e join agency ag on ag.id = e.raising_agency_id where e.partnership_id = $1`,
    },
    {
      key: 'escalations-resolved',
      title: 'Escalations resolved, by the stage reached',
      definition:
        'Professional disagreements resolved in the period, by the stage at which they were resolved: between practitioners, managers, heads of service, or by the partnership.',
      kind: 'count',
      unit: 'escalations',
      breakdowns: { grp: 'Stage' },
      groupOrder: ['Practitioners', 'Managers', 'Heads of service', 'Partnership'],
      facts: `select e.resolved_on as on_date, 1 as hit, null::int as counted, null::text as agency,
          null::text as team,
          case e.stage when 'practitioners' then 'Practitioners' when 'managers' then 'Managers'
            when 'heads' then 'Heads of service' else 'Partnership' end as grp
        from escalation e where e.partnership_id = $1 and e.resolved_on is not null`,
    },
  ],
};
