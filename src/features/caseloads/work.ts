/**
 * The rules of caseloads that need no database: what a child's open work weighs, a worker's
 * caseload against the limit, and the overdue and due-soon counts (platform/due.ts decides which
 * is which). Dates are 'YYYY-MM-DD'.
 */
import { dueSoonLimit, dueStatus } from '../../platform/due.ts';
import type { WorkItem, WorkItemType } from '../casework/service.ts';
import { CASE_KINDS, type CaseKind, type CaseloadSettings } from './settings.ts';

export const WORK_TYPE_LABELS: Record<WorkItemType, string> = {
  assessment: 'Single assessment',
  strategy_discussion: 'Strategy discussion',
  section_47: 'Section 47 enquiry',
  icpc: 'Initial child protection conference',
  core_group: 'Core group',
  review_conference: 'Review child protection conference',
  cin_plan_review: 'Child in need plan review',
  visit: 'Statutory visit',
};
export const WORK_TYPES = Object.keys(WORK_TYPE_LABELS) as WorkItemType[];

/**
 * The kind of case each type of open work shows: a child with a statutory visit, core group or
 * review conference due is on a child protection plan; a child in need plan review means a CIN plan.
 */
const KIND_OF_WORK: Record<WorkItemType, CaseKind> = {
  assessment: 'assessment',
  strategy_discussion: 'cp_enquiry',
  section_47: 'cp_enquiry',
  icpc: 'cp_enquiry',
  core_group: 'cp_plan',
  review_conference: 'cp_plan',
  visit: 'cp_plan',
  cin_plan_review: 'cin_plan',
};

/** The heaviest kind of work open for each child (children with none are 'allocated'). */
export function caseKinds(
  personIds: readonly string[],
  items: readonly WorkItem[],
  weights: CaseloadSettings['weights'],
): Map<string, CaseKind> {
  const out = new Map<string, CaseKind>(personIds.map((id) => [id, 'allocated']));
  for (const item of items) {
    if (!out.has(item.personId)) continue;
    const kind = KIND_OF_WORK[item.type];
    const current = out.get(item.personId)!;
    if (current === 'allocated' || weights[kind] > weights[current]) out.set(item.personId, kind);
  }
  return out;
}

export interface Caseload {
  count: number;
  weight: number;
  /** Weight as a whole percentage of the limit. */
  percent: number;
  overLimit: boolean;
  byKind: Record<CaseKind, number>;
}

/** A worker's caseload: each child once, at the weight of their heaviest open work. */
export function caseload(kinds: Iterable<CaseKind>, settings: CaseloadSettings): Caseload {
  const byKind = Object.fromEntries(CASE_KINDS.map((k) => [k, 0])) as Record<CaseKind, number>;
  let count = 0;
  let hundredths = 0;
  for (const kind of kinds) {
    count++;
    byKind[kind]++;
    hundredths += Math.round(settings.weights[kind] * 100);
  }
  const weight = hundredths / 100;
  return {
    count,
    weight,
    percent: Math.round((weight / settings.limit) * 100),
    overLimit: weight > settings.limit,
    byKind,
  };
}

const TYPE_ORDER = new Map(WORK_TYPES.map((t, i) => [t, i]));

/** By due date, then the statutory order of the work, then the child. */
export function byDueDate<T extends Pick<WorkItem, 'dueDate' | 'type' | 'personId'>>(a: T, b: T): number {
  if (a.dueDate !== b.dueDate) return a.dueDate < b.dueDate ? -1 : 1;
  const t = (TYPE_ORDER.get(a.type) ?? 99) - (TYPE_ORDER.get(b.type) ?? 99);
  if (t !== 0) return t;
  return a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0;
}

/** Overdue and due-soon counts per type of work. */
export function countsByType(
  items: readonly WorkItem[],
  today: string,
): { type: WorkItemType; label: string; overdue: number; dueSoon: number }[] {
  const rows = new Map(
    WORK_TYPES.map((t) => [t, { type: t, label: WORK_TYPE_LABELS[t], overdue: 0, dueSoon: 0 }]),
  );
  const limit = dueSoonLimit(today);
  for (const item of items) {
    const row = rows.get(item.type);
    if (!row) continue;
    const s = dueStatus(item.dueDate, today, limit);
    if (s === 'overdue') row.overdue++;
    else if (s === 'due_soon') row.dueSoon++;
  }
  return [...rows.values()];
}
