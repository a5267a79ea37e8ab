/**
 * Allocation: a child to a worker and the worker's team, history kept (the open allocation ends, a
 * new one starts). A team manager may allocate a child waiting for allocation (a referral awaiting
 * it, open work with nobody allocated, or last allocated in their team) and reallocate children
 * allocated in their team; allocation gives the worker the record (policy.ts), so no one else.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { aboutPerson, audit } from '../../platform/audit.ts';
import { londonToday } from '../../platform/dates.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { recordSystemEvent } from '../chronology/service.ts';
import * as repo from './repository.ts';
import {
  allocateSchema,
  childrenIn,
  reallocateSchema,
  type Allocation,
  type Reallocation,
} from './schemas.ts';
import { caseloadSettings, type CaseloadSettings } from './settings.ts';
import { auditListed, casework, shown, type CaseworkReads, type ShownChild } from './shared.ts';
import { caseKinds, caseload, type Caseload } from './work.ts';

export interface Opts {
  now?: Date;
  source?: CaseworkReads;
}

async function mayAllocate(
  db: Db,
  actor: Actor,
  st: repo.AllocationState,
  source: CaseworkReads,
): Promise<boolean> {
  if (st.kind !== 'child' || (st.restricted && !st.named) || !actor.teamId) return false;
  if (st.openId) return st.openTeamId === actor.teamId;
  if (st.awaiting || st.lastTeamId === actor.teamId) return true;
  return (await source.openWorkItems(db, actor.partnershipId, [st.personId])).length > 0;
}

/** The child's allocation state, refused (404, audited when the child exists) unless the actor may allocate them. */
async function allocatable(
  db: Db,
  actor: Actor,
  personId: string,
  source: CaseworkReads,
  lock = false,
): Promise<repo.AllocationState> {
  requirePermission(actor, 'caseload.allocate');
  const st = await repo.allocationState(db, actor.partnershipId, personId, actor.userId, lock);
  if (st && (await mayAllocate(db, actor, st, source))) return st;
  if (st) {
    await audit(db, actor, aboutPerson(personId, 'person.access_refused', { page: 'allocation' }));
  }
  throw new NotFoundError();
}

export interface AllocationPage {
  child: ShownChild;
  current: repo.HistoryRow | undefined;
  history: repo.HistoryRow[];
  /** Each worker with their current caseload (weighted) against the limit. */
  workers: (repo.WorkerRow & { caseload: Caseload })[];
  limit: number;
  awaiting: boolean;
  /** Brothers and sisters on the same referral, also waiting, that the actor may allocate with the child. */
  siblings: ShownChild[];
}

/** The workers' caseloads now: each child once, at the weight of their heaviest open work. */
async function withCaseloads(
  db: Db,
  actor: Actor,
  workers: repo.WorkerRow[],
  settings: CaseloadSettings,
  source: CaseworkReads,
): Promise<(repo.WorkerRow & { caseload: Caseload })[]> {
  const held = await repo.allocatedTo(
    db,
    actor.partnershipId,
    workers.map((w) => w.id),
  );
  const ids = [...new Set(held.map((h) => h.personId))];
  const work = ids.length ? await source.openWorkItems(db, actor.partnershipId, ids) : [];
  const kinds = caseKinds(ids, work, settings.weights);
  return workers.map((w) => ({
    ...w,
    caseload: caseload(
      held.filter((h) => h.userId === w.id).map((h) => kinds.get(h.personId)!),
      settings,
    ),
  }));
}

/** The siblings waiting with the child whom the actor may allocate (restricted ones they are not named on are left out). */
async function allocatableSiblings(
  db: Db,
  actor: Actor,
  personId: string,
  source: CaseworkReads,
): Promise<ShownChild[]> {
  const rows = await repo.waitingSiblings(db, actor.partnershipId, actor.userId, personId);
  const out: ShownChild[] = [];
  for (const r of rows) {
    if (r.hidden) continue;
    const st = await repo.allocationState(db, actor.partnershipId, r.personId, actor.userId);
    if (st && !st.openId && (await mayAllocate(db, actor, st, source))) out.push(shown(r));
  }
  return out;
}

export async function allocationPage(
  db: Db,
  actor: Actor,
  personId: string,
  opts: Opts = {},
): Promise<AllocationPage> {
  const source = opts.source ?? casework;
  const st = await allocatable(db, actor, personId, source);
  const [row] = await repo.childrenByIds(db, actor.partnershipId, actor.userId, [st.personId]);
  const history = await repo.allocationHistory(db, actor.partnershipId, st.personId);
  const settings = await caseloadSettings(db, actor.partnershipId);
  const workers = await withCaseloads(
    db,
    actor,
    await repo.assignableWorkers(db, actor.partnershipId, actor.agencyId),
    settings,
    source,
  );
  // The actor's own team first: most allocations stay in the team.
  workers.sort((a, b) => Number(b.teamId === actor.teamId) - Number(a.teamId === actor.teamId));
  const siblings = st.openId ? [] : await allocatableSiblings(db, actor, st.personId, source);
  await audit(db, actor, aboutPerson(st.personId, 'allocation.viewed'));
  await auditListed(db, actor, siblings, 'allocation');
  return {
    child: shown(row!),
    current: history.find((h) => !h.endedAt),
    history,
    workers,
    limit: settings.limit,
    awaiting: st.awaiting,
    siblings,
  };
}

/** A worker who may hold the allocation: active, in the actor's agency, with a caseload, in a team outside the MASH. */
async function checkWorker(db: Db, actor: Actor, id: string, field: string): Promise<repo.AssignableWorker> {
  const w = await repo.workerById(db, actor.partnershipId, id);
  const ok =
    w &&
    w.active &&
    w.agencyId === actor.agencyId &&
    w.teamId &&
    !w.isMash &&
    can(w.roles, 'caseload.view_own');
  if (!ok) new Problems().add(field, 'Choose a social worker or team manager from the list').check();
  return w!;
}

async function moveChild(
  tx: Db,
  actor: Actor,
  child: { personId: string; openId: string | null; openUserId: string | null },
  worker: repo.AssignableWorker,
  why: string | null,
  at: Date,
): Promise<void> {
  if (child.openId) await repo.endAllocation(tx, child.openId, actor.userId, why, at);
  const id = await repo.insertAllocation(tx, {
    pid: actor.partnershipId,
    personId: child.personId,
    userId: worker.id,
    teamId: worker.teamId,
    by: actor.userId,
    reason: why,
    at,
  });
  const referrals = await repo.markReferralsAllocated(tx, actor.partnershipId, child.personId);
  await recordSystemEvent(tx, actor, child.personId, {
    category: 'other',
    significance: 'low',
    summary: `Allocated to ${worker.name}, ${worker.teamName ?? 'no team'}`,
    occurredOn: londonToday(at),
  });
  await audit(tx, actor, {
    action: 'allocation.change',
    entityType: 'allocation',
    entityId: id,
    personId: child.personId,
    reason: why ?? undefined,
    detail: { from: child.openUserId, to: worker.id, teamId: worker.teamId, referralsAllocated: referrals },
  });
}

/**
 * Allocates the child to a worker (and the worker's team), ending the open allocation; with the
 * siblings chosen (brothers and sisters on the same referral, also waiting), in one transaction.
 */
export async function allocateChild(
  db: Db,
  actor: Actor,
  personId: string,
  input: Allocation,
  opts: Opts = {},
): Promise<void> {
  requirePermission(actor, 'caseload.allocate');
  const v = parse(allocateSchema, input);
  const at = opts.now ?? new Date();
  const source = opts.source ?? casework;
  await db.transaction(async (tx) => {
    const st = await allocatable(tx, actor, personId, source, true);
    const worker = await checkWorker(tx, actor, v.workerId, 'workerId');
    if (st.openUserId === worker.id)
      new Problems().add('workerId', `The child is already allocated to ${worker.name}`).check();
    const chosen = v.siblings ?? [];
    if (chosen.length) {
      if (st.openId)
        new Problems().add('siblings', 'Siblings are allocated with a child waiting for allocation').check();
      const may = new Set((await allocatableSiblings(tx, actor, st.personId, source)).map((c) => c.personId));
      if (chosen.some((c) => !may.has(c)))
        new Problems()
          .add('siblings', 'Choose siblings from the list: one of them is no longer waiting')
          .check();
    }
    await moveChild(tx, actor, st, worker, v.reason ?? null, at);
    for (const sibling of chosen) {
      const sst = await repo.allocationState(tx, actor.partnershipId, sibling, actor.userId, true);
      await moveChild(tx, actor, sst!, worker, v.reason ?? null, at);
    }
  });
}

export interface ReallocationPage {
  teamWorkers: (repo.WorkerRow & { children: number })[];
  from?: repo.WorkerRow;
  children: ShownChild[];
  targets: repo.WorkerRow[];
}

/** Bulk reallocation: the team's workers, and for the one leaving, the children they hold in the team. */
export async function reallocationPage(
  db: Db,
  actor: Actor,
  fromId: string | undefined,
): Promise<ReallocationPage> {
  requirePermission(actor, 'caseload.allocate');
  const teamId = actor.teamId;
  if (!teamId) throw new NotFoundError();
  const pid = actor.partnershipId;
  const workers = await repo.teamWorkers(db, pid, teamId);
  const all = await repo.openAllocations(db, pid, actor.userId, { teamId });
  const teamWorkers = workers.map((w) => ({ ...w, children: all.filter((a) => a.userId === w.id).length }));
  if (fromId === undefined) return { teamWorkers, children: [], targets: [] };
  const from = workers.find((w) => w.id === fromId);
  if (!from) throw new ValidationError([{ field: 'from', message: 'Choose a worker from the list' }]);
  const children = all.filter((a) => a.userId === from.id).map(shown);
  const targets = (await repo.assignableWorkers(db, pid, actor.agencyId)).filter((w) => w.id !== from.id);
  targets.sort((a, b) => Number(b.teamId === teamId) - Number(a.teamId === teamId));
  await auditListed(db, actor, children, 'reallocate');
  return { teamWorkers, from, children, targets };
}

/** Who goes to whom: each listed child to its own colleague, else to the one for all. */
function movesOf(v: Reallocation, children: readonly string[]): { personId: string; to: string }[] {
  const moves: { personId: string; to: string }[] = [];
  for (const c of children) {
    const to = v[`to-${c}`] ?? v.all;
    if (to) moves.push({ personId: c.toLowerCase(), to });
  }
  if (moves.length === 0) {
    new Problems()
      .add('all', 'Choose a colleague to move all the children to, or one for each child to move')
      .check();
  }
  return moves;
}

/**
 * Moves the leaving worker's children (all, or those chosen) to one or several colleagues, in one
 * transaction: if any child cannot move (for example it was reallocated meanwhile), none moves.
 */
export async function bulkReallocate(
  db: Db,
  actor: Actor,
  input: Reallocation,
  opts: Opts = {},
): Promise<number> {
  requirePermission(actor, 'caseload.allocate');
  const teamId = actor.teamId;
  if (!teamId) throw new NotFoundError();
  const children = childrenIn(input);
  const v = parse(reallocateSchema(children), input);
  const { from, reason: why } = v;
  const moves = movesOf(v, children);
  const at = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const targets = new Map<string, repo.AssignableWorker>();
    for (const m of moves) {
      if (targets.has(m.to)) continue;
      const field = v[`to-${m.personId}`] ? `to-${m.personId}` : 'all';
      if (m.to === from)
        new Problems().add(field, 'Choose a colleague other than the worker leaving').check();
      targets.set(m.to, await checkWorker(tx, actor, m.to, field));
    }
    for (const m of moves) {
      const st = await repo.allocationState(tx, actor.partnershipId, m.personId, actor.userId, true);
      if (!st || st.openUserId !== from || st.openTeamId !== teamId) {
        throw new ConflictError(
          'A child on the list is no longer allocated to this worker in your team, so nothing was moved. Reload the page and try again.',
        );
      }
      await moveChild(tx, actor, st, targets.get(m.to)!, why ?? null, at);
    }
    await audit(tx, actor, {
      action: 'allocation.bulk_reallocate',
      entityType: 'app_user',
      entityId: from,
      reason: why ?? undefined,
      detail: { moved: moves.length, to: [...targets.keys()] },
    });
    return moves.length;
  });
}
