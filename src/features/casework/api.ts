/**
 * /api/v1 casework for partner systems: a child's casework with its open clocks, what the child has
 * told us, the caller's own work by due date, and recording a visit or the child's voice. Access
 * checks, rules and audit stay in the services; this file turns JSON into the services' input and
 * their results into stable camel-case JSON (dates 'YYYY-MM-DD', times ISO 8601).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../platform/access/actor.ts';
import { ValidationError, type FieldError } from '../../platform/errors.ts';
import { apiRoute } from '../../platform/http/api.ts';
import { isoDateString } from '../../platform/validation.ts';
import type { PersonHeading } from '../people/service.ts';
import { VOICE_METHODS, values } from './codes.ts';
import { TEXT_MAX, LONG_MAX, SHORT_MAX, type Body } from './forms.ts';
import { caseworkOverview, childVoicePage, recordDirectWork, recordVisit, type Overview } from './service.ts';
import { idParam } from '../../platform/http/forms.ts';

const TAG = 'Casework';

const personIdOf = (params: unknown): string => idParam({ params });

const timestamp = (v: Date | string) => new Date(v).toISOString();

function personJson(p: PersonHeading) {
  return {
    id: p.id,
    kind: p.kind,
    unborn: p.unborn,
    givenName: p.givenName,
    familyName: p.familyName,
    dateOfBirth: p.dateOfBirth,
    expectedDate: p.expectedDate,
    restricted: p.restricted,
  };
}

type EpisodeView = Overview['episodes'][number];

function episodeJson({ episode: e, parts }: EpisodeView) {
  return {
    id: e.id,
    status: e.status,
    referralId: e.referralId,
    referralDecision: e.referralDecision,
    referralDate: e.referralDate,
    referralSource: e.referralSource,
    primaryNeed: e.primaryNeed,
    stepUpReference: e.stepUpReference,
    closureDate: e.closureDate,
    closureReason: e.closureReason,
    stepDownReference: e.stepDownReference,
    assessments: parts.assessments.map((a) => ({
      id: a.id,
      status: a.status,
      startDate: a.startDate,
      factors: a.factors,
      analysis: a.analysis,
      outcome: a.outcome,
      completedDate: a.completedDate,
      lateReason: a.lateReason,
      authorisedDate: a.authorisedDate,
      voiceAbsentReason: a.voiceAbsentReason,
    })),
    strategyDiscussions: parts.strategyDiscussions.map((s) => ({
      id: s.id,
      heldOn: s.heldOn,
      agencies: s.agencyNames,
      participants: s.participants,
      decision: s.decision,
      rationale: s.rationale,
    })),
    section47Enquiries: parts.section47s.map((s) => ({
      id: s.id,
      strategyDiscussionId: s.strategyDiscussionId,
      startDate: s.startDate,
      status: s.status,
      outcome: s.outcome,
      conferenceNeeded: s.conferenceNeeded,
      outcomeDate: s.outcomeDate,
      outcomeNotes: s.outcomeNotes,
      signedOffDate: s.signedOffDate,
    })),
    conferences: parts.conferences.map((c) => ({
      id: c.id,
      kind: c.kind,
      heldOn: c.heldOn,
      section47Id: c.section47Id,
      cpPlanId: c.cpPlanId,
      chair: c.chair,
      agencies: c.agencyNames,
      attendanceNotes: c.attendanceNotes,
      decision: c.decision,
      category: c.category,
      voiceAbsentReason: c.voiceAbsentReason,
    })),
    childProtectionPlans: parts.cpPlans.map((pl) => ({
      id: pl.id,
      status: pl.status,
      initialConferenceId: pl.initialConferenceId,
      startDate: pl.startDate,
      initialCategory: pl.initialCategory,
      latestCategory: pl.latestCategory,
      endDate: pl.endDate,
      endReason: pl.endReason,
      coreGroups: parts.coreGroups
        .filter((g) => g.cpPlanId === pl.id)
        .map((g) => ({ id: g.id, heldOn: g.heldOn, agencies: g.agencyNames, notes: g.notes })),
    })),
    childInNeedPlans: parts.cinPlans.map((pl) => ({
      id: pl.id,
      status: pl.status,
      startDate: pl.startDate,
      endDate: pl.endDate,
      endReason: pl.endReason,
      reviews: parts.cinReviews
        .filter((r) => r.cinPlanId === pl.id)
        .map((r) => ({ id: r.id, heldOn: r.heldOn, notes: r.notes, voiceAbsentReason: r.voiceAbsentReason })),
    })),
    visits: parts.visits.map((v) => ({
      id: v.id,
      visitedOn: v.visitedOn,
      statutory: v.cpPlanId !== null,
      cpPlanId: v.cpPlanId,
      seen: v.seen,
      seenAlone: v.seenAlone,
      bedroomSeen: v.bedroomSeen,
      notSeenReason: v.notSeenReason,
      notes: v.notes,
      voiceAbsentReason: v.voiceAbsentReason,
    })),
    managerDecisions: parts.decisions.map((d) => ({
      id: d.id,
      point: d.point,
      subjectId: d.subjectId,
      decision: d.decision,
      note: d.note,
      decidedOn: d.decidedOn,
      decidedBy: d.decidedByName,
    })),
  };
}

/** Where the child is now: the open episode and what is open in it. */
function currentJson(o: Overview) {
  const open = o.episodes.find((e) => e.episode.status === 'open');
  const p = open?.parts;
  const assessment = p?.assessments.find((a) => a.status !== 'authorised');
  const s47 = p?.section47s.find((s) => s.status !== 'completed');
  const cp = p?.cpPlans.find((x) => x.status === 'open');
  const cin = p?.cinPlans.find((x) => x.status === 'open');
  return {
    status: open ? 'open' : o.episodes.length ? 'closed' : 'none',
    episodeId: open?.episode.id ?? null,
    assessment: assessment
      ? { id: assessment.id, status: assessment.status, startDate: assessment.startDate }
      : null,
    section47Enquiry: s47 ? { id: s47.id, status: s47.status, startDate: s47.startDate } : null,
    childProtectionPlan: cp ? { id: cp.id, startDate: cp.startDate, category: cp.latestCategory } : null,
    childInNeedPlan: cin ? { id: cin.id, startDate: cin.startDate } : null,
  };
}

export function caseworkJson(o: Overview) {
  return {
    person: personJson(o.person),
    today: o.today,
    current: currentJson(o),
    clocks: o.clocks.map((c) => ({
      type: c.type,
      label: c.label,
      startedBy: c.startedBy,
      startDate: c.start,
      dueDate: c.dueDate,
      overdue: c.due.status === 'overdue',
      dueText: c.due.text,
    })),
    episodes: o.episodes.map(episodeJson),
  };
}

type VoicePage = Awaited<ReturnType<typeof childVoicePage>>;

export function voiceJson(v: VoicePage) {
  return {
    person: personJson(v.person),
    entries: v.entries.map((e) => ({
      id: e.id,
      gatheredOn: e.gatheredOn,
      words: e.words,
      methods: e.methods,
      gatheredBy: e.gatheredBy,
      context: e.context,
      recordedAt: timestamp(e.createdAt),
    })),
    notHeard: v.absences.map((a) => ({ context: a.context, on: a.on, reason: a.reason })),
  };
}

const text = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, { error: `${label} must not be empty` })
    .max(max, { error: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` });
const yesNo = (label: string) => z.boolean({ error: `${label} must be true or false` });
const methods = z
  .array(
    z.enum(values(VOICE_METHODS), {
      error: `each method must be one of ${values(VOICE_METHODS).join(', ')}`,
    }),
    { error: 'methods must be a list' },
  )
  .min(1, { error: 'methods must name at least one way the child’s voice was gathered' })
  .max(VOICE_METHODS.length, { error: 'methods has too many entries' })
  .refine((m) => new Set(m).size === m.length, { error: 'methods must not name a way twice' });

const voiceFields = {
  words: text(TEXT_MAX, 'words'),
  methods,
  gatheredBy: text(SHORT_MAX, 'gatheredBy').optional(),
  gatheredOn: isoDateString('gatheredOn'),
};

export const apiVoiceSchema = z.strictObject(voiceFields);

export const apiVisitSchema = z
  .strictObject({
    visitedOn: isoDateString('visitedOn'),
    seen: yesNo('seen'),
    seenAlone: yesNo('seenAlone').optional(),
    bedroomSeen: yesNo('bedroomSeen'),
    notSeenReason: text(TEXT_MAX, 'notSeenReason').optional(),
    notes: text(LONG_MAX, 'notes').optional(),
    voice: z
      .strictObject(
        { ...voiceFields, gatheredOn: isoDateString('gatheredOn').optional() },
        { error: (iss) => (iss.code === 'invalid_type' ? 'voice must be an object' : undefined) },
      )
      .optional(),
    voiceAbsentReason: text(TEXT_MAX, 'voiceAbsentReason').optional(),
  })
  .superRefine((b, ctx) => {
    if (b.seen && b.seenAlone === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['seenAlone'],
        message: 'seenAlone is required when seen is true',
      });
    if (b.seen && b.notSeenReason)
      ctx.addIssue({
        code: 'custom',
        path: ['notSeenReason'],
        message: 'notSeenReason is only for a visit at which the child was not seen',
      });
    if (b.voice && b.voiceAbsentReason)
      ctx.addIssue({
        code: 'custom',
        path: ['voiceAbsentReason'],
        message: 'Send either voice or voiceAbsentReason, not both',
      });
  });

/** The services read GOV.UK form fields: an ISO date becomes its day, month and year. */
function dateFields(field: string, iso: string | undefined): Body {
  if (!iso) return {};
  const [y, m, d] = iso.split('-');
  return { [`${field}-day`]: String(Number(d)), [`${field}-month`]: String(Number(m)), [`${field}-year`]: y };
}

type VoiceIn = { words: string; methods: string[]; gatheredBy?: string; gatheredOn?: string };

function voiceBody(actor: Actor, v: VoiceIn, defaultOn?: string): Body {
  return {
    voiceWords: v.words,
    voiceMethods: v.methods,
    voiceBy: v.gatheredBy ?? actor.name,
    ...dateFields('voiceOn', v.gatheredOn ?? defaultOn),
  };
}

const VOICE_PARTS: Record<string, string> = {
  voiceWords: 'words',
  voiceMethods: 'methods',
  voiceBy: 'gatheredBy',
  voiceOn: 'gatheredOn',
};

/**
 * Runs a recording service, naming its field errors as the API body names them: a date's
 * day/month/year is the date; the voice's parts are named by `voicePart`.
 */
async function recording<T>(work: () => Promise<T>, voicePart: (part: string) => string): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    const errors: FieldError[] = [];
    for (const e of err.errors) {
      const base = e.field.replace(/-(day|month|year)$/, '');
      const part = VOICE_PARTS[base];
      const field = base === 'voiceAbsent' ? 'voiceAbsentReason' : part ? voicePart(part) : base;
      if (!errors.some((x) => x.field === field)) errors.push({ field, message: e.message });
    }
    throw new ValidationError(errors);
  }
}

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
    handler: async ({ db, actor, params }) =>
      caseworkJson(await caseworkOverview(db, actor, personIdOf(params))),
  });

  apiRoute(app, {
    method: 'GET',
    url: '/api/v1/people/:id/voice',
    summary: 'What the child has told us, oldest first, and where the child’s voice was not heard, with why',
    tag: TAG,
    responses: {
      200: 'person; entries [{id, gatheredOn, words, methods, gatheredBy, context, recordedAt}]; notHeard [{context, on, reason}], both oldest first',
    },
    handler: async ({ db, actor, params }) => voiceJson(await childVoicePage(db, actor, personIdOf(params))),
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/people/:id/visits',
    summary:
      'Record a visit to the child (under an open child protection plan, the statutory visit): seen, seen alone, bedroom seen, and what the child said (voice) or why it is not recorded (voiceAbsentReason; a child not seen needs notSeenReason)',
    tag: TAG,
    body: apiVisitSchema,
    responses: {
      201: 'Recorded: {id}; the visit shows in the child’s casework',
      409: 'The child has no open episode of need, or the record is not a child’s',
    },
    handler: async ({ db, actor, params, body, reply }) => {
      const id = personIdOf(params);
      const form: Body = {
        ...dateFields('visitedOn', body.visitedOn),
        seen: body.seen ? 'yes' : 'no',
        seenAlone: body.seenAlone === undefined ? undefined : body.seenAlone ? 'yes' : 'no',
        bedroomSeen: body.bedroomSeen ? 'yes' : 'no',
        notSeenReason: body.notSeenReason,
        notes: body.notes,
        voiceAbsent: body.voiceAbsentReason,
        ...(body.voice ? voiceBody(actor, body.voice, body.visitedOn) : {}),
      };
      const visitId = await recording(
        () => recordVisit(db, actor, id, form),
        // Neither words nor a reason: the voice as a whole is missing.
        (part) => (body.voice ? `voice-${part}` : 'voice'),
      );
      reply.status(201).header('location', `/api/v1/people/${id}/casework`);
      return { id: visitId };
    },
  });

  apiRoute(app, {
    method: 'POST',
    url: '/api/v1/people/:id/voice',
    summary:
      'Record what the child said or showed, in their own words (direct work outside any other step): how it was gathered, by whom (default: you) and when',
    tag: TAG,
    body: apiVoiceSchema,
    responses: { 201: 'Recorded: {id}; the entry shows in the child’s voice' },
    handler: async ({ db, actor, params, body, reply }) => {
      const id = personIdOf(params);
      const voiceId = await recording(
        () => recordDirectWork(db, actor, id, voiceBody(actor, body)),
        (part) => part,
      );
      reply.status(201).header('location', `/api/v1/people/${id}/voice`);
      return { id: voiceId };
    },
  });
}
