/**
 * Spreadsheet formula injection: a cell starting with = + - @ TAB or CR runs as a
 * formula when the CSV is opened in a spreadsheet. The export prefixes such cells
 * with a single quote; the import removes exactly one. Cells already starting with
 * quotes before such a character get one more, so the mapping is reversible.
 */
const risky = /^'*[=+\-@\t\r]/;
const escaped = /^'+[=+\-@\t\r]/;

export function protectCell(cell: string): string {
  return risky.test(cell) ? `'${cell}` : cell;
}

export function unprotectCell(cell: string): string {
  return escaped.test(cell) ? cell.slice(1) : cell;
}
