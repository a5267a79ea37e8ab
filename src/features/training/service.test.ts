import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoActor } from '../../demo/organisation.ts';
import { addDays, addMonths } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { useDb } from '../../../test/helpers/app.ts';
import { auditRows, countRows } from '../../../test/helpers/rows.ts';
import {
  addSession,
  book,
  cancelBooking,
  createCourse,
  evaluate,
  executivePanel,
  followUp,
  followUpFrom,
  markAttendance,
  myTraining,
  setExpected,
  trainingData,
} from './service.ts';
import { makeCourse, makeSession, moveSession } from './test-support.ts';

const t = useDb();
const as = (key: string) => demoActor(t.org, key);
const today = londonToday();
const tomorrow = addDays(today, 1);

test('the follow-up opens 3 calendar months on, at the end of a shorter month', () => {
  assert.equal(followUpFrom('2026-03-15'), '2026-06-15');
  assert.equal(followUpFrom('2023-11-30'), '2024-02-29'); // leap year
  assert.equal(followUpFrom('2024-11-30'), '2025-02-28');
  assert.equal(followUpFrom('2026-05-31'), '2026-08-31');
  assert.equal(followUpFrom('2026-03-31'), '2026-06-30');
  assert.equal(followUpFrom('2025-10-31'), '2026-01-31'); // across the year
});

test('only the business manager adds courses and sessions; a taken title and bad input are refused', async () => {
  const input = { title: 'Neglect: recognising it early', level: 'multi_agency' as const, audienceRoles: [] };
  await assert.rejects(createCourse(t.db, as('sw'), input), ForbiddenError);
  await assert.rejects(createCourse(t.db, as('scrutineer'), input), ForbiddenError);
  const id = await createCourse(t.db, as('bm'), input);
  await assert.rejects(
    createCourse(t.db, as('bm'), { ...input, title: 'NEGLECT: recognising it early' }),
    (e) => {
      assert.ok(e instanceof ValidationError);
      assert.equal(e.errors[0]!.field, 'title');
      return true;
    },
  );
  await assert.rejects(createCourse(t.db, as('bm'), { title: '', level: 'x' } as never), (e) => {
    assert.ok(e instanceof ValidationError);
    assert.deepEqual(e.errors.map((x) => x.field).sort(), ['level', 'title']);
    return true;
  });
  const session = { heldOn: tomorrow, startsAt: '09:30', online: false, capacity: 10, trainer: 'Sam' };
  await assert.rejects(addSession(t.db, as('bm'), id, session), (e) => {
    assert.ok(e instanceof ValidationError);
    assert.deepEqual(
      e.errors.map((x) => x.field),
      ['venue'],
    );
    return true;
  });
  await assert.rejects(
    addSession(t.db, as('bm'), id, {
      ...session,
      venue: 'Hall',
      heldOn: addDays(today, -1),
      startsAt: '25:00',
    }),
    (e) => {
      assert.ok(e instanceof ValidationError);
      assert.deepEqual(e.errors.map((x) => x.field).sort(), ['heldOn', 'startsAt']);
      return true;
    },
  );
  await assert.rejects(addSession(t.db, as('sw'), id, { ...session, venue: 'Hall' }), ForbiddenError);
  const sid = await addSession(t.db, as('bm'), id, { ...session, venue: 'Hall' });
  assert.equal((await auditRows(t.db, { action: 'training.session_added', entityId: sid })).length, 1);
});

test('expected numbers: only agencies of the partnership, replaced by year', async () => {
  const id = await makeCourse(t, 'Expected');
  const police = t.org.agencies.police!;
  await setExpected(t.db, as('bm'), id, { year: 2026, numbers: [{ agencyId: police, expected: 12 }] });
  await setExpected(t.db, as('bm'), id, { year: 2026, numbers: [{ agencyId: police, expected: 15 }] });
  assert.equal(await countRows(t.db, 'training_expectation where course_id = $1 and expected = 15', [id]), 1);
  await assert.rejects(
    setExpected(t.db, as('bm'), id, {
      year: 2026,
      numbers: [{ agencyId: '00000000-0000-4000-8000-000000000000', expected: 1 }],
    }),
    ValidationError,
  );
  await assert.rejects(setExpected(t.db, as('sw'), id, { year: 2026, numbers: [] }), ForbiddenError);
});

test('booking: refused when full, already booked, or past; cancelled only before the day', async () => {
  const course = await makeCourse(t, 'Booking rules');
  const small = await makeSession(t, course, tomorrow, 1);
  await assert.rejects(book(t.db, as('bm'), small), ForbiddenError); // books no training
  await assert.rejects(book(t.db, as('sw'), '00000000-0000-4000-8000-000000000000'), NotFoundError);
  const b = await book(t.db, as('sw'), small);
  await assert.rejects(
    book(t.db, as('sw'), small),
    (e) => e instanceof ConflictError && /already/.test(e.message),
  );
  await assert.rejects(
    book(t.db, as('teacher'), small),
    (e) => e instanceof ConflictError && /full/.test(e.message),
  );
  const past = await makeSession(t, course, addDays(today, -1));
  await assert.rejects(
    book(t.db, as('sw'), past),
    (e) => e instanceof ConflictError && /taken place/.test(e.message),
  );
  assert.equal(await countRows(t.db, 'training_booking where session_id = $1', [past]), 0);

  // Someone else's booking is not theirs to cancel; the booker cancels before the day, then the place is free.
  await assert.rejects(cancelBooking(t.db, as('sw2'), b.id), NotFoundError);
  await cancelBooking(t.db, as('sw'), b.id);
  await assert.rejects(cancelBooking(t.db, as('sw'), b.id), ConflictError);
  const again = await book(t.db, as('teacher'), small);
  await moveSession(t.db, small, today);
  await assert.rejects(cancelBooking(t.db, as('teacher'), again.id), (e) => e instanceof ConflictError);
  assert.equal((await auditRows(t.db, { action: 'training.booked', entityId: again.id })).length, 1);
});

test('attendance by the business manager from the day on; evaluation only after attending; follow-up from 3 months', async () => {
  const course = await makeCourse(t, 'Evaluation rules');
  const session = await makeSession(t, course, tomorrow);
  const sw = await book(t.db, as('sw'), session);
  const teacher = await book(t.db, as('teacher'), session);
  const marks = {
    marks: [
      { bookingId: sw.id, attendance: 'attended' as const },
      { bookingId: teacher.id, attendance: 'did_not_attend' as const },
    ],
  };
  await assert.rejects(markAttendance(t.db, as('bm'), session, marks), ConflictError); // not yet
  const evaluation = { confidenceBefore: 2, confidenceAfter: 4, comments: 'Useful' };
  await assert.rejects(evaluate(t.db, as('sw'), sw.id, evaluation), ConflictError); // before attending

  const heldOn = '2026-05-31';
  await moveSession(t.db, session, heldOn);
  await assert.rejects(markAttendance(t.db, as('sw'), session, marks), ForbiddenError);
  await assert.rejects(
    markAttendance(t.db, as('bm'), session, { marks: [{ bookingId: sw.id, attendance: 'maybe' as never }] }),
    (e) => e instanceof ValidationError && e.errors[0]!.field === 'marks-0-attendance',
  );
  assert.equal(await markAttendance(t.db, as('bm'), session, marks, '2026-05-31'), 2);

  await assert.rejects(evaluate(t.db, as('teacher'), teacher.id, evaluation), ConflictError); // did not attend
  await assert.rejects(evaluate(t.db, as('sw2'), sw.id, evaluation), NotFoundError); // not theirs
  await assert.rejects(
    evaluate(t.db, as('sw'), sw.id, { confidenceBefore: 0, confidenceAfter: 6 }),
    (e) => e instanceof ValidationError && e.errors.length === 2,
  );
  await evaluate(t.db, as('sw'), sw.id, evaluation);
  await assert.rejects(evaluate(t.db, as('sw'), sw.id, evaluation), ConflictError); // once

  const f = { changedPractice: 'I ask about the lived experience first', impact: 4 };
  const opens = addMonths(heldOn, 3);
  assert.equal(opens, '2026-08-31');
  await assert.rejects(followUp(t.db, as('sw'), sw.id, f, '2026-08-30'), (e) => e instanceof ConflictError);
  const mine = await myTraining(t.db, as('sw'), '2026-08-30');
  assert.equal(mine.find((b) => b.id === sw.id)?.followUpFrom, '2026-08-31');
  assert.equal(mine.find((b) => b.id === sw.id)?.due, undefined);
  const due = await myTraining(t.db, as('sw'), opens);
  assert.equal(due.find((b) => b.id === sw.id)?.due?.href, `/training/bookings/${sw.id}/follow-up`);
  await assert.rejects(
    followUp(t.db, as('sw'), sw.id, { changedPractice: '', impact: 3 }, opens),
    ValidationError,
  );
  await followUp(t.db, as('sw'), sw.id, f, opens);
  await assert.rejects(followUp(t.db, as('sw'), sw.id, f, opens), ConflictError);
  assert.equal(await countRows(t.db, 'training_follow_up where booking_id = $1', [sw.id]), 1);
});

test('the training data: reach by agency against expected numbers, for the partnership’s readers', async () => {
  const course = await makeCourse(t, 'Reach');
  const council = t.org.agencies.council!;
  await setExpected(t.db, as('bm'), course, { year: 2026, numbers: [{ agencyId: council, expected: 4 }] });
  const session = await makeSession(t, course, tomorrow);
  const b = await book(t.db, as('sw2'), session);
  await moveSession(t.db, session, '2026-06-01');
  await markAttendance(t.db, as('bm'), session, { marks: [{ bookingId: b.id, attendance: 'attended' }] });
  await assert.rejects(trainingData(t.db, as('sw')), ForbiddenError);
  const data = await trainingData(t.db, as('bm'), '2026-12-07');
  const row = data.reach.find((a) => a.agencyName === 'Elmshire County Council');
  const y = row?.years.find((x) => x.year === 2026);
  assert.ok(y && y.expected === 4 && y.attended >= 1);
  assert.equal(y.percent, Math.round((y.attended / 4) * 100));
  assert.ok(data.chart.table.rows.some((r) => r[0] === 'Elmshire County Council'));
  const sw = data.byRole.find((r) => r.role === 'Social worker');
  assert.ok(sw && sw.attended[0]! >= 1, 'attendance by role, this year first');
  const panel = await executivePanel(t.db, as('scrutineer'), '2026-12-07');
  assert.equal(panel.href, '/training/data');
  assert.equal(panel.chart?.kind, 'bar');
  await assert.rejects(executivePanel(t.db, as('teacher')), ForbiddenError);
});
