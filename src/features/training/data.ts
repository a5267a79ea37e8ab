/** The partnership's training data: reach by agency against expected numbers, confidence and impact. */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { audit } from '../../platform/audit.ts';
import type { Chart, ExecutivePanel } from '../../platform/charts.ts';
import { londonToday } from '../../platform/dates.ts';
import { ROLE_LABELS, type Role } from '../../platform/access/roles.ts';
import { attendedByRole, outcomesByCourse, reachByAgency, type CourseOutcomeRow } from './data-repository.ts';

export interface AgencyReach {
  agencyName: string;
  /** By year, newest first: attended, expected and the share reached (null with nothing expected). */
  years: { year: number; attended: number; expected: number; percent: number | null }[];
}

export interface TrainingData {
  years: number[];
  reach: AgencyReach[];
  totals: { year: number; attended: number; expected: number; percent: number | null }[];
  chart: Chart;
  outcomes: (CourseOutcomeRow & { change: number | null })[];
  /** Places attended by the attendee's role, one count a year (newest first). */
  byRole: { role: string; attended: number[] }[];
}

const percent = (attended: number, expected: number) =>
  expected > 0 ? Math.round((attended / expected) * 100) : null;

function reachChart(reach: AgencyReach[], years: number[]): Chart {
  const shown = reach.filter((a) => a.years.some((y) => y.expected > 0));
  const yearLabel = (y: number) => String(y);
  return {
    kind: 'bar',
    title: 'Reach by agency against expected numbers',
    description: `Places attended as a percentage of the numbers expected, for each agency with expected numbers, in ${years
      .map(yearLabel)
      .join(' and ')}.`,
    valueTitle: 'Per cent of expected',
    data: shown.flatMap((a) =>
      a.years.map((y) => ({ label: a.agencyName, value: y.percent ?? 0, series: yearLabel(y.year) })),
    ),
    table: {
      caption: 'Reach by agency: attended of expected',
      head: ['Agency', ...years.flatMap((y) => [`${y} attended`, `${y} expected`, `${y} reached`])],
      rows: shown.map((a) => [
        a.agencyName,
        ...a.years.flatMap((y) => [
          y.attended,
          y.expected,
          y.percent === null ? 'none expected' : `${y.percent}%`,
        ]),
      ]),
    },
  };
}

async function build(db: Db, actor: Actor, today: string): Promise<TrainingData> {
  const year = Number(today.slice(0, 4));
  const years = [year, year - 1];
  const [rows, outcomes, roles] = await Promise.all([
    reachByAgency(db, actor.partnershipId, years),
    outcomesByCourse(db, actor.partnershipId),
    attendedByRole(db, actor.partnershipId, years),
  ]);
  const byRole = [...new Set(roles.map((r) => r.role))].map((role) => ({
    role: ROLE_LABELS[role as Role] ?? role,
    attended: years.map((y) => roles.find((r) => r.role === role && r.year === y)?.attended ?? 0),
  }));
  const byAgency = new Map<string, AgencyReach>();
  for (const r of rows) {
    const a = byAgency.get(r.agencyId) ?? { agencyName: r.agencyName, years: [] };
    a.years.push({
      year: r.year,
      attended: r.attended,
      expected: r.expected,
      percent: percent(r.attended, r.expected),
    });
    byAgency.set(r.agencyId, a);
  }
  const reach = [...byAgency.values()].filter((a) => a.years.some((y) => y.attended || y.expected));
  const totals = years.map((y) => {
    const of = rows.filter((r) => r.year === y);
    const attended = of.reduce((n, r) => n + r.attended, 0);
    const expected = of.reduce((n, r) => n + r.expected, 0);
    return { year: y, attended, expected, percent: percent(attended, expected) };
  });
  return {
    years,
    reach,
    totals,
    chart: reachChart(reach, years),
    byRole,
    outcomes: outcomes.map((o) => ({
      ...o,
      change: o.before !== null && o.after !== null ? Math.round((o.after - o.before) * 10) / 10 : null,
    })),
  };
}

/** The page's figures: for the partnership's readers. */
export async function trainingData(db: Db, actor: Actor, today = londonToday()): Promise<TrainingData> {
  requirePermission(actor, 'assurance.read');
  const data = await build(db, actor, today);
  await audit(db, actor, { action: 'training.data_read', entityType: 'training_course' });
  return data;
}

/** The executive page's training section: reach this year, confidence and impact in brief. */
export async function executivePanel(db: Db, actor: Actor, today = londonToday()): Promise<ExecutivePanel> {
  requirePermission(actor, 'assurance.read');
  const data = await build(db, actor, today);
  await audit(db, actor, { action: 'training.panel_read', entityType: 'training_course' });
  const [now] = data.totals;
  const evaluated = data.outcomes.filter((o) => o.change !== null);
  const n = evaluated.reduce((s, o) => s + o.evaluations, 0);
  const change = n ? evaluated.reduce((s, o) => s + o.change! * o.evaluations, 0) / n : null;
  const followUps = data.outcomes.reduce((s, o) => s + o.followUps, 0);
  return {
    title: 'Training',
    href: '/training/data',
    headlines: [
      `${now!.attended} places attended in ${now!.year}${now!.percent === null ? '' : `, ${now!.percent}% of the ${now!.expected} expected`}`,
      change === null
        ? 'No evaluations yet'
        : `Confidence up ${change.toFixed(1)} points on average (1 to 5)`,
      `${followUps} impact ${followUps === 1 ? 'follow-up' : 'follow-ups'} at 3 months`,
    ],
    chart: data.chart,
  };
}
