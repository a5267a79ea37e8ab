/**
 * The partnership dataset: the measures a partnership reports, each with its written definition,
 * worked out in PostgreSQL over the whole year (1 April to 31 March) by month, quarter and year, by
 * agency and team where it applies. `refreshDataset` works the figures out and stores them; the pages,
 * the CSV and the yearly report read what was stored. Counts only: no child is named.
 */
import type { Db } from '../../db/index.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { requirePermission } from '../../platform/access/policy.ts';
import { can } from '../../platform/access/roles.ts';
import { audit } from '../../platform/audit.ts';
import { bankHolidays } from '../../platform/calendar.ts';
import { withDrawing, type ExecutivePanel, type RenderedChart } from '../../platform/charts.ts';
import { toCsv } from '../../platform/csv.ts';
import { londonToday } from '../../platform/dates.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { caseworkSettings } from '../casework/service.ts';
import {
  breakdownTables,
  formatFigure,
  headline,
  measureChart,
  periodLabel,
  yearLabel,
  yearOf,
  yearRange,
} from './present.ts';
import {
  figures,
  lastRefresh,
  partnershipIds,
  recordRefresh,
  refreshedYears,
  writeFigures,
  type FigureRow,
} from './repository/figures.ts';
import { AREAS, MEASURES, type Measure, type MeasureArea } from './repository/measures/index.ts';

export { yearLabel, yearOf, yearRange, shortYear } from './present.ts';
export type { FigureRow } from './repository/figures.ts';

/** The first and last years a page or command may ask for. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2099;

/** The bank holidays from five years before the year to a year after it (the SQL calendar's span). */
function holidaysAround(year: number): string[] {
  const out: string[] = [];
  for (let y = year - 5; y <= year + 2; y++) out.push(...bankHolidays(y));
  return out.sort();
}

async function refreshOne(db: Db, pid: string, year: number): Promise<number> {
  const started = performance.now();
  const { from, to } = yearRange(year);
  const settings = await caseworkSettings(db, pid);
  await db.transaction(async (tx) => {
    // One refresh of a partnership's year at a time; a second waits and then replaces the first's.
    await tx.query('select pg_advisory_xact_lock(7262125, $1::int)', [year]);
    await writeFigures(
      tx,
      { pid, year, from, to, holidays: holidaysAround(year), visitWorkingDays: settings.visitWorkingDays },
      MEASURES.values(),
    );
    await recordRefresh(tx, pid, year, Math.round(performance.now() - started));
  });
  return performance.now() - started;
}

/**
 * Works out every measure of the year for every partnership and stores the figures (the entry
 * point the benchmark times, and the command line's). Returns how long it took, in milliseconds.
 */
export async function refreshDataset(db: Db, year: number): Promise<{ partnerships: number; ms: number }> {
  const started = performance.now();
  const pids = await partnershipIds(db);
  for (const pid of pids) await refreshOne(db, pid, year);
  return { partnerships: pids.length, ms: performance.now() - started };
}

/** The business manager works the figures out again now (the page's button). */
export async function refreshYear(db: Db, actor: Actor, year: number): Promise<void> {
  requirePermission(actor, 'partnership.manage');
  const ms = await refreshOne(db, actor.partnershipId, year);
  await audit(db, actor, { action: 'dataset.refresh', detail: { year, ms: Math.round(ms) } });
}

/** The figures of the actor's partnership for a year, worked out first if they never were. */
async function yearFigures(db: Db, actor: Actor, year: number) {
  let refreshed = await lastRefresh(db, actor.partnershipId, year);
  if (!refreshed) {
    await refreshOne(db, actor.partnershipId, year);
    refreshed = await lastRefresh(db, actor.partnershipId, year);
  }
  return { rows: await figures(db, actor.partnershipId, year), refreshedAt: refreshed!.refreshedAt };
}

export const currentYear = () => yearOf(londonToday());

function headlines(area: MeasureArea, rows: FigureRow[]) {
  return area.measures.map((m) => ({
    key: m.key,
    title: m.title,
    definition: m.definition,
    figure: formatFigure(m, headline(m, rows)),
  }));
}

/** The dataset's front page: each area with its measures' figures for the year. */
export async function datasetOverview(db: Db, actor: Actor, year: number) {
  requirePermission(actor, 'assurance.read');
  const { rows, refreshedAt } = await yearFigures(db, actor, year);
  await audit(db, actor, { action: 'dataset.viewed', detail: { year } });
  const years = new Set([
    currentYear(),
    currentYear() - 1,
    ...(await refreshedYears(db, actor.partnershipId)),
  ]);
  return {
    year,
    yearLabel: yearLabel(year),
    years: [...years].sort((a, b) => b - a),
    refreshedAt,
    mayRefresh: can(actor.roles, 'partnership.manage'),
    areas: AREAS.map((a) => ({ key: a.key, title: a.title, measures: headlines(a, rows) })),
  };
}

export interface MeasureView {
  key: string;
  title: string;
  definition: string;
  figure: string;
  chart: RenderedChart;
  tables: ReturnType<typeof breakdownTables>;
}

async function measureViews(measures: Measure[], rows: FigureRow[], year: number): Promise<MeasureView[]> {
  return Promise.all(
    measures.map(async (m) => ({
      key: m.key,
      title: m.title,
      definition: m.definition,
      figure: formatFigure(m, headline(m, rows)),
      chart: await withDrawing(measureChart(m, rows, year)),
      tables: breakdownTables(m, rows),
    })),
  );
}

/** One area's page: each measure with its chart (and the table behind it) and its breakdowns. */
export async function datasetArea(db: Db, actor: Actor, areaKey: string, year: number) {
  requirePermission(actor, 'assurance.read');
  const area = AREAS.find((a) => a.key === areaKey);
  if (!area) throw new NotFoundError();
  const { rows, refreshedAt } = await yearFigures(db, actor, year);
  await audit(db, actor, { action: 'dataset.viewed', detail: { year, area: area.key } });
  return {
    year,
    yearLabel: yearLabel(year),
    refreshedAt,
    area: { key: area.key, title: area.title },
    measures: await measureViews(area.measures, rows, year),
  };
}

export const AREA_KEYS = AREAS.map((a) => a.key);

/** Every figure of the year as CSV: one row per measure, period and group, with the definitions. */
export async function datasetCsv(db: Db, actor: Actor, year: number): Promise<string> {
  requirePermission(actor, 'assurance.read');
  const { rows } = await yearFigures(db, actor, year);
  await audit(db, actor, { action: 'dataset.downloaded', detail: { year } });
  const out: (string | number | null)[][] = [
    [
      'Area',
      'Measure',
      'Period',
      'Period starts',
      'Breakdown',
      'Group',
      'Figure',
      'Of',
      'Per cent',
      'Definition',
    ],
  ];
  for (const area of AREAS) {
    for (const m of area.measures) {
      const mine = rows.filter((x) => x.measure === m.key);
      // A measure with nothing in the year still has its line: a count of 0, a share of nothing.
      if (!headline(m, mine)) {
        const base = m.kind === 'count' ? null : 0;
        mine.unshift({
          measure: m.key,
          period: 'year',
          periodStart: yearRange(year).from,
          breakdown: '',
          grp: '',
          value: 0,
          base,
        });
      }
      for (const r of mine) {
        out.push([
          area.title,
          m.title,
          periodLabel(r.period, r.periodStart),
          r.periodStart,
          r.breakdown === ''
            ? 'Whole partnership'
            : r.breakdown === 'grp'
              ? m.breakdowns.grp!
              : m.breakdowns[r.breakdown]!,
          r.grp,
          r.value,
          r.base,
          m.kind === 'proportion' && r.base ? Math.round((1000 * r.value) / r.base) / 10 : null,
          m.definition,
        ]);
      }
    }
  }
  return toCsv(out);
}

/**
 * The dataset for the yearly report: every area and measure with its chart (as data, drawn by the
 * report's page or PDF) and its breakdowns. The report's service checks its own permission too.
 */
export async function datasetForReport(db: Db, actor: Actor, year: number, opts: { fresh?: boolean } = {}) {
  requirePermission(actor, 'assurance.read');
  // A report being published takes the figures as the records stand at that moment.
  if (opts.fresh) await refreshOne(db, actor.partnershipId, year);
  const { rows, refreshedAt } = await yearFigures(db, actor, year);
  return {
    refreshedAt,
    areas: AREAS.map((a) => ({
      key: a.key,
      title: a.title,
      measures: a.measures.map((m) => ({
        key: m.key,
        title: m.title,
        definition: m.definition,
        figure: formatFigure(m, headline(m, rows)),
        chart: measureChart(m, rows, year),
        tables: breakdownTables(m, rows),
      })),
    })),
  };
}

/** The executive's page: this year's timeliness at the front door and in assessments, and who waits. */
export async function executivePanel(db: Db, actor: Actor): Promise<ExecutivePanel> {
  requirePermission(actor, 'assurance.read');
  const year = currentYear();
  const { rows } = await yearFigures(db, actor, year);
  await audit(db, actor, { action: 'dataset.panel_read', detail: { year } });
  const said = (key: string, words: string) => {
    const m = MEASURES.get(key)!;
    return `${words}: ${formatFigure(m, headline(m, rows))}`;
  };
  return {
    title: `The partnership dataset, ${yearLabel(year)}`,
    href: `/partnership/dataset?year=${year}`,
    headlines: [
      said('decisions-in-time', 'Decisions within one working day'),
      said('assessments-in-time', 'Assessments within 45 working days'),
      said('unallocated', 'Children unallocated at the last month’s end'),
    ],
    chart: measureChart(MEASURES.get('decisions-in-time')!, rows, year),
  };
}

/** Every measure of the year with its definition and its figures, for the API. */
export async function datasetFigures(db: Db, actor: Actor, year: number) {
  requirePermission(actor, 'assurance.read');
  const { rows, refreshedAt } = await yearFigures(db, actor, year);
  await audit(db, actor, { action: 'dataset.viewed', detail: { year, via: 'api' } });
  const { from, to } = yearRange(year);
  return {
    year,
    from,
    to,
    refreshedAt,
    measures: AREAS.flatMap((a) =>
      a.measures.map((m) => ({
        key: m.key,
        area: a.title,
        title: m.title,
        definition: m.definition,
        kind: m.kind,
        snapshot: m.snapshot === true,
        figures: rows
          .filter((r) => r.measure === m.key)
          .map((r) => ({
            period: r.period,
            periodStart: r.periodStart,
            breakdown:
              r.breakdown === ''
                ? null
                : r.breakdown === 'grp'
                  ? m.breakdowns.grp!
                  : m.breakdowns[r.breakdown]!,
            group: r.grp === '' ? null : r.grp,
            value: r.value,
            base: r.base,
          })),
      })),
    ),
  };
}
