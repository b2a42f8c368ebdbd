import type { CiRef } from '../../../../shared/api/cmdb-model';
import type { Datasource, DatasourceInput } from '../../../../shared/api/monitoring-query';

/**
 * The datasource form's state and its checks, apart from the component:
 * what a person fills in, the problems to show before saving, and the
 * contract input it becomes. Credentials are vault ids only.
 */
export interface DatasourceForm {
  id?: string;
  name: string;
  url: string;
  authKind: 'none' | 'bearer' | 'basic';
  username: string;
  secretId: string | null;
  caPem: string;
  tunnelVia: CiRef | null;
  timeoutSec: number;
  isDefault: boolean;
}

export function emptyForm(isFirst = false): DatasourceForm {
  return {
    name: '',
    url: 'http://127.0.0.1:9090',
    authKind: 'none',
    username: '',
    secretId: null,
    caPem: '',
    tunnelVia: null,
    timeoutSec: 30,
    isDefault: isFirst,
  };
}

/** `tunnelName` names the tunnel CI (the list only has its id). */
export function formFromDatasource(d: Datasource, tunnel: CiRef | null): DatasourceForm {
  return {
    id: d.id,
    name: d.name,
    url: d.url,
    authKind: d.auth.kind,
    username: d.auth.kind === 'basic' ? d.auth.username : '',
    secretId: d.auth.kind === 'none' ? null : d.auth.secretId,
    caPem: d.caPem ?? '',
    tunnelVia: d.tunnelVia ? (tunnel ?? { id: d.tunnelVia, name: d.tunnelVia, type: 'host' }) : null,
    timeoutSec: d.timeoutMs / 1000,
    isDefault: d.isDefault,
  };
}

/** Field → problem, for what can be told without asking main. */
export function formProblems(f: DatasourceForm): Partial<Record<keyof DatasourceForm, string>> {
  const out: Partial<Record<keyof DatasourceForm, string>> = {};
  if (!f.name.trim()) out.name = 'Give the datasource a name.';
  let url: URL | null;
  try {
    url = new URL(f.url.trim());
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    out.url = 'Use an http:// or https:// address, such as http://127.0.0.1:9090.';
  } else if (url.username || url.password) {
    out.url = 'Put credentials in the vault and pick them under Authentication, not in the address.';
  }
  if (f.authKind !== 'none' && !f.secretId) out.secretId = 'Pick the vault secret holding the credential.';
  if (f.authKind === 'basic' && !f.username.trim()) out.username = 'Basic authentication needs a user name.';
  if (f.caPem.trim() && !f.caPem.includes('-----BEGIN CERTIFICATE-----')) {
    out.caPem = 'Paste the CA certificate in PEM form (-----BEGIN CERTIFICATE-----).';
  }
  if (!(f.timeoutSec >= 0.5 && f.timeoutSec <= 300)) out.timeoutSec = 'Between 0.5 and 300 seconds.';
  return out;
}

export function inputFromForm(f: DatasourceForm): DatasourceInput {
  const auth: DatasourceInput['auth'] =
    f.authKind === 'none'
      ? { kind: 'none' }
      : f.authKind === 'bearer'
        ? { kind: 'bearer', secretId: f.secretId ?? '' }
        : { kind: 'basic', username: f.username.trim(), secretId: f.secretId ?? '' };
  return {
    ...(f.id ? { id: f.id } : {}),
    name: f.name.trim(),
    url: f.url.trim(),
    auth,
    caPem: f.caPem.trim() ? f.caPem.trim() : null,
    tunnelVia: f.tunnelVia?.id ?? null,
    timeoutMs: Math.round(f.timeoutSec * 1000),
    isDefault: f.isDefault,
  };
}
