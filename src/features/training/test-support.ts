/** Courses and sessions made straight in the database, for tests (a session's date may be past). */
import type { Db } from '../../db/index.ts';
import { one } from '../../db/index.ts';
import { addMonths } from '../../platform/calendar.ts';

export async function makeCourse(
  t: { db: Db; org: { partnershipId: string } },
  title: string,
): Promise<string> {
  return (
    await one<{ id: string }>(
      t.db,
      `insert into training_course (partnership_id, title, level) values ($1,$2,'multi_agency') returning id`,
      [t.org.partnershipId, title],
    )
  ).id;
}

export async function makeSession(
  t: { db: Db; org: { partnershipId: string } },
  courseId: string,
  heldOn: string,
  capacity = 20,
): Promise<string> {
  return (
    await one<{ id: string }>(
      t.db,
      `insert into training_session (partnership_id, course_id, held_on, starts_at, online, capacity, trainer)
       values ($1,$2,$3,'09:30',true,$4,'Jo Trainer') returning id`,
      [t.org.partnershipId, courseId, heldOn, capacity],
    )
  ).id;
}

/** Moves a session to another date (into the past, to mark attendance and evaluate). */
export async function moveSession(db: Db, sessionId: string, heldOn: string): Promise<void> {
  await db.query('update training_session set held_on = $2 where id = $1', [sessionId, heldOn]);
}

/**
 * For the API's role test: a course, a session from next month with room for everyone, and for each
 * user given an attended place on a session four months ago (so that evaluation and follow-up are open).
 */
export async function trainingForApiTest(
  t: { db: Db; org: { partnershipId: string } },
  users: { key: string; userId: string; agencyId: string }[],
  today: string,
): Promise<{ course: string; session: string; bookings: Map<string, string> }> {
  const course = await makeCourse(t, 'API course');
  const session = await makeSession(t, course, addMonths(today, 1), 100);
  const past = await makeSession(t, course, addMonths(today, -4), 100);
  const bookings = new Map<string, string>();
  for (const u of users) {
    const row = await one<{ id: string }>(
      t.db,
      `insert into training_booking (partnership_id, session_id, user_id, agency_id, role, attendance)
       values ($1,$2,$3,$4,'partner_practitioner','attended') returning id`,
      [t.org.partnershipId, past, u.userId, u.agencyId],
    );
    bookings.set(u.key, row.id);
  }
  return { course, session, bookings };
}
