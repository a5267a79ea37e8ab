import { withDrawing } from '../../platform/charts.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Feature } from '../../platform/deps.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { actorOf } from '../../platform/http/actor.ts';
import { bodyOf, flashOf, formPost, idParam, keepValues } from '../../platform/http/forms.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { ROLE_LABELS, ROLES } from '../../platform/access/roles.ts';
import { londonToday } from '../../platform/dates.ts';
import { parseForm, type Body } from '../../platform/validation.ts';
import { trainingApi } from './api.ts';
import {
  ATTENDANCE,
  LEVELS,
  SCALE,
  attendanceSchema,
  courseSchema,
  evaluationSchema,
  expectedSchema,
  followUpSchema,
  rowsFromForm,
  sessionFromForm,
  sessionSchema,
} from './schemas.ts';
import {
  addSession,
  book,
  bookingForStep,
  cancelBooking,
  catalogue,
  courseForForm,
  coursePage,
  createCourse,
  evaluate,
  followUp,
  markAttendance,
  myTraining,
  sessionPage,
  setExpected,
  trainingData,
} from './service.ts';

const MESSAGES: Record<string, string> = {
  course: 'The course has been added. Add its sessions and the numbers it should reach.',
  expected: 'The expected numbers have been saved.',
  session: 'The session has been added.',
  booked: 'You have a place on this session.',
  cancelled: 'Your place has been cancelled.',
  attendance: 'Attendance has been recorded.',
  evaluated: 'Thank you: your evaluation has been recorded.',
  followed: 'Thank you: what changed in your practice has been recorded.',
};

type Values = Record<string, unknown>;
const radios = (list: readonly { value: string; label: string; hint?: string }[], chosen: unknown) =>
  list.map((c) => ({
    value: c.value,
    text: c.label,
    ...(c.hint && { hint: { text: c.hint } }),
    checked: String(chosen ?? '') === c.value,
  }));

function courseItems(v: Values) {
  const chosen = [v.audienceRoles ?? []].flat();
  return {
    levelItems: radios(LEVELS, v.level),
    roleItems: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: chosen.includes(r) })),
  };
}

/** Blank expected numbers are "none expected". */
const expectedFromForm = (body: Body) =>
  rowsFromForm(
    Object.fromEntries(Object.entries(body).map(([k, v]) => [k, /-expected$/.test(k) && v === '' ? '0' : v])),
    'numbers',
  );

export const trainingFeature: Feature = async (app, { db }) => {
  const S = 'training/views/session.njk';

  app.get('/training', async (req, reply) => {
    const courses = await catalogue(db, actorOf(req));
    return reply.render('training/views/catalogue.njk', { courses, flash: flashOf(req, MESSAGES) });
  });

  const courseForm = (actor: Actor, values: Values) => {
    requirePermission(actor, 'partnership.manage');
    return { values, ...courseItems(values) };
  };
  app.get('/training/courses/new', async (req, reply) =>
    reply.render('training/views/course-form.njk', courseForm(actorOf(req), {})),
  );
  formPost(app, '/training/courses/new', ({ actor, body }) => ({
    view: 'training/views/course-form.njk',
    schema: courseSchema,
    page: () => courseForm(actor, body),
    change: async () => {
      requirePermission(actor, 'partnership.manage');
      return `/training/courses/${await createCourse(db, actor, parseForm(courseSchema, body))}?done=course`;
    },
  }));

  app.get('/training/courses/:courseId', async (req, reply) => {
    const page = await coursePage(db, actorOf(req), idParam(req, 'courseId'));
    return reply.render('training/views/course.njk', { ...page, flash: flashOf(req, MESSAGES) });
  });

  const expectedPage = async (actor: Actor, courseId: string, values?: Body) => {
    const course = await courseForForm(db, actor, courseId);
    const page = await coursePage(db, actor, courseId);
    return { course, year: page.year, rows: page.expected ?? [], typed: Boolean(values) };
  };
  app.get('/training/courses/:courseId/expected', async (req, reply) =>
    reply.render('training/views/expected.njk', await expectedPage(actorOf(req), idParam(req, 'courseId'))),
  );
  formPost(app, '/training/courses/:courseId/expected', ({ req, actor, body }) => {
    const id = idParam(req, 'courseId');
    return {
      view: 'training/views/expected.njk',
      schema: expectedSchema,
      page: () => expectedPage(actor, id, body),
      change: async () => {
        await courseForForm(db, actor, id);
        await setExpected(db, actor, id, parseForm(expectedSchema, expectedFromForm(body)));
        return `/training/courses/${id}?done=expected`;
      },
    };
  });

  const sessionForm = async (actor: Actor, courseId: string, values: Values) => ({
    course: await courseForForm(db, actor, courseId),
    values,
    onlineItems: [
      { value: 'yes', text: 'Online', checked: values.online === 'yes' },
      { value: 'no', text: 'In person', checked: values.online === 'no' },
    ],
  });
  app.get('/training/courses/:courseId/sessions/new', async (req, reply) =>
    reply.render(
      'training/views/session-form.njk',
      await sessionForm(actorOf(req), idParam(req, 'courseId'), {}),
    ),
  );
  formPost(app, '/training/courses/:courseId/sessions/new', ({ req, actor, body }) => {
    const id = idParam(req, 'courseId');
    return {
      view: 'training/views/session-form.njk',
      schema: sessionSchema,
      page: () => sessionForm(actor, id, body),
      change: async () => {
        await courseForForm(db, actor, id);
        const sessionId = await addSession(db, actor, id, parseForm(sessionSchema, sessionFromForm(body)));
        return `/training/sessions/${sessionId}?done=session`;
      },
    };
  });

  const renderSession = async (req: FastifyRequest, reply: FastifyReply, extra: Values = {}) => {
    const page = await sessionPage(db, actorOf(req), idParam(req, 'sessionId'));
    const marks = (page.bookings ?? []).map((b, i) => ({
      ...b,
      i,
      items: radios(
        ATTENDANCE,
        (extra.values as Values | undefined)?.[`marks-${i}-attendance`] ?? b.attendance,
      ),
    }));
    return reply.render(S, { ...page, marks, today: londonToday(), flash: flashOf(req, MESSAGES), ...extra });
  };
  app.get('/training/sessions/:sessionId', (req, reply) => renderSession(req, reply));

  // A refused booking (past, full, already booked) is a 409 shown on the session's page.
  app.post('/training/sessions/:sessionId/book', async (req, reply) => {
    const id = idParam(req, 'sessionId');
    try {
      await book(db, actorOf(req), id);
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
      reply.status(409);
      return renderSession(req, reply, { errors: [{ field: 'book', message: err.message }] });
    }
    return reply.redirect(`/training/sessions/${id}?done=booked`, 303);
  });

  app.post('/training/sessions/:sessionId/attendance', async (req, reply) => {
    const actor = actorOf(req);
    const id = idParam(req, 'sessionId');
    const body = bodyOf(req);
    requirePermission(actor, 'partnership.manage');
    try {
      await markAttendance(db, actor, id, parseForm(attendanceSchema, rowsFromForm(body, 'marks')));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      reply.status(400);
      return renderSession(req, reply, { errors: err.errors, values: keepValues(body) });
    }
    return reply.redirect(`/training/sessions/${id}?done=attendance`, 303);
  });

  app.post('/training/bookings/:bookingId/cancel', async (req, reply) => {
    await cancelBooking(db, actorOf(req), idParam(req, 'bookingId'));
    return reply.redirect('/training/mine?done=cancelled', 303);
  });

  app.get('/training/mine', async (req, reply) => {
    const bookings = await myTraining(db, actorOf(req));
    return reply.render('training/views/mine.njk', {
      bookings,
      due: bookings.filter((b) => b.due),
      flash: flashOf(req, MESSAGES),
    });
  });

  const steps = [
    {
      path: 'evaluation',
      schema: evaluationSchema,
      done: 'evaluated',
      save: (actor: Actor, id: string, body: Body) =>
        evaluate(db, actor, id, parseForm(evaluationSchema, body)),
    },
    {
      path: 'follow-up',
      schema: followUpSchema,
      done: 'followed',
      save: (actor: Actor, id: string, body: Body) =>
        followUp(db, actor, id, parseForm(followUpSchema, body)),
    },
  ] as const;
  for (const step of steps) {
    const view = `training/views/${step.path}.njk`;
    const page = async (actor: Actor, id: string, values: Values) => ({
      booking: await bookingForStep(db, actor, id, step.path),
      values,
      beforeItems: radios(SCALE, values.confidenceBefore),
      afterItems: radios(SCALE, values.confidenceAfter),
      impactItems: radios(SCALE, values.impact),
    });
    app.get(`/training/bookings/:bookingId/${step.path}`, async (req, reply) =>
      reply.render(view, await page(actorOf(req), idParam(req, 'bookingId'), {})),
    );
    formPost(app, `/training/bookings/:bookingId/${step.path}`, ({ req, actor, body }) => {
      const id = idParam(req, 'bookingId');
      return {
        view,
        schema: step.schema,
        page: () => page(actor, id, body),
        change: async () => {
          // Whose booking, and whether the step is open, come before what was sent.
          await bookingForStep(db, actor, id, step.path);
          await step.save(actor, id, body);
          return `/training/mine?done=${step.done}`;
        },
      };
    });
  }

  app.get('/training/data', async (req, reply) => {
    const data = await trainingData(db, actorOf(req));
    return reply.render('training/views/data.njk', { data, chart: await withDrawing(data.chart) });
  });

  trainingApi(app);
};
