/**
 * Escalations: resolving professional disagreements about a child's case between two agencies.
 * Who sees one: the raiser, the practitioners and leads of the two agencies (escalation.raise), and
 * those who oversee the partnership without taking part (assurance.read without escalation.raise:
 * the business manager, the scrutineer). The child's name only to those who may read the record.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import {
  personAccessMany,
  requirePermission,
  requirePersonWriteAccess,
  UUID,
} from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { aboutPerson, audit, auditMany } from '../../platform/audit.ts';
import { londonToday } from '../../platform/dates.ts';
import { due, type Due } from '../../platform/due.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { addActionIn } from '../actions/service.ts';
import { personHeading } from '../people/service.ts';
import * as repo from './repository.ts';
import {
  OUTCOMES,
  raiseSchema,
  resolutionSchema,
  STAGES,
  stageSchema,
  type RaiseInput,
  type ResolutionInput,
  type Stage,
  type StageInput,
} from './schemas.ts';
import { escalationSettings, stageDue } from './settings.ts';

export { OUTCOMES, STAGES, raiseSchema, resolutionSchema, stageSchema };
export { settingsForPage, setEscalationSettings, escalationSettings } from './settings.ts';
export { settingsSchema, type EscalationSettings } from './schemas.ts';
export { executivePanel, escalationCounts } from './figures.ts';

export interface Escalation extends repo.EscalationRow {
  /** The child's name for those who may read the record, else the escalation's reference. */
  childLabel: string;
  childVisible: boolean;
  stageLabel: string;
  outcomeLabel: string;
  /** Against the stage's clock while open; undefined once resolved or at the partnership. */
  due?: Due;
  href: string;
}

/** Whether the actor may open the escalation pages at all. */
export function mayViewEscalations(actor: Actor): boolean {
  return can(actor.roles, 'escalation.raise') || can(actor.roles, 'assurance.read');
}

function requireViewer(actor: Actor): void {
  if (!mayViewEscalations(actor)) throw new ForbiddenError();
}

export function scopeOf(actor: Actor): repo.Scope {
  const takesPart = can(actor.roles, 'escalation.raise');
  return {
    all: can(actor.roles, 'assurance.read') && !takesPart,
    userId: actor.userId,
    agencyId: takesPart ? actor.agencyId : null,
  };
}

/** A party: the raiser, or someone of either agency who takes part in escalations. */
function isParty(actor: Actor, e: repo.EscalationRow): boolean {
  return (
    can(actor.roles, 'escalation.raise') &&
    (e.raisedById === actor.userId || [e.raisingAgencyId, e.otherAgencyId].includes(actor.agencyId))
  );
}

const nameOf = (p: { givenName: string; familyName: string }) =>
  [p.givenName, p.familyName].filter(Boolean).join(' ');

async function present(
  db: Db,
  actor: Actor,
  rows: repo.EscalationRow[],
  page: string,
): Promise<Escalation[]> {
  const access = await personAccessMany(db, actor, [...new Set(rows.map((r) => r.personId))]);
  const readable = [...access].filter(([, a]) => a.canOpen).map(([id]) => id);
  const names = new Map(
    (await repo.personNames(db, actor.partnershipId, readable)).map((p) => [p.id, nameOf(p)]),
  );
  await auditMany(
    db,
    actor,
    readable.map((id) => aboutPerson(id, 'person.listed', { page })),
  );
  const today = londonToday();
  return rows.map((r) => {
    const name = names.get(r.personId.toLowerCase());
    return {
      ...r,
      childLabel: name ?? `Escalation ${r.reference}`,
      childVisible: name !== undefined,
      stageLabel: STAGES.labelOf(r.stage),
      outcomeLabel: OUTCOMES.labelOf(r.outcome),
      due: !r.resolvedOn && r.stageDueOn ? due(r.stageDueOn, today) : undefined,
      href: `/escalations/${r.id}`,
    };
  });
}

/** The escalations the actor may see: open ones by due date, then the latest resolved. */
export async function listEscalations(db: Db, actor: Actor) {
  requireViewer(actor);
  const scope = scopeOf(actor);
  const open = await repo.visibleEscalations(db, actor.partnershipId, scope, true);
  const resolved = await repo.visibleEscalations(db, actor.partnershipId, scope, false, 50);
  await audit(db, actor, { action: 'escalation.list_viewed', detail: { all: scope.all } });
  return {
    open: await present(db, actor, open, 'escalations'),
    resolved: await present(db, actor, resolved, 'escalations'),
  };
}

/** Open escalations the actor takes part in, for the home page's reminders (no names). */
export async function escalationReminders(db: Db, actor: Actor) {
  if (!can(actor.roles, 'escalation.raise')) return [];
  const rows = await repo.visibleEscalations(db, actor.partnershipId, scopeOf(actor), true, 20);
  if (rows.length)
    await audit(db, actor, { action: 'escalation.reminders_viewed', detail: { n: rows.length } });
  const today = londonToday();
  return rows.map((r) => ({
    reference: r.reference,
    otherAgency: r.raisingAgencyId === actor.agencyId ? r.otherAgency : r.raisingAgency,
    stageLabel: STAGES.labelOf(r.stage),
    due: r.stageDueOn ? due(r.stageDueOn, today) : undefined,
    href: `/escalations/${r.id}`,
  }));
}

async function visible(db: Db, actor: Actor, id: string): Promise<repo.EscalationRow> {
  requireViewer(actor);
  const row = await repo.visibleEscalation(db, actor.partnershipId, scopeOf(actor), id);
  if (!row) throw new NotFoundError();
  return row;
}

/** One escalation with its steps, and what the actor may do with it. Audited. */
export async function getEscalation(db: Db, actor: Actor, id: string) {
  const row = await visible(db, actor, id);
  const [e] = await present(db, actor, [row], 'escalation');
  await audit(db, actor, {
    action: 'escalation.viewed',
    entityType: 'escalation',
    entityId: id,
    personId: e!.childVisible ? row.personId : null,
  });
  const open = !row.resolvedOn;
  return {
    escalation: e!,
    steps: (await repo.stepsOf(db, id)).map((s) => ({ ...s, stageLabel: STAGES.labelOf(s.stage) })),
    mayMove: open && row.stage !== 'partnership' && isParty(actor, row),
    mayResolve: open && mayResolve(actor, row),
  };
}

function mayResolve(actor: Actor, e: repo.EscalationRow): boolean {
  return isParty(actor, e) || (e.stage === 'partnership' && can(actor.roles, 'partnership.manage'));
}

/** The raise form's facts: the child (the raiser must read the record) and the other agencies. */
export async function raiseForm(db: Db, actor: Actor, personId: string) {
  requirePermission(actor, 'escalation.raise');
  // Break-glass and scrutiny open a record to read, not to act on: no escalation through them.
  await requirePersonWriteAccess(db, actor, personId);
  const { person } = await personHeading(db, actor, personId);
  await audit(db, actor, aboutPerson(personId, 'escalation.form_viewed'));
  const agencies = (await repo.agencies(db, actor.partnershipId)).filter((a) => a.id !== actor.agencyId);
  const days = (await escalationSettings(db, actor.partnershipId)).escalationPractitionerWorkingDays;
  return { person: { id: person.id, name: nameOf(person), kind: person.kind }, agencies, days };
}

/** Raises an escalation with another agency: its practitioners' stage starts today. */
export async function raiseEscalation(db: Db, actor: Actor, input: RaiseInput) {
  requirePermission(actor, 'escalation.raise');
  // The record first: someone who may not read the child learns nothing, not even what they got wrong.
  const personId = typeof input?.personId === 'string' ? input.personId.trim().toLowerCase() : '';
  if (UUID.test(personId)) await requirePersonWriteAccess(db, actor, personId);
  const v = parse(raiseSchema, input);
  const problems = new Problems();
  const [person] = await repo.personNames(db, actor.partnershipId, [v.personId]);
  if (person?.kind !== 'child')
    problems.add('personId', 'Choose a child: an escalation is about a child’s case');
  const agencies = await repo.agencies(db, actor.partnershipId);
  if (v.otherAgencyId === actor.agencyId)
    problems.add(
      'otherAgencyId',
      'Select another agency: an escalation is a disagreement with another agency',
    );
  else if (!agencies.some((a) => a.id === v.otherAgencyId))
    problems.add('otherAgencyId', 'Select the agency you disagree with from the list');
  problems.check();
  const today = londonToday();
  const settings = await escalationSettings(db, actor.partnershipId);
  return db.transaction(async (tx) => {
    const created = await repo.insertEscalation(tx, actor.partnershipId, {
      ...v,
      raisedBy: actor.userId,
      raisingAgencyId: actor.agencyId,
      raisedOn: today,
      stageDueOn: stageDue('practitioners', today, settings)!,
    });
    await repo.insertStep(tx, actor.partnershipId, {
      escalationId: created.id,
      kind: 'raised',
      stage: 'practitioners',
      by: actor.userId,
      agencyId: actor.agencyId,
      onDate: today,
    });
    await audit(tx, actor, {
      action: 'escalation.raised',
      entityType: 'escalation',
      entityId: created.id,
      personId: v.personId,
      detail: { otherAgencyId: v.otherAgencyId },
    });
    return created;
  });
}

/** The escalation for a step's form: the actor must be able to take that step. */
export async function forStep(db: Db, actor: Actor, id: string, step: 'stage' | 'resolution') {
  const row = await visible(db, actor, id);
  refuseStep(actor, row, step);
  const [e] = await present(db, actor, [row], 'escalation');
  await audit(db, actor, { action: 'escalation.viewed', entityType: 'escalation', entityId: id });
  return e!;
}

function refuseStep(actor: Actor, row: repo.EscalationRow, step: 'stage' | 'resolution') {
  if (step === 'stage' ? !isParty(actor, row) : !mayResolve(actor, row)) throw new ForbiddenError();
  if (row.resolvedOn) throw new ConflictError('This escalation is resolved: nothing more can be done to it.');
  if (step === 'stage' && row.stage === 'partnership')
    throw new ConflictError('This escalation is with the partnership already: there is no further stage.');
}

/** Moves the escalation to the next stage, with the reason; the next stage's clock starts today. */
export async function moveToNextStage(db: Db, actor: Actor, id: string, input: StageInput) {
  const row = await visible(db, actor, id);
  if (!isParty(actor, row)) throw new ForbiddenError();
  const v = parse(stageSchema, input);
  const settings = await escalationSettings(db, actor.partnershipId);
  const today = londonToday();
  return db.transaction(async (tx) => {
    const now = await repo.lockEscalation(tx, actor.partnershipId, id);
    refuseStep(actor, { ...row, ...now! }, 'stage');
    const next = STAGES[STAGES.findIndex((s) => s.value === now!.stage) + 1]!.value as Stage;
    const dueOn = stageDue(next, today, settings);
    await repo.moveStage(tx, id, next, today, dueOn);
    await repo.insertStep(tx, actor.partnershipId, {
      escalationId: id,
      kind: 'moved',
      stage: next,
      reason: v.reason,
      by: actor.userId,
      agencyId: actor.agencyId,
      onDate: today,
    });
    await audit(tx, actor, {
      action: 'escalation.moved',
      entityType: 'escalation',
      entityId: id,
      detail: { from: now!.stage, to: next },
    });
    return { stage: next, stageDueOn: dueOn };
  });
}

/** Resolves the escalation: outcome, learning, and optionally an action into the action log. */
export async function resolveEscalation(db: Db, actor: Actor, id: string, input: ResolutionInput) {
  const row = await visible(db, actor, id);
  if (!mayResolve(actor, row)) throw new ForbiddenError();
  const v = parse(resolutionSchema, input);
  const problems = new Problems();
  if (v.outcome === 'partnership_decided' && row.stage !== 'partnership')
    problems.add('outcome', 'Only an escalation with the partnership can be decided by the partnership');
  problems.check();
  const today = londonToday();
  return db.transaction(async (tx) => {
    const now = await repo.lockEscalation(tx, actor.partnershipId, id);
    refuseStep(actor, { ...row, ...now! }, 'resolution');
    const action = v.addAction
      ? await addActionIn(tx, actor, {
          sourceKind: 'escalation',
          sourceId: id,
          sourceLabel: `Escalation ${row.reference}: ${row.raisingAgency} and ${row.otherAgency}`,
          sourceHref: `/escalations/${id}`,
          title: v.title ?? '',
          ownerAgencyId: v.ownerAgencyId ?? '',
          ownerUserId: v.ownerUserId ?? null,
          dueOn: v.dueOn ?? '',
          measureId: v.measureId ?? null,
        })
      : undefined;
    await repo.resolve(tx, id, {
      outcome: v.outcome,
      learning: v.learning,
      on: today,
      by: actor.userId,
      actionId: action?.id ?? null,
    });
    await repo.insertStep(tx, actor.partnershipId, {
      escalationId: id,
      kind: 'resolved',
      stage: now!.stage,
      reason: OUTCOMES.labelOf(v.outcome),
      by: actor.userId,
      agencyId: actor.agencyId,
      onDate: today,
    });
    await audit(tx, actor, {
      action: 'escalation.resolved',
      entityType: 'escalation',
      entityId: id,
      detail: { outcome: v.outcome, actionId: action?.id ?? null },
    });
    return { outcome: v.outcome, actionId: action?.id ?? null };
  });
}
