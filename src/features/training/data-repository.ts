/** The SQL of the partnership's training data: reach, confidence and impact. */
import type { Db } from '../../db/index.ts';

export interface ReachRow {
  agencyId: string;
  agencyName: string;
  year: number;
  attended: number;
  expected: number;
}

/** For each agency and year: places attended in the year's sessions, and the numbers expected. */
export function reachByAgency(db: Db, pid: string, years: number[]): Promise<ReachRow[]> {
  return db.query<ReachRow>(
    `select a.id as "agencyId", a.name as "agencyName", y.year,
       (select count(*)::int from training_booking b join training_session s on s.id = b.session_id
        where b.agency_id = a.id and b.attendance = 'attended'
          and extract(year from s.held_on)::int = y.year) as attended,
       (select coalesce(sum(e.expected), 0)::int from training_expectation e
        where e.agency_id = a.id and e.year = y.year) as expected
     from agency a cross join unnest($2::int[]) as y(year)
     where a.partnership_id = $1 and a.active
     order by a.name, y.year desc`,
    [pid, years],
  );
}

export interface CourseOutcomeRow {
  courseId: string;
  title: string;
  attended: number;
  evaluations: number;
  before: number | null;
  after: number | null;
  followUps: number;
  impact: number | null;
}

/** Each course's attendance, average confidence before and after, and average impact at 3 months. */
export function outcomesByCourse(db: Db, pid: string): Promise<CourseOutcomeRow[]> {
  return db.query<CourseOutcomeRow>(
    `select c.id as "courseId", c.title,
       count(b.id) filter (where b.attendance = 'attended')::int as attended,
       count(ev.booking_id)::int as evaluations,
       round(avg(ev.confidence_before), 1)::float as before,
       round(avg(ev.confidence_after), 1)::float as after,
       count(f.booking_id)::int as "followUps",
       round(avg(f.impact), 1)::float as impact
     from training_course c
       left join training_session s on s.course_id = c.id
       left join training_booking b on b.session_id = s.id and b.cancelled_at is null
       left join training_evaluation ev on ev.booking_id = b.id
       left join training_follow_up f on f.booking_id = b.id
     where c.partnership_id = $1
     group by c.id, c.title order by c.title`,
    [pid],
  );
}

/** Places attended in each year by the role the attendee booked as. */
export function attendedByRole(
  db: Db,
  pid: string,
  years: number[],
): Promise<{ role: string; year: number; attended: number }[]> {
  return db.query(
    `select b.role, extract(year from s.held_on)::int as year, count(*)::int as attended
     from training_booking b join training_session s on s.id = b.session_id
     where b.partnership_id = $1 and b.attendance = 'attended' and extract(year from s.held_on)::int = any($2::int[])
     group by b.role, year order by b.role`,
    [pid, years],
  );
}
