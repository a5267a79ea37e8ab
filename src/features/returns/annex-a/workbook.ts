/**
 * The Annex A workbook written with ExcelJS's streaming writer (docs/returns.md says why): one sheet
 * a list ("List 1" …), the schema's column names in the first row, dates as dates shown dd/mm/yyyy.
 * Rows are written and let go one by one, so a county's year (tens of thousands of rows) takes
 * seconds and little memory. Text that a spreadsheet would read as a formula (=, +, -, @ at the
 * start, or a tab or carriage return) is neutralised with a leading apostrophe, as OWASP advises for
 * CSV and spreadsheet exports.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutralise } from '../../../platform/csv.ts';
import type { FilledList, Cell } from './lists.ts';

function cellValue(value: Cell, kind: string): ExcelJS.CellValue {
  if (value === null || value === '') return null;
  if (kind === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Date(`${value}T00:00:00Z`);
  if (typeof value === 'number') return value;
  return neutralise(value);
}

export async function annexAWorkbook(
  lists: FilledList[],
  period: { from: string; to: string },
): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  book.creator = 'Together';
  book.title = `Ofsted Annex A, ${period.from} to ${period.to}`;
  for (const { list, rows } of lists) {
    const sheet = book.addWorksheet(`List ${list.number}`);
    sheet.columns = list.columns.map((c) => ({
      header: c.name,
      width: Math.min(40, Math.max(12, c.name.length + 2)),
      ...(c.kind === 'date' && { style: { numFmt: 'dd/mm/yyyy' } }),
    }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    for (const row of rows)
      sheet.addRow(row.map((v, i) => cellValue(v, list.columns[i]?.kind ?? 'text'))).commit();
    sheet.commit();
  }
  await book.commit();
  await done;
  return Buffer.concat(chunks);
}
