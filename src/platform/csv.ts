/** A spreadsheet would run a cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text a spreadsheet shows as typed: a leading apostrophe before a formula's first character. */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV cell (RFC 4180 quoting), neutralised against formula injection. */
export function csvCell(value: string): string {
  const v = neutralise(value);
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}
