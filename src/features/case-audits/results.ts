/** Results across audits: moderated grades by audit and theme, agencies' own grades, over time. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import type { Chart, ChartTable, ExecutivePanel } from '../../platform/charts.ts';
import { formatDate } from '../../platform/dates.ts';
import { listAudits } from './repository/audits.ts';
import { agencyGrades, moderatedGrades } from './repository/results.ts';
import { GRADES, THEMES } from './tool.ts';

const GRADE_HEAD = GRADES.map((g) => g.label);

type GradeRow = { auditId: string; grade: string; n: number };

/** Counts per grade, in the grades' order, for one key's rows. */
function counts(rows: GradeRow[]): number[] {
  return GRADES.map((g) => rows.filter((r) => r.grade === g.value).reduce((s, r) => s + r.n, 0));
}

function auditLabel(a: { title: string; startsOn: string }) {
  return `${a.title} (${formatDate(a.startsOn)})`;
}

function gradeChart(
  audits: { auditId: string; title: string; theme: string; startsOn: string }[],
  rows: GradeRow[],
  title: string,
): Chart {
  const table: ChartTable = {
    caption: title,
    head: ['Audit', 'Theme', ...GRADE_HEAD],
    rows: audits.map((a) => [
      auditLabel(a),
      THEMES.labelOf(a.theme),
      ...counts(rows.filter((r) => r.auditId === a.auditId)),
    ]),
  };
  const data = audits.flatMap((a) =>
    GRADES.map((g, i) => ({
      label: auditLabel(a),
      series: g.label,
      value: counts(rows.filter((r) => r.auditId === a.auditId))[i]!,
    })),
  );
  return {
    kind: 'stacked-bar',
    title,
    description: `Moderated grades of the sampled children in each case audit, oldest first: ${audits
      .map((a, i) => `${auditLabel(a)}: ${table.rows[i]!.slice(2).join(', ')}`)
      .join('; ')} (outstanding, good, requires improvement, inadequate).`,
    valueTitle: 'Children',
    data,
    table,
  };
}

/** Distinct audits in the rows' order. */
function auditsOf(rows: { auditId: string; title: string; theme: string; startsOn: string }[]) {
  const seen = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!seen.has(r.auditId)) seen.set(r.auditId, r);
  return [...seen.values()];
}

export async function caseAuditResults(db: Db, actor: Actor) {
  requirePermission(actor, 'assurance.read');
  const [moderated, byAgency] = await Promise.all([
    moderatedGrades(db, actor.partnershipId),
    agencyGrades(db, actor.partnershipId),
  ]);
  const audits = auditsOf(moderated);
  const themes = [...new Set(moderated.map((r) => r.theme))];
  const themeTable: ChartTable = {
    caption: 'Moderated grades by theme',
    head: ['Theme', ...GRADE_HEAD],
    rows: themes.map((t) => [THEMES.labelOf(t), ...counts(moderated.filter((r) => r.theme === t))]),
  };
  const agencyKeys = [...new Set(byAgency.map((r) => `${r.startsOn}|${r.agencyName}`))];
  const agencyTable: ChartTable = {
    caption: 'Agencies’ own overall grades, by audit start date',
    head: ['Audit started', 'Agency', ...GRADE_HEAD],
    rows: agencyKeys.map((k) => {
      const [startsOn, agencyName] = k.split('|') as [string, string];
      const rows = byAgency.filter((r) => r.startsOn === startsOn && r.agencyName === agencyName);
      return [formatDate(startsOn), agencyName, ...counts(rows)];
    }),
  };
  await audit(db, actor, { action: 'case_audit.results_read', entityType: 'case_audit' });
  return {
    chart: audits.length ? gradeChart(audits, moderated, 'Moderated grades by case audit') : undefined,
    themeTable,
    agencyTable,
  };
}

/** The executive's page: the grade distribution of the last audits. */
export async function executivePanel(db: Db, actor: Actor): Promise<ExecutivePanel> {
  requirePermission(actor, 'assurance.read');
  const [list, moderated] = await Promise.all([
    listAudits(db, actor.partnershipId),
    moderatedGrades(db, actor.partnershipId),
  ]);
  const audits = auditsOf(moderated).slice(-3);
  const last = audits.at(-1);
  const headlines = [`${list.length} case audit${list.length === 1 ? '' : 's'}`];
  headlines.push(`${list.filter((a) => a.status === 'open').length} in progress`);
  if (last) {
    const c = counts(moderated.filter((r) => r.auditId === last.auditId));
    const total = c.reduce((s, n) => s + n, 0);
    headlines.push(
      `${Math.round(((c[0]! + c[1]!) / total) * 100)}% graded good or better in the last audit`,
      `${c[3]} graded inadequate in the last audit`,
    );
  }
  await audit(db, actor, {
    action: 'case_audit.results_read',
    entityType: 'case_audit',
    detail: { panel: true },
  });
  return {
    title: 'Case audits',
    href: '/partnership/case-audits/results',
    headlines,
    chart: audits.length ? gradeChart(audits, moderated, 'Grades of the last case audits') : undefined,
  };
}
