/** The early help picture's figures: counts only, no names. */
import { one, type Db } from '../../../db/index.ts';

export function byAgency(db: Db, pid: string, since: string) {
  return db.query<{ agency: string; kind: string; open: number; started: number }>(
    `select a.name as agency, a.kind,
       count(*) filter (where e.status = 'open')::int as open,
       count(*) filter (where e.started_on >= $2)::int as started
     from eh_episode e join agency a on a.id = e.lead_agency_id
     where e.partnership_id = $1 group by a.name, a.kind order by 3 desc, 4 desc, 1`,
    [pid, since],
  );
}

export function totals(db: Db, pid: string, since: string, today: string) {
  return one<{
    open: number;
    waiting: number;
    assessedInTime: number;
    assessedLate: number;
    assessmentOverdue: number;
    stepUps: number;
    stepUpDays: number | null;
    stepUpsWaiting: number;
    stepDowns: number;
    stepDownDays: number | null;
    stepDownsDeclined: number;
    started: number;
    backWithinYear: number;
  }>(
    db,
    `select
       (select count(*)::int from eh_episode where partnership_id = $1 and status = 'open') as open,
       (select count(*)::int from eh_episode where partnership_id = $1 and status = 'offered') as waiting,
       (select count(*)::int from eh_episode where partnership_id = $1 and assessment_completed_on >= $2
          and assessment_completed_on <= assessment_due) as "assessedInTime",
       (select count(*)::int from eh_episode where partnership_id = $1 and assessment_completed_on >= $2
          and assessment_completed_on > assessment_due) as "assessedLate",
       (select count(*)::int from eh_episode where partnership_id = $1 and status = 'open'
          and assessment_completed_on is null and assessment_due < $3) as "assessmentOverdue",
       (select count(*)::int from eh_step where partnership_id = $1 and kind = 'up' and requested_at >= $2) as "stepUps",
       (select round(avg(extract(epoch from c.decided_at - s.requested_at) / 86400)::numeric, 1)::float
          from eh_step s join contact c on c.id = s.contact_id
          where s.partnership_id = $1 and s.kind = 'up' and s.requested_at >= $2 and c.decided_at is not null) as "stepUpDays",
       (select count(*)::int from eh_step s join contact c on c.id = s.contact_id
          where s.partnership_id = $1 and s.kind = 'up' and c.decided_at is null) as "stepUpsWaiting",
       (select count(*)::int from eh_step where partnership_id = $1 and kind = 'down' and requested_at >= $2) as "stepDowns",
       (select round(avg(extract(epoch from e.picked - s.requested_at) / 86400)::numeric, 1)::float
          from eh_step s join lateral (
            select min(coalesce(x.decided_at, null)) as picked from eh_step x
            where x.episode_id = s.episode_id and x.kind = 'down' and x.decision = 'accepted') e on true
          where s.partnership_id = $1 and s.kind = 'down' and s.requested_at >= $2 and e.picked is not null) as "stepDownDays",
       (select count(*)::int from eh_step where partnership_id = $1 and kind = 'down' and decision = 'declined'
          and requested_at >= $2) as "stepDownsDeclined",
       (select count(*)::int from eh_episode where partnership_id = $1 and started_on >= $2) as started,
       (select count(distinct e.id)::int from eh_episode e join eh_member m on m.episode_id = e.id and m.kind = 'child'
          where e.partnership_id = $1 and e.started_on >= $2 and exists (
            select 1 from eh_member m2 join eh_episode p on p.id = m2.episode_id
            where m2.person_id = m.person_id and p.id <> e.id and p.status = 'closed'
              and p.closed_on <= e.started_on and p.closed_on > e.started_on - interval '12 months')) as "backWithinYear"`,
    [pid, since, today],
  );
}

export function outcomes(db: Db, pid: string, since: string) {
  return db.query<{ outcome: string; n: number }>(
    `select outcome, count(*)::int as n from eh_episode where partnership_id = $1 and status = 'closed'
       and closed_on >= $2 group by outcome order by 2 desc, 1`,
    [pid, since],
  );
}

/** Per area: how many families' needs were re-scored, and the average change from the assessment to the latest review. */
export function distanceByArea(db: Db, pid: string) {
  return db.query<{ area: string; families: number; change: number }>(
    `with first as (select episode_id, area, score from eh_score where partnership_id = $1 and review_id is null),
     latest as (select distinct on (s.episode_id, s.area) s.episode_id, s.area, s.score
       from eh_score s join eh_review r on r.id = s.review_id where s.partnership_id = $1
       order by s.episode_id, s.area, r.held_on desc, r.created_at desc)
     select f.area, count(*)::int as families, round(avg(l.score - f.score)::numeric, 1)::float as change
     from first f join latest l on l.episode_id = f.episode_id and l.area = f.area group by f.area order by 3 desc, 1`,
    [pid],
  );
}

/** Early help assessments per child started or completed between two dates (statutory returns). */
export function assessmentsBetween(db: Db, pid: string, from: string, to: string) {
  return db.query<{
    personId: string;
    assessmentStarted: string;
    assessmentCompleted: string | null;
    leadAgencyName: string | null;
  }>(
    `select m.person_id as "personId", e.started_on::text as "assessmentStarted",
       e.assessment_completed_on::text as "assessmentCompleted", a.name as "leadAgencyName"
     from eh_episode e join eh_member m on m.episode_id = e.id and m.kind = 'child'
       left join agency a on a.id = e.lead_agency_id
     where e.partnership_id = $1 and e.status <> 'offered'
       and (e.started_on between $2 and $3 or e.assessment_completed_on between $2 and $3)
     order by e.started_on, m.person_id`,
    [pid, from, to],
  );
}
