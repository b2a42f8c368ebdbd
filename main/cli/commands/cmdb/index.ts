import * as cmdbExport from './export';
import * as cmdbImport from './import';
import * as cmdbSearch from './search';
import * as cmdbShow from './show';

/** `opsroom cmdb …`: wired under the "cmdb" group in main/cli/index.ts. */
export const cmdbCommands: Record<string, { help: string; run(args: string[]): Promise<number> }> = {
  import: cmdbImport,
  export: cmdbExport,
  search: cmdbSearch,
  show: cmdbShow,
};
