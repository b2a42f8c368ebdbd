import { unreadable } from './problems';

export interface CsvRow {
  cells: string[];
  /** 1-based line the row starts on (rows with quoted newlines span several) */
  line: number;
  /** malformed but readable, e.g. text after a closing quote */
  problem?: string;
}

export const csvDelimiters = [',', ';', '\t', '|'] as const;

/**
 * RFC 4180 reader: quoted fields, "" escapes, CRLF or LF (or CR) line ends, BOM,
 * newlines inside quotes. Line numbers count breaks the same way as the other
 * parsers. Blank lines are skipped. A quote left open swallows the rest of the
 * file, so that is the one case that stops the read.
 */
export function readCsv(content: string, delimiter: string, maxRows = Number.POSITIVE_INFINITY): CsvRow[] {
  const rows: CsvRow[] = [];
  const n = content.length;
  const d = delimiter.charCodeAt(0);
  let i = content.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n && rows.length < maxRows) {
    const row: CsvRow = { cells: [], line };
    let sawQuote = false;
    for (;;) {
      let value = '';
      if (content.charCodeAt(i) === 34) {
        sawQuote = true;
        const opened = line;
        i++;
        for (;;) {
          const q = content.indexOf('"', i);
          if (q < 0) throw unreadable(opened, 'a quoted field opened on this line is never closed');
          const segment = content.slice(i, q);
          line += countBreaks(segment);
          value += segment;
          if (content.charCodeAt(q + 1) === 34) {
            value += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
        const start = i;
        while (i < n && !isEnd(content.charCodeAt(i), d)) i++;
        if (i > start) {
          row.problem ??= 'text after a closing quote (write "" for a quote inside a quoted field)';
          value += content.slice(start, i);
        }
      } else {
        const start = i;
        while (i < n && !isEnd(content.charCodeAt(i), d)) i++;
        value = content.slice(start, i);
      }
      row.cells.push(value);
      if (i < n && content.charCodeAt(i) === d) {
        i++;
        continue;
      }
      if (i < n) {
        i += content.charCodeAt(i) === 13 && content.charCodeAt(i + 1) === 10 ? 2 : 1;
        line++;
      }
      break;
    }
    if (!(row.cells.length === 1 && row.cells[0] === '' && !sawQuote)) rows.push(row);
  }
  return rows;
}

function isEnd(c: number, d: number): boolean {
  return c === d || c === 10 || c === 13;
}

function countBreaks(s: string): number {
  let count = 0;
  for (let j = 0; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 10) count++;
    else if (c === 13) {
      if (s.charCodeAt(j + 1) === 10) j++;
      count++;
    }
  }
  return count;
}

/** Picks the delimiter that gives a multi-column header and the most rows of the same width. */
export function detectDelimiter(content: string): string {
  let best: string = ',';
  let bestScore = 0;
  for (const d of csvDelimiters) {
    let rows: CsvRow[];
    try {
      rows = readCsv(content, d, 20);
    } catch {
      continue;
    }
    const width = rows[0]?.cells.length ?? 0;
    if (width < 2) continue;
    const consistent = rows.filter((r) => r.cells.length === width).length;
    const score = consistent * 1000 + width;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}
