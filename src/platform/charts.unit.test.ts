// Charts are drawn by the charting library as accessible SVG, and shown with the table behind them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createViews } from './views.ts';
import { CHART_COLOURS, renderChart, withDrawing, type Chart } from './charts.ts';

const table = { caption: 'Escalations by agency', head: ['Agency', 'Open'], rows: [['Council', 3]] };

const stacked: Chart = {
  kind: 'stacked-bar',
  title: 'Open escalations by agency & stage',
  description: 'The council has 4 open escalations, the police <2>.',
  valueTitle: 'Escalations',
  data: [
    { label: 'Council', value: 3, series: 'Practitioners' },
    { label: 'Council', value: 1, series: 'Managers' },
    { label: 'Police', value: 2, series: 'Practitioners' },
  ],
  table,
};

/** The marks of the chart's one data layer: vega draws each datum as one path (bar) or symbol (point). */
function marks(svg: string, kind: 'rect' | 'symbol'): string[] {
  const group = new RegExp(`<g class="mark-${kind} role-mark[^"]*">(.*?)</g>`).exec(svg);
  assert.ok(group, `a ${kind} mark group`);
  return group[1]!.match(/<path /g) ?? [];
}

test('a chart is an SVG image named by its title and described by its description, text escaped', async () => {
  const svg = await renderChart(stacked);
  assert.match(svg, /^<svg role="img" aria-labelledby="(chart-\d+)-title \1-desc"/);
  const id = /aria-labelledby="(chart-\d+)-title/.exec(svg)![1];
  assert.ok(svg.includes(`<title id="${id}-title">Open escalations by agency &amp; stage</title>`));
  assert.ok(
    svg.includes(`<desc id="${id}-desc">The council has 4 open escalations, the police &lt;2&gt;.</desc>`),
  );
  assert.equal(svg.match(/<svg/g)!.length, 1);
  assert.doesNotMatch(svg, /aria-roledescription|role="graphics/, 'one image to assistive technology');
});

test('one bar per datum, in GOV.UK colours, each series its own colour, text at 19px', async () => {
  const svg = await renderChart(stacked);
  const bars = marks(svg, 'rect');
  assert.equal(bars.length, 3);
  const fills = [...svg.matchAll(/<path [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]);
  assert.ok(fills.includes(CHART_COLOURS[0]) && fills.includes(CHART_COLOURS[1]));
  const sizes = new Set([...svg.matchAll(/font-size="(\d+)px"/g)].map((m) => m[1]));
  assert.deepEqual([...sizes], ['19']);
  assert.ok(
    svg.includes('>Council</text>') && svg.includes('>Police</text>') && svg.includes('>Escalations</text>'),
  );
});

test('a bar chart without series and a line chart: one mark per datum', async () => {
  const bar = await renderChart({
    ...stacked,
    kind: 'bar',
    data: [
      { label: 'Council', value: 4 },
      { label: 'Police', value: 0 },
      { label: 'School', value: 7 },
    ],
  });
  assert.equal(marks(bar, 'rect').length, 3);
  const line = await renderChart({
    ...stacked,
    kind: 'line',
    data: ['2025 Q1', '2025 Q2', '2025 Q3', '2025 Q4'].flatMap((label, i) => [
      { label, value: 40 + i, series: 'Council' },
      { label, value: 60 - i, series: 'Police' },
    ]),
  });
  assert.equal(marks(line, 'symbol').length, 8);
});

test('each chart on a page has its own ids', async () => {
  const a = await renderChart(stacked);
  const b = await renderChart(stacked);
  const id = (svg: string) => /aria-labelledby="([^ ]+)/.exec(svg)![1];
  assert.notEqual(id(a), id(b));
});

test('the partial shows the drawing and, below it, the table with its caption', async () => {
  const views = createViews();
  const html = views.render('_chart.njk', { chart: await withDrawing(stacked) });
  const svgAt = html.indexOf('<svg role="img"');
  const tableAt = html.indexOf('<table class="govuk-table"');
  assert.ok(svgAt > -1 && tableAt > svgAt);
  assert.match(
    html,
    /<caption class="govuk-table__caption govuk-table__caption--s">\s*Escalations by agency\s*<\/caption>/,
  );
  assert.match(html, /<th scope="row" class="govuk-table__header">Council<\/th>/);
  assert.match(html, /<td class="govuk-table__cell govuk-table__cell--numeric">3<\/td>/);
  assert.match(html, /Show the figures: Open escalations by agency &amp; stage/);
});

test('series keep the order given: legend and stacks follow it, whatever the data’s order', async () => {
  const svg = await renderChart({
    ...stacked,
    seriesOrder: ['Practitioners', 'Managers', 'Heads of service'],
    data: [
      { label: 'Council', value: 1, series: 'Heads of service' },
      { label: 'Council', value: 2, series: 'Practitioners' },
    ],
  });
  const legend = [...svg.matchAll(/>(Practitioners|Managers|Heads of service)<\/text>/g)].map((m) => m[1]);
  assert.deepEqual(legend, ['Practitioners', 'Managers', 'Heads of service']);
});

test('long labels are not cut off', async () => {
  const label = 'Elmshire Community Health NHS Trust';
  const svg = await renderChart({ ...stacked, kind: 'bar', data: [{ label, value: 3 }] });
  assert.ok(svg.includes(`>${label}</text>`));
});

test('a series named for a RAG rating is drawn in its own colour, whatever its place', async () => {
  const svg = await renderChart({
    kind: 'stacked-bar',
    title: 'Ratings',
    description: 'Ratings by agency.',
    valueTitle: 'Standards',
    data: [
      { label: 'Police', series: 'Green', value: 3 },
      { label: 'Police', series: 'Red', value: 1 },
    ],
    table: { caption: 'Ratings', head: ['Agency', 'Green', 'Red'], rows: [['Police', 3, 1]] },
  });
  const fills = new Set([...svg.matchAll(/<path [^>]*fill="(#[0-9a-f]{6})"/g)].map((m) => m[1]));
  assert.ok(fills.has('#00703c') && fills.has('#d4351c'), [...fills].join(' '));
  assert.ok(!fills.has(CHART_COLOURS[0]), 'green is not drawn in the first palette colour');
});
