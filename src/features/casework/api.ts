/**
 * /api/v1 casework for partner systems: a child's casework with its open clocks, what the child has
 * told us, and recording a visit or the child's voice. Each POST takes the same schema as its page
 * and passes the parsed body to the same service; access, rules and audit stay in the services.
 */
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.ts';
import { caseworkJson, voiceJson } from './json.ts';
import { directWorkSchema, visitSchema } from './schemas.ts';
import { caseworkOverview, childVoicePage, recordDirectWork, recordVisit } from './service.ts';

const TAG = 'Casework';

export function caseworkApi(app: FastifyInstance): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/people/:id/casework',
    summary:
      "A child's statutory casework: where the child is now (open episode, assessment, section 47 enquiry, plan), every open clock with its due date, and every episode of need, newest first",
    tag: TAG,
    responses: {
      200: 'person; today; current {status none|open|closed, episodeId, assessment, section47Enquiry, childProtectionPlan, childInNeedPlan}; clocks [{type, label, startedBy, startDate, dueDate, overdue, dueText}] soonest first; episodes [...]',
    },
    handler: async ({ db, actor, params }) => caseworkJson(await caseworkOverview(db, actor, params.id!)),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/people/:id/voice',
    summary: 'What the child has told us, oldest first, and where the child’s voice was not heard, with why',
    tag: TAG,
    responses: {
      200: 'person; entries [{id, gatheredOn, words, methods, gatheredBy, context, recordedAt}]; notHeard [{context, on, reason}], both oldest first',
    },
    handler: async ({ db, actor, params }) => voiceJson(await childVoicePage(db, actor, params.id!)),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/people/:id/visits',
    summary:
      'Record a visit to the child (under an open child protection plan, the statutory visit): seen, seen alone, bedroom seen, and what the child said (voice) or why it is not recorded (voiceAbsentReason; a child not seen needs notSeenReason)',
    tag: TAG,
    body: visitSchema(),
    responses: {
      201: 'Recorded: {id}; the visit shows in the child’s casework',
      409: 'The child has no open episode of need, or the record is not a child’s',
    },
    handler: async ({ db, actor, params, body, reply }) => {
      const id = await recordVisit(db, actor, params.id!, body);
      reply.status(201).header('location', `/api/v1/people/${params.id}/casework`);
      return { id };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/people/:id/voice',
    summary:
      'Record what the child said or showed, in their own words (direct work outside any other step): how it was gathered, by whom (default: you) and when',
    tag: TAG,
    body: directWorkSchema(),
    responses: { 201: 'Recorded: {id}; the entry shows in the child’s voice' },
    handler: async ({ db, actor, params, body, reply }) => {
      const id = await recordDirectWork(db, actor, params.id!, body);
      reply.status(201).header('location', `/api/v1/people/${params.id}/voice`);
      return { id };
    },
  });
}
