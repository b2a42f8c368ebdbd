import type { Ci } from '../../shared/api/cmdb-model';
import type { ImportFormat } from '../../shared/api/cmdb';
import type { ParseOptions, ParseResult } from './import/types';

export type ExportFormat = 'csv' | 'json' | 'ansible-yaml';

export interface CsvInspection {
  delimiter: string;
  columns: string[];
  rows: string[][];
  suggested: Record<string, string>;
  targets: string[];
}

/**
 * The pure parsers and exporters (main/cmdb/import, main/cmdb/export) as the
 * service sees them: injected, so orchestration tests can feed hand-built
 * records, and loaded on first use so startup does not pay for them.
 */
export interface Codecs {
  parseImport(
    format: ImportFormat,
    content: string,
    options: ParseOptions & { listDir?: (dir: string) => string[] | null },
  ): ParseResult;
  inspectCsv(content: string, delimiter?: ',' | ';' | '\t' | '|'): CsvInspection;
  exportCis(
    format: ExportFormat,
    data: { cis: Ci[]; relations: { type: string; fromId: string; toId: string }[] },
  ): {
    content: string;
    fileName: string;
  };
}

let loaded: Promise<Codecs> | null = null;

export function loadCodecs(): Promise<Codecs> {
  loaded ??= Promise.all([import('./import/index'), import('./export/index')]).then(([imp, exp]) => ({
    parseImport: imp.parseImport,
    inspectCsv: imp.inspectCsv,
    exportCis: exp.exportCis,
  }));
  return loaded;
}
