/**
 * Caseloads: a worker's own work by due date, the team manager's view of the team, the children
 * waiting for allocation, and the drift report. Each checks access first; each name a list shows
 * is audited (one event per child).
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { daysBetween, workingDaysBetween } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import type { WorkItem, WorkItemType } from '../casework/work-items.ts';
import { caseworkSource, type CaseworkSource, type DriftFact, type DriftKind } from './casework-source.ts';
import { DRIFT_KINDS, DRIFT_LABELS } from './drift.ts';
import * as repo from './repository.ts';
import { caseloadSettings, type CaseloadSettings } from './settings.ts';
import { auditListed, requireTeam, shown, type ShownChild } from './shared.ts';
import {
  byDueDate,
  caseKinds,
  caseload,
  countsByType,
  dueState,
  dueStatus,
  nearDueLimit,
  WORK_TYPE_LABELS,
  type Caseload,
  type DueState,
} from './work.ts';

export interface ViewOpts {
  /** 'YYYY-MM-DD'; today in London when absent. */
  today?: string;
  source?: CaseworkSource;
}

export interface WorkRow extends WorkItem {
  child: ShownChild;
  typeLabel: string;
  state: DueState;
}

export interface MyWork {
  items: WorkRow[];
  /** Allocated children with no statutory work due. */
  quiet: ShownChild[];
  caseload: Caseload;
  settings: CaseloadSettings;
  overdue: number;
  dueSoon: number;
}

function workRows(
  items: WorkItem[],
  children: Map<string, ShownChild>,
  today: string,
  nearDays: number,
): WorkRow[] {
  return items
    .filter((i) => children.has(i.personId))
    .sort(byDueDate)
    .map((i) => ({
      ...i,
      child: children.get(i.personId)!,
      typeLabel: WORK_TYPE_LABELS[i.type] ?? i.type,
      state: dueState(i.dueDate, today, nearDays),
    }));
}

/** The worker's own allocated children and their open work, soonest due first. */
export async function myWork(db: Db, actor: Actor, opts: ViewOpts = {}): Promise<MyWork> {
  requirePermission(actor, 'caseload.view_own');
  const today = opts.today ?? londonToday();
  const source = opts.source ?? caseworkSource;
  const settings = await caseloadSettings(db, actor.partnershipId);
  const rows = await repo.openAllocations(db, actor.partnershipId, actor.userId, { userId: actor.userId });
  const children = new Map(rows.map((r) => [r.personId, shown(r)]));
  const ids = [...children.keys()];
  const work = ids.length ? await source.openWorkItems(db, actor.partnershipId, ids) : [];
  const items = workRows(work, children, today, settings.nearDueWorkingDays);
  const busy = new Set(items.map((i) => i.personId));
  await auditListed(db, actor, children.values(), 'my-work');
  return {
    items,
    quiet: [...children.values()].filter((c) => !busy.has(c.personId)),
    caseload: caseload(caseKinds(ids, items, settings.weights).values(), settings),
    settings,
    overdue: items.filter((i) => i.state.status === 'overdue').length,
    dueSoon: items.filter((i) => i.state.status === 'due_soon').length,
  };
}

/** Counts for a link on the home page: no names, so nothing to audit. */
export async function myWorkSummary(
  db: Db,
  actor: Actor,
  opts: ViewOpts = {},
): Promise<{ children: number; overdue: number; dueSoon: number } | undefined> {
  if (!can(actor.roles, 'caseload.view_own')) return undefined;
  const today = opts.today ?? londonToday();
  const settings = await caseloadSettings(db, actor.partnershipId);
  const rows = await repo.openAllocations(db, actor.partnershipId, actor.userId, { userId: actor.userId });
  const ids = rows.map((r) => r.personId);
  const work = ids.length
    ? await (opts.source ?? caseworkSource).openWorkItems(db, actor.partnershipId, ids)
    : [];
  const limit = nearDueLimit(today, settings.nearDueWorkingDays);
  const states = work.map((i) => dueStatus(i.dueDate, today, limit));
  return {
    children: ids.length,
    overdue: states.filter((s) => s === 'overdue').length,
    dueSoon: states.filter((s) => s === 'due_soon').length,
  };
}

export interface WaitingChild {
  child: ShownChild;
  /** When the wait began; null when not recorded. */
  since: string | null;
  calendarDays: number | null;
  workingDays: number | null;
  reason: 'referral' | 'open_work';
}

function waiting(
  child: ShownChild,
  since: string | null,
  reason: WaitingChild['reason'],
  today: string,
): WaitingChild {
  return {
    child,
    since,
    calendarDays: since ? daysBetween(since, today) : null,
    workingDays: since ? workingDaysBetween(since, today) : null,
    reason,
  };
}

export interface WorkerCaseload extends repo.WorkerRow {
  caseload: Caseload;
  overdue: number;
}

export interface TeamView {
  teamName: string;
  workers: WorkerCaseload[];
  settings: CaseloadSettings;
  queue: WaitingChild[];
  queueTotal: number;
  byType: { type: WorkItemType; label: string; overdue: number; dueSoon: number }[];
  notSeen: (WorkRow & { workerName: string })[];
}

const QUEUE_ON_TEAM_PAGE = 10;

/** The team manager's view of their own team. */
export async function teamView(db: Db, actor: Actor, opts: ViewOpts = {}): Promise<TeamView> {
  const teamId = requireTeam(actor, 'caseload.view_team');
  const pid = actor.partnershipId;
  const today = opts.today ?? londonToday();
  const source = opts.source ?? caseworkSource;
  const settings = await caseloadSettings(db, pid);
  const workers = await repo.teamWorkers(db, pid, teamId);
  const allocations = await repo.openAllocations(db, pid, actor.userId, { teamId });
  const ids = allocations.map((a) => a.personId);
  const work = ids.length ? await source.openWorkItems(db, pid, ids) : [];
  const kinds = caseKinds(ids, work, settings.weights);
  const workerOf = new Map(allocations.map((a) => [a.personId, a.userId]));
  const overdueBy = new Map<string, number>();
  for (const i of work) {
    const w = workerOf.get(i.personId);
    if (w && i.dueDate < today) overdueBy.set(w, (overdueBy.get(w) ?? 0) + 1);
  }
  const rows: WorkerCaseload[] = workers.map((w) => ({
    ...w,
    caseload: caseload(
      allocations.filter((a) => a.userId === w.id).map((a) => kinds.get(a.personId)!),
      settings,
    ),
    overdue: overdueBy.get(w.id) ?? 0,
  }));
  const names = new Map(workers.map((w) => [w.id, w.name]));
  const children = new Map(allocations.map((a) => [a.personId, shown(a)]));
  const notSeen = workRows(
    work.filter((i) => i.type === 'visit' && i.dueDate < today),
    children,
    today,
    settings.nearDueWorkingDays,
  ).map((r) => ({ ...r, workerName: names.get(workerOf.get(r.personId) ?? '') ?? '' }));
  const queue = await repo.referralQueue(db, pid, actor.userId, QUEUE_ON_TEAM_PAGE, 0);
  const queued = queue.rows.map((q) => waiting(shown(q), q.since, 'referral', today));
  await auditListed(db, actor, [...queued.map((q) => q.child), ...notSeen.map((n) => n.child)], 'team');
  return {
    teamName: (await repo.teamName(db, pid, teamId)) ?? '',
    workers: rows,
    settings,
    queue: queued,
    queueTotal: queue.total,
    byType: countsByType(work, today, settings.nearDueWorkingDays),
    notSeen,
  };
}

export const UNALLOCATED_PAGE_SIZE = 50;

/**
 * Every child waiting for allocation, longest first: referrals awaiting allocation, and children
 * with open work and no allocated worker (waiting since their last allocation ended, or since their
 * first referral). Children whose wait began on no recorded date come first.
 */
export async function unallocated(
  db: Db,
  actor: Actor,
  page: number,
  opts: ViewOpts = {},
): Promise<{ children: WaitingChild[]; total: number; page: number; pages: number }> {
  requireTeam(actor, 'caseload.view_team');
  const pid = actor.partnershipId;
  const today = opts.today ?? londonToday();
  const queue = await repo.queueSince(db, pid);
  const open = await (opts.source ?? caseworkSource).openWorkItems(db, pid);
  const orphans = await repo.withoutAllocation(db, pid, actor.userId, [
    ...new Set(open.map((i) => i.personId)),
  ]);
  const entries: { personId: string; since: string | null; reason: WaitingChild['reason'] }[] = [
    ...queue.map((q) => ({ personId: q.personId, since: q.since, reason: 'referral' as const })),
    ...orphans.map((o) => ({
      personId: o.personId,
      since: o.lastEnded ? londonToday(o.lastEnded) : o.firstReferral,
      reason: 'open_work' as const,
    })),
  ];
  entries.sort(
    (a, b) => (a.since ?? '').localeCompare(b.since ?? '') || a.personId.localeCompare(b.personId),
  );
  const pages = Math.max(1, Math.ceil(entries.length / UNALLOCATED_PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  const slice = entries.slice((p - 1) * UNALLOCATED_PAGE_SIZE, p * UNALLOCATED_PAGE_SIZE);
  const rows = new Map(
    (
      await repo.childrenByIds(
        db,
        pid,
        actor.userId,
        slice.map((e) => e.personId),
      )
    ).map((r) => [r.personId, shown(r)]),
  );
  const children = slice
    .filter((e) => rows.has(e.personId))
    .map((e) => waiting(rows.get(e.personId)!, e.since, e.reason, today));
  await auditListed(
    db,
    actor,
    children.map((c) => c.child),
    'unallocated',
  );
  return { children, total: entries.length, page: p, pages };
}

export interface DriftRow extends DriftFact {
  child: ShownChild;
  workerName: string | null;
}

export interface DriftReport {
  scope: 'team' | 'partnership';
  sections: { kind: DriftKind; label: string; total: number; rows: DriftRow[] }[];
}

export const DRIFT_ROWS_PER_SECTION = 100;

/**
 * The drift report. Team managers see the children allocated to their team; the scrutineer reads
 * across the partnership (read-only, every name shown audited), since challenging drift is the
 * scrutineer's work. Each section lists its longest-drifting cases first.
 */
export async function driftReport(db: Db, actor: Actor, opts: ViewOpts = {}): Promise<DriftReport> {
  requirePermission(actor, 'caseload.drift');
  const scope = can(actor.roles, 'person.read_all') ? 'partnership' : 'team';
  if (scope === 'team' && !actor.teamId)
    throw new ForbiddenError('You are not a member of a team, so there is no team to show.');
  const pid = actor.partnershipId;
  const today = opts.today ?? londonToday();
  let items = (await (opts.source ?? caseworkSource).driftFacts(db, pid, today)).sort(
    (a, b) => a.since.localeCompare(b.since) || a.personId.localeCompare(b.personId),
  );
  const allocations = await repo.allocationsOf(db, pid, [...new Set(items.map((i) => i.personId))]);
  if (scope === 'team') items = items.filter((i) => allocations.get(i.personId)?.teamId === actor.teamId);
  const sections = DRIFT_KINDS.map((kind) => {
    const all = items.filter((i) => i.kind === kind);
    return { kind, label: DRIFT_LABELS[kind], total: all.length, all: all.slice(0, DRIFT_ROWS_PER_SECTION) };
  });
  const ids = [...new Set(sections.flatMap((s) => s.all.map((i) => i.personId)))];
  const children = new Map(
    (await repo.childrenByIds(db, pid, actor.userId, ids)).map((r) => [r.personId, shown(r)]),
  );
  const out = sections.map((s) => ({
    kind: s.kind,
    label: s.label,
    total: s.total,
    rows: s.all
      .filter((i) => children.has(i.personId))
      .map((i) => ({
        ...i,
        child: children.get(i.personId)!,
        workerName: allocations.get(i.personId)?.workerName ?? null,
      })),
  }));
  await auditListed(
    db,
    actor,
    out.flatMap((s) => s.rows.map((r) => r.child)),
    'drift',
  );
  return { scope, sections: out };
}

/**
 * Recomputes every overdue item and every drift item of the partnership (a system job: counts
 * only, no names, so no actor and no audit). The benchmark times it.
 */
export async function recomputeOverdueAndDrift(
  db: Db,
  partnershipId: string,
  opts: ViewOpts = {},
): Promise<{ workItems: number; overdue: number; dueSoon: number; drift: Record<DriftKind, number> }> {
  const today = opts.today ?? londonToday();
  const source = opts.source ?? caseworkSource;
  const settings = await caseloadSettings(db, partnershipId);
  const work = await source.openWorkItems(db, partnershipId);
  const limit = nearDueLimit(today, settings.nearDueWorkingDays);
  const states = work.map((i) => dueStatus(i.dueDate, today, limit));
  const drift = await source.driftFacts(db, partnershipId, today);
  return {
    workItems: work.length,
    overdue: states.filter((s) => s === 'overdue').length,
    dueSoon: states.filter((s) => s === 'due_soon').length,
    drift: Object.fromEntries(
      DRIFT_KINDS.map((k) => [k, drift.filter((d) => d.kind === k).length]),
    ) as Record<DriftKind, number>,
  };
}
