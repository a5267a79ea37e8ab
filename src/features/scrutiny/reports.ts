/**
 * Scrutiny reports: drafted by the scrutineer over the challenges they cover, then published. A
 * published report shows each covered challenge with the partners' answers exactly as submitted
 * (read from the answers, which are never changed) and is itself never changed.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { londonToday } from '../../platform/dates.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { parse, Problems } from '../../platform/validation.ts';
import { toChallenge, type Challenge } from './challenges.ts';
import * as challenges from './repository/challenges.ts';
import * as repo from './repository/reports.ts';
import { reportSchema, type ReportInput } from './schemas.ts';

export type Report = repo.ReportRow;

export interface ReportDetail {
  report: Report;
  covered: (Challenge & { rounds: challenges.RoundRow[] })[];
  may: { edit: boolean; publish: boolean };
}

/** Reports: the published ones for every reader, drafts too for the scrutineer. */
export async function listReports(db: Db, actor: Actor): Promise<Report[]> {
  requirePermission(actor, 'assurance.read');
  const drafts = can(actor.roles, 'scrutiny.challenge');
  const rows = await repo.listReports(db, actor.partnershipId, drafts ? {} : { published: true });
  await audit(db, actor, {
    action: 'scrutiny.reports.view',
    entityType: 'scrutiny_report',
    detail: { count: rows.length },
  });
  return rows;
}

async function loadReport(db: Db, actor: Actor, id: string): Promise<Report> {
  const r = await repo.findReport(db, actor.partnershipId, id);
  // A draft is the scrutineer's until published.
  if (!r || (r.status === 'draft' && !can(actor.roles, 'scrutiny.challenge'))) throw new NotFoundError();
  return r;
}

/** One report with its challenges and every answer as submitted; the look is audited. */
export async function readReport(db: Db, actor: Actor, id: string): Promise<ReportDetail> {
  requirePermission(actor, 'assurance.read');
  const report = await loadReport(db, actor, id);
  const covered = await coveredChallenges(db, actor, report.challengeIds);
  await audit(db, actor, { action: 'scrutiny.report.view', entityType: 'scrutiny_report', entityId: id });
  const mine = report.status === 'draft' && can(actor.roles, 'scrutiny.challenge');
  return { report, covered, may: { edit: mine, publish: mine } };
}

async function coveredChallenges(db: Db, actor: Actor, ids: string[]) {
  if (ids.length === 0) return [];
  const [rows, rounds] = await Promise.all([
    challenges.listChallenges(db, actor.partnershipId),
    challenges.roundsOf(db, actor.partnershipId, ids),
  ]);
  return rows
    .filter((c) => ids.includes(c.id))
    .map((c) => ({ ...toChallenge(c), rounds: rounds.filter((r) => r.challengeId === c.id) }));
}

/** The challenges a report may cover (the form's checkboxes). */
export async function coverableChallenges(db: Db, actor: Actor) {
  requirePermission(actor, 'scrutiny.challenge');
  return (await challenges.listChallenges(db, actor.partnershipId)).map((c) => toChallenge(c));
}

async function checkInput(db: Db, actor: Actor, input: ReportInput) {
  const r = parse(reportSchema, input);
  const known = await repo.challengesAmong(db, actor.partnershipId, r.challengeIds);
  if (known.length !== r.challengeIds.length)
    new Problems().add('challengeIds', 'Select challenges from the list').check();
  return r;
}

export async function draftReport(db: Db, actor: Actor, input: ReportInput): Promise<{ id: string }> {
  requirePermission(actor, 'scrutiny.challenge');
  const r = await checkInput(db, actor, input);
  return db.transaction(async (tx) => {
    const id = await repo.insertReport(tx, {
      partnershipId: actor.partnershipId,
      createdBy: actor.userId,
      ...r,
    });
    await audit(tx, actor, {
      action: 'scrutiny.report.draft',
      entityType: 'scrutiny_report',
      entityId: id,
      detail: { challengeIds: r.challengeIds },
    });
    return { id };
  });
}

const PUBLISHED = 'This report has been published: a published report is never changed.';

/** The draft the scrutineer is about to change. */
export async function draftToEdit(db: Db, actor: Actor, id: string): Promise<Report> {
  requirePermission(actor, 'scrutiny.challenge');
  const r = await loadReport(db, actor, id);
  if (r.status !== 'draft') throw new ConflictError(PUBLISHED);
  return r;
}

export async function updateReport(db: Db, actor: Actor, id: string, input: ReportInput): Promise<void> {
  await draftToEdit(db, actor, id);
  const r = await checkInput(db, actor, input);
  await db.transaction(async (tx) => {
    const row = await repo.findReport(tx, actor.partnershipId, id, true);
    if (!row) throw new NotFoundError();
    if (row.status !== 'draft') throw new ConflictError(PUBLISHED);
    await repo.updateDraft(tx, actor.partnershipId, id, r);
    await audit(tx, actor, {
      action: 'scrutiny.report.update',
      entityType: 'scrutiny_report',
      entityId: id,
      detail: { challengeIds: r.challengeIds },
    });
  });
}

export async function publishReport(db: Db, actor: Actor, id: string): Promise<void> {
  await draftToEdit(db, actor, id);
  await db.transaction(async (tx) => {
    const row = await repo.findReport(tx, actor.partnershipId, id, true);
    if (!row) throw new NotFoundError();
    if (row.status !== 'draft') throw new ConflictError(PUBLISHED);
    await repo.publish(tx, id, londonToday(), actor.userId);
    await audit(tx, actor, {
      action: 'scrutiny.report.publish',
      entityType: 'scrutiny_report',
      entityId: id,
    });
  });
}
