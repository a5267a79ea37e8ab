/**
 * /api/v1/referrals for partner systems: make a referral (one per idempotency key), and read the
 * status and outcome of the caller's own referrals.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../platform/access/actor.ts';
import { apiRoute } from '../../../platform/http/api.ts';
import { isoDateString } from '../../../platform/validation.ts';
import { ADULT_RELATIONSHIP_VALUES, CHILD_SAID_VALUES, CONSENT_VALUES, RISK_VALUES } from '../codes.ts';
import { submitFromApi } from './intake.ts';
import {
  checkAddress,
  checkChildSaid,
  checkConcern,
  checkConsent,
  checkReferrer,
  checkRisks,
} from './answers.ts';
import {
  checkAdult,
  checkChild,
  LONG_MAX,
  NAME_MAX,
  Problems,
  SHORT_MAX,
  type ReferralInput,
} from './rules.ts';
import { getOwnReferral, listOwnReferrals, type OwnReferral } from './your-referrals.ts';

const TAG = 'Referrals';
const t = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .max(max, { error: `${label} must be ${max} characters or fewer` });
const sex = z.enum(['female', 'male', 'indeterminate', 'unknown'], {
  error: 'sex must be female, male, indeterminate or unknown',
});

const apiChild = z.strictObject({
  givenName: t(NAME_MAX, 'givenName').optional(),
  familyName: t(NAME_MAX, 'familyName'),
  otherNames: t(SHORT_MAX, 'otherNames').optional(),
  unborn: z.boolean({ error: 'unborn must be true or false' }).optional(),
  dateOfBirth: isoDateString('dateOfBirth').nullish(),
  expectedDate: isoDateString('expectedDate').nullish(),
  ageYears: z.number({ error: 'ageYears must be a number' }).int().min(0).max(17).nullish(),
  sex: sex.optional(),
  nhsNumber: t(20, 'nhsNumber').nullish(),
  upn: t(20, 'upn').nullish(),
});

const apiAdult = z.strictObject({
  givenName: t(NAME_MAX, 'givenName').optional(),
  familyName: t(NAME_MAX, 'familyName'),
  otherNames: t(SHORT_MAX, 'otherNames').optional(),
  dateOfBirth: isoDateString('dateOfBirth').nullish(),
  sex: sex.optional(),
  nhsNumber: t(20, 'nhsNumber').nullish(),
  relationship: z.enum(ADULT_RELATIONSHIP_VALUES, {
    error: `relationship must be one of ${ADULT_RELATIONSHIP_VALUES.join(', ')}`,
  }),
  relationshipDetail: t(SHORT_MAX, 'relationshipDetail').nullish(),
  livesWithChild: z.boolean({ error: 'livesWithChild must be true or false' }),
});

export const apiReferralSchema = z.strictObject({
  clientReference: z
    .string()
    .regex(/^[\x21-\x7e]{1,100}$/, { error: 'clientReference must be 1 to 100 visible characters' })
    .optional(),
  children: z.array(apiChild).min(1, { error: 'Include at least one child' }).max(20),
  adults: z.array(apiAdult).max(20).optional(),
  address: z
    .strictObject(
      {
        line1: t(SHORT_MAX, 'line1'),
        line2: t(SHORT_MAX, 'line2').nullish(),
        town: t(NAME_MAX, 'town').nullish(),
        postcode: t(20, 'postcode'),
      },
      { error: 'address must be an object, or null when not known' },
    )
    .nullable(),
  concern: t(LONG_MAX, 'concern'),
  childSaid: z.strictObject({
    status: z.enum(CHILD_SAID_VALUES, { error: `status must be one of ${CHILD_SAID_VALUES.join(', ')}` }),
    details: t(LONG_MAX, 'details').nullish(),
  }),
  immediateRisk: z.strictObject({
    status: z.enum(RISK_VALUES, { error: `status must be one of ${RISK_VALUES.join(', ')}` }),
    details: t(LONG_MAX, 'details').nullish(),
  }),
  consent: z.strictObject({
    familyAware: z.boolean({ error: 'familyAware must be true or false' }),
    consent: z.enum(CONSENT_VALUES, { error: `consent must be one of ${CONSENT_VALUES.join(', ')}` }),
    reason: t(LONG_MAX, 'reason').nullish(),
    decidedBy: t(SHORT_MAX, 'decidedBy').nullish(),
  }),
  referrer: z.strictObject({
    jobTitle: t(SHORT_MAX, 'jobTitle'),
    phone: t(30, 'phone').nullish(),
    email: t(254, 'email').nullish(),
  }),
});
type ApiReferral = z.infer<typeof apiReferralSchema>;

/** The API body through the same rules as the pages; field names like "children-0-nhsNumber". */
function toInput(b: ApiReferral, actor: Actor): ReferralInput {
  const p = new Problems();
  const at = (prefix: string) => (k: string) => `${prefix}-${k}`;
  const children = b.children.map((c, i) =>
    checkChild(
      c,
      at(`children-${i}`),
      { dob: `children-${i}-dateOfBirth`, expected: `children-${i}-expectedDate` },
      p,
    ),
  );
  const adults = (b.adults ?? []).map((a, i) =>
    checkAdult(a, at(`adults-${i}`), { dob: `adults-${i}-dateOfBirth` }, p),
  );
  const address = checkAddress(
    b.address ? { known: true, ...b.address } : { known: false },
    at('address'),
    p,
  );
  const concern = checkConcern(b.concern, 'concern', p);
  const childSaid = checkChildSaid(b.childSaid, at('childSaid'), p);
  const risks = checkRisks(b.immediateRisk, at('immediateRisk'), p);
  const consent = checkConsent(b.consent, at('consent'), p);
  const referrer = checkReferrer(
    {
      name: actor.name,
      jobTitle: b.referrer.jobTitle,
      agencyId: actor.agencyId,
      agencyName: actor.agencyName,
      phone: b.referrer.phone ?? '',
      email: b.referrer.email ?? actor.email,
    },
    at('referrer'),
    p,
    { phone: false },
  );
  p.throwIfAny();
  return {
    children,
    adults,
    address,
    concern,
    childSaid,
    risks,
    consent,
    referrer,
  };
}

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
      const received = await submitFromApi(db, actor, toInput(body, actor));
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
    summary: 'Your referrals: status, and when decided, what was decided',
    tag: TAG,
    handler: async ({ db, actor }) => (await listOwnReferrals(db, actor)).map(referralJson),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/referrals/:id',
    summary: 'One of your referrals: status, and when decided, what was decided (not the record)',
    tag: TAG,
    handler: async ({ db, actor, params }) => referralJson(await getOwnReferral(db, actor, params.id ?? '')),
  });
}
