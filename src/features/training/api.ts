import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.ts';
import { evaluationSchema, followUpSchema } from './schemas.ts';
import { book, catalogue, coursePage, evaluate, followUp } from './service.ts';

/** The training API: the catalogue, booking a place, and the attendee's evaluation and follow-up. */
export function trainingApi(app: FastifyInstance): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/training/courses',
    summary: 'The training courses, each with its sessions from today on',
    tag: 'Training',
    handler: async ({ db, actor }) => ({ courses: await catalogue(db, actor) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/training/courses/:id',
    summary: 'One course with all its sessions (and, for the business manager, the expected numbers)',
    tag: 'Training',
    handler: async ({ db, actor, params }) => coursePage(db, actor, params.id!),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/training/sessions/:id/bookings',
    summary: 'Books you a place on a session (refused with 409 when it is full, past, or already booked)',
    tag: 'Training',
    responses: {
      201: 'Your booking',
      409: 'The session is full, has taken place, or you already have a place',
    },
    handler: async ({ db, actor, params, reply }) => {
      const booking = await book(db, actor, params.id!);
      reply.status(201);
      return booking;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/training/bookings/:id/evaluation',
    summary: 'Your evaluation of a course you attended: confidence before and after (1 to 5), comments',
    tag: 'Training',
    body: evaluationSchema,
    responses: { 201: 'Recorded', 409: 'Not attended (yet), or already evaluated' },
    handler: async ({ db, actor, params, body, reply }) => {
      await evaluate(db, actor, params.id!, body);
      reply.status(201);
      return { bookingId: params.id, evaluated: true };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/training/bookings/:id/follow-up',
    summary: 'The impact follow-up, from 3 calendar months after the session: what changed, and a rating',
    tag: 'Training',
    body: followUpSchema,
    responses: { 201: 'Recorded', 409: 'Not open yet (before 3 months or not attended), or already given' },
    handler: async ({ db, actor, params, body, reply }) => {
      await followUp(db, actor, params.id!, body);
      reply.status(201);
      return { bookingId: params.id, followedUp: true };
    },
  });
}
