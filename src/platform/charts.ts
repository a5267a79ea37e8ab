/**
 * Charts for the partnership's pages: what a page hands over is data, a title and a description; the
 * drawing is a charting library's. Every chart is shown with the table behind it, so that nothing is
 * only in the picture.
 */

import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** The table behind a chart: what a screen reader user, or anyone who wants the figures, reads. */
export interface ChartTable {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}

/** One bar (or one point of a line): `series` splits bars into groups (an agency, a grade). */
export interface ChartDatum {
  label: string;
  value: number;
  series?: string;
}

export interface Chart {
  kind: 'bar' | 'stacked-bar' | 'line';
  title: string;
  /** The chart's text alternative: what it shows, in one or two sentences. */
  description: string;
  /** The axis the values are on ("Actions", "Per cent"). */
  valueTitle: string;
  data: ChartDatum[];
  /** The series in the order the legend and the stacks show them (else as they first appear). */
  seriesOrder?: string[];
  table: ChartTable;
}

/** One section of the executive's page: a feature's accountability picture in brief. */
export interface ExecutivePanel {
  title: string;
  /** Where the detail is (the feature's own page). */
  href: string;
  /** Headline figures, each a short phrase ("4 open challenges", "2 overdue"). */
  headlines: string[];
  chart?: Chart;
}

/** A chart ready for a page: its data and table, and the drawing as SVG text. */
export interface RenderedChart extends Chart {
  svg: string;
}

/** GOV.UK Design System colours, in the order series take them. */
export const CHART_COLOURS = [
  '#1d70b8', // blue
  '#f47738', // orange
  '#00703c', // green
  '#4c2c92', // purple
  '#d4351c', // red
  '#28a197', // turquoise
  '#912b88', // pink
  '#505a5f', // dark grey
];
/** A series named for a RAG rating or a grade takes its own colour, so that "Red" is never drawn green. */
const NAMED_COLOURS: Record<string, string> = {
  red: '#d4351c',
  amber: '#f47738',
  green: '#00703c',
  inadequate: '#d4351c',
  'requires improvement': '#f47738',
  good: '#00703c',
  outstanding: '#1d70b8',
};
const TEXT = '#0b0c0c';
const FONT = '"GDS Transport", arial, sans-serif';
const FONT_SIZE = 19;

/** The vega-lite specification of a chart: GOV.UK colours, 19px text, one mark per datum. */
export function chartSpec(chart: Chart): TopLevelSpec {
  const series = chart.data.some((d) => d.series !== undefined);
  const labels = [...new Set(chart.data.map((d) => d.label))];
  const seriesOrder = [...new Set([...(chart.seriesOrder ?? []), ...chart.data.map((d) => d.series ?? '')])];
  const values = chart.data.map((d) => ({
    ...d,
    series: d.series ?? '',
    seriesIndex: seriesOrder.indexOf(d.series ?? ''),
  }));
  const colour = series
    ? {
        color: {
          field: 'series',
          type: 'nominal' as const,
          title: null,
          scale: {
            domain: seriesOrder,
            range: seriesOrder.map(
              (name, i) => NAMED_COLOURS[name.toLowerCase()] ?? CHART_COLOURS[i % CHART_COLOURS.length]!,
            ),
          },
          legend: { orient: 'bottom' as const, direction: 'vertical' as const },
        },
      }
    : {};
  const config = {
    font: FONT,
    background: '#ffffff',
    view: { stroke: null },
    axis: {
      labelFontSize: FONT_SIZE,
      titleFontSize: FONT_SIZE,
      labelColor: TEXT,
      titleColor: TEXT,
      // No truncation: a cut-off agency name would be read by nobody.
      labelLimit: 0,
      titleFontWeight: 'normal' as const,
      gridColor: '#b1b4b6',
      domainColor: TEXT,
      tickColor: TEXT,
    },
    legend: { labelFontSize: FONT_SIZE, labelColor: TEXT, symbolSize: 200, labelLimit: 400 },
    mark: { color: CHART_COLOURS[0] },
    aria: false,
  };
  if (chart.kind === 'line') {
    return {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 640,
      height: 320,
      data: { values },
      mark: { type: 'line', point: { size: 80, filled: true }, strokeWidth: 3 },
      encoding: {
        x: {
          field: 'label',
          type: 'ordinal',
          sort: labels,
          title: null,
          axis: { labelAngle: 0 },
        },
        y: { field: 'value', type: 'quantitative', title: chart.valueTitle },
        ...colour,
      },
      config,
    };
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: { step: 36 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: labels, title: null },
      x: {
        field: 'value',
        type: 'quantitative',
        title: chart.valueTitle,
        stack: chart.kind === 'stacked-bar' ? 'zero' : null,
        axis: { tickMinStep: 1 },
      },
      ...(chart.kind === 'stacked-bar'
        ? { order: { field: 'seriesIndex', type: 'quantitative' as const } }
        : {}),
      ...(chart.kind === 'bar' && series ? { yOffset: { field: 'series', type: 'nominal' as const } } : {}),
      ...colour,
    },
    config,
  };
}

let chartCount = 0;

/**
 * Draws a chart as SVG on the server: vega-lite compiled to vega, rendered headless. The SVG is an
 * image named by its title and described by its description; the table beside it carries the figures.
 */
export async function renderChart(chart: Chart): Promise<string> {
  const { spec } = compile(chartSpec(chart));
  const view = new View(parse(spec), { renderer: 'none' });
  const drawn = await view.toSVG();
  view.finalize();
  const id = `chart-${++chartCount}`;
  const open = `<svg role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false"`;
  const named = `<title id="${id}-title">${escapeXml(chart.title)}</title><desc id="${id}-desc">${escapeXml(chart.description)}</desc>`;
  // The image is one thing to assistive technology: the roles vega gives its groups are taken off.
  return drawn
    .replace(/ role="[^"]*"| aria-roledescription="[^"]*"/g, '')
    .replace(' class="marks"', ' class="app-chart__svg"')
    .replace(/^<svg/, open)
    .replace(/(<svg[^>]*>)/, `$1${named}`);
}

/** The chart with its drawing, for a page. */
export async function withDrawing(chart: Chart): Promise<RenderedChart> {
  return { ...chart, svg: await renderChart(chart) };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
