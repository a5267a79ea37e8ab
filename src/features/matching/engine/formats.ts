/**
 * Reading record-linkage test files: the Febrl format (rec_id, given_name, surname, street_number,
 * address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id; truth from rec_id:
 * rec-N-org and rec-N-dup-k are one person) and the format of splink's fake_1000 (unique_id,
 * first_name, surname, dob, city, email, cluster; the cluster is the truth).
 */
import type { MatchRecord } from './record.ts';

export interface LabelledRecords {
  format: 'febrl' | 'splink';
  records: MatchRecord[];
  /** The true entity of each record. */
  truth: string[];
}

/** A minimal CSV reader: commas, double-quoted fields with "" for a quote, LF or CRLF lines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function febrlDob(s: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

export function readLinkageFile(text: string, idPrefix = ''): LabelledRecords {
  const rows = parseCsv(text).map((r) => r.map((f) => f.trim()));
  const header = rows.shift() ?? [];
  const col = (name: string) => header.indexOf(name);
  if (col('rec_id') >= 0) {
    const c = Object.fromEntries(
      [
        'rec_id',
        'given_name',
        'surname',
        'street_number',
        'address_1',
        'address_2',
        'suburb',
        'postcode',
        'date_of_birth',
        'soc_sec_id',
      ].map((n) => [n, col(n)]),
    ) as Record<string, number>;
    const get = (r: string[], name: string) => r[c[name] as number] ?? '';
    const records: MatchRecord[] = [];
    const truth: string[] = [];
    for (const r of rows) {
      const id = get(r, 'rec_id');
      const entity = /^rec-(\d+)-/.exec(id);
      truth.push(entity ? (entity[1] as string) : id);
      records.push({
        id: idPrefix + id,
        names: [{ given: get(r, 'given_name'), family: get(r, 'surname') }],
        dob: febrlDob(get(r, 'date_of_birth')),
        localId: get(r, 'soc_sec_id') || undefined,
        addresses: [
          {
            line1: `${get(r, 'street_number')} ${get(r, 'address_1')}`.trim(),
            line2: get(r, 'address_2'),
            town: get(r, 'suburb'),
            postcode: get(r, 'postcode'),
          },
        ],
      });
    }
    return { format: 'febrl', records, truth };
  }
  if (col('cluster') >= 0 && col('first_name') >= 0) {
    const get = (r: string[], name: string) => (col(name) >= 0 ? (r[col(name)] ?? '') : '');
    return {
      format: 'splink',
      records: rows.map((r) => ({
        id: idPrefix + get(r, 'unique_id'),
        names: [{ given: get(r, 'first_name'), family: get(r, 'surname') }],
        dob: get(r, 'dob') || undefined,
        email: get(r, 'email') || undefined,
        addresses: [{ town: get(r, 'city') }],
      })),
      truth: rows.map((r) => get(r, 'cluster')),
    };
  }
  throw new Error('unknown file format: expected a Febrl header (rec_id, ...) or unique_id, ..., cluster');
}
