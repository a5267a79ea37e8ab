/**
 * What caseloads reads of statutory casework, in one place: its open work items and its drift
 * facts, through the casework service. Services take a source so that tests can give them work
 * without recording whole episodes.
 */
import type { Db } from '../../db/index.ts';
import { driftFacts, openWorkItems, type DriftFact, type WorkItem } from '../casework/service.ts';

export type { DriftFact, DriftKind } from '../casework/service.ts';

export interface CaseworkSource {
  openWorkItems(db: Db, partnershipId: string, personIds?: readonly string[]): Promise<WorkItem[]>;
  driftFacts(db: Db, partnershipId: string, today?: string): Promise<DriftFact[]>;
}

export const caseworkSource: CaseworkSource = { openWorkItems, driftFacts };

/** Work due within this many working days is "due soon", on the casework page and the work lists alike. */
export { NEAR_DUE_WORKING_DAYS } from '../casework/service.ts';
