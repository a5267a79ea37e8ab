/** Practice reviews: notifications and rapid reviews on their clocks, and their actions done. */
import type { MeasureArea } from './types.ts';

export const reviews: MeasureArea = {
  key: 'reviews',
  title: 'Practice reviews',
  measures: [
    {
      key: 'si-notified-in-time',
      title: 'Serious incidents notified in time',
      definition:
        'Of the serious incidents notified to the national Child Safeguarding Practice Review Panel in the period, the share notified within 5 working days of the council becoming aware of the incident.',
      kind: 'proportion',
      unit: 'notifications',
      breakdowns: {},
      facts: `select r.notified_on as on_date, (r.notified_on <= r.notification_due_on)::int as hit,
          1 as counted, null::text as agency, null::text as team, null::text as grp
        from review r where r.partnership_id = $1`,
    },
    {
      key: 'rapid-reviews-in-time',
      title: 'Rapid reviews completed in time',
      definition:
        'Of the rapid reviews completed (their decision on a local review made) in the period, the share completed within 15 working days of the notification.',
      kind: 'proportion',
      unit: 'rapid reviews',
      breakdowns: {},
      facts: `select r.rapid_completed_on as on_date,
          (r.rapid_completed_on <= r.rapid_review_due_on)::int as hit, 1 as counted,
          null::text as agency, null::text as team, null::text as grp
        from review r where r.partnership_id = $1 and r.rapid_completed_on is not null`,
    },
    {
      key: 'review-actions-done',
      title: 'Review actions done by their due date',
      definition:
        'Of the actions agreed from rapid reviews and local practice reviews that fell due in the period, the share done (with evidence) by their due date. By the agency that owns the action.',
      kind: 'proportion',
      unit: 'actions',
      breakdowns: { agency: 'Agency' },
      facts: `select a.due_on as on_date,
          (a.status = 'done' and a.completed_on <= a.due_on)::int as hit, 1 as counted,
          ag.name as agency, null::text as team, null::text as grp
        from partnership_action a join agency ag on ag.id = a.owner_agency_id
        where a.partnership_id = $1 and a.source_kind = 'review' and a.status <> 'dropped'`,
    },
  ],
};
