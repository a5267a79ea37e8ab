/**
 * /api/v1/early-help: the episodes and their steps, through the same services as the pages (the
 * same access, rules and audit).
 */
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.ts';
import * as eh from './service.ts';

const TAG = 'Early help';
const EPISODE =
  'id, reference, source, status, lead, leadAgency, consent, dates, family, team, meetings, reviews, scores, steps';

export function earlyHelpApi(app: FastifyInstance): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/early-help/episodes',
    summary: 'The early help episodes you lead or are in the team around (the early help service: every one)',
    tag: TAG,
    responses: { 200: '[{id, reference, status, source, lead, leadAgency, startedOn, assessmentDue, ...}]' },
    handler: ({ db, actor }) => eh.episodesJson(db, actor),
  });
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/early-help/episodes/:id',
    summary: 'One early help episode with everything recorded in it',
    tag: TAG,
    responses: { 200: EPISODE },
    handler: ({ db, actor, params }) => eh.episodeJson(db, actor, params.id!),
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/early-help/episodes',
    summary: 'Starts early help for a child you work with, as its lead practitioner',
    tag: TAG,
    body: eh.startSchema,
    responses: {
      201: 'id, reference',
      400: 'No consent or safeguarding decision; a child already in early help',
    },
    handler: async ({ db, actor, body, reply }) => {
      reply.status(201);
      return eh.startEpisode(db, actor, body);
    },
  });
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/early-help/step-downs',
    summary: 'Steps a family down from social care (after an RC9 closure) to a named lead practitioner',
    tag: TAG,
    body: eh.stepDownSchema,
    responses: { 201: 'id, reference' },
    handler: async ({ db, actor, body, reply }) => {
      reply.status(201);
      return eh.stepDown(db, actor, body);
    },
  });

  const steps = [
    ['assessment', eh.assessmentSchema, eh.recordAssessment, 'Records the early help assessment'],
    ['team', eh.teamMemberSchema, eh.addTeamMember, 'Adds a practitioner to the team around the family'],
    ['meetings', eh.meetingSchema, eh.recordMeeting, 'Records a team around the family meeting'],
    ['actions', eh.actionSchema, eh.addAction, 'Adds an action to the partnership’s action log'],
    ['reviews', eh.reviewSchema, eh.recordReview, 'Records a review, each need scored again'],
    ['step-up', eh.stepUpSchema, eh.stepUp, 'Steps the family up: a contact at the MASH with the history'],
    [
      'step-down-decision',
      eh.stepDecisionSchema,
      eh.decideStepDown,
      'Accepts or declines leading a step-down',
    ],
    ['lead', eh.allocateSchema, eh.allocateLead, 'Names the lead practitioner (the early help service)'],
    ['consent', eh.consentSchema, eh.withdrawConsent, 'Records the family withdrawing consent'],
    ['closure', eh.closeSchema, eh.closeEpisode, 'Closes the episode with its outcome and feedback'],
  ] as const;
  for (const [path, schema, fn, summary] of steps)
    apiRoute(app, {
      method: 'POST',
      url: `/api/v1/early-help/episodes/:id/${path}`,
      summary,
      tag: TAG,
      body: schema,
      responses: { 200: 'done', 409: 'The episode is closed, or not yet accepted by its lead' },
      handler: async ({ db, actor, params, body }) => {
        const out = await (fn as (d: typeof db, a: typeof actor, id: string, b: unknown) => Promise<unknown>)(
          db,
          actor,
          params.id!,
          body,
        );
        return out ?? { done: true };
      },
    });
}
