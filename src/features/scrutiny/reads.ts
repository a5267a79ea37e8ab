/**
 * Every read of a child's record made through the scrutiny relationship, for the scrutineer and the
 * partners alike: who, when and what part, with a reference for the child and never a name.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { PAGE_SIZE } from '../../platform/due.ts';
import { actionLabel } from '../audit/service.ts';
import * as repo from './repository/reads.ts';

export interface ScrutinyRead {
  occurredAt: Date;
  userName: string;
  /** A reference for the child that does not name them. */
  personRef: string;
  part: string;
  what: string;
}

const PARTS: [RegExp, string][] = [
  [/^chronology\./, 'Chronology'],
  [/^casework\./, 'Casework'],
  [/^person\.listed$/, 'Named in a list'],
  [/^(person|audit)\./, 'The record'],
];

export function partOf(action: string): string {
  return PARTS.find(([re]) => re.test(action))?.[1] ?? 'Other';
}

/** The short reference of a person: the start of their record's id, in capitals. */
export function personRef(personId: string): string {
  return personId.slice(0, 8).toUpperCase();
}

export async function scrutinyReads(
  db: Db,
  actor: Actor,
  page: number,
): Promise<{ reads: ScrutinyRead[]; total: number; page: number; pages: number }> {
  requirePermission(actor, 'assurance.read');
  const total = await repo.countScrutinyReads(db, actor.partnershipId);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const p = Math.min(Math.max(1, page), pages);
  const rows = await repo.scrutinyReads(db, actor.partnershipId, PAGE_SIZE, (p - 1) * PAGE_SIZE);
  await audit(db, actor, { action: 'scrutiny.reads.view', entityType: 'audit_event', detail: { page: p } });
  return {
    reads: rows.map((r) => ({
      occurredAt: r.occurredAt,
      userName: r.userName ?? 'Unknown user',
      personRef: personRef(r.personId),
      part: partOf(r.action),
      what: actionLabel(r.action, r.page),
    })),
    total,
    page: p,
    pages,
  };
}
