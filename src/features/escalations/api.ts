/**
 * /api/v1/escalations: the same services as the pages, so the same access, rules and audit. The
 * child is named (with the record's id) only to a caller who may read the child's record.
 */
import type { FastifyInstance } from 'fastify';
import { apiRoute } from '../../platform/http/api.ts';
import {
  getEscalation,
  listEscalations,
  moveToNextStage,
  raiseEscalation,
  raiseSchema,
  resolutionSchema,
  resolveEscalation,
  stageSchema,
  type Escalation,
} from './service.ts';

const TAG = 'Escalations';

function escalationJson(e: Escalation) {
  return {
    id: e.id,
    reference: e.reference,
    child: e.childVisible ? { id: e.personId, name: e.childLabel } : null,
    raisedBy: e.raisedBy,
    raisingAgency: { id: e.raisingAgencyId, name: e.raisingAgency },
    otherAgency: { id: e.otherAgencyId, name: e.otherAgency },
    disagreement: e.disagreement,
    tried: e.tried,
    raisedOn: e.raisedOn,
    stage: e.stage,
    stageStartedOn: e.stageStartedOn,
    stageDueOn: e.stageDueOn,
    due: e.due ? { status: e.due.status, text: e.due.text } : null,
    outcome: e.outcome,
    learning: e.learning,
    resolvedOn: e.resolvedOn,
    actionId: e.actionId,
  };
}

export function escalationsApi(app: FastifyInstance): void {
  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/escalations',
    summary: 'The escalations you may see: open ones by due date, then the latest resolved',
    tag: TAG,
    responses: { 200: 'open [escalation]; resolved [escalation]' },
    handler: async ({ db, actor }) => {
      const { open, resolved } = await listEscalations(db, actor);
      return { open: open.map(escalationJson), resolved: resolved.map(escalationJson) };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/escalations/:id',
    summary: 'One escalation with its steps',
    tag: TAG,
    responses: { 200: 'escalation; steps [{kind, stage, reason, by, agency, onDate}]' },
    handler: async ({ db, actor, params }) => {
      const { escalation, steps } = await getEscalation(db, actor, params.id!);
      return {
        ...escalationJson(escalation),
        steps: steps.map((s) => ({
          kind: s.kind,
          stage: s.stage,
          reason: s.reason,
          by: s.by,
          agency: s.agency,
          onDate: s.onDate,
        })),
      };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/escalations',
    summary: 'Raises an escalation about a child whose record you may read, with another agency',
    tag: TAG,
    body: raiseSchema,
    responses: { 201: 'id, reference' },
    handler: async ({ db, actor, body, reply }) => {
      reply.status(201);
      return raiseEscalation(db, actor, body);
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/escalations/:id/stage',
    summary: 'Moves an escalation to its next stage, with the reason (either agency)',
    tag: TAG,
    body: stageSchema,
    responses: {
      200: 'stage, stageDueOn',
      409: 'The escalation is resolved, or with the partnership already',
    },
    handler: async ({ db, actor, params, body }) => moveToNextStage(db, actor, params.id!, body),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/escalations/:id/resolution',
    summary: 'Resolves an escalation: outcome, learning, and optionally an action into the action log',
    tag: TAG,
    body: resolutionSchema,
    responses: { 200: 'outcome, actionId', 409: 'The escalation is resolved already' },
    handler: async ({ db, actor, params, body }) => resolveEscalation(db, actor, params.id!, body),
  });
}
