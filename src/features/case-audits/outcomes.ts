/** What an audit leads to: findings, actions into the one action log, and its close. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import { ConflictError } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import { addActionIn } from '../actions/service.ts';
import * as repo from './repository/audits.ts';
import { auditActionSchema, findingSchema, type AuditActionInput, type FindingInput } from './schemas.ts';
import { auditOr404 } from './shared.ts';

export async function addFinding(db: Db, actor: Actor, id: string, input: FindingInput): Promise<void> {
  requirePermission(actor, 'partnership.manage');
  const v = parse(findingSchema, input);
  await db.transaction(async (tx) => {
    await auditOr404(tx, actor, id, true);
    const findingId = await repo.insertFinding(tx, {
      partnershipId: actor.partnershipId,
      auditId: id,
      ...v,
      userId: actor.userId,
    });
    await audit(tx, actor, {
      action: 'case_audit.finding_added',
      entityType: 'case_audit',
      entityId: id,
      detail: { findingId, theme: v.theme },
    });
  });
}

/** Closes the audit: its auditors' access to the sampled children ends with it. */
export async function closeAudit(db: Db, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'partnership.manage');
  await db.transaction(async (tx) => {
    const a = await auditOr404(tx, actor, id, true);
    if (a.status === 'closed') throw new ConflictError('This audit is already closed.');
    await repo.closeAuditRow(tx, id, actor.userId);
    await audit(tx, actor, { action: 'case_audit.closed', entityType: 'case_audit', entityId: id });
  });
}

/** An action from the audit's findings, into the partnership's one action log. */
export async function addAuditAction(
  db: Db,
  actor: Actor,
  id: string,
  input: AuditActionInput,
): Promise<string> {
  requirePermission(actor, 'partnership.manage');
  const v = parse(auditActionSchema, input);
  return db.transaction(async (tx) => {
    const a = await auditOr404(tx, actor, id, true);
    const { id: actionId } = await addActionIn(tx, actor, {
      sourceKind: 'case_audit',
      sourceId: id,
      sourceLabel: `Case audit: ${a.title}`,
      sourceHref: `/partnership/case-audits/${id}`,
      title: v.title,
      detail: v.detail,
      ownerAgencyId: v.ownerAgencyId,
      ownerUserId: v.ownerUserId,
      dueOn: v.dueOn,
      measureId: v.measureId,
    });
    await audit(tx, actor, {
      action: 'case_audit.action_added',
      entityType: 'case_audit',
      entityId: id,
      detail: { actionId },
    });
    return actionId;
  });
}
