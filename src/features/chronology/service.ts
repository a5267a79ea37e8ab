import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import type { PersonAccess } from '../../platform/access/policy.ts';

/** Filters of the child's timeline (all optional). */
export interface TimelineFilters {
  agencyId?: string;
  category?: string;
  significance?: 'low' | 'medium' | 'high';
}

export interface TimelineEntry {
  id: string;
  occurredOn: string;
  recordedAt: Date;
  recordedBy: string | null;
  sourceAgencyId: string;
  sourceAgency: string;
  category: string;
  significance: 'low' | 'medium' | 'high';
  visibility: 'partnership' | 'mash_and_allocated' | 'agency';
  summary: string;
  detail: string;
  origin: 'agency' | 'system';
}

export interface Timeline {
  entries: TimelineEntry[];
  /** Agencies that have entries the actor may see, for the filter. */
  agencies: { id: string; name: string }[];
  total: number;
}

/**
 * The child's one timeline across agencies, newest first, filtered to the entries the actor may
 * see (visibility levels). Takes a PersonAccess so it can only be called after the access check.
 * (Stub: the chronology feature fills this in.)
 */
export async function timeline(
  _db: Db,
  _actor: Actor,
  _access: PersonAccess,
  _filters: TimelineFilters = {},
): Promise<Timeline> {
  return { entries: [], agencies: [], total: 0 };
}
