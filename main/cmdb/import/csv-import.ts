import type { FieldValue } from '../../../shared/api/cmdb-model';
import { unprotectCell } from './csv-formula';
import { checkMapping, suggestMapping, targetsFor } from './csv-mapping';
import { detectDelimiter, readCsv } from './csv-read';
import { assertText, Problems, unreadable } from './problems';
import type { ImportRecord, ParseOptions, ParseResult } from './types';
import { parsePort, recordProblem, setField, typedValue } from './values';

const inspectRows = 20;

/** The columns, the first rows and a suggested mapping, for the mapping step of the wizard. */
export function inspectCsv(
  content: string,
  delimiter?: string,
): { delimiter: string; columns: string[]; rows: string[][]; suggested: Record<string, string>; targets: string[] } {
  assertText(content, 'a CSV file');
  const d = delimiter ?? detectDelimiter(content);
  const [header, ...rows] = readCsv(content, d, inspectRows + 1);
  if (!header) throw unreadable(1, 'the CSV file is empty; it needs a header row naming the columns');
  const columns = header.cells;
  return {
    delimiter: d,
    columns,
    rows: rows.map((r) => r.cells.map(unprotectCell)),
    suggested: suggestMapping(columns),
    targets: targetsFor(columns),
  };
}

/** CSV with a header row → records, through a column mapping (given or suggested). */
export function parseCsv(content: string, options: ParseOptions): ParseResult {
  assertText(content, 'a CSV file');
  const rows = readCsv(content, options.delimiter ?? detectDelimiter(content));
  const header = rows[0];
  if (!header) throw unreadable(1, 'the CSV file is empty; it needs a header row naming the columns');
  const columns = header.cells;
  const dup = columns.find((c, i) => c !== '' && columns.indexOf(c) !== i);
  if (dup !== undefined) throw unreadable(header.line, `the header names the column "${dup}" twice`);
  const byColumn = checkMapping(options.mapping ?? suggestMapping(columns), columns);
  const problems = new Problems();
  const records: ImportRecord[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    const name = byColumn.size > 0 ? cellFor(row.cells, byColumn, 'name') : undefined;
    const label = name ?? null;
    if (row.problem) {
      problems.error(row.line, row.problem, label);
      continue;
    }
    if (row.cells.length > columns.length && row.cells.slice(columns.length).some((c) => c.trim() !== '')) {
      problems.error(row.line, `this row has ${row.cells.length} cells but the header has ${columns.length}`, label);
      continue;
    }
    const built = toRecord(row.cells, row.line, byColumn);
    if (typeof built === 'string') problems.error(row.line, built, label);
    else {
      const problem = recordProblem(built);
      if (problem) problems.error(row.line, problem, label);
      else records.push(built);
    }
  }
  return { records, errors: problems.errors, notices: problems.notices };
}

function cellFor(cells: string[], byColumn: Map<number, string>, target: string): string | undefined {
  for (const [i, t] of byColumn) if (t === target) return (cells[i] ?? '').trim() || undefined;
  return undefined;
}

type Connection = NonNullable<ImportRecord['connection']>;

function toRecord(cells: string[], line: number, byColumn: Map<number, string>): ImportRecord | string {
  const record: ImportRecord = { line, type: 'host', name: '' };
  const connection: Connection = {};
  const fields: Record<string, FieldValue> = {};
  for (const [i, target] of byColumn) {
    const raw = unprotectCell(cells[i] ?? '');
    const value = raw.trim();
    if (value === '') continue;
    if (target.startsWith('fields.')) {
      setField(fields, target.slice('fields.'.length), typedValue(raw));
      continue;
    }
    switch (target) {
      case 'name':
        record.name = value;
        break;
      case 'type':
      case 'status':
        record[target] = value.toLowerCase();
        break;
      case 'criticality':
        record.criticality = value.toLowerCase();
        break;
      case 'description':
        record.description = raw;
        break;
      case 'ownerTeam':
      case 'ownerPerson':
      case 'environment':
      case 'id':
        record[target] = value;
        break;
      case 'tags':
        record.tags = [...new Set(value.split(/[;,\s]+/).filter((t) => t !== ''))];
        break;
      case 'port': {
        const p = parsePort(value);
        if ('problem' in p) return p.problem;
        connection.port = p.port;
        break;
      }
      case 'address':
      case 'user':
      case 'identityFile':
      case 'jumpHost':
        connection[target] = value;
        break;
    }
  }
  if (record.name === '') return 'this row has no name';
  if (Object.keys(connection).length > 0) record.connection = connection;
  if (Object.keys(fields).length > 0) record.fields = fields;
  return record;
}
