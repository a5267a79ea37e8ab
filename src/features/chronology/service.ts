import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import {
  requirePart,
  requirePermission,
  requirePersonAccess,
  requirePersonWriteAccess,
  UUID,
  type PersonAccess,
} from '../../platform/access/policy.ts';
import { aboutPerson, audit } from '../../platform/audit.ts';
import { londonToday } from '../../platform/dates.ts';
import { parse } from '../../platform/validation.ts';
import { personHeading, type PersonHeading } from '../people/service.ts';
import {
  CATEGORIES,
  SIGNIFICANCES,
  VISIBILITIES,
  visibilityLabel,
  type Category,
  type Significance,
  type Visibility,
} from './categories.ts';
import {
  entriesForReview,
  insertEntry,
  visibleEntries,
  visibleSummary,
  type EntryRow,
} from './repository.ts';
import { DETAIL_MAX, entrySchema, filtersFromQuery, SUMMARY_MAX, type EntryInput } from './schemas.ts';

export { CATEGORIES, SIGNIFICANCES, type Category, type EntryInput };
/**
 * The multi-agency chronology of the people linked to a practice review, over the review's period,
 * with the category's words. The caller (the review) has checked its own permission, and audits
 * each person's read in its transaction.
 */
export async function chronologyForReview(
  db: Db,
  partnershipId: string,
  personIds: readonly string[],
  period: { from: string; to: string },
): Promise<(TimelineEntry & { personId: string })[]> {
  const rows = await entriesForReview(db, partnershipId, personIds, period.from, period.to);
  return rows.map((r) => ({ ...toEntry(r), personId: r.personId }));
}

/** Filters from a page's query string (?agency=&category=&significance=); unknown values dropped. */
export const parseTimelineFilters = filtersFromQuery;

/** Filters of the child's timeline (all optional). */
export interface TimelineFilters {
  agencyId?: string;
  category?: string;
  significance?: 'low' | 'medium' | 'high';
  /** 1-based page of the on-screen timeline; exports and the API take every entry. */
  page?: number;
}

/** Entries per page of the on-screen timeline. */
export const PAGE_SIZE = 50;

/** An entry as pages and exports show it: the row, with the words for its category and visibility. */
export interface TimelineEntry extends EntryRow {
  categoryLabel: string;
  visibilityLabel: string;
}

export interface Timeline {
  entries: TimelineEntry[];
  /** Agencies that have entries the actor may see, for the filter. */
  agencies: { id: string; name: string }[];
  total: number;
  /** The page shown and the number of pages (1 and 1 when every entry is shown). */
  page: number;
  pages: number;
  /** The filters applied, with unknown values dropped. */
  filters: TimelineFilters;
  /** The applied filters as a query string (no leading "?"), for export links. */
  query: string;
  /** The fixed lists, for the filter's selects. */
  categories: typeof CATEGORIES;
  significances: typeof SIGNIFICANCES;
}

function normalise(filters: TimelineFilters): TimelineFilters {
  const out: TimelineFilters = {};
  if (filters.agencyId && UUID.test(filters.agencyId)) out.agencyId = filters.agencyId.toLowerCase();
  if (CATEGORIES.isValue(filters.category)) out.category = filters.category;
  if (SIGNIFICANCES.isValue(filters.significance)) out.significance = filters.significance;
  if (filters.page && Number.isInteger(filters.page) && filters.page > 1) out.page = filters.page;
  return out;
}

export function filterQuery(f: TimelineFilters): string {
  const q = new URLSearchParams();
  if (f.agencyId) q.set('agency', f.agencyId);
  if (f.category) q.set('category', f.category);
  if (f.significance) q.set('significance', f.significance);
  return q.toString();
}

function toEntry(r: EntryRow): TimelineEntry {
  return {
    ...r,
    categoryLabel: CATEGORIES.labelOf(r.category),
    visibilityLabel: visibilityLabel(r.visibility),
  };
}

/**
 * The child's one timeline across agencies, newest first, filtered to the entries the actor may
 * see (visibility levels). Takes a PersonAccess so it can only be called after the access check.
 * Does not audit: the page or export that shows it does.
 */
export async function timeline(
  db: Db,
  actor: Actor,
  access: PersonAccess,
  filters: TimelineFilters = {},
  opts: { all?: boolean } = {},
): Promise<Timeline> {
  requirePart(access, 'chronology');
  const f = normalise(filters);
  const viewer = {
    partnershipId: actor.partnershipId,
    personId: access.personId,
    agencyId: actor.agencyId,
    seesMashAndAllocated: access.seesMashAndAllocated,
  };
  const page = opts.all ? 1 : (f.page ?? 1);
  const slice = opts.all ? undefined : { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const [rows, { total, agencies }] = await Promise.all([
    visibleEntries(db, viewer, f, slice),
    visibleSummary(db, viewer, f),
  ]);
  // A page past the end shows the first page.
  if (rows.length === 0 && page > 1) return timeline(db, actor, access, { ...f, page: 1 }, opts);
  const { page: _page, ...kept } = f;
  return {
    entries: rows.map(toEntry),
    agencies,
    total,
    page,
    pages: opts.all ? 1 : Math.max(1, Math.ceil(total / PAGE_SIZE)),
    filters: kept,
    query: filterQuery(kept),
    categories: CATEGORIES,
    significances: SIGNIFICANCES,
  };
}

/** The timeline for the API: access checked first, the read audited. */
export async function readTimeline(
  db: Db,
  actor: Actor,
  personId: string,
  filters: TimelineFilters,
): Promise<Timeline> {
  const access = await requirePersonAccess(db, actor, personId, 'chronology');
  const result = await timeline(db, actor, access, filters, { all: true });
  await audit(
    db,
    actor,
    aboutPerson(personId, 'chronology.read', {
      filters: result.filters,
      count: result.total,
      basis: access.basis,
    }),
  );
  return result;
}

/** What an export shows; the export is audited (format, filters and how many entries left). */
export async function exportTimeline(
  db: Db,
  actor: Actor,
  personId: string,
  filters: TimelineFilters,
  format: 'csv' | 'pdf',
): Promise<{ person: PersonHeading; timeline: Timeline; exportedAt: Date }> {
  const { access, person } = await personHeading(db, actor, personId, 'chronology');
  const result = await timeline(db, actor, access, filters, { all: true });
  await audit(
    db,
    actor,
    aboutPerson(personId, 'chronology.export', {
      format,
      filters: result.filters,
      count: result.total,
      basis: access.basis,
    }),
  );
  return { person, timeline: result, exportedAt: new Date() };
}

/**
 * Checks that the actor may add to this person's chronology: they may open the record and their
 * role carries chronology.add. Returns the access, for pages that then show the form.
 */
export async function requireChronologyAdd(db: Db, actor: Actor, personId: string): Promise<PersonAccess> {
  const access = await requirePersonWriteAccess(db, actor, personId, 'chronology');
  requirePermission(actor, 'chronology.add');
  return access;
}

/** The person at the top of the add-entry form, after both checks; the look is audited. */
export async function personForNewEntry(db: Db, actor: Actor, personId: string): Promise<PersonHeading> {
  await requireChronologyAdd(db, actor, personId);
  const { person } = await personHeading(db, actor, personId, 'chronology');
  await audit(db, actor, aboutPerson(personId, 'chronology.form_viewed'));
  return person;
}

/** Adds an agency's entry: access first, then the entry and its audit event in one transaction. */
export async function addEntry(
  db: Db,
  actor: Actor,
  personId: string,
  input: EntryInput,
): Promise<TimelineEntry> {
  await requireChronologyAdd(db, actor, personId);
  const e = parse(entrySchema, input);
  return db.transaction(async (tx) => {
    const row = {
      partnershipId: actor.partnershipId,
      personId,
      occurredOn: e.occurredOn,
      recordedBy: actor.userId,
      sourceAgencyId: actor.agencyId,
      category: e.category,
      significance: e.significance,
      visibility: e.visibility,
      summary: e.summary,
      detail: e.detail ?? '',
      origin: 'agency' as const,
    };
    const { id, recordedAt } = await insertEntry(tx, row);
    await audit(tx, actor, {
      action: 'chronology.add',
      entityType: 'chronology_entry',
      entityId: id,
      personId,
      detail: { category: e.category, significance: e.significance, visibility: e.visibility },
    });
    return toEntry({
      ...row,
      id,
      recordedAt,
      recordedById: actor.userId,
      recordedBy: actor.name,
      sourceAgency: actor.agencyName,
    });
  });
}

export interface SystemEvent {
  category: Category;
  summary: string;
  detail?: string;
  /** 'YYYY-MM-DD'; today in London when absent. */
  occurredOn?: string;
  significance?: Significance;
  visibility?: Visibility;
}

function clip(s: string, max: number): string {
  const clean = s.replaceAll('\u0000', '');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/**
 * A system-generated entry (origin 'system'), recorded as the actor's agency, for other features
 * to call inside their own transaction after their own access check. Audited with the same handle.
 */
export async function recordSystemEvent(
  tx: Db,
  actor: Actor,
  personId: string,
  event: SystemEvent,
): Promise<string> {
  if (!CATEGORIES.isValue(event.category))
    throw new Error(`unknown chronology category ${String(event.category)}`);
  const visibility = event.visibility ?? 'partnership';
  const significance = event.significance ?? 'medium';
  if (!VISIBILITIES.isValue(visibility) || !SIGNIFICANCES.isValue(significance))
    throw new Error('bad chronology visibility or significance');
  const occurredOn = event.occurredOn ?? londonToday();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(occurredOn)) throw new Error('occurredOn must be YYYY-MM-DD');
  const { id } = await insertEntry(tx, {
    partnershipId: actor.partnershipId,
    personId,
    occurredOn,
    recordedBy: actor.userId || null,
    sourceAgencyId: actor.agencyId,
    category: event.category,
    significance,
    visibility,
    summary: clip(event.summary, SUMMARY_MAX),
    detail: clip(event.detail ?? '', DETAIL_MAX),
    origin: 'system',
  });
  await audit(tx, actor, {
    action: 'chronology.add',
    entityType: 'chronology_entry',
    entityId: id,
    personId,
    detail: { origin: 'system', category: event.category, significance, visibility },
  });
  return id;
}
