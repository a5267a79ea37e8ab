/** The SQL of training. Every query carries the partnership. */
import { maybeOne, one, type Db } from '../../db/index.ts';

export interface CourseRow {
  id: string;
  title: string;
  description: string;
  level: string;
  audienceRoles: string[];
}

const COURSE_COLS = `c.id, c.title, c.description, c.level, c.audience_roles as "audienceRoles"`;

export async function insertCourse(
  db: Db,
  row: Omit<CourseRow, 'id'> & { partnershipId: string; createdBy: string },
): Promise<string> {
  const r = await one<{ id: string }>(
    db,
    `insert into training_course (partnership_id, title, description, level, audience_roles, created_by)
     values ($1,$2,$3,$4,$5,$6) returning id`,
    [row.partnershipId, row.title, row.description, row.level, row.audienceRoles, row.createdBy],
  );
  return r.id;
}

export async function courseTitleTaken(db: Db, pid: string, title: string): Promise<boolean> {
  const r = await maybeOne(
    db,
    'select 1 from training_course where partnership_id = $1 and lower(title) = lower($2)',
    [pid, title],
  );
  return Boolean(r);
}

export function courses(db: Db, pid: string): Promise<CourseRow[]> {
  return db.query<CourseRow>(
    `select ${COURSE_COLS} from training_course c where c.partnership_id = $1 order by c.title, c.id`,
    [pid],
  );
}

export function courseById(db: Db, pid: string, id: string): Promise<CourseRow | undefined> {
  return maybeOne<CourseRow>(
    db,
    `select ${COURSE_COLS} from training_course c where c.partnership_id = $1 and c.id = $2`,
    [pid, id],
  );
}

export interface SessionRow {
  id: string;
  courseId: string;
  courseTitle: string;
  heldOn: string;
  startsAt: string;
  online: boolean;
  venue: string | null;
  capacity: number;
  trainer: string;
  booked: number;
}

const SESSION_COLS = `s.id, s.course_id as "courseId", c.title as "courseTitle", s.held_on as "heldOn",
  s.starts_at as "startsAt", s.online, s.venue, s.capacity, s.trainer,
  (select count(*)::int from training_booking b where b.session_id = s.id and b.cancelled_at is null) as booked`;

/** Sessions of the partnership, soonest first: of one course, or from a date on. */
export function sessions(
  db: Db,
  pid: string,
  by: { courseId: string } | { from: string },
): Promise<SessionRow[]> {
  const where = 'courseId' in by ? 's.course_id = $2' : 's.held_on >= $2';
  return db.query<SessionRow>(
    `select ${SESSION_COLS} from training_session s join training_course c on c.id = s.course_id
     where s.partnership_id = $1 and ${where} order by s.held_on, s.starts_at, s.id`,
    [pid, 'courseId' in by ? by.courseId : by.from],
  );
}

export function sessionById(
  db: Db,
  pid: string,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<SessionRow | undefined> {
  // The lock makes bookings of one session wait for each other, so that a full session stays full.
  if (opts.lock)
    return maybeOne<{ id: string }>(
      db,
      'select id from training_session where partnership_id = $1 and id = $2 for update',
      [pid, id],
    ).then((r) => (r ? sessionById(db, pid, id) : undefined));
  return maybeOne<SessionRow>(
    db,
    `select ${SESSION_COLS} from training_session s join training_course c on c.id = s.course_id
     where s.partnership_id = $1 and s.id = $2`,
    [pid, id],
  );
}

export async function insertSession(
  db: Db,
  row: {
    partnershipId: string;
    courseId: string;
    heldOn: string;
    startsAt: string;
    online: boolean;
    venue: string | null;
    capacity: number;
    trainer: string;
  },
): Promise<string> {
  const r = await one<{ id: string }>(
    db,
    `insert into training_session (partnership_id, course_id, held_on, starts_at, online, venue, capacity, trainer)
     values ($1,$2,$3,$4,$5,$6,$7,$8) returning id`,
    [
      row.partnershipId,
      row.courseId,
      row.heldOn,
      row.startsAt,
      row.online,
      row.venue,
      row.capacity,
      row.trainer,
    ],
  );
  return r.id;
}

export interface AgencyExpectation {
  agencyId: string;
  agencyName: string;
  expected: number | null;
}

/** Every active agency with the number the course should reach there in the year (null: none set). */
export function expectations(
  db: Db,
  pid: string,
  courseId: string,
  year: number,
): Promise<AgencyExpectation[]> {
  return db.query<AgencyExpectation>(
    `select a.id as "agencyId", a.name as "agencyName", e.expected
     from agency a left join training_expectation e on e.agency_id = a.id and e.course_id = $2 and e.year = $3
     where a.partnership_id = $1 and a.active order by a.name`,
    [pid, courseId, year],
  );
}

export async function agencyIds(db: Db, pid: string): Promise<Set<string>> {
  const rows = await db.query<{ id: string }>('select id from agency where partnership_id = $1', [pid]);
  return new Set(rows.map((r) => r.id));
}

export async function replaceExpectations(
  db: Db,
  pid: string,
  courseId: string,
  year: number,
  numbers: { agencyId: string; expected: number }[],
): Promise<void> {
  await db.query(
    'delete from training_expectation where partnership_id = $1 and course_id = $2 and year = $3',
    [pid, courseId, year],
  );
  const kept = numbers.filter((n) => n.expected > 0);
  if (!kept.length) return;
  await db.query(
    `insert into training_expectation (partnership_id, course_id, agency_id, year, expected)
     select $1, $2, a, $3, e from unnest($4::uuid[], $5::int[]) as x(a, e)`,
    [pid, courseId, year, kept.map((n) => n.agencyId), kept.map((n) => n.expected)],
  );
}

export interface BookingRow {
  id: string;
  sessionId: string;
  courseId: string;
  courseTitle: string;
  heldOn: string;
  startsAt: string;
  online: boolean;
  venue: string | null;
  userId: string;
  userName: string;
  agencyName: string;
  role: string;
  cancelledAt: Date | null;
  attendance: string | null;
  evaluated: boolean;
  followedUp: boolean;
}

const BOOKING_COLS = `b.id, b.session_id as "sessionId", s.course_id as "courseId", c.title as "courseTitle",
  s.held_on as "heldOn", s.starts_at as "startsAt", s.online, s.venue, b.user_id as "userId",
  u.display_name as "userName", a.name as "agencyName", b.role, b.cancelled_at as "cancelledAt", b.attendance,
  exists (select 1 from training_evaluation ev where ev.booking_id = b.id) as evaluated,
  exists (select 1 from training_follow_up f where f.booking_id = b.id) as "followedUp"`;
const BOOKING_FROM = `training_booking b join training_session s on s.id = b.session_id
  join training_course c on c.id = s.course_id join app_user u on u.id = b.user_id join agency a on a.id = b.agency_id`;

export function bookingById(db: Db, pid: string, id: string): Promise<BookingRow | undefined> {
  return maybeOne<BookingRow>(
    db,
    `select ${BOOKING_COLS} from ${BOOKING_FROM} where b.partnership_id = $1 and b.id = $2`,
    [pid, id],
  );
}

/** One user's bookings (cancelled ones too), newest session first. */
export function bookingsOf(db: Db, pid: string, userId: string): Promise<BookingRow[]> {
  return db.query<BookingRow>(
    `select ${BOOKING_COLS} from ${BOOKING_FROM} where b.partnership_id = $1 and b.user_id = $2
     order by s.held_on desc, s.starts_at desc, b.booked_at desc`,
    [pid, userId],
  );
}

/** A session's places taken, by name. */
export function sessionBookings(db: Db, pid: string, sessionId: string): Promise<BookingRow[]> {
  return db.query<BookingRow>(
    `select ${BOOKING_COLS} from ${BOOKING_FROM}
     where b.partnership_id = $1 and b.session_id = $2 and b.cancelled_at is null order by u.display_name, b.id`,
    [pid, sessionId],
  );
}

export async function insertBooking(
  db: Db,
  row: { partnershipId: string; sessionId: string; userId: string; agencyId: string; role: string },
): Promise<string> {
  const r = await one<{ id: string }>(
    db,
    `insert into training_booking (partnership_id, session_id, user_id, agency_id, role)
     values ($1,$2,$3,$4,$5) returning id`,
    [row.partnershipId, row.sessionId, row.userId, row.agencyId, row.role],
  );
  return r.id;
}

export async function cancelBooking(db: Db, pid: string, id: string): Promise<void> {
  await db.query(
    'update training_booking set cancelled_at = now() where partnership_id = $1 and id = $2 and cancelled_at is null',
    [pid, id],
  );
}

export async function markAttendance(
  db: Db,
  pid: string,
  sessionId: string,
  marks: { bookingId: string; attendance: string }[],
  by: string,
): Promise<number> {
  const rows = await db.query(
    `update training_booking b set attendance = x.att, attendance_marked_at = now(), attendance_marked_by = $3
     from unnest($4::uuid[], $5::text[]) as x(id, att)
     where b.id = x.id and b.partnership_id = $1 and b.session_id = $2 and b.cancelled_at is null
     returning b.id`,
    [pid, sessionId, by, marks.map((m) => m.bookingId), marks.map((m) => m.attendance)],
  );
  return rows.length;
}

export async function insertEvaluation(
  db: Db,
  row: { partnershipId: string; bookingId: string; before: number; after: number; comments: string },
): Promise<void> {
  await db.query(
    `insert into training_evaluation (booking_id, partnership_id, confidence_before, confidence_after, comments)
     values ($1,$2,$3,$4,$5)`,
    [row.bookingId, row.partnershipId, row.before, row.after, row.comments],
  );
}

export async function insertFollowUp(
  db: Db,
  row: { partnershipId: string; bookingId: string; changedPractice: string; impact: number },
): Promise<void> {
  await db.query(
    `insert into training_follow_up (booking_id, partnership_id, changed_practice, impact) values ($1,$2,$3,$4)`,
    [row.bookingId, row.partnershipId, row.changedPractice, row.impact],
  );
}
