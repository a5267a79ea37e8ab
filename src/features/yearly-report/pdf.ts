/**
 * The yearly report as a PDF: the same sections in the same order as its page, each chart drawn as
 * SVG (renderChart, as on the page) with the figures behind it as a table.
 */
import type { Content, TableCell } from 'pdfmake';
import { renderChart, type Chart, type ChartTable } from '../../platform/charts.ts';
import { formatDate, formatDateTime } from '../../platform/dates.ts';
import { makePdf, type TDocumentDefinitions } from '../../platform/pdf.ts';
import type { ReportView } from './content.ts';

const paragraphs = (text: string, empty: string): Content[] =>
  text.trim()
    ? text
        .trim()
        .split(/\n\s*\n/)
        .map((p) => ({ text: p.trim(), margin: [0, 0, 0, 6] }))
    : [{ text: empty, italics: true, margin: [0, 0, 0, 6] }];

/** A figure ("12", "87.5% (7 of 8)", "None in the period" is not one): right-aligned in its column. */
const FIGURE = /^-?[\d,.]+%?( \(.*\))?$/;

function table(t: ChartTable): Content {
  const numeric = t.head.map(
    (_, i) =>
      i > 0 &&
      t.rows.every(
        (r) => typeof r[i] === 'number' || FIGURE.test(String(r[i])) || r[i] === 'None in the period',
      ),
  );
  const align = (i: number) => (numeric[i] ? 'right' : 'left');
  const body: TableCell[][] = [
    t.head.map((h, i) => ({ text: h, style: 'th', alignment: align(i) })),
    ...t.rows.map((r) => r.map((c, i) => ({ text: String(c), alignment: align(i) }) as TableCell)),
  ];
  return {
    stack: [
      { text: t.caption, style: 'caption' },
      {
        table: { headerRows: 1, widths: t.head.map((_, i) => (numeric[i] ? 'auto' : '*')), body },
        layout: 'lightHorizontalLines',
      },
    ],
    margin: [0, 2, 0, 10],
    fontSize: 8,
    unbreakable: t.rows.length <= 14,
  };
}

/** A chart kept on one page with what comes before it (its heading), then the table behind it. */
async function chart(c: Chart, heading: Content[] = []): Promise<Content[]> {
  const svg = await renderChart(c);
  return [
    { stack: [...heading, { svg, width: 440 }], unbreakable: true, margin: [0, 4, 0, 4] },
    table(c.table),
  ];
}

const h1 = (text: string): Content => ({ text, style: 'h1', pageBreak: 'before', tocItem: true });
const h2 = (text: string): Content => ({ text, style: 'h2' });

export async function reportDefinition(v: ReportView): Promise<TDocumentDefinitions> {
  const { content: c, report: r } = v;
  const narrative = (key: string) => v.narrative.find((n) => n.key === key)!;
  const notYet = 'The business manager has not written this section yet.';
  const section = (key: string): Content[] => {
    const n = narrative(key);
    return [h1(n.title), ...paragraphs(n.text, notYet)];
  };
  const figures: Content[] = [h1('The partnership’s figures')];
  figures.push({
    text: `Worked out from the records on ${formatDateTime(c.figuresAt)}. Each measure has its definition beside it; counts only, no child is named.`,
    margin: [0, 0, 0, 8],
  });
  for (const area of c.areas) {
    figures.push(h2(area.title));
    for (const m of area.measures) {
      const heading: Content[] = [
        { text: m.title, style: 'h3' },
        { text: m.figure, bold: true, margin: [0, 0, 0, 2] },
        { text: m.definition, style: 'definition' },
      ];
      figures.push(...(await chart(m.chart, heading)));
      for (const t of m.tables) figures.push(table(t));
    }
  }
  const assurance: Content[] = [h1('Assurance: what the partnership checked')];
  assurance.push({
    text: `Each area’s picture on ${formatDateTime(c.assembledAt)}${r.status === 'published' ? ', when the report was published' : ''}.`,
    margin: [0, 0, 0, 8],
  });
  for (const p of c.assurance) {
    const heading: Content[] = [h2(p.title), { ul: p.headlines, margin: [0, 0, 0, 6] }];
    if (p.chart) assurance.push(...(await chart(p.chart, heading)));
    else assurance.push(...heading);
  }
  const scrutiny: Content[] = section('scrutiny');
  if (c.scrutinyReports.length) {
    scrutiny.push(h2('The scrutineer’s reports published in the year'));
    for (const s of c.scrutinyReports)
      scrutiny.push(
        { text: `${s.title} (published ${formatDate(s.publishedOn)})`, style: 'h3' },
        ...paragraphs(s.findings, ''),
      );
  }
  const voice: Content[] = section('voice');
  if (c.youSaidWeDid.length) {
    voice.push(h2('You said, we did'));
    voice.push(
      table({
        caption: 'What children, young people and families told the partnership in the year, and what it did',
        head: ['Received', 'You said', 'We did'],
        rows: c.youSaidWeDid.map((f) => [formatDate(f.receivedOn), f.said, f.weDid || 'Not recorded']),
      }),
    );
  }
  const signoff: Content[] = [
    h2('Signed off by the three statutory partners'),
    {
      table: {
        headerRows: 1,
        widths: ['*', '*'],
        body: [
          [
            { text: 'Partner', style: 'th' },
            { text: 'Signed off', style: 'th' },
          ],
          ...v.partners.map((p) => [
            p.agency,
            p.signedBy ? `${p.signedBy}, ${formatDate(p.signedAt)}` : 'Not signed yet',
          ]),
        ],
      },
      layout: 'lightHorizontalLines',
    },
  ];
  const status =
    r.status === 'published'
      ? `Published ${formatDate(r.publishedOn)}, signed off by the three statutory partners.`
      : 'DRAFT: not yet signed off by the three statutory partners.';
  return {
    info: {
      title: `${c.partnership}: yearly report, ${c.yearLabel}`,
      author: c.partnership,
      subject: 'Yearly report',
    },
    pageSize: 'A4',
    pageMargins: [50, 50, 50, 50],
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    footer: (page: number, pages: number) => ({
      text: `${c.partnership}: yearly report, ${c.yearLabel}. Page ${page} of ${pages}.`,
      fontSize: 8,
      margin: [50, 20, 50, 0],
      color: '#505a5f',
    }),
    content: [
      { text: c.partnership, style: 'caption' },
      { text: 'Yearly report', style: 'title' },
      { text: c.yearLabel, style: 'subtitle' },
      { text: status, bold: r.status !== 'published', margin: [0, 0, 0, 12] },
      { toc: { title: { text: 'Contents', style: 'h2' } } },
      ...signoff,
      ...section('priorities'),
      ...figures,
      ...scrutiny,
      ...assurance,
      ...section('learning'),
      ...voice,
      ...section('earlyHelp'),
    ],
    styles: {
      title: { fontSize: 28, bold: true, margin: [0, 0, 0, 4] },
      subtitle: { fontSize: 16, margin: [0, 0, 0, 12] },
      caption: { fontSize: 10, color: '#505a5f', margin: [0, 0, 0, 2] },
      h1: { fontSize: 20, bold: true, margin: [0, 0, 0, 10] },
      h2: { fontSize: 15, bold: true, margin: [0, 10, 0, 6] },
      h3: { fontSize: 12, bold: true, margin: [0, 6, 0, 2] },
      definition: { fontSize: 9, color: '#505a5f', margin: [0, 0, 0, 4] },
      th: { bold: true },
    },
  };
}

export async function reportPdf(v: ReportView): Promise<Buffer> {
  return makePdf(await reportDefinition(v));
}
