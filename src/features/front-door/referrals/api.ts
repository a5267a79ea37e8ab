/**
 * /api/v1/referrals for partner systems: make a referral (one per idempotency key), and read the
 * status and outcome of the caller's own referrals.
 */
import type { FastifyInstance } from 'fastify';
import { PAGE_SIZE } from '../../../platform/due.ts';
import { apiRoute } from '../../../platform/http/api.ts';
import { pageQuerySchema } from '../schemas.ts';
import { getOwnReferral, listOwnReferrals, submitFromApi, type OwnReferral } from '../service.ts';
import { apiReferralSchema, referralFromApi } from './schemas.ts';

const TAG = 'Referrals';

function referralJson(r: OwnReferral) {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    receivedAt: new Date(r.receivedAt).toISOString(),
    decisionDue: r.decisionDue,
    decision: r.decision
      ? { outcome: r.decision, label: r.decisionLabel, decidedAt: new Date(r.decidedAt!).toISOString() }
      : null,
  };
}

export async function referralApi(app: FastifyInstance): Promise<void> {
  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/referrals',
    summary:
      'Make a referral to the front door. Send an Idempotency-Key header (or a clientReference): a retried request makes one referral.',
    tag: TAG,
    body: apiReferralSchema,
    responses: { 201: 'Referral received' },
    idempotency: {
      required:
        'Send an Idempotency-Key header or a clientReference, so that a retried request makes one referral',
      fromBody: (body) => body.clientReference,
    },
    handler: async ({ db, reply, actor, body }) => {
      const received = await submitFromApi(db, actor, referralFromApi(body, actor));
      reply.status(201).header('location', `/api/v1/referrals/${received.contactId}`);
      return {
        id: received.contactId,
        reference: received.reference,
        status: 'received',
        receivedAt: new Date(received.receivedAt).toISOString(),
        decisionDue: received.decisionDue,
      };
    },
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/referrals',
    summary: `Your referrals, newest first, ${PAGE_SIZE} a page: status, and when decided, what was decided`,
    tag: TAG,
    query: pageQuerySchema,
    handler: async ({ db, actor, query }) =>
      (await listOwnReferrals(db, actor, query.page)).rows.map(referralJson),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/referrals/:id',
    summary: 'One of your referrals: status, and when decided, what was decided (not the record)',
    tag: TAG,
    handler: async ({ db, actor, params }) => referralJson(await getOwnReferral(db, actor, params.id!)),
  });
}
