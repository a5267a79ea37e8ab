import type { Content, TableCell } from 'pdfmake';
import { csvCell } from '../../platform/csv.ts';
import { makePdf, type TDocumentDefinitions } from '../../platform/pdf.ts';
import type { Actor } from '../../platform/access/actor.ts';
import { formatDate, formatDateTime } from '../../platform/dates.ts';
import type { PersonHeading } from '../people/service.ts';
import { CATEGORIES, SIGNIFICANCES } from './categories.ts';
import type { Timeline, TimelineFilters } from './service.ts';

export interface ExportData {
  person: PersonHeading;
  timeline: Timeline;
  exportedAt: Date;
}

const CSV_HEADER = [
  'Date it happened',
  'Recorded',
  'Recorded by',
  'Agency',
  'Category',
  'Significance',
  'Who can see it',
  'Summary',
  'Detail',
  'Origin',
];

/** RFC 4180 CSV with a UTF-8 byte order mark (so spreadsheets read the accents right). */
export function chronologyCsv(data: ExportData): string {
  const rows = data.timeline.entries.map((e) => [
    e.occurredOn,
    e.recordedAt.toISOString(),
    e.recordedBy ?? '',
    e.sourceAgency,
    e.categoryLabel,
    SIGNIFICANCES.labelOf(e.significance),
    e.visibilityLabel,
    e.summary,
    e.detail,
    e.origin === 'system' ? 'System' : 'Agency',
  ]);
  return `\uFEFF${[CSV_HEADER, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function personName(p: PersonHeading): string {
  const name = `${p.givenName} ${p.familyName}`.trim();
  return p.unborn ? `${name} (unborn)` : name;
}

/** The filters in words, for the export's header. */
export function describeFilters(f: TimelineFilters, agencies: { id: string; name: string }[]): string {
  const parts: string[] = [];
  if (f.agencyId) parts.push(`agency: ${agencies.find((a) => a.id === f.agencyId)?.name ?? 'unknown'}`);
  if (f.category) parts.push(`category: ${CATEGORIES.labelOf(f.category)}`);
  if (f.significance) parts.push(`significance: ${SIGNIFICANCES.labelOf(f.significance)}`);
  return parts.length ? `Filtered by ${parts.join('; ')}` : 'All entries you may see';
}

const th = (text: string): TableCell => ({ text, style: 'th' });

/** A4 landscape: title, the person, who exported it and when, then the table of entries. */
export function chronologyPdfDefinition(data: ExportData, actor: Actor): TDocumentDefinitions {
  const { person, timeline: t } = data;
  const born = person.dateOfBirth
    ? `Date of birth ${formatDate(person.dateOfBirth)}`
    : person.expectedDate
      ? `Expected ${formatDate(person.expectedDate)}`
      : 'Date of birth not known';
  const body: TableCell[][] = [
    ['Date', 'Agency', 'Category', 'Significance', 'What happened', 'Recorded'].map(th),
    ...t.entries.map((e): TableCell[] => [
      formatDate(e.occurredOn),
      e.sourceAgency,
      e.categoryLabel,
      SIGNIFICANCES.labelOf(e.significance),
      {
        stack: [
          { text: e.summary, bold: true },
          ...(e.detail ? [{ text: e.detail, margin: [0, 2, 0, 0] } as Content] : []),
          ...(e.visibility !== 'partnership'
            ? [{ text: `Visible to: ${e.visibilityLabel}`, italics: true }]
            : []),
        ],
      },
      `${formatDateTime(e.recordedAt)}${e.recordedBy ? `\n${e.recordedBy}` : ''}`,
    ]),
  ];
  return {
    info: {
      title: `Chronology – ${personName(person)}`,
      author: 'Together',
      subject: 'Multi-agency chronology',
    },
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [36, 48, 36, 40],
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    header: {
      text: 'OFFICIAL-SENSITIVE',
      alignment: 'center',
      margin: [0, 20, 0, 0],
      fontSize: 8,
      bold: true,
    },
    footer: (page: number, pages: number) => ({
      text: `Page ${page} of ${pages}`,
      alignment: 'center',
      fontSize: 8,
    }),
    content: [
      { text: 'Multi-agency chronology', style: 'title' },
      { text: personName(person), style: 'person' },
      { text: born },
      {
        text: `Exported by ${actor.name} (${actor.agencyName}) on ${formatDateTime(data.exportedAt)}`,
        margin: [0, 6, 0, 0],
      },
      {
        text: `${describeFilters(t.filters, t.agencies)}. ${t.total} ${t.total === 1 ? 'entry' : 'entries'}.`,
      },
      {
        text: 'Only the entries the person exporting may see are included. Keep this document secure.',
        italics: true,
        margin: [0, 0, 0, 10],
      },
      t.entries.length
        ? {
            table: { headerRows: 1, widths: [62, 100, 80, 58, '*', 100], body, dontBreakRows: false },
            layout: 'lightHorizontalLines',
          }
        : { text: 'There are no entries to show.' },
    ],
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
      person: { fontSize: 14, bold: true, margin: [0, 0, 0, 2] },
      th: { bold: true },
    },
  };
}

export async function chronologyPdf(data: ExportData, actor: Actor): Promise<Buffer> {
  return makePdf(chronologyPdfDefinition(data, actor));
}

/** 'chronology-1a2b3c4d-2025-03-28.csv': no name in the file name, the date it was made. */
export function exportFilename(personId: string, today: string, ext: 'csv' | 'pdf'): string {
  return `chronology-${personId.slice(0, 8)}-${today}.${ext}`;
}
