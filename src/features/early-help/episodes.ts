/** Starting an early help episode (three ways), the lead accepting or declining, consent, closure. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission, requirePersonWriteAccess, UUID } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { aboutPerson, audit, auditMany } from '../../platform/audit.ts';
import { londonToday } from '../../platform/dates.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { forChange, seen } from './access.ts';
import * as repo from './repository/episodes.ts';
import * as work from './repository/work.ts';
import {
  allocateSchema,
  closeSchema,
  consentSchema,
  fromRequestSchema,
  startSchema,
  stepDecisionSchema,
  stepDownSchema,
  type CloseInput,
  type ConsentInput,
  type FromRequestInput,
  type StartInput,
  type StepDecisionInput,
  type StepDownInput,
} from './schemas.ts';
import { assessmentDue, earlyHelpSettings } from './settings.ts';

/** Roles that lead early help (any agency), and those who may sit on a team around the family. */
export const LEAD_ROLES = ['early_help_lead', 'partner_practitioner'] as const;
export const TEAM_ROLES = [
  'early_help_lead',
  'partner_practitioner',
  'social_worker',
  'team_manager',
  'mash_officer',
] as const;

export const leadChoices = (db: Db, actor: Actor) => repo.practitioners(db, actor.partnershipId, LEAD_ROLES);

interface Family {
  personId: string;
  familyIds: string[];
  consent: boolean;
  safeguardingReason?: string;
}

/** The family's rules: the child in it, members from the index, consent or the safeguarding decision, no overlap. */
async function checkFamily(tx: Db, actor: Actor, f: Family, p: Problems, field = 'familyIds') {
  const candidates = await repo.familyCandidates(tx, actor.partnershipId, f.personId);
  const child = candidates.find((c) => c.personId === f.personId);
  if (!child || child.kind !== 'child')
    p.add(field, 'Choose a child: early help is for a child and their family');
  const known = new Set(candidates.map((c) => c.personId));
  const ids = [...new Set([f.personId, ...f.familyIds])];
  if (ids.some((id) => !known.has(id)))
    p.add('familyIds', 'Choose the family from the people linked to the child in the person index');
  if (!f.consent && !f.safeguardingReason)
    p.add(
      'safeguardingReason',
      'Without the family’s consent, record the safeguarding decision to go ahead: why, and that you made it',
    );
  const childIds = candidates
    .filter((c) => c.kind === 'child' && ids.includes(c.personId))
    .map((c) => c.personId);
  const overlap = await repo.childrenInOpenEpisodes(tx, actor.partnershipId, childIds);
  for (const o of overlap) {
    const name = candidates.find((c) => c.personId === o.personId)?.name ?? 'A child';
    p.add(
      field,
      `${name} is already in early help episode ${o.reference}: one episode at a time for a child`,
    );
  }
  return ids;
}

async function leadOf(db: Db, actor: Actor, userId: string, p: Problems) {
  const lead = (await leadChoices(db, actor)).find((u) => u.id === userId);
  if (!lead) p.add('leadUserId', 'Select a lead practitioner from the list');
  return lead;
}

async function create(
  tx: Db,
  actor: Actor,
  e: Omit<
    repo.NewEpisode,
    'partnershipId' | 'reference' | 'assessmentDue' | 'createdBy' | 'startedOn' | 'safeguardingBy'
  >,
  ids: string[],
  action: string,
) {
  const today = londonToday();
  const settings = await earlyHelpSettings(tx, actor.partnershipId);
  const reference = await repo.nextReference(tx, actor.partnershipId, Number(today.slice(0, 4)));
  const id = await repo.insertEpisode(tx, {
    ...e,
    partnershipId: actor.partnershipId,
    reference,
    startedOn: today,
    assessmentDue: assessmentDue(today, settings),
    safeguardingBy: e.safeguardingReason ? actor.userId : null,
    createdBy: actor.userId,
  });
  await repo.insertMembers(tx, actor.partnershipId, id, ids);
  await audit(tx, actor, {
    action,
    entityType: 'eh_episode',
    entityId: id,
    detail: { reference, source: e.source },
  });
  await auditMany(
    tx,
    actor,
    ids.map((pid) => aboutPerson(pid, 'early_help.family_added', { episodeId: id })),
  );
  return { id, reference };
}

/** What the start form offers: the child's family from the person index (the actor works with the child). */
export async function startForm(db: Db, actor: Actor, personId: string) {
  requirePermission(actor, 'early_help.lead');
  await requirePersonWriteAccess(db, actor, personId);
  const family = await repo.familyCandidates(db, actor.partnershipId, personId);
  await audit(db, actor, aboutPerson(personId, 'early_help.start_form_viewed'));
  const back = await repo.closedWithinYear(db, actor.partnershipId, [personId], londonToday());
  return { child: family.find((f) => f.personId === personId)!, family, back };
}

/** A lead practitioner starts early help directly, leading it themselves. */
export async function startEpisode(db: Db, actor: Actor, input: StartInput) {
  requirePermission(actor, 'early_help.lead');
  const personId = typeof input?.personId === 'string' ? input.personId.toLowerCase() : '';
  if (UUID.test(personId)) await requirePersonWriteAccess(db, actor, personId);
  const v = parse(startSchema, input);
  return db.transaction(async (tx) => {
    await repo.lockStarts(tx, actor.partnershipId);
    const p = new Problems();
    const ids = await checkFamily(tx, actor, { ...v, consent: v.consent }, p);
    p.check();
    return create(
      tx,
      actor,
      {
        source: 'direct',
        requestId: null,
        status: 'open',
        leadUserId: actor.userId,
        leadAgencyId: actor.agencyId,
        consent: v.consent ? 'given' : 'not_given',
        safeguardingReason: v.consent ? null : v.safeguardingReason!,
      },
      ids,
      'early_help.start',
    );
  });
}

/** A waiting MASH early help decision and the family it could take in (the early help service). */
export async function requestForm(db: Db, actor: Actor, requestId: string) {
  requirePermission(actor, 'early_help.service');
  const r = await repo.request(db, actor.partnershipId, requestId);
  if (!r) throw new NotFoundError();
  const family = await repo.familyCandidates(db, actor.partnershipId, r.personId);
  await audit(db, actor, aboutPerson(r.personId, 'early_help.request_viewed', { requestId }));
  const back = await repo.closedWithinYear(db, actor.partnershipId, [r.personId], londonToday());
  return { request: r, family, leads: await leadChoices(db, actor), back };
}

/** The early help service takes up a MASH early help decision, naming its lead practitioner. */
export async function startFromRequest(db: Db, actor: Actor, input: FromRequestInput) {
  requirePermission(actor, 'early_help.service');
  const v = parse(fromRequestSchema, input);
  return db.transaction(async (tx) => {
    await repo.lockStarts(tx, actor.partnershipId);
    const r = await repo.request(tx, actor.partnershipId, v.requestId, true);
    if (!r) throw new NotFoundError();
    if (r.status !== 'waiting') throw new ConflictError('This early help request has already been picked up');
    const p = new Problems();
    const lead = await leadOf(tx, actor, v.leadUserId, p);
    const ids = await checkFamily(tx, actor, { ...v, personId: r.personId }, p, 'familyIds');
    p.check();
    await repo.markRequestAllocated(tx, r.id);
    return create(
      tx,
      actor,
      {
        source: 'mash',
        requestId: r.id,
        status: 'open',
        leadUserId: lead!.id,
        leadAgencyId: lead!.agencyId,
        consent: v.consent ? 'given' : 'not_given',
        safeguardingReason: v.consent ? null : v.safeguardingReason!,
      },
      ids,
      'early_help.start_from_mash',
    );
  });
}

/** The step-down form: the child's RC9 closure, their family, and the practitioners who may lead. */
export async function stepDownForm(db: Db, actor: Actor, personId: string) {
  requirePermission(actor, 'casework.record');
  await requirePersonWriteAccess(db, actor, personId, 'casework');
  const closure = await repo.stepDownClosure(db, actor.partnershipId, personId);
  const family = await repo.familyCandidates(db, actor.partnershipId, personId);
  await audit(db, actor, aboutPerson(personId, 'early_help.step_down_form_viewed'));
  return {
    child: family.find((f) => f.personId === personId)!,
    family,
    closure,
    leads: await leadChoices(db, actor),
  };
}

/**
 * Social care steps a family down after closing the child's episode of need as RC9: the plan and
 * the child's voice so far go to a named lead practitioner, who accepts or declines.
 */
export async function stepDown(db: Db, actor: Actor, input: StepDownInput) {
  requirePermission(actor, 'casework.record');
  const personId = typeof input?.personId === 'string' ? input.personId.toLowerCase() : '';
  if (UUID.test(personId)) await requirePersonWriteAccess(db, actor, personId, 'casework');
  const v = parse(stepDownSchema, input);
  return db.transaction(async (tx) => {
    await repo.lockStarts(tx, actor.partnershipId);
    const p = new Problems();
    const closure = await repo.stepDownClosure(tx, actor.partnershipId, v.personId);
    if (!closure)
      p.add(
        'familyIds',
        'Close the child’s episode of need as a step-down to early help (RC9) before stepping the family down',
      );
    const lead = await leadOf(tx, actor, v.leadUserId, p);
    const ids = await checkFamily(tx, actor, v, p);
    p.check();
    const made = await create(
      tx,
      actor,
      {
        source: 'step_down',
        requestId: null,
        status: 'offered',
        leadUserId: lead!.id,
        leadAgencyId: lead!.agencyId,
        consent: v.consent ? 'given' : 'not_given',
        safeguardingReason: v.consent ? null : v.safeguardingReason!,
      },
      ids,
      'early_help.step_down',
    );
    await work.insertStep(tx, actor.partnershipId, {
      episodeId: made.id,
      kind: 'down',
      reason: v.reason,
      by: actor.userId,
      caseworkEpisodeId: closure!.id,
      offeredTo: lead!.id,
    });
    return made;
  });
}

/** The named lead accepts (the episode opens, its clock starts) or declines (back to the service). */
export async function decideStepDown(db: Db, actor: Actor, id: string, input: StepDecisionInput) {
  const v = parse(stepDecisionSchema, input);
  return db.transaction(async (tx) => {
    const s = await seen(tx, actor, id, true);
    if (s.seat !== 'offered') throw new ForbiddenError();
    const step = (await work.steps(tx, id)).find((x) => x.kind === 'down' && !x.decision);
    if (!step) throw new ConflictError('There is no step-down waiting for your answer');
    await work.decideStep(tx, step.id, v.accept, v.reason, actor.userId);
    if (v.accept) {
      const today = londonToday();
      const settings = await earlyHelpSettings(tx, actor.partnershipId);
      await repo.updateEpisode(tx, id, {
        status: 'open',
        lead_agency_id: actor.agencyId,
        started_on: today,
        assessment_due: assessmentDue(today, settings),
      });
    } else {
      // Never nowhere: a declined family waits in the early help service's queue for a lead.
      await repo.updateEpisode(tx, id, { lead_user_id: null, lead_agency_id: null });
    }
    await audit(tx, actor, {
      action: v.accept ? 'early_help.step_down_accepted' : 'early_help.step_down_declined',
      entityType: 'eh_episode',
      entityId: id,
    });
    return { accepted: v.accept };
  });
}

/** The early help service names (or changes) the lead practitioner; a waiting family opens. */
export async function allocateLead(db: Db, actor: Actor, id: string, input: { leadUserId: string }) {
  requirePermission(actor, 'early_help.service');
  const v = parse(allocateSchema, input);
  return db.transaction(async (tx) => {
    const s = await seen(tx, actor, id, true);
    if (s.episode.status === 'closed') throw new ConflictError('This early help episode is closed');
    const p = new Problems();
    const lead = await leadOf(tx, actor, v.leadUserId, p);
    p.check();
    const today = londonToday();
    const starting = s.episode.status === 'offered';
    const settings = await earlyHelpSettings(tx, actor.partnershipId);
    await repo.updateEpisode(tx, id, {
      status: 'open',
      lead_user_id: lead!.id,
      lead_agency_id: lead!.agencyId,
      ...(starting && { started_on: today, assessment_due: assessmentDue(today, settings) }),
    });
    await audit(tx, actor, { action: 'early_help.lead_allocated', entityType: 'eh_episode', entityId: id });
  });
}

/**
 * The family withdraws consent: the team around the family no longer sees the family's records or
 * the episode, unless the safeguarding condition applies, recorded here with who decided it.
 */
export async function withdrawConsent(db: Db, actor: Actor, id: string, input: ConsentInput) {
  const v = parse(consentSchema, input);
  return db.transaction(async (tx) => {
    await forChange(tx, actor, id);
    await repo.updateEpisode(tx, id, {
      consent: 'withdrawn',
      safeguarding_reason: v.safeguardingReason ?? null,
      safeguarding_by: v.safeguardingReason ? actor.userId : null,
      safeguarding_at: v.safeguardingReason ? new Date() : null,
    });
    await audit(tx, actor, {
      action: 'early_help.consent_withdrawn',
      entityType: 'eh_episode',
      entityId: id,
      detail: { safeguardingOverride: Boolean(v.safeguardingReason) },
    });
  });
}

/** Closes the episode with its outcome and the family's feedback. */
export async function closeEpisode(db: Db, actor: Actor, id: string, input: CloseInput) {
  const v = parse(closeSchema, input);
  return db.transaction(async (tx) => {
    const { episode: e } = await forChange(tx, actor, id);
    const p = new Problems();
    if (v.closedOn < e.startedOn)
      p.add('closedOn', `The closure date must be on or after the start, ${e.startedOn}`);
    if (v.outcome === 'stepped_up' && !(await work.steps(tx, id)).some((s) => s.kind === 'up'))
      p.add('outcome', 'Step the family up to social care before closing the episode as stepped up');
    p.check();
    await repo.updateEpisode(tx, id, {
      status: 'closed',
      closed_on: v.closedOn,
      outcome: v.outcome,
      feedback: v.feedback,
    });
    await audit(tx, actor, {
      action: 'early_help.close',
      entityType: 'eh_episode',
      entityId: id,
      detail: { outcome: v.outcome },
    });
  });
}

export const mayStepDown = (actor: Actor) => can(actor.roles, 'casework.record');
