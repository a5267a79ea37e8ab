/** /api/v1/challenges: the same services, access and audit as the pages. */
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.ts';
import { challengeSchema, judgementSchema, responseSchema } from './schemas.ts';
import {
  judgeChallenge,
  listChallenges,
  raiseChallenge,
  readChallenge,
  respondToChallenge,
} from './service.ts';

const TAG = 'Challenges';

export function registerChallengeApi(app: FastifyInstance): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/challenges',
    summary: 'Every challenge of the partnership, open first, with its state and due date',
    tag: TAG,
    handler: async ({ db, actor }) => ({ challenges: await listChallenges(db, actor) }),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/challenges/:id',
    summary: 'One challenge, with every round and every answer as submitted',
    tag: TAG,
    handler: async ({ db, actor, params }) => {
      const { challenge, rounds } = await readChallenge(db, actor, params.id!);
      return { challenge, rounds };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/challenges',
    summary:
      'Raises a challenge to partner agencies: as the scrutineer, or for the young people’s panel (the business manager)',
    tag: TAG,
    body: challengeSchema,
    responses: { 201: 'The challenge, as raised' },
    handler: async ({ db, actor, body, reply }) => {
      const { id } = await raiseChallenge(db, actor, body);
      reply.status(201);
      return (await readChallenge(db, actor, id)).challenge;
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/challenges/:id/responses',
    summary: 'Your agency’s answer to the current round of a challenge: once, never changed',
    tag: TAG,
    body: responseSchema,
    responses: {
      201: 'The answer, as recorded',
      409: 'The challenge is closed, or your agency has answered this round',
    },
    handler: async ({ db, actor, params, body, reply }) => {
      const { id } = await respondToChallenge(db, actor, params.id!, body);
      reply.status(201);
      return { id, challengeId: params.id, answer: body.answer, evidence: body.evidence ?? '' };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/challenges/:id/judgement',
    summary:
      'Judges the current round: accepted, further challenge (with a new question and due date) or escalated',
    tag: TAG,
    body: judgementSchema,
    responses: { 200: 'The challenge after the judgement', 409: 'The challenge is already closed' },
    handler: async ({ db, actor, params, body }) => {
      await judgeChallenge(db, actor, params.id!, body);
      return (await readChallenge(db, actor, params.id!)).challenge;
    },
  });
}
