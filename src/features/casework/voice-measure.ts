/** The child's voice measure for the partnership's pages: counts only, no child named. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { childVoiceCounts, type VoiceMeasureRow } from './repository/voice-measure.ts';

export type { VoiceMeasureRow };

/**
 * Of the assessments (completed), visits (child seen), conferences and plan reviews since `since`,
 * how many have the child's own words recorded, by quarter, kind, agency and team. For readers of
 * the partnership's pages (assurance.read): counts, never a record.
 */
export function childVoiceMeasure(db: Db, actor: Actor, since: string): Promise<VoiceMeasureRow[]> {
  requirePermission(actor, 'assurance.read');
  return childVoiceCounts(db, actor.partnershipId, since);
}
