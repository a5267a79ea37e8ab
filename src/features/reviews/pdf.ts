/** The rapid review report as a PDF (pdfmake, as the chronology's export sets it up). */
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Content, TableCell } from 'pdfmake';
import { formatDate } from '../../platform/dates.ts';
import type { notificationDocument, rapidReviewReport } from './service.ts';

const require = createRequire(import.meta.url);
const pdfmake = require('pdfmake') as typeof import('pdfmake');
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
type TDocumentDefinitions = Parameters<typeof pdfmake.createPdf>[0];
pdfmake.setFonts({
  Roboto: {
    normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
    bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
    italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
    bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
  },
});
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(FONT_DIR + path.sep));

type Report = Awaited<ReturnType<typeof rapidReviewReport>>;

const section = (title: string, text: string | null | undefined): Content[] => [
  { text: title, style: 'h2' },
  { text: text || 'Not recorded.', margin: [0, 0, 0, 8] },
];

export function rapidReviewPdfDefinition(r: Report): TDocumentDefinitions {
  const v = r.review;
  const content: Content[] = [
    { text: `Rapid review ${v.reference}`, style: 'title' },
    { text: `${v.pseudonym}. Notified ${formatDate(v.notifiedOn)}; due ${formatDate(v.rapidReviewDueOn)}.` },
    {
      text: `Period reviewed: ${v.periodFrom ? formatDate(v.periodFrom) : '-'} to ${v.periodTo ? formatDate(v.periodTo) : '-'}`,
      margin: [0, 0, 0, 8],
    },
    ...section('What happened', v.whatHappened),
    ...section('The meeting', v.meetingNotes),
    ...section('Learning identified', v.learning),
    ...section(
      'Decision',
      v.commission === null
        ? null
        : `${v.commission ? 'A local child safeguarding practice review is commissioned.' : 'No local review is commissioned.'} ${v.decisionReasons ?? ''}`,
    ),
    ...section('The national panel’s response', v.panelResponse),
  ];
  for (const a of r.byAgency) {
    content.push({ text: a.agency, style: 'h2' });
    if (a.entries.length) {
      const body: TableCell[][] = [
        [
          { text: 'Date', style: 'th' },
          { text: 'About', style: 'th' },
          { text: 'Category', style: 'th' },
          { text: 'What happened', style: 'th' },
        ],
        ...a.entries.map((e) => [formatDate(e.occurredOn), e.subject, e.category, e.summary]),
      ];
      content.push({
        table: { headerRows: 1, widths: [62, 70, 80, '*'], body },
        layout: 'lightHorizontalLines',
      });
    } else content.push({ text: 'No entries in the period.' });
    content.push({ text: `Analysis: ${a.analysis ?? 'not yet given.'}`, margin: [0, 4, 0, 0] });
    if (a.notRecorded) content.push({ text: `Not recorded: ${a.notRecorded}` });
  }
  content.push({ text: 'Immediate actions', style: 'h2' });
  content.push(
    r.immediateActions.length
      ? {
          ul: r.immediateActions.map(
            (a) => `${a.title} (${a.ownerAgency}, due ${formatDate(a.dueOn)}): ${a.statusLabel}`,
          ),
        }
      : { text: 'None.' },
  );
  return {
    info: { title: `Rapid review ${v.reference}` },
    pageSize: 'A4',
    content,
    styles: {
      title: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
      h2: { fontSize: 13, bold: true, margin: [0, 8, 0, 4] },
      th: { bold: true },
    },
  };
}

export function rapidReviewPdf(r: Report): Promise<Buffer> {
  return pdfmake.createPdf(rapidReviewPdfDefinition(r)).getBuffer();
}

type Notification = Awaited<ReturnType<typeof notificationDocument>>;

/** The notification as sent to the national panel: pseudonym, criteria, dates, the partners told. */
export function notificationPdf(n: Notification): Promise<Buffer> {
  const v = n.review;
  const row = (k: string, value: string): TableCell[] => [{ text: k, style: 'th' }, value];
  const definition: TDocumentDefinitions = {
    info: { title: `Serious incident notification ${v.reference}` },
    pageSize: 'A4',
    content: [
      { text: 'Notification to the Child Safeguarding Practice Review Panel', style: 'title' },
      {
        table: {
          widths: [150, '*'],
          body: [
            row('Reference', v.reference),
            row('Child', v.childDescription ? `${v.pseudonym}: ${v.childDescription}` : v.pseudonym),
            row('Criteria met', v.criteriaLabels.join('; ')),
            row('What happened', v.whatHappened),
            row('The council became aware', formatDate(v.awareOn)),
            row('Due to be notified by', formatDate(v.notificationDueOn)),
            row('Notified', `${formatDate(v.notifiedOn)} (${v.notification.text.toLowerCase()})`),
            row('Notified by', `${v.notifiedBy}, ${v.notifierAgency}`),
            row('Rapid review due', formatDate(v.rapidReviewDueOn)),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      { text: 'Partners told', style: 'h2' },
      { ul: n.agencies.filter((a) => a.toldAt).map((a) => a.agency) },
    ],
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      h2: { fontSize: 13, bold: true, margin: [0, 8, 0, 4] },
      th: { bold: true },
    },
  };
  return pdfmake.createPdf(definition).getBuffer();
}
