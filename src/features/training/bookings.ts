/**
 * Places on sessions: booked and cancelled by practitioners for themselves, attendance marked by the
 * business manager, then the attendee's evaluation and, three calendar months on, the impact follow-up.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { addMonths } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { requireTrainingReader } from './access.ts';
import * as repo from './repository.ts';
import type { BookingRow, SessionRow } from './repository.ts';
import {
  ATTENDANCE,
  attendanceSchema,
  evaluationSchema,
  followUpSchema,
  type AttendanceInput,
  type EvaluationInput,
  type FollowUpInput,
} from './schemas.ts';

/** The day the impact follow-up opens: three calendar months after the session (31 May → 31 August). */
export function followUpFrom(heldOn: string): string {
  return addMonths(heldOn, 3);
}

async function requireSession(db: Db, actor: Actor, id: string, lock = false): Promise<SessionRow> {
  const s = await repo.sessionById(db, actor.partnershipId, id, { lock });
  if (!s) throw new NotFoundError();
  return s;
}

/** Why the actor may not book this session now, or undefined when they may. */
function bookingRefusal(s: SessionRow, mine: BookingRow | undefined, today: string): string | undefined {
  if (s.heldOn < today) return 'This session has already taken place: choose a session from today on';
  if (mine) return 'You already have a place on this session';
  if (s.booked >= s.capacity) return 'This session is full: choose another session of the course';
  return undefined;
}

export interface SessionPage {
  session: SessionRow & { placesLeft: number };
  mine?: BookingRow;
  /** Why booking is not offered (for a user who books training). */
  refusal?: string;
  mayBook: boolean;
  mayCancel: boolean;
  /** The places taken, for those who run the partnership. */
  bookings?: (BookingRow & { attendanceLabel: string })[];
  mayMarkAttendance: boolean;
}

export async function sessionPage(
  db: Db,
  actor: Actor,
  id: string,
  today = londonToday(),
): Promise<SessionPage> {
  requireTrainingReader(actor);
  const s = await requireSession(db, actor, id);
  const manages = can(actor.roles, 'partnership.manage');
  const books = can(actor.roles, 'training.book');
  const [mineAll, bookings] = await Promise.all([
    books ? repo.bookingsOf(db, actor.partnershipId, actor.userId) : [],
    manages ? repo.sessionBookings(db, actor.partnershipId, id) : undefined,
  ]);
  const mine = mineAll.find((b) => b.sessionId === id && !b.cancelledAt);
  const refusal = books ? bookingRefusal(s, mine, today) : undefined;
  await audit(db, actor, { action: 'training.session_read', entityType: 'training_session', entityId: id });
  return {
    session: { ...s, placesLeft: Math.max(0, s.capacity - s.booked) },
    mine,
    refusal,
    mayBook: books && !refusal,
    mayCancel: Boolean(mine && today < s.heldOn),
    ...(bookings && {
      bookings: bookings.map((b) => ({ ...b, attendanceLabel: ATTENDANCE.labelOf(b.attendance) })),
    }),
    mayMarkAttendance: manages && s.heldOn <= today && Boolean(bookings?.length),
  };
}

/** Books the actor onto a session: refused (409) when it is past, already booked, or full. */
export async function book(
  db: Db,
  actor: Actor,
  sessionId: string,
  today = londonToday(),
): Promise<BookingRow> {
  requirePermission(actor, 'training.book');
  return db.transaction(async (tx) => {
    const s = await requireSession(tx, actor, sessionId, true);
    const mine = (await repo.bookingsOf(tx, actor.partnershipId, actor.userId)).find(
      (b) => b.sessionId === sessionId && !b.cancelledAt,
    );
    const refusal = bookingRefusal(s, mine, today);
    if (refusal) throw new ConflictError(refusal);
    const role = actor.roles.find((r) => can([r], 'training.book')) ?? actor.roles[0]!;
    const id = await repo.insertBooking(tx, {
      partnershipId: actor.partnershipId,
      sessionId,
      userId: actor.userId,
      agencyId: actor.agencyId,
      role,
    });
    await audit(tx, actor, {
      action: 'training.booked',
      entityType: 'training_booking',
      entityId: id,
      detail: { sessionId, courseId: s.courseId },
    });
    return (await repo.bookingById(tx, actor.partnershipId, id))!;
  });
}

/** One's own booking, or 404 as if it did not exist. */
async function requireOwnBooking(db: Db, actor: Actor, id: string): Promise<BookingRow> {
  requirePermission(actor, 'training.book');
  const b = await repo.bookingById(db, actor.partnershipId, id);
  if (!b || b.userId !== actor.userId) throw new NotFoundError();
  return b;
}

export async function cancelBooking(
  db: Db,
  actor: Actor,
  bookingId: string,
  today = londonToday(),
): Promise<BookingRow> {
  const b = await requireOwnBooking(db, actor, bookingId);
  if (b.cancelledAt) throw new ConflictError('This place has already been cancelled');
  if (today >= b.heldOn)
    throw new ConflictError('A place can be cancelled only before the day of the session');
  await db.transaction(async (tx) => {
    await repo.cancelBooking(tx, actor.partnershipId, bookingId);
    await audit(tx, actor, {
      action: 'training.cancelled',
      entityType: 'training_booking',
      entityId: bookingId,
    });
  });
  return b;
}

/** The business manager marks who attended, from the day of the session on. */
export async function markAttendance(
  db: Db,
  actor: Actor,
  sessionId: string,
  input: AttendanceInput,
  today = londonToday(),
): Promise<number> {
  requirePermission(actor, 'partnership.manage');
  const s = await requireSession(db, actor, sessionId);
  if (s.heldOn > today) throw new ConflictError('Attendance can be marked from the day of the session');
  const a = parse(attendanceSchema, input);
  const booked = new Set((await repo.sessionBookings(db, actor.partnershipId, sessionId)).map((b) => b.id));
  const problems = new Problems();
  a.marks.forEach((m, i) => {
    if (!booked.has(m.bookingId))
      problems.add(`marks-${i}-attendance`, 'This place is not booked on this session');
  });
  problems.check();
  return db.transaction(async (tx) => {
    const n = await repo.markAttendance(tx, actor.partnershipId, sessionId, a.marks, actor.userId);
    await audit(tx, actor, {
      action: 'training.attendance_marked',
      entityType: 'training_session',
      entityId: sessionId,
      detail: { attended: a.marks.filter((m) => m.attendance === 'attended').length, marked: n },
    });
    return n;
  });
}

export type Step = 'evaluation' | 'follow-up';

/** Why the step is not open for this booking yet (or any more), or undefined when it is. */
function stepRefusal(b: BookingRow, step: Step, today: string): string | undefined {
  if (b.cancelledAt || b.attendance !== 'attended')
    return 'You can give feedback on a course once the trainer has recorded that you attended';
  if (step === 'evaluation') return b.evaluated ? 'You have already evaluated this course' : undefined;
  if (b.followedUp) return 'You have already told us about the course’s impact';
  const from = followUpFrom(b.heldOn);
  if (today < from) return `The impact follow-up opens 3 months after the session, on ${from}`;
  return undefined;
}

/** One's own booking at a step, checked to be open: 409 otherwise. */
export async function bookingForStep(
  db: Db,
  actor: Actor,
  bookingId: string,
  step: Step,
  today = londonToday(),
): Promise<BookingRow> {
  const b = await requireOwnBooking(db, actor, bookingId);
  const refusal = stepRefusal(b, step, today);
  if (refusal) throw new ConflictError(refusal);
  return b;
}

export async function evaluate(
  db: Db,
  actor: Actor,
  bookingId: string,
  input: EvaluationInput,
  today = londonToday(),
): Promise<void> {
  await bookingForStep(db, actor, bookingId, 'evaluation', today);
  const e = parse(evaluationSchema, input);
  await db.transaction(async (tx) => {
    await repo.insertEvaluation(tx, {
      partnershipId: actor.partnershipId,
      bookingId,
      before: e.confidenceBefore,
      after: e.confidenceAfter,
      comments: e.comments ?? '',
    });
    await audit(tx, actor, {
      action: 'training.evaluated',
      entityType: 'training_booking',
      entityId: bookingId,
    });
  });
}

export async function followUp(
  db: Db,
  actor: Actor,
  bookingId: string,
  input: FollowUpInput,
  today = londonToday(),
): Promise<void> {
  await bookingForStep(db, actor, bookingId, 'follow-up', today);
  const f = parse(followUpSchema, input);
  await db.transaction(async (tx) => {
    await repo.insertFollowUp(tx, {
      partnershipId: actor.partnershipId,
      bookingId,
      changedPractice: f.changedPractice,
      impact: f.impact,
    });
    await audit(tx, actor, {
      action: 'training.followed_up',
      entityType: 'training_booking',
      entityId: bookingId,
    });
  });
}

export interface MyBooking extends BookingRow {
  status: string;
  /** The step open now, with its address. */
  due?: { text: string; href: string };
  /** When the impact follow-up opens, while it is still to come. */
  followUpFrom?: string;
  mayCancel: boolean;
}

function statusOf(b: BookingRow, today: string): string {
  if (b.cancelledAt) return 'Cancelled';
  if (b.attendance) return ATTENDANCE.labelOf(b.attendance);
  return b.heldOn >= today ? 'Booked' : 'Attendance not yet recorded';
}

/** The actor's bookings, and what they are asked to do next. */
export async function myTraining(db: Db, actor: Actor, today = londonToday()): Promise<MyBooking[]> {
  requirePermission(actor, 'training.book');
  const rows = await repo.bookingsOf(db, actor.partnershipId, actor.userId);
  await audit(db, actor, {
    action: 'training.own_bookings_read',
    entityType: 'training_booking',
    detail: { count: rows.length },
  });
  return rows.map((b) => {
    const out: MyBooking = {
      ...b,
      status: statusOf(b, today),
      mayCancel: !b.cancelledAt && today < b.heldOn,
    };
    if (!stepRefusal(b, 'evaluation', today))
      out.due = { text: 'Evaluate the course', href: `/training/bookings/${b.id}/evaluation` };
    else if (!stepRefusal(b, 'follow-up', today))
      out.due = { text: 'Tell us about the impact', href: `/training/bookings/${b.id}/follow-up` };
    else if (b.attendance === 'attended' && !b.followedUp) out.followUpFrom = followUpFrom(b.heldOn);
    return out;
  });
}
