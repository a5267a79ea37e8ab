import type { Db } from '../../db/index.ts';
import { openClocks, type WorkItemType } from './due.ts';
import { loadClockFacts } from './repository/clocks.ts';
import { caseworkSettings } from './settings.ts';

export type { WorkItemType } from './due.ts';

/**
 * The contract between statutory casework (this feature) and caseloads (my work, the team manager's
 * view, the drift report): every open piece of work with a statutory clock, for the children given.
 * It does not check access: the caller decides whose work it may show.
 */
export interface WorkItem {
  personId: string;
  /** The episode of need the item belongs to. */
  episodeId: string;
  type: WorkItemType;
  /** What to show, e.g. "Initial child protection conference". */
  label: string;
  /** 'YYYY-MM-DD', from the one calendar (platform/calendar.ts, platform/clocks.ts). */
  dueDate: string;
  /** Link to the page where the work is done. */
  href: string;
  /** 'YYYY-MM-DD' the clock started (the referral, the strategy discussion, the last visit...). */
  startDate?: string;
}

/**
 * Open work items with a due date for these children (all open episodes of the partnership when
 * personIds is omitted), ordered by due date. Children with no open episode have none.
 */
export async function openWorkItems(
  db: Db,
  partnershipId: string,
  personIds?: readonly string[],
): Promise<WorkItem[]> {
  if (personIds && personIds.length === 0) return [];
  const settings = await caseworkSettings(db, partnershipId);
  const items: WorkItem[] = [];
  for (const f of await loadClockFacts(db, partnershipId, personIds)) {
    for (const c of openClocks(f, settings)) {
      items.push({
        personId: f.personId,
        episodeId: f.episodeId,
        type: c.type,
        label: c.label,
        dueDate: c.dueDate,
        href: c.href,
        startDate: c.start,
      });
    }
  }
  return items.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
}
