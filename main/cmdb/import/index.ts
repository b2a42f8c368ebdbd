import type { ImportFormat } from '../../../shared/api/cmdb';
import { parseAnsibleIni } from './ansible-ini';
import { parseAnsibleYaml } from './ansible-yaml';
import { parseCsv } from './csv-import';
import { parseJsonExport } from './json-import';
import { parseSshConfig } from './ssh-config';
import type { SshConfigOptions } from './ssh-config-read';
import type { ParseOptions, ParseResult } from './types';

export { inspectCsv } from './csv-import';
export type { SshConfigOptions } from './ssh-config-read';
export type { ImportRecord, ParseOptions, ParseResult, RowProblem } from './types';

/**
 * Text in, records out: no workspace access, so a bad file never causes a partial
 * write. Bad rows are listed in `errors` (records with errors are left out of
 * `records`); only input that cannot be read at all throws OpsError('bad_input')
 * with details.line.
 */
export function parseImport(
  format: ImportFormat,
  content: string,
  options: ParseOptions | SshConfigOptions = {},
): ParseResult {
  switch (format) {
    case 'ansible-ini':
      return parseAnsibleIni(content);
    case 'ansible-yaml':
      return parseAnsibleYaml(content);
    case 'ssh-config':
      return parseSshConfig(content, options);
    case 'csv':
      return parseCsv(content, options);
    case 'json':
      return parseJsonExport(content);
  }
}
