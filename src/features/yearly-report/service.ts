/**
 * The partnership's yearly report (1 April to 31 March): the business manager starts it and writes
 * its narrative beside the figures and assurance the records give (content.ts); a lead of each
 * statutory partner signs it off, as the arrangements are signed off; when the last one signs it is
 * published, its content is kept as it then was, and it never changes after. Changing a draft
 * withdraws the sign-offs already given. It is read as a page and as a PDF with its charts.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { withDrawing } from '../../platform/charts.ts';
import { londonToday } from '../../platform/dates.ts';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { parse } from '../../platform/validation.ts';
import { currentYear, yearLabel } from '../dataset/service.ts';
import { assembleContent, type ReportContent, type ReportView } from './content.ts';
import { reportPdf } from './pdf.ts';
import * as repo from './repository.ts';
import { NARRATIVE, narrativeSchema, startSchema, type NarrativeInput } from './schemas.ts';

export { NARRATIVE, narrativeSchema, startSchema };

export const PUBLISHED_LOCKED = (year: number) =>
  `The yearly report for ${yearLabel(year)} is signed off and published, so it cannot be changed.`;

async function found(db: Db, actor: Actor, year: number, lock = false): Promise<repo.ReportRow> {
  const r = await repo.reportFor(db, actor.partnershipId, year, lock);
  if (!r) throw new NotFoundError();
  return r;
}

/** The reports, newest first, and the years the business manager may start one for. */
export async function listYearlyReports(db: Db, actor: Actor) {
  requirePermission(actor, 'assurance.read');
  const reports = await repo.reports(db, actor.partnershipId);
  await audit(db, actor, { action: 'yearly_report.list' });
  const taken = new Set(reports.map((r) => r.year));
  const now = currentYear();
  return {
    reports: reports.map((r) => ({ ...r, label: yearLabel(r.year) })),
    startable: can(actor.roles, 'partnership.manage')
      ? [now, now - 1, now - 2].filter((y) => !taken.has(y)).map((y) => ({ year: y, label: yearLabel(y) }))
      : [],
  };
}

/** Starts the year's report as a draft with empty narrative sections. */
export async function startReport(db: Db, actor: Actor, input: { year: unknown }): Promise<number> {
  requirePermission(actor, 'partnership.manage');
  const { year } = parse(startSchema, input);
  await db.transaction(async (tx) => {
    const id = await repo.insertReport(tx, actor.partnershipId, year, actor.userId);
    if (!id) throw new ConflictError(`The yearly report for ${yearLabel(year)} is already started.`);
    await audit(tx, actor, {
      action: 'yearly_report.start',
      entityType: 'yearly_report',
      entityId: id,
      detail: { year },
    });
  });
  return year;
}

/** Whether the actor may sign this draft for their agency (the page offers it only then). */
function maySign(actor: Actor, r: repo.ReportRow, partners: { agencyId: string; signedBy: string | null }[]) {
  if (r.status !== 'draft' || !can(actor.roles, 'partnership.sign_off')) return false;
  if (NARRATIVE.some((n) => !r[n.key].trim())) return false;
  return partners.some((p) => p.agencyId === actor.agencyId && !p.signedBy);
}

/** The content of a published report as it was published; a draft's as the records are now. */
async function contentOf(db: Db, actor: Actor, r: repo.ReportRow): Promise<ReportContent> {
  return r.status === 'published' ? (r.content as ReportContent) : assembleContent(db, actor, r.year);
}

async function view(db: Db, actor: Actor, year: number): Promise<ReportView> {
  requirePermission(actor, 'assurance.read');
  const report = await found(db, actor, year);
  const content = await contentOf(db, actor, report);
  const partners = await repo.partnerSignoffs(db, actor.partnershipId, report.id);
  return {
    report,
    content,
    narrative: NARRATIVE.map((n) => ({ key: n.key, title: n.title, text: report[n.key] })),
    partners,
  };
}

/** The report's page: its narrative, figures with charts drawn, assurance, and sign-off. */
export async function reportPage(db: Db, actor: Actor, year: number) {
  const v = await view(db, actor, year);
  await audit(db, actor, {
    action: 'yearly_report.read',
    entityType: 'yearly_report',
    entityId: v.report.id,
  });
  const draw = async (c: ReportContent['assurance'][number]) => ({
    ...c,
    chart: c.chart ? await withDrawing(c.chart) : undefined,
  });
  return {
    ...v,
    areas: await Promise.all(
      v.content.areas.map(async (a) => ({
        ...a,
        measures: await Promise.all(
          a.measures.map(async (m) => ({ ...m, chart: await withDrawing(m.chart) })),
        ),
      })),
    ),
    assurance: await Promise.all(v.content.assurance.map(draw)),
    mayEdit: v.report.status === 'draft' && can(actor.roles, 'partnership.manage'),
    maySign: maySign(actor, v.report, v.partners),
  };
}

/** The report as a PDF with its charts. */
export async function yearlyReportPdf(db: Db, actor: Actor, year: number): Promise<Buffer> {
  const v = await view(db, actor, year);
  await audit(db, actor, { action: 'yearly_report.pdf', entityType: 'yearly_report', entityId: v.report.id });
  return reportPdf(v);
}

/** The draft's narrative for the edit form; a published report is refused (409). */
export async function draftForEdit(db: Db, actor: Actor, year: number): Promise<repo.ReportRow> {
  requirePermission(actor, 'partnership.manage');
  const r = await found(db, actor, year);
  if (r.status !== 'draft') throw new ConflictError(PUBLISHED_LOCKED(year));
  return r;
}

/** Saves the narrative; the partners' sign-offs already given are withdrawn (they signed other words). */
export async function saveNarrative(
  db: Db,
  actor: Actor,
  year: number,
  input: NarrativeInput,
): Promise<void> {
  requirePermission(actor, 'partnership.manage');
  const n = parse(narrativeSchema, input);
  await db.transaction(async (tx) => {
    const r = await found(tx, actor, year, true);
    if (r.status !== 'draft') throw new ConflictError(PUBLISHED_LOCKED(year));
    const withdrawn = await repo.updateNarrative(tx, r.id, n, actor.userId);
    await audit(tx, actor, {
      action: 'yearly_report.edit',
      entityType: 'yearly_report',
      entityId: r.id,
      detail: { year, signoffsWithdrawn: withdrawn },
    });
  });
}

/**
 * Signs the draft for the actor's agency, which must be a statutory partner. When every statutory
 * partner has signed, the report is published today with its content as it now is.
 */
export async function signOffReport(db: Db, actor: Actor, year: number): Promise<{ published: boolean }> {
  requirePermission(actor, 'partnership.sign_off');
  const agency = await repo.agencyOf(db, actor.partnershipId, actor.agencyId);
  if (!agency?.statutory)
    throw new ForbiddenError(
      'Only a lead of one of the three statutory partners can sign off the yearly report.',
    );
  // The content a last signature publishes is put together first, outside the transaction: the areas'
  // services read side by side, which one transaction's connection cannot.
  const before = await found(db, actor, year);
  const waiting = (await repo.partnerSignoffs(db, actor.partnershipId, before.id)).filter((p) => !p.signedBy);
  const lastOne = waiting.length === 1 && waiting[0]!.agencyId === actor.agencyId;
  const content =
    lastOne && before.status === 'draft'
      ? await assembleContent(db, actor, year, { fresh: true })
      : undefined;
  return db.transaction(async (tx) => {
    const r = await found(tx, actor, year, true);
    if (r.status !== 'draft') throw new ConflictError(PUBLISHED_LOCKED(year));
    const unwritten = NARRATIVE.filter((n) => !r[n.key].trim()).map((n) => n.title.toLowerCase());
    if (unwritten.length)
      throw new ConflictError(
        `The report cannot be signed off until it is written: ${unwritten.join('; ')}.`,
      );
    const partners = await repo.partnerSignoffs(tx, actor.partnershipId, r.id);
    if (partners.some((p) => p.agencyId === actor.agencyId && p.signedBy))
      throw new ConflictError(`${agency.name} has already signed off the yearly report.`);
    await repo.insertSignoff(tx, actor.partnershipId, r.id, actor.agencyId, actor.userId);
    const published = partners.every((p) => p.signedBy || p.agencyId === actor.agencyId);
    if (published)
      await repo.publish(
        tx,
        r.id,
        londonToday(),
        content ?? (await assembleContent(tx, actor, year, { fresh: true })),
      );
    await audit(tx, actor, {
      action: 'yearly_report.sign_off',
      entityType: 'yearly_report',
      entityId: r.id,
      detail: { year, agencyId: actor.agencyId, published },
    });
    return { published };
  });
}

/**
 * The actor a command-line run acts as: the user with this email, or the partnership's only active
 * business manager. Undefined (with the reason) when there is none, or more than one to choose from.
 */
export async function commandActor(db: Db, email?: string): Promise<Actor | string> {
  const rows = await repo.userForCommand(db, email);
  if (rows.length === 0)
    return email ? `No active user has the email ${email}.` : 'No active business manager: give --as EMAIL.';
  if (rows.length > 1) return 'More than one active business manager: give --as EMAIL.';
  return { ...rows[0]!, via: 'cli' };
}
