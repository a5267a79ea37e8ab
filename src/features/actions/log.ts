/** The action log's own pages and API: the list, one action, its status, overdue by agency. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission, UUID } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { londonToday } from '../../platform/dates.ts';
import { PAGE_SIZE } from '../../platform/due.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import {
  actionById,
  actionEvents,
  countActions,
  listActions,
  measureValueAt,
  overdueActions,
  overdueByAgency,
  ownerChoices,
  setStatus,
  insertActionEvent,
  type ActionRow,
} from './repository.ts';
import {
  ACTION_STATUSES,
  newActionSchema,
  SOURCE_KINDS,
  statusSchema,
  type NewActionInput,
  type StatusInput,
} from './schemas.ts';
import { addActionIn, summaryOf, type ActionSummary } from './service.ts';

export interface ActionFilters {
  agencyId?: string;
  status?: string;
  sourceKind?: string;
  overdueOnly?: boolean;
  page?: number;
}

/** Filters from a query string (?agency=&status=&source=&overdue=yes&page=); unknown values dropped. */
export function filtersFromQuery(q: Record<string, unknown>): ActionFilters {
  const f: ActionFilters = {};
  const s = (k: string) => (typeof q[k] === 'string' ? (q[k] as string) : undefined);
  const agency = s('agency') ?? s('agencyId');
  if (agency && UUID.test(agency)) f.agencyId = agency.toLowerCase();
  if (ACTION_STATUSES.isValue(s('status'))) f.status = s('status');
  const source = s('source') ?? s('sourceKind');
  if (SOURCE_KINDS.isValue(source)) f.sourceKind = source;
  const overdue = s('overdue');
  if (overdue === 'yes' || overdue === 'true') f.overdueOnly = true;
  const page = Number(s('page'));
  if (Number.isInteger(page) && page > 1 && page < 100_000) f.page = page;
  return f;
}

export function filterQuery(f: ActionFilters): string {
  const q = new URLSearchParams();
  if (f.agencyId) q.set('agency', f.agencyId);
  if (f.status) q.set('status', f.status);
  if (f.sourceKind) q.set('source', f.sourceKind);
  if (f.overdueOnly) q.set('overdue', 'yes');
  return q.toString();
}

/** Whether the actor may change this action: the business manager any, an agency lead their agency's. */
export function mayUpdate(actor: Actor, a: Pick<ActionRow, 'ownerAgencyId'>): boolean {
  if (!can(actor.roles, 'actions.update')) return false;
  return can(actor.roles, 'partnership.manage') || actor.agencyId === a.ownerAgencyId;
}

export interface ActionLog {
  actions: ActionSummary[];
  total: number;
  page: number;
  pages: number;
  filters: ActionFilters;
  query: string;
  agencies: { id: string; name: string }[];
}

/** The log, filtered and paged (every action when `all`, for the API); the read is audited. */
export async function actionLog(
  db: Db,
  actor: Actor,
  filters: ActionFilters,
  opts: { all?: boolean } = {},
): Promise<ActionLog> {
  requirePermission(actor, 'assurance.read');
  const today = londonToday();
  const { page: asked, ...f } = filters;
  const total = await countActions(db, actor.partnershipId, f, today);
  const pages = opts.all ? 1 : Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(asked ?? 1, pages);
  const slice = opts.all ? undefined : { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const [rows, choices] = await Promise.all([
    listActions(db, actor.partnershipId, f, today, slice),
    ownerChoices(db, actor.partnershipId),
  ]);
  await audit(db, actor, { action: 'action.list', detail: { filters: f, count: total } });
  return {
    actions: rows.map((r) => summaryOf(r, today)),
    total,
    page,
    pages,
    filters: f,
    query: filterQuery(f),
    agencies: choices.agencies,
  };
}

export interface ActionDetail {
  action: ActionRow & { summary: ActionSummary; sourceKindLabel: string };
  measure: { name: string; before?: MeasurePoint; after?: MeasurePoint } | null;
  history: (Awaited<ReturnType<typeof actionEvents>>[number] & { fromLabel: string; toLabel: string })[];
  mayUpdate: boolean;
}
type MeasurePoint = { period: string; value: number };

/**
 * One action with its history, and the measure it should move: its value when the action was
 * raised (before) and its latest value, or its value when the action was done (after).
 */
export async function actionDetail(db: Db, actor: Actor, id: string): Promise<ActionDetail> {
  requirePermission(actor, 'assurance.read');
  const row = await actionById(db, actor.partnershipId, id);
  if (!row) throw new NotFoundError();
  const raisedOn = londonToday(row.createdAt);
  const [history, before, after] = await Promise.all([
    actionEvents(db, id),
    row.measureId ? measureValueAt(db, row.measureId, raisedOn) : undefined,
    row.measureId ? measureValueAt(db, row.measureId, row.completedOn ?? undefined) : undefined,
  ]);
  await audit(db, actor, { action: 'action.read', entityType: 'partnership_action', entityId: id });
  return {
    action: { ...row, summary: summaryOf(row), sourceKindLabel: SOURCE_KINDS.labelOf(row.sourceKind) },
    measure: row.measureName
      ? { name: row.measureName, ...(before && { before }), ...(after && { after }) }
      : null,
    history: history.map((h) => ({
      ...h,
      fromLabel: ACTION_STATUSES.labelOf(h.from).toLowerCase(),
      toLabel: ACTION_STATUSES.labelOf(h.to).toLowerCase(),
    })),
    mayUpdate: mayUpdate(actor, row),
  };
}

/** Checks the actor may update this action, before anything else is read or said about it. */
export async function requireActionUpdate(db: Db, actor: Actor, id: string): Promise<ActionRow> {
  requirePermission(actor, 'actions.update');
  const row = await actionById(db, actor.partnershipId, id);
  if (!row) throw new NotFoundError();
  if (!mayUpdate(actor, row))
    throw new ForbiddenError('Only the business manager or the owning agency’s lead can update this action.');
  return row;
}

/**
 * Moves an action to a new status. Done needs evidence of completion (and takes today when no
 * date is given); an unchanged status needs a note saying what changed.
 */
export async function updateActionStatus(
  db: Db,
  actor: Actor,
  id: string,
  input: StatusInput,
): Promise<ActionSummary> {
  const row = await requireActionUpdate(db, actor, id);
  const s = parse(statusSchema, input);
  const problems = new Problems();
  const evidence = s.evidence ?? (s.status === 'done' ? '' : row.evidence);
  if (s.status === 'done' && !evidence)
    problems.add('evidence', 'Enter the evidence that the action is done');
  if (s.status === row.status && !s.note && s.evidence === undefined)
    problems.add('status', `The action is already ${ACTION_STATUSES.labelOf(row.status).toLowerCase()}`);
  if (s.completedOn && s.status !== 'done')
    problems.add('completedOn', 'Give the date completed only when the action is done');
  problems.check();
  const completedOn = s.status === 'done' ? (s.completedOn ?? row.completedOn ?? londonToday()) : null;
  return db.transaction(async (tx) => {
    const changed = await setStatus(tx, id, row.version, { status: s.status, evidence, completedOn });
    if (!changed) throw new ConflictError('Someone else changed this action. Open it again and retry.');
    await insertActionEvent(tx, {
      partnershipId: actor.partnershipId,
      actionId: id,
      from: row.status,
      to: s.status,
      note: s.note ?? '',
      byUser: actor.userId,
      byName: actor.name,
    });
    await audit(tx, actor, {
      action: 'action.status',
      entityType: 'partnership_action',
      entityId: id,
      detail: { from: row.status, to: s.status },
    });
    const updated = await actionById(tx, actor.partnershipId, id);
    return summaryOf(updated!);
  });
}

/** A free-standing action of the partnership, the business manager's. */
export async function addPartnershipAction(
  db: Db,
  actor: Actor,
  input: NewActionInput,
): Promise<ActionSummary> {
  requirePermission(actor, 'partnership.manage');
  const a = parse(newActionSchema, input);
  return db.transaction(async (tx) => {
    const { id } = await addActionIn(tx, actor, {
      sourceKind: 'partnership',
      sourceId: 'partnership',
      sourceLabel: 'Agreed by the partnership',
      sourceHref: '/partnership/actions',
      ...a,
    });
    return summaryOf((await actionById(tx, actor.partnershipId, id))!);
  });
}

/** The overdue page: open and overdue counts by agency, and the overdue actions themselves. */
export async function overduePage(db: Db, actor: Actor) {
  requirePermission(actor, 'assurance.read');
  const today = londonToday();
  const [rows, counts] = await Promise.all([
    overdueActions(db, actor.partnershipId, today),
    overdueByAgency(db, actor.partnershipId, today),
  ]);
  const agencies = new Map<string, { agencyId: string; agency: string; actions: ActionSummary[] }>();
  for (const r of rows) {
    const a = agencies.get(r.ownerAgencyId) ?? {
      agencyId: r.ownerAgencyId,
      agency: r.ownerAgency,
      actions: [],
    };
    a.actions.push(summaryOf(r, today));
    agencies.set(r.ownerAgencyId, a);
  }
  await audit(db, actor, { action: 'action.overdue', detail: { count: rows.length } });
  return { total: rows.length, counts, agencies: [...agencies.values()] };
}
