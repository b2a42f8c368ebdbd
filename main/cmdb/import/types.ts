import type { FieldValue } from '../../../shared/api/cmdb-model';

/**
 * What every importer produces from an outside format, before the CMDB
 * compares it with the inventory. Parsers are pure: text in, records out; they
 * never touch the workspace, so a bad file can never cause a partial write.
 */
export interface ImportRecord {
  /** 1-based line (or row) in the source where this CI was declared */
  line: number;
  type: string;
  name: string;
  description?: string;
  ownerTeam?: string | null;
  ownerPerson?: string | null;
  environment?: string | null;
  status?: string;
  criticality?: string | null;
  tags?: string[];
  fields?: Record<string, FieldValue>;
  connection?: {
    address?: string | null;
    port?: number | null;
    user?: string | null;
    /** a private key path on this machine (ansible_ssh_private_key_file, IdentityFile) */
    identityFile?: string | null;
    /** name of the CI to jump through (ProxyJump; several hops = a chain of records) */
    jumpHost?: string | null;
    /** JSON round trip only: the vault secret id the CI used; kept when that secret exists here */
    credentialId?: string | null;
  };
  /** relationships from this record to other records or existing CIs, by name */
  relations?: { type: string; to: string; toType?: string }[];
  /** JSON round trip only: the exported id, kept so a re-import updates in place */
  id?: string;
}

export interface RowProblem {
  line: number;
  message: string;
  /** the CI name concerned, when known */
  name: string | null;
}

export interface ParseResult {
  records: ImportRecord[];
  /** rows that cannot be imported; with skip-bad-rows the others still can */
  errors: RowProblem[];
  /** reported, not imported: wildcard Host blocks, unsupported directives, cert-authority lines … */
  notices: RowProblem[];
}

export interface ParseOptions {
  /** CSV: column name → target ('name', 'type', 'fields.rack', 'ignore' …) */
  mapping?: Record<string, string>;
  delimiter?: ',' | ';' | '\t' | '|';
  /** ssh-config: resolves Include and ~ (injected so parsers stay pure and testable) */
  readFile?: (path: string) => string | null;
  homeDir?: string;
  /** ssh-config: the directory relative Include paths start from (~/.ssh) */
  baseDir?: string;
}
