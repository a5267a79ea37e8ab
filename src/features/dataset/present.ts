/**
 * The dataset's figures as a reader sees them: the year's headline, a chart by month or quarter
 * with the table behind it, and the year's figures by agency or team. Pure functions of the stored
 * figures.
 */
import type { Chart, ChartDatum } from '../../platform/charts.ts';
import type { FigureRow } from './repository/figures.ts';
import type { Breakdown, Measure } from './repository/measures/index.ts';

/** The partnership's year: 1 April of `year` to 31 March of the next. */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-04-01`, to: `${year + 1}-03-31` };
}
export const yearLabel = (year: number) => `1 April ${year} to 31 March ${year + 1}`;
export const shortYear = (year: number) => `${year} to ${year + 1}`;

/** The partnership year a date ('YYYY-MM-DD') falls in: 31 March 2026 is in 2025, 1 April in 2026. */
export function yearOf(iso: string): number {
  const y = Number(iso.slice(0, 4));
  return iso.slice(5) < '04-01' ? y - 1 : y;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The 12 months of the year, April first, as their first days. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, i) => {
    const m = ((i + 3) % 12) + 1;
    return `${i < 9 ? year : year + 1}-${String(m).padStart(2, '0')}-01`;
  });
}
export function quartersOf(year: number): string[] {
  return monthsOf(year).filter((_, i) => i % 3 === 0);
}
export function periodLabel(period: FigureRow['period'], start: string): string {
  const m = Number(start.slice(5, 7));
  const y = start.slice(0, 4);
  if (period === 'month') return `${MONTHS[m - 1]} ${y}`;
  if (period === 'quarter')
    return `Q${((m + 8) % 12) / 3 + 1} (${MONTHS[m - 1]} to ${MONTHS[(m + 1) % 12]} ${y})`;
  return shortYear(Number(y));
}

export interface Figure {
  value: number;
  base: number | null;
}

/** A figure as words: "1,204", "87% (261 of 300)", "14.2 (31 workers)". */
export function formatFigure(m: Measure, f: Figure | undefined): string {
  if (!f) return m.kind === 'count' ? '0' : 'None in the period';
  if (m.kind === 'count') return f.value.toLocaleString('en-GB');
  if (!f.base) return 'None in the period';
  if (m.kind === 'proportion')
    return `${percent(f)}% (${f.value.toLocaleString('en-GB')} of ${f.base.toLocaleString('en-GB')})`;
  const unit = f.base === 1 ? m.unit.replace(/s$/, '') : m.unit;
  return `${(f.value / f.base).toFixed(1)} (${f.base.toLocaleString('en-GB')} ${unit})`;
}
const percent = (f: Figure) => Math.round((1000 * f.value) / (f.base || 1)) / 10;

/** The number a chart draws: a count, a percentage, an average. */
function plotted(m: Measure, f: Figure | undefined): number {
  if (!f) return 0;
  if (m.kind === 'count') return f.value;
  if (!f.base) return 0;
  return m.kind === 'proportion' ? percent(f) : Math.round((10 * f.value) / f.base) / 10;
}

export function pick(rows: FigureRow[], measure: string, period: FigureRow['period'], start: string | null) {
  return rows.filter(
    (r) => r.measure === measure && r.period === period && (start === null || r.periodStart === start),
  );
}

/** The year's figure for the whole partnership. */
export function headline(m: Measure, rows: FigureRow[]): Figure | undefined {
  return pick(rows, m.key, 'year', null).find((r) => r.breakdown === '');
}

function groupsOf(m: Measure, rows: FigureRow[], breakdown: Breakdown): string[] {
  const seen = [
    ...new Set(rows.filter((r) => r.measure === m.key && r.breakdown === breakdown).map((r) => r.grp)),
  ];
  const order = breakdown === 'grp' ? (m.groupOrder ?? []) : [];
  return [...order.filter((g) => seen.includes(g)), ...seen.filter((g) => !order.includes(g)).sort()];
}

const valueTitle = (m: Measure) =>
  m.kind === 'proportion'
    ? 'Per cent'
    : m.kind === 'average'
      ? 'Children per worker'
      : m.unit[0]!.toUpperCase() + m.unit.slice(1);

/**
 * The measure's chart: by quarter split by its groups when it has a `grp` breakdown (categories,
 * grades), else by month.
 */
export function measureChart(m: Measure, rows: FigureRow[], year: number): Chart {
  const mine = rows.filter((r) => r.measure === m.key);
  if (m.breakdowns.grp) {
    const groups = groupsOf(m, mine, 'grp');
    const quarters = quartersOf(year);
    const data: ChartDatum[] = quarters.flatMap((q) =>
      groups.map((g) => ({
        label: periodLabel('quarter', q).slice(0, 2),
        series: g,
        value: plotted(
          m,
          mine.find(
            (r) => r.period === 'quarter' && r.periodStart === q && r.breakdown === 'grp' && r.grp === g,
          ),
        ),
      })),
    );
    return {
      kind: m.kind === 'count' ? 'stacked-bar' : 'bar',
      title: `${m.title}, ${shortYear(year)}, by quarter`,
      description: `${valueTitle(m)} in each quarter of the year from April, split by ${m.breakdowns.grp!.toLowerCase()}.`,
      valueTitle: valueTitle(m),
      data,
      seriesOrder: groups,
      table: {
        caption: `${m.title} by quarter and ${m.breakdowns.grp!.toLowerCase()}`,
        head: ['Quarter', ...groups],
        rows: quarters.map((q) => [
          periodLabel('quarter', q),
          ...groups.map((g) =>
            formatFigure(
              m,
              mine.find(
                (r) => r.period === 'quarter' && r.periodStart === q && r.breakdown === 'grp' && r.grp === g,
              ),
            ),
          ),
        ]),
      },
    };
  }
  const months = monthsOf(year);
  const at = (mo: string) =>
    mine.find((r) => r.period === 'month' && r.periodStart === mo && r.breakdown === '');
  return {
    kind: 'bar',
    title: `${m.title}, ${shortYear(year)}, by month`,
    description: `${valueTitle(m)} in each month of the year from April${m.snapshot ? ', on the last day of the month' : ''}.`,
    valueTitle: valueTitle(m),
    data: months.map((mo) => ({ label: periodLabel('month', mo), value: plotted(m, at(mo)) })),
    table: {
      caption: `${m.title} by month`,
      head: ['Month', m.kind === 'count' ? valueTitle(m) : 'Figure'],
      rows: months.map((mo) => [
        periodLabel('month', mo),
        m.kind === 'count' ? (at(mo)?.value ?? 0) : formatFigure(m, at(mo)),
      ]),
    },
  };
}

/** The year's figures by agency or team, for the measures broken down so. */
export function breakdownTables(m: Measure, rows: FigureRow[]) {
  const year = rows.filter((r) => r.measure === m.key && r.period === 'year');
  return (['agency', 'team'] as const)
    .filter((b) => m.breakdowns[b])
    .map((b) => ({
      caption: `${m.title} by ${m.breakdowns[b]!.toLowerCase()}, the whole year`,
      head: [m.breakdowns[b]!, 'Figure'],
      rows: groupsOf(m, year, b).map((g) => [
        g,
        formatFigure(
          m,
          year.find((r) => r.breakdown === b && r.grp === g),
        ),
      ]),
    }));
}
