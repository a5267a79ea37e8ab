/**
 * Caseloads: a worker's own work by due date, the team manager's view of the team, the children
 * waiting for allocation, and the drift report. Each checks access first; each name a list shows
 * is audited (one event per child).
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { readsAcrossPartnership, requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { daysBetween, workingDaysBetween } from '../../platform/calendar.ts';
import { londonToday } from '../../platform/dates.ts';
import {
  DUE_SOON_WORKING_DAYS,
  PAGE_SIZE,
  due,
  dueSoonLimit,
  dueStatus,
  type Due,
} from '../../platform/due.ts';
import { ForbiddenError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import type { DriftFact, DriftKind, WorkItem, WorkItemType } from '../casework/service.ts';
import { DRIFT_KINDS, DRIFT_LABELS, partnershipDrift } from './drift.ts';
import { driftFilterSchema, type DriftFilter } from './schemas.ts';
import * as repo from './repository.ts';
import { caseloadSettings, type CaseloadSettings } from './settings.ts';
import {
  auditListed,
  casework,
  linkOpenable,
  requireTeam,
  shown,
  type CaseworkReads,
  type ShownChild,
} from './shared.ts';
import { byDueDate, caseKinds, caseload, countsByType, WORK_TYPE_LABELS, type Caseload } from './work.ts';

export { currentAllocation, type AllocationSummary } from './summary.ts';

export interface ViewOpts {
  /** 'YYYY-MM-DD'; today in London when absent. */
  today?: string;
  source?: CaseworkReads;
}

export interface WorkRow extends WorkItem {
  child: ShownChild;
  typeLabel: string;
  state: Due;
}

export interface MyWork {
  items: WorkRow[];
  /** Allocated children with no statutory work due. */
  quiet: ShownChild[];
  caseload: Caseload;
  settings: CaseloadSettings;
  /** Work due within this many working days is "due soon" (platform/due.ts). */
  nearDueWorkingDays: number;
  overdue: number;
  dueSoon: number;
}

function workRows(items: WorkItem[], children: Map<string, ShownChild>, today: string): WorkRow[] {
  return items
    .filter((i) => children.has(i.personId))
    .sort(byDueDate)
    .map((i) => ({
      ...i,
      child: children.get(i.personId)!,
      typeLabel: WORK_TYPE_LABELS[i.type] ?? i.type,
      state: due(i.dueDate, today),
    }));
}

/** The worker's own allocated children and their open work, soonest due first. */
export async function myWork(db: Db, actor: Actor, opts: ViewOpts = {}): Promise<MyWork> {
  requirePermission(actor, 'caseload.view_own');
  const today = opts.today ?? londonToday();
  const source = opts.source ?? casework;
  const settings = await caseloadSettings(db, actor.partnershipId);
  const rows = await repo.openAllocations(db, actor.partnershipId, actor.userId, { userId: actor.userId });
  const children = new Map(rows.map((r) => [r.personId, shown(r)]));
  const ids = [...children.keys()];
  const work = ids.length ? await source.openWorkItems(db, actor.partnershipId, ids) : [];
  const items = workRows(work, children, today);
  const busy = new Set(items.map((i) => i.personId));
  await auditListed(db, actor, children.values(), 'my-work');
  return {
    items,
    quiet: [...children.values()].filter((c) => !busy.has(c.personId)),
    caseload: caseload(caseKinds(ids, items, settings.weights).values(), settings),
    settings,
    nearDueWorkingDays: DUE_SOON_WORKING_DAYS,
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
  const rows = await repo.openAllocations(db, actor.partnershipId, actor.userId, { userId: actor.userId });
  const ids = rows.map((r) => r.personId);
  const work = ids.length ? await (opts.source ?? casework).openWorkItems(db, actor.partnershipId, ids) : [];
  const limit = dueSoonLimit(today);
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
  nearDueWorkingDays: number;
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
  const source = opts.source ?? casework;
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
  ).map((r) => ({ ...r, workerName: names.get(workerOf.get(r.personId) ?? '') ?? '' }));
  const queue = await repo.referralQueue(db, pid, actor.userId, QUEUE_ON_TEAM_PAGE, 0);
  const queued = await linkOpenable(
    db,
    actor,
    queue.rows.map((q) => waiting(shown(q), q.since, 'referral', today)),
  );
  await auditListed(db, actor, [...queued.map((q) => q.child), ...notSeen.map((n) => n.child)], 'team');
  return {
    teamName: (await repo.teamName(db, pid, teamId)) ?? '',
    workers: rows,
    settings,
    nearDueWorkingDays: DUE_SOON_WORKING_DAYS,
    queue: queued,
    queueTotal: queue.total,
    byType: countsByType(work, today),
    notSeen,
  };
}

function pageSlice<T>(all: readonly T[], page: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  return { rows: all.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE), page: p, pages };
}

/** The children a page shows, by id, with the hidden rule. */
async function shownById(db: Db, actor: Actor, ids: readonly string[]): Promise<Map<string, ShownChild>> {
  const rows = await repo.childrenByIds(db, actor.partnershipId, actor.userId, [...new Set(ids)]);
  return new Map(rows.map((r) => [r.personId, shown(r)]));
}

/**
 * Every child waiting for allocation, longest first, 50 a page: referrals awaiting allocation, and
 * children with open work and no allocated worker (waiting since their last allocation ended, or
 * since their first referral). Children whose wait began on no recorded date come first. Only
 * children with an open episode can have open work, so their open work is read for those alone.
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
  const candidates = await repo.openEpisodesWithoutWorker(db, pid);
  const open = candidates.length ? await (opts.source ?? casework).openWorkItems(db, pid, candidates) : [];
  const orphans = await repo.waitingSince(db, pid, [...new Set(open.map((i) => i.personId))]);
  const entries: { personId: string; since: string | null; reason: WaitingChild['reason'] }[] = [
    ...queue.map((q) => ({ personId: q.personId, since: q.since, reason: 'referral' as const })),
    ...orphans.map((o) => ({
      personId: o.personId,
      since: o.lastEnded ? londonToday(o.lastEnded) : o.firstReferral,
      reason: 'open_work' as const,
    })),
  ];
  entries.sort((a, b) => {
    const x = a.since ?? '';
    const y = b.since ?? '';
    if (x !== y) return x < y ? -1 : 1;
    return a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0;
  });
  const slice = pageSlice(entries, page);
  const rows = await shownById(
    db,
    actor,
    slice.rows.map((e) => e.personId),
  );
  const children = await linkOpenable(
    db,
    actor,
    slice.rows
      .filter((e) => rows.has(e.personId))
      .map((e) => waiting(rows.get(e.personId)!, e.since, e.reason, today)),
  );
  await auditListed(
    db,
    actor,
    children.map((c) => c.child),
    'unallocated',
  );
  return { children, total: entries.length, page: slice.page, pages: slice.pages };
}

export interface DriftRow extends DriftFact {
  child: ShownChild;
  kindLabel: string;
  workerName: string | null;
  teamName: string | null;
}

export interface DriftOptions {
  scope: 'team' | 'partnership';
  kinds: { kind: DriftKind; label: string }[];
  /** The teams the viewer may filter by (the scrutineer's; a team manager's own team is the scope). */
  teams: { id: string; name: string }[];
}

export interface DriftReport extends DriftOptions {
  kind: DriftKind | '';
  team: string;
  /** Per kind across every page, within the scope and the team filter. */
  counts: { kind: DriftKind; label: string; total: number }[];
  /** Cases matching the filters, over every page. */
  total: number;
  rows: DriftRow[];
  page: number;
  pages: number;
  /** When the drift facts were worked out. */
  at: Date;
}

/** Who may read the drift report, and how far: the check comes before anything is read. */
function driftScope(actor: Actor): 'team' | 'partnership' {
  requirePermission(actor, 'caseload.drift');
  const scope = readsAcrossPartnership(actor) ? 'partnership' : 'team';
  if (scope === 'team' && !actor.teamId)
    throw new ForbiddenError('You are not a member of a team, so there is no team to show.');
  return scope;
}

/** The report's filters for the viewer (also for re-showing the form after bad input). */
export async function driftOptions(db: Db, actor: Actor): Promise<DriftOptions> {
  const scope = driftScope(actor);
  return {
    scope,
    kinds: DRIFT_KINDS.map((kind) => ({ kind, label: DRIFT_LABELS[kind] })),
    teams: scope === 'partnership' ? await repo.teamsWithAllocations(db, actor.partnershipId) : [],
  };
}

/**
 * The drift report, 50 cases a page, longest drift first. Team managers see the children allocated
 * to their team; the scrutineer reads across the partnership (read-only) and may filter by team,
 * since challenging drift is the scrutineer's work. Counts per kind cover every page; only the
 * children a page names are audited. A kind or team not in the lists is refused (400).
 */
export async function driftReport(
  db: Db,
  actor: Actor,
  filter: DriftFilter = {},
  opts: ViewOpts = {},
): Promise<DriftReport> {
  const options = await driftOptions(db, actor);
  const pid = actor.partnershipId;
  const v = parse(driftFilterSchema, filter);
  const kind = v.kind ?? '';
  const team = v.team ?? '';
  // A team manager's own team is their scope already; the scrutineer's team must be in the list.
  const knownTeam =
    options.scope === 'team' ? team === actor.teamId : options.teams.some((t) => t.id === team);
  if (team !== '' && !knownTeam) new Problems().add('team', 'Choose a team from the list').check();
  const today = opts.today ?? londonToday();
  const drift = await partnershipDrift(db, opts.source ?? casework, pid, today);
  const teamId = options.scope === 'team' ? actor.teamId! : team;
  const inTeam = teamId ? await repo.teamChildren(db, pid, teamId) : undefined;
  const visible = inTeam ? drift.facts.filter((f) => inTeam.has(f.personId)) : drift.facts;
  const counts = new Map<DriftKind, number>(DRIFT_KINDS.map((k) => [k, 0]));
  for (const f of visible) counts.set(f.kind, counts.get(f.kind)! + 1);
  const matching = kind ? visible.filter((f) => f.kind === kind) : visible;
  const slice = pageSlice(matching, v.page ?? 1);
  const ids = slice.rows.map((f) => f.personId);
  const children = await shownById(db, actor, ids);
  const allocations = await repo.allocationsOf(db, pid, [...new Set(ids)]);
  const rows = slice.rows
    .filter((f) => children.has(f.personId))
    .map((f) => ({
      ...f,
      child: children.get(f.personId)!,
      kindLabel: DRIFT_LABELS[f.kind],
      workerName: allocations.get(f.personId)?.workerName ?? null,
      teamName: allocations.get(f.personId)?.teamName ?? null,
    }));
  await auditListed(
    db,
    actor,
    rows.map((r) => r.child),
    'drift',
  );
  return {
    ...options,
    kind,
    team: options.scope === 'partnership' ? team : '',
    counts: DRIFT_KINDS.map((k) => ({ kind: k, label: DRIFT_LABELS[k], total: counts.get(k)! })),
    total: matching.length,
    rows,
    page: slice.page,
    pages: slice.pages,
    at: drift.at,
  };
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
  const source = opts.source ?? casework;
  const work = await source.openWorkItems(db, partnershipId);
  const limit = dueSoonLimit(today);
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
