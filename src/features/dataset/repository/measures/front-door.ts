/** The front door: contacts, referrals, decisions in time, re-referrals. */
import { dueJoin, londonDay, type MeasureArea } from './types.ts';

export const frontDoor: MeasureArea = {
  key: 'front-door',
  title: 'Contacts and referrals',
  measures: [
    {
      key: 'contacts',
      title: 'Contacts received',
      definition:
        'Contacts received by the front door, counted on the day they were received (England time). A contact about several children counts once. By the agency that made it; contacts from members of the public or anonymous callers are counted together.',
      kind: 'count',
      unit: 'contacts',
      breakdowns: { agency: 'Agency' },
      facts: `select ${londonDay('c.received_at')} as on_date, 1 as hit, null::int as counted,
          case when c.referrer_type <> 'professional' then 'Members of the public or anonymous'
               else coalesce(ag.name, 'Agency not recorded') end as agency,
          null::text as team, null::text as grp
        from contact c left join agency ag on ag.id = c.source_agency_id
        where c.partnership_id = $1`,
    },
    {
      key: 'referrals',
      title: 'Referrals to children’s social care',
      definition:
        'Children referred to children’s social care: each child of a contact decided as a section 17 assessment, a strategy discussion or immediate protection, counted on the referral date. By the team the work was sent to.',
      kind: 'count',
      unit: 'referrals',
      breakdowns: { team: 'Team' },
      facts: `select r.referral_date as on_date, 1 as hit, null::int as counted, null::text as agency,
          coalesce(t.name, 'Team not recorded') as team, null::text as grp
        from referral r left join team t on t.id = r.team_id
        where r.partnership_id = $1`,
    },
    {
      key: 'decisions-in-time',
      title: 'Decisions within one working day',
      definition:
        'Of the contacts received in the period, the share decided by the end of the next working day after the day they were received (bank holidays are not working days; a contact received on a non-working day is due on the second working day after it, as the referral decision clock). A contact still undecided after its due day counts as late; one still undecided and not yet due is left out.',
      kind: 'proportion',
      unit: 'contacts',
      breakdowns: {},
      facts: `select s.d as on_date,
          (c.decided_at is not null and ${londonDay('c.decided_at')} <= due.d)::int as hit, 1 as counted,
          null::text as agency, null::text as team, null::text as grp
        from contact c
          join cal s on s.d = ${londonDay('c.received_at')}
          left join cal due on ${dueJoin('s', 'due', '1')}
        where c.partnership_id = $1
          and (c.decided_at is not null or due.d < ${londonDay('now()')})`,
    },
    {
      key: 're-referrals',
      title: 'Re-referrals within 12 months',
      definition:
        'Of the referrals in the period, the share of children who had been referred before within the 12 months up to the referral date (the previous referral on or after the same date a year earlier; 29 February looks back to 28 February).',
      kind: 'proportion',
      unit: 'referrals',
      breakdowns: {},
      facts: `select r.referral_date as on_date,
          exists (select 1 from referral p where p.partnership_id = r.partnership_id
            and p.person_id = r.person_id and p.id <> r.id
            and p.referral_date < r.referral_date
            and p.referral_date >= (r.referral_date - interval '12 months')::date)::int as hit,
          1 as counted, null::text as agency, null::text as team, null::text as grp
        from referral r where r.partnership_id = $1`,
    },
  ],
};
