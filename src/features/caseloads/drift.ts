/**
 * Drift: work that has gone on too long. Casework decides what has drifted (driftFacts); this
 * names the kinds, in the order the report shows them, and keeps the partnership's facts for a
 * minute: working them out reads every open episode (over half a second with 20,000), and the
 * report is paged, filtered and counted from the same facts.
 */
import type { Db } from '../../db/index.ts';
import type { DriftFact, DriftKind } from '../casework/service.ts';
import type { CaseworkReads } from './shared.ts';

export const DRIFT_KINDS = [
  'episode_without_review',
  'assessment_over_45_days',
  'plan_over_18_months',
  'repeat_plan',
] as const satisfies readonly DriftKind[];

export const DRIFT_LABELS: Record<DriftKind, string> = {
  episode_without_review: 'Episodes open for months without a review',
  assessment_over_45_days: 'Single assessments over 45 working days',
  plan_over_18_months: 'Child protection plans open 18 months or more',
  repeat_plan: 'Repeat child protection plans within two years',
};

/** How long worked-out facts are used: drift is measured in months, so a minute late is harmless. */
export const DRIFT_FACTS_TTL_MS = 60_000;

export interface PartnershipDrift {
  /** Longest drift first: by the date it is measured from, then the report's order, then child. */
  facts: DriftFact[];
  /** When they were worked out. */
  at: Date;
}

const KIND_ORDER = new Map(DRIFT_KINDS.map((k, i) => [k, i]));

function longestFirst(a: DriftFact, b: DriftFact): number {
  if (a.since !== b.since) return a.since < b.since ? -1 : 1;
  const k = KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)!;
  if (k !== 0) return k;
  return a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0;
}

interface Entry {
  today: string;
  at: number;
  facts: Promise<DriftFact[]>;
}

// By source and database handle (tests use sources and databases of their own), then partnership.
const kept = new WeakMap<CaseworkReads, WeakMap<Db, Map<string, Entry>>>();

/**
 * The partnership's drift facts as of today, worked out at most once a minute; requests in the
 * meantime share them (and share one working out). No names and no access decision: the caller
 * filters by who may see which child.
 */
export async function partnershipDrift(
  db: Db,
  source: CaseworkReads,
  partnershipId: string,
  today: string,
  now = Date.now(),
): Promise<PartnershipDrift> {
  let byDb = kept.get(source);
  if (!byDb) kept.set(source, (byDb = new WeakMap()));
  let entries = byDb.get(db);
  if (!entries) byDb.set(db, (entries = new Map()));
  let entry = entries.get(partnershipId);
  if (!entry || entry.today !== today || now - entry.at >= DRIFT_FACTS_TTL_MS) {
    const fresh: Entry = {
      today,
      at: now,
      facts: source.driftFacts(db, partnershipId, today).then((f) => [...f].sort(longestFirst)),
    };
    entries.set(partnershipId, fresh);
    const map = entries;
    fresh.facts.catch(() => {
      if (map.get(partnershipId) === fresh) map.delete(partnershipId);
    });
    entry = fresh;
  }
  return { facts: await entry.facts, at: new Date(entry.at) };
}
