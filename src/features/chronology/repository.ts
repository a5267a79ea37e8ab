import { maybeOne, type Db } from '../../db/index.ts';

export interface EntryRow {
  id: string;
  occurredOn: string;
  recordedAt: Date;
  recordedById: string | null;
  /** The recording user's name (null for some system entries). */
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

/** Who is looking, as the visibility rule needs it. */
export interface Viewer {
  partnershipId: string;
  personId: string;
  agencyId: string;
  seesMashAndAllocated: boolean;
}

export interface EntryFilter {
  agencyId?: string;
  category?: string;
  significance?: string;
}

/** A page of entries; without one, every entry. */
export interface Slice {
  limit: number;
  offset: number;
}

// $1 person, $2 partnership, $3 the viewer's agency, $4 whether they see "MASH and allocated" entries.
const VISIBLE = `e.person_id = $1 and e.partnership_id = $2
  and (e.visibility = 'partnership' or e.source_agency_id = $3
       or (e.visibility = 'mash_and_allocated' and $4::boolean))`;

const viewerParams = (v: Viewer) => [v.personId, v.partnershipId, v.agencyId, v.seesMashAndAllocated];

const FILTERED = `($5::uuid is null or e.source_agency_id = $5::uuid)
  and ($6::text is null or e.category = $6::text)
  and ($7::text is null or e.significance = $7::text)`;

const filterParams = (f: EntryFilter) => [f.agencyId ?? null, f.category ?? null, f.significance ?? null];

/**
 * The entries the viewer may see, newest first, a page at a time: the (person_id, occurred_on,
 * recorded_at) index walks the newest rows and stops at the page's end; names are joined after.
 */
export function visibleEntries(db: Db, v: Viewer, f: EntryFilter, slice?: Slice): Promise<EntryRow[]> {
  return db.query<EntryRow>(
    `select e.id, e.occurred_on as "occurredOn", e.recorded_at as "recordedAt", e.recorded_by as "recordedById",
       u.display_name as "recordedBy", e.source_agency_id as "sourceAgencyId", a.name as "sourceAgency",
       e.category, e.significance, e.visibility, e.summary, e.detail, e.origin
     from (select * from chronology_entry e where ${VISIBLE} and ${FILTERED}
           order by e.occurred_on desc, e.recorded_at desc, e.id desc limit $8 offset $9) e
       join agency a on a.id = e.source_agency_id
       left join app_user u on u.id = e.recorded_by
     order by e.occurred_on desc, e.recorded_at desc, e.id desc`,
    [...viewerParams(v), ...filterParams(f), slice?.limit ?? null, slice?.offset ?? 0],
  );
}

/**
 * In one pass over the visible entries: how many match the filters, and the agencies that have any
 * (the agency filter lists them whatever else is filtered).
 */
export async function visibleSummary(
  db: Db,
  v: Viewer,
  f: EntryFilter,
): Promise<{ total: number; agencies: { id: string; name: string }[] }> {
  const row = await maybeOne<{ total: number; agencies: { id: string; name: string }[] }>(
    db,
    `with v as (select e.source_agency_id, ${FILTERED} as hit from chronology_entry e where ${VISIBLE})
     select (select count(*) from v where hit)::int as total,
       (select coalesce(json_agg(json_build_object('id', a.id, 'name', a.name) order by a.name), '[]')
        from agency a where a.partnership_id = $2 and a.id in (select source_agency_id from v)) as agencies`,
    [...viewerParams(v), ...filterParams(f)],
  );
  return row ?? { total: 0, agencies: [] };
}

export interface NewEntryRow {
  partnershipId: string;
  personId: string;
  occurredOn: string;
  recordedBy: string | null;
  sourceAgencyId: string;
  category: string;
  significance: string;
  visibility: string;
  summary: string;
  detail: string;
  origin: 'agency' | 'system';
}

export async function insertEntry(db: Db, e: NewEntryRow): Promise<{ id: string; recordedAt: Date }> {
  const row = await maybeOne<{ id: string; recordedAt: Date }>(
    db,
    `insert into chronology_entry (partnership_id, person_id, occurred_on, recorded_by, source_agency_id, category,
       significance, visibility, summary, detail, origin)
     values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) returning id, recorded_at as "recordedAt"`,
    [
      e.partnershipId,
      e.personId,
      e.occurredOn,
      e.recordedBy,
      e.sourceAgencyId,
      e.category,
      e.significance,
      e.visibility,
      e.summary,
      e.detail,
      e.origin,
    ],
  );
  if (!row) throw new Error('chronology entry was not inserted');
  return row;
}

/**
 * Entries of several people over a period, for a statutory practice review (oldest first): what
 * the agencies shared (partnership and "MASH and allocated" entries); an agency's own entries stay
 * with it, and it adds what they show in its analysis for the review.
 */
export function entriesForReview(
  db: Db,
  partnershipId: string,
  personIds: readonly string[],
  from: string,
  to: string,
): Promise<(EntryRow & { personId: string })[]> {
  return db.query<EntryRow & { personId: string }>(
    `select e.id, e.person_id as "personId", e.occurred_on::text as "occurredOn", e.recorded_at as "recordedAt",
       e.recorded_by as "recordedById", u.display_name as "recordedBy", e.source_agency_id as "sourceAgencyId",
       a.name as "sourceAgency", e.category, e.significance, e.visibility, e.summary, e.detail, e.origin
     from chronology_entry e join agency a on a.id = e.source_agency_id left join app_user u on u.id = e.recorded_by
     where e.partnership_id = $1 and e.person_id = any($2::uuid[]) and e.occurred_on between $3 and $4
       and e.visibility in ('partnership', 'mash_and_allocated')
     order by e.occurred_on, e.recorded_at, e.id`,
    [partnershipId, personIds, from, to],
  );
}
