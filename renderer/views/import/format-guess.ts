import type { ImportFormat } from '../../../shared/api/cmdb';

/**
 * The import format a file name suggests: .ini/.cfg → Ansible INI, .yml/.yaml →
 * Ansible YAML, `config` (as in ~/.ssh/config) → ssh-config, .csv, .json.
 * Null when the name says nothing; the person can always change it.
 */
export function guessFormat(fileName: string): ImportFormat | null {
  const base = fileName.split(/[\\/]/).pop()!.toLowerCase();
  if (base === 'config' || base === 'ssh_config' || base.endsWith('.sshconfig') || base.endsWith('ssh-config'))
    return 'ssh-config';
  if (base === 'hosts' || base === 'inventory') return 'ansible-ini';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  switch (ext) {
    case 'ini':
    case 'cfg':
      return 'ansible-ini';
    case 'yml':
    case 'yaml':
      return 'ansible-yaml';
    case 'csv':
    case 'tsv':
      return 'csv';
    case 'json':
      return 'json';
    case 'conf':
      return base.includes('ssh') ? 'ssh-config' : null;
    default:
      return null;
  }
}

export const formatLabels: Record<ImportFormat, string> = {
  'ansible-ini': 'Ansible inventory (INI)',
  'ansible-yaml': 'Ansible inventory (YAML)',
  'ssh-config': 'OpenSSH config',
  csv: 'CSV (with column mapping)',
  json: 'JSON (Opsroom export)',
};

/** The wizard's steps for a format: the mapping step exists for CSV only. */
export function stepsFor(format: ImportFormat | null): ('file' | 'mapping' | 'preview' | 'run')[] {
  return format === 'csv' ? ['file', 'mapping', 'preview', 'run'] : ['file', 'preview', 'run'];
}
