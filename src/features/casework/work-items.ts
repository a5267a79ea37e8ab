import type { Db } from '../../db/index.ts';

/**
 * The contract between statutory casework (this feature) and caseloads (my work, the team manager's
 * view, the drift report): every open piece of work with a statutory clock, for the children given.
 * (Stub: the casework feature fills this in; keep the signature.)
 */
export type WorkItemType =
  | 'assessment'
  | 'strategy_discussion'
  | 'section_47'
  | 'icpc'
  | 'core_group'
  | 'review_conference'
  | 'cin_plan_review'
  | 'visit';

export interface WorkItem {
  personId: string;
  /** The episode of need the item belongs to. */
  episodeId: string;
  type: WorkItemType;
  /** What to show, e.g. "Initial child protection conference". */
  label: string;
  /** 'YYYY-MM-DD', from the one calendar (platform/clocks.ts). */
  dueDate: string;
  /** Link to the page where the work is done. */
  href: string;
}

/** Open work items with a due date for these children (all open episodes when personIds is omitted). */
export async function openWorkItems(
  _db: Db,
  _partnershipId: string,
  _personIds?: readonly string[],
): Promise<WorkItem[]> {
  return [];
}
