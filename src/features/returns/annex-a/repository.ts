/**
 * The records behind Annex A lists 1 and 3 to 7 for a period, one statement per list: each row is
 * a child's attributes (the same for every list) and the list's own columns, with the counts
 * ("referrals in the last 12 months") worked out in SQL. Codes are mapped to the cells' text in
 * lists.ts.
 */
import type { Db } from '../../../db/index.ts';

/** The child's columns every list starts with, and the allocated team and worker. */
const CHILD = `coalesce(p.council_id, replace(p.id::text, '-', '')) as child_id, p.sex, p.unborn,
  p.ethnicity, p.date_of_birth,
  (select s.disability from contact_subject s join contact c on c.id = s.contact_id
    where s.person_id = p.id and s.disability is not null order by c.received_at desc limit 1) as disability`;
const ALLOCATED = `left join lateral (
    select a.team_id, a.user_id from allocation a
    where a.person_id = p.id and a.ended_at is null order by a.started_at desc limit 1) la on true`;
/** The allocated team and worker's columns, beside ALLOCATED: each a look-up by its key. */
const TEAM_WORKER = `(select t.name from team t where t.id = la.team_id) as team,
  (select u.display_name from app_user u where u.id = la.user_id) as worker`;

export interface ChildCells {
  child_id: string;
  sex: string;
  unborn: boolean;
  ethnicity: string | null;
  date_of_birth: string | null;
  disability: string | null;
  team?: string | null;
  worker?: string | null;
}

export type Row = ChildCells & Record<string, unknown>;

const LONDON_DATE = (ts: string) => `(${ts} at time zone 'Europe/London')::date`;

export async function contactRows(db: Db, partnershipId: string, from: string, to: string): Promise<Row[]> {
  return db.query<Row>(
    `select ${CHILD}, ${LONDON_DATE('c.received_at')} as contact_date, c.referrer_type, ag.kind as agency_kind
     from contact c join contact_person cp on cp.contact_id = c.id
     join person p on p.id = cp.person_id and p.kind = 'child'
     left join agency ag on ag.id = c.source_agency_id
     where c.partnership_id = $1 and ${LONDON_DATE('c.received_at')} between $2 and $3
     order by contact_date, child_id`,
    [partnershipId, from, to],
  );
}

export async function personRows(
  db: Db,
  partnershipId: string,
  ids: string[],
): Promise<(Row & { id: string })[]> {
  return db.query<Row & { id: string }>(
    `select p.id, ${CHILD} from person p where p.partnership_id = $1 and p.id = any($2::uuid[])`,
    [partnershipId, ids],
  );
}

export async function referralRows(db: Db, partnershipId: string, from: string, to: string): Promise<Row[]> {
  return db.query<Row>(
    `select ${CHILD}, ${TEAM_WORKER}, r.referral_date, e.referral_source, c.referrer_type,
            ag.kind as agency_kind,
            (select count(*)::int from referral o where o.person_id = r.person_id and o.id <> r.id
               and o.referral_date between r.referral_date - interval '12 months' and r.referral_date) as in_last_year
     from referral r join person p on p.id = r.person_id join contact c on c.id = r.contact_id
     left join agency ag on ag.id = c.source_agency_id
     left join episode e on e.referral_id = r.id
     ${ALLOCATED}
     where r.partnership_id = $1 and r.referral_date between $2 and $3
     order by r.referral_date, child_id`,
    [partnershipId, from, to],
  );
}

export async function assessmentRows(
  db: Db,
  partnershipId: string,
  from: string,
  to: string,
): Promise<Row[]> {
  return db.query<Row>(
    `select ${CHILD}, ${TEAM_WORKER}, a.start_date, a.authorised_date, a.outcome,
            exists (select 1 from child_voice v where v.context = 'assessment' and v.context_id = a.id)
              or exists (select 1 from visit v where v.episode_id = a.episode_id and v.seen
                           and v.visited_on between a.start_date and coalesce(a.completed_date, $3)) as seen
     from assessment a join person p on p.id = a.person_id
     ${ALLOCATED}
     where a.partnership_id = $1 and a.start_date <= $3 and (a.authorised_date is null or a.authorised_date >= $2)
     order by a.start_date, child_id`,
    [partnershipId, from, to],
  );
}

export async function section47Rows(db: Db, partnershipId: string, from: string, to: string): Promise<Row[]> {
  return db.query<Row>(
    `select ${CHILD}, ${TEAM_WORKER}, sd.held_on as strategy_date, s.conference_needed,
            ic.held_on as icpc_date, ic.decision as icpc_decision,
            (select count(*)::int from section_47 o where o.person_id = s.person_id
               and o.start_date between s.start_date - interval '12 months' and s.start_date) as s47s,
            (select count(*)::int from conference o where o.person_id = s.person_id and o.kind = 'initial'
               and o.held_on between s.start_date - interval '12 months' and s.start_date) as icpcs
     from section_47 s join strategy_discussion sd on sd.id = s.strategy_discussion_id
     join person p on p.id = s.person_id
     left join conference ic on ic.section_47_id = s.id and ic.kind = 'initial'
     ${ALLOCATED}
     where s.partnership_id = $1 and sd.held_on <= $3 and (ic.held_on is null or ic.held_on >= $2)
     order by sd.held_on, child_id`,
    [partnershipId, from, to],
  );
}

export async function childInNeedRows(
  db: Db,
  partnershipId: string,
  from: string,
  to: string,
): Promise<Row[]> {
  return db.query<Row>(
    `select ${CHILD}, ${TEAM_WORKER}, e.referral_date, e.primary_need,
            case when e.closure_date <= $3 then e.closure_date end as closure_date,
            case when e.closure_date <= $3 then e.closure_reason end as closure_reason,
            (select max(v.visited_on) from visit v where v.episode_id = e.id and v.seen and v.visited_on <= $3)
              as last_seen,
            case when e.closure_date <= $3 then 'closed'
                 when exists (select 1 from cp_plan c where c.person_id = e.person_id and c.episode_id = e.id
                                and c.start_date <= $3
                                and (c.end_date is null or c.end_date > $3)) then 'cp_plan'
                 when exists (select 1 from cin_plan c where c.episode_id = e.id and c.start_date <= $3
                                and (c.end_date is null or c.end_date > $3)) then 'cin_plan'
                 else 'assessment' end as status
     from episode e join person p on p.id = e.person_id
     ${ALLOCATED}
     where e.partnership_id = $1 and e.referral_date <= $3 and (e.closure_date is null or e.closure_date >= $2)
     order by e.referral_date, child_id`,
    [partnershipId, from, to],
  );
}

export async function protectionRows(
  db: Db,
  partnershipId: string,
  from: string,
  to: string,
): Promise<Row[]> {
  return db.query<Row>(
    `select ${CHILD}, ${TEAM_WORKER}, c.start_date, c.initial_category, c.latest_category,
            case when c.end_date <= $3 then c.end_date end as end_date,
            lv.visited_on as last_visit, lv.seen_alone,
            (select max(r.held_on) from conference r where r.cp_plan_id = c.id and r.kind = 'review' and r.held_on <= $3)
              as last_review,
            exists (select 1 from referral r where r.person_id = c.person_id and r.decision = 'immediate_protection'
                      and r.referral_date between $3::date - interval '6 months' and $3) as protected,
            (select count(*)::int from cp_plan o where o.person_id = c.person_id and o.start_date < c.start_date)
              as previous_plans
     from cp_plan c join person p on p.id = c.person_id
     left join lateral (select v.visited_on, v.seen_alone from visit v
                        where v.cp_plan_id = c.id and v.seen and v.visited_on <= $3
                        order by v.visited_on desc limit 1) lv on true
     ${ALLOCATED}
     where c.partnership_id = $1 and c.start_date <= $3 and (c.end_date is null or c.end_date >= $2)
     order by c.start_date, child_id`,
    [partnershipId, from, to],
  );
}
