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
import {
  caseworkSettings,
  clockDue,
  intervalDue,
  type DriftFact,
  type DriftKind,
  type WorkItem,
  type WorkItemType,
} from '../casework/service.ts';
import { DRIFT_KINDS, DRIFT_LABELS, partnershipDrift } from './drift.ts';
import {
  driftFilterSchema,
  unallocatedFilterSchema,
  type DriftFilter,
  type UnallocatedFilter,
} from './schemas.ts';
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
  // The children waiting, in /unallocated's order: immediate protection first, then the soonest due.
  const waitingAll = await waitingEntries(db, pid, { today, source });
  const first = waitingAll.slice(0, QUEUE_ON_TEAM_PAGE);
  const shownFirst = await shownById(
    db,
    actor,
    first.map((e) => e.personId),
  );
  const queued = await linkOpenable(
    db,
    actor,
    first
      .filter((e) => shownFirst.has(e.personId))
      .map((e) => waiting(shownFirst.get(e.personId)!, e.since, e.reason, today)),
  );
  await auditListed(db, actor, [...queued.map((q) => q.child), ...notSeen.map((n) => n.child)], 'team');
  return {
    teamName: (await repo.teamName(db, pid, teamId)) ?? '',
    workers: rows,
    settings,
    nearDueWorkingDays: DUE_SOON_WORKING_DAYS,
    queue: queued,
    queueTotal: waitingAll.length,
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

/** How urgent the MASH decided the work is, most urgent first (the referral's decision). */
export const URGENCY_LABELS = {
  immediate_protection: 'Immediate protection',
  strategy_section_47: 'Strategy discussion / section 47 enquiry',
  section_17: 'Section 17 assessment',
} as const;
export type Urgency = keyof typeof URGENCY_LABELS;
const URGENCY_RANK: Record<string, number> = { immediate_protection: 0 };

export interface UnallocatedChild extends WaitingChild {
  /** The MASH's decision on the child's most urgent referral awaiting allocation (none for open work). */
  decision: Urgency | null;
  decisionLabel: string | null;
  /** The MASH's RAG rating of that referral. */
  rag: 'red' | 'amber' | 'green' | null;
  /** The soonest statutory clock: the open work's, else the one the decision starts. */
  clock: { label: string; dueDate: string; due: Due } | null;
  /** Brothers and sisters on the same referral share a group and are listed together. */
  group: string;
  /** Later children of a group (the first one carries the group's place in the order). */
  sibling: boolean;
}

export interface UnallocatedOptions {
  teams: { id: string; name: string }[];
  urgencies: { value: Urgency; label: string }[];
}

export interface UnallocatedList extends UnallocatedOptions {
  children: UnallocatedChild[];
  total: number;
  page: number;
  pages: number;
  team: string;
  urgency: Urgency | '';
}

/** The list's filters (also for showing the form again after bad input). */
export async function unallocatedOptions(db: Db, actor: Actor): Promise<UnallocatedOptions> {
  requireTeam(actor, 'caseload.view_team');
  return {
    teams: await repo.allocationTeams(db, actor.partnershipId),
    urgencies: (Object.keys(URGENCY_LABELS) as Urgency[]).map((value) => ({
      value,
      label: URGENCY_LABELS[value],
    })),
  };
}

interface Entry {
  personId: string;
  since: string | null;
  reason: WaitingChild['reason'];
  decision: Urgency | null;
  rag: UnallocatedChild['rag'];
  teamId: string | null;
  group: string;
  clock: { label: string; dueDate: string } | null;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Immediate protection first, then the soonest due (no clock last), then the longest waiting. */
function byUrgency(a: Entry, b: Entry): number {
  const rank = (e: Entry) => URGENCY_RANK[e.decision ?? ''] ?? 1;
  return (
    rank(a) - rank(b) ||
    cmp(a.clock?.dueDate ?? '9999-12-31', b.clock?.dueDate ?? '9999-12-31') ||
    cmp(a.since ?? '', b.since ?? '') ||
    cmp(a.personId, b.personId)
  );
}

/** Sorted by urgency, each group of siblings together at the place of its most urgent child. */
function groupSiblings(entries: Entry[]): Entry[] {
  const sorted = [...entries].sort(byUrgency);
  const groups = new Map<string, Entry[]>();
  for (const e of sorted) {
    const g = groups.get(e.group);
    if (g) g.push(e);
    else groups.set(e.group, [e]);
  }
  return [...groups.values()].flat();
}

/**
 * Every child waiting for allocation, sorted by urgency with brothers and sisters together (the
 * order /unallocated and the team page share): referrals awaiting allocation with the MASH's
 * decision, RAG rating and clock, and children with open work and no allocated worker.
 */
async function waitingEntries(db: Db, pid: string, opts: ViewOpts): Promise<Entry[]> {
  const source = opts.source ?? casework;
  const settings = await caseworkSettings(db, pid);
  const queue = await repo.queueSince(db, pid);
  const candidates = await repo.openEpisodesWithoutWorker(db, pid);
  const ids = [...new Set([...queue.map((q) => q.personId), ...candidates])];
  const work = ids.length ? await source.openWorkItems(db, pid, ids) : [];
  const soonest = new Map<string, WorkItem>();
  for (const i of [...work].sort(byDueDate)) if (!soonest.has(i.personId)) soonest.set(i.personId, i);
  const workClock = (personId: string) => {
    const i = soonest.get(personId);
    return i ? { label: WORK_TYPE_LABELS[i.type] ?? i.label, dueDate: i.dueDate } : null;
  };
  const orphanIds = candidates.filter((c) => soonest.has(c));
  const orphans = await repo.waitingSince(db, pid, orphanIds);
  return groupSiblings([
    ...queue.map((q) => ({
      personId: q.personId,
      since: q.since,
      reason: 'referral' as const,
      decision: q.decision as Urgency,
      rag: q.rag as UnallocatedChild['rag'],
      teamId: q.teamId,
      group: q.contactId,
      // Before the episode opens, the clock the decision starts (the same rule as casework's).
      clock:
        workClock(q.personId) ??
        (q.decision === 'section_17'
          ? { label: WORK_TYPE_LABELS.assessment, dueDate: clockDue('assessment', q.referralDate) }
          : {
              label: WORK_TYPE_LABELS.strategy_discussion,
              dueDate: intervalDue(q.referralDate, { workingDays: settings.strategyDiscussionWorkingDays }),
            }),
    })),
    ...orphans.map((o) => ({
      personId: o.personId,
      since: o.lastEnded ? londonToday(o.lastEnded) : o.firstReferral,
      reason: 'open_work' as const,
      decision: null,
      rag: null,
      teamId: o.lastTeamId,
      group: o.personId,
      clock: workClock(o.personId),
    })),
  ]);
}

/**
 * Every child waiting for allocation, 50 a page: referrals awaiting allocation (with the MASH's
 * decision and RAG rating), and children with open work and no allocated worker (waiting since
 * their last allocation ended, or since their first referral). Sorted by urgency: immediate
 * protection first, then by the soonest statutory clock; brothers and sisters referred together
 * are listed together. Filtered by the team the work waits for and by urgency.
 */
export async function unallocated(
  db: Db,
  actor: Actor,
  filter: UnallocatedFilter | number = {},
  opts: ViewOpts = {},
): Promise<UnallocatedList> {
  const options = await unallocatedOptions(db, actor);
  const v = parse(unallocatedFilterSchema, typeof filter === 'number' ? { page: filter } : filter);
  const team = v.team ?? '';
  if (team && !options.teams.some((t) => t.id === team))
    new Problems().add('team', 'Choose a team from the list').check();
  const pid = actor.partnershipId;
  const today = opts.today ?? londonToday();
  const entries = await waitingEntries(db, pid, opts);
  const matching = entries.filter(
    (e) => (!team || e.teamId === team) && (!v.urgency || e.decision === v.urgency),
  );
  const slice = pageSlice(groupSiblings(matching), v.page ?? 1);
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
      .map((e, n, all) => ({
        ...waiting(rows.get(e.personId)!, e.since, e.reason, today),
        decision: e.decision,
        decisionLabel: e.decision ? URGENCY_LABELS[e.decision] : null,
        rag: e.rag,
        clock: e.clock ? { ...e.clock, due: due(e.clock.dueDate, today) } : null,
        group: e.group,
        sibling: n > 0 && all[n - 1]!.group === e.group,
      })),
  );
  await auditListed(
    db,
    actor,
    children.map((c) => c.child),
    'unallocated',
  );
  return {
    ...options,
    children,
    total: matching.length,
    page: slice.page,
    pages: slice.pages,
    team,
    urgency: v.urgency ?? '',
  };
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
