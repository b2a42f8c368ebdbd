import type { z } from 'zod';
import type { ImportFormat, importOptions } from '../../shared/api/cmdb';

export type ImportOptions = z.output<typeof importOptions>;

/** What cmdb.import.preview and cmdb.import.run receive (after parsing). */
export interface ImportSource {
  format: ImportFormat;
  content: string;
  fileName: string;
  options: ImportOptions;
}

export type ImportMode = 'all-or-nothing' | 'skip-bad-rows';
