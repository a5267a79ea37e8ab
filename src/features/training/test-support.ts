/** Courses and sessions made straight in the database, for tests (a session's date may be past). */
import type { Db } from '../../db/index.ts';
import { one } from '../../db/index.ts';

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
