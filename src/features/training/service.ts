/** Training courses and their sessions: the catalogue everyone books from, run by the business manager. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can, ROLE_LABELS, type Role } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { londonToday } from '../../platform/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { mayReadTraining, requireTrainingReader } from './access.ts';
import {
  agencyIds,
  courseById,
  courses,
  courseTitleTaken,
  expectations,
  insertCourse,
  insertSession,
  replaceExpectations,
  sessions,
  type AgencyExpectation,
  type CourseRow,
  type SessionRow,
} from './repository.ts';
import {
  courseSchema,
  expectedSchema,
  LEVELS,
  sessionSchema,
  type CourseInput,
  type ExpectedInput,
  type SessionInput,
} from './schemas.ts';

export { mayReadTraining };
export { executivePanel, trainingData } from './data.ts';
export {
  book,
  cancelBooking,
  evaluate,
  followUp,
  followUpFrom,
  markAttendance,
  myTraining,
  bookingForStep,
  sessionPage,
} from './bookings.ts';

export interface Course extends CourseRow {
  levelLabel: string;
  audienceLabels: string[];
}

export interface Session extends SessionRow {
  placesLeft: number;
}

function toCourse(c: CourseRow): Course {
  return {
    ...c,
    levelLabel: LEVELS.labelOf(c.level),
    audienceLabels: c.audienceRoles.map((r) => ROLE_LABELS[r as Role] ?? r),
  };
}

export function toSession(s: SessionRow): Session {
  return { ...s, placesLeft: Math.max(0, s.capacity - s.booked) };
}

/** The catalogue: every course with its sessions from today on. */
export async function catalogue(db: Db, actor: Actor): Promise<(Course & { upcoming: Session[] })[]> {
  requireTrainingReader(actor);
  const pid = actor.partnershipId;
  const [all, upcoming] = await Promise.all([courses(db, pid), sessions(db, pid, { from: londonToday() })]);
  await audit(db, actor, {
    action: 'training.catalogue_read',
    entityType: 'training_course',
    detail: { count: all.length },
  });
  return all.map((c) => ({
    ...toCourse(c),
    upcoming: upcoming.filter((s) => s.courseId === c.id).map(toSession),
  }));
}

export interface CoursePage {
  course: Course;
  sessions: Session[];
  year: number;
  /** Expected numbers by agency this year: for those who run the partnership. */
  expected?: AgencyExpectation[];
}

async function requireCourse(db: Db, actor: Actor, id: string): Promise<CourseRow> {
  const c = await courseById(db, actor.partnershipId, id);
  if (!c) throw new NotFoundError();
  return c;
}

/** A course with all its sessions; the business manager sees its expected numbers too. */
export async function coursePage(db: Db, actor: Actor, id: string, year?: number): Promise<CoursePage> {
  requireTrainingReader(actor);
  const c = await requireCourse(db, actor, id);
  const y = year ?? Number(londonToday().slice(0, 4));
  const manages = can(actor.roles, 'partnership.manage');
  const [all, expected] = await Promise.all([
    sessions(db, actor.partnershipId, { courseId: id }),
    manages ? expectations(db, actor.partnershipId, id, y) : undefined,
  ]);
  await audit(db, actor, { action: 'training.course_read', entityType: 'training_course', entityId: id });
  return { course: toCourse(c), sessions: all.map(toSession), year: y, ...(expected && { expected }) };
}

/** The course as a heading of the forms that add to it. */
export async function courseForForm(db: Db, actor: Actor, id: string): Promise<Course> {
  requirePermission(actor, 'partnership.manage');
  return toCourse(await requireCourse(db, actor, id));
}

export async function createCourse(db: Db, actor: Actor, input: CourseInput): Promise<string> {
  requirePermission(actor, 'partnership.manage');
  const c = parse(courseSchema, input);
  const problems = new Problems();
  if (await courseTitleTaken(db, actor.partnershipId, c.title))
    problems.add('title', 'A course with this title already exists: choose another title');
  problems.check();
  return db.transaction(async (tx) => {
    const id = await insertCourse(tx, {
      partnershipId: actor.partnershipId,
      createdBy: actor.userId,
      title: c.title,
      description: c.description ?? '',
      level: c.level,
      audienceRoles: c.audienceRoles,
    });
    await audit(tx, actor, {
      action: 'training.course_created',
      entityType: 'training_course',
      entityId: id,
      detail: { level: c.level, audienceRoles: c.audienceRoles },
    });
    return id;
  });
}

/** Sets the numbers a course should reach in each agency in a year (replacing that year's). */
export async function setExpected(
  db: Db,
  actor: Actor,
  courseId: string,
  input: ExpectedInput,
): Promise<void> {
  requirePermission(actor, 'partnership.manage');
  await requireCourse(db, actor, courseId);
  const e = parse(expectedSchema, input);
  const known = await agencyIds(db, actor.partnershipId);
  const problems = new Problems();
  const seen = new Set<string>();
  e.numbers.forEach((n, i) => {
    if (!known.has(n.agencyId)) problems.add(`numbers-${i}-agencyId`, 'Choose an agency of the partnership');
    else if (seen.has(n.agencyId)) problems.add(`numbers-${i}-agencyId`, 'Give each agency one number');
    seen.add(n.agencyId);
  });
  problems.check();
  await db.transaction(async (tx) => {
    await replaceExpectations(tx, actor.partnershipId, courseId, e.year, e.numbers);
    await audit(tx, actor, {
      action: 'training.expected_set',
      entityType: 'training_course',
      entityId: courseId,
      detail: { year: e.year, total: e.numbers.reduce((n, x) => n + x.expected, 0) },
    });
  });
}

export async function addSession(
  db: Db,
  actor: Actor,
  courseId: string,
  input: SessionInput,
): Promise<string> {
  requirePermission(actor, 'partnership.manage');
  await requireCourse(db, actor, courseId);
  const s = parse(sessionSchema, input);
  return db.transaction(async (tx) => {
    const id = await insertSession(tx, {
      partnershipId: actor.partnershipId,
      courseId,
      heldOn: s.heldOn,
      startsAt: s.startsAt,
      online: s.online,
      venue: s.online ? null : (s.venue ?? null),
      capacity: s.capacity,
      trainer: s.trainer,
    });
    await audit(tx, actor, {
      action: 'training.session_added',
      entityType: 'training_session',
      entityId: id,
      detail: { courseId, heldOn: s.heldOn, capacity: s.capacity },
    });
    return id;
  });
}
