import type { SecretMeta, VaultStatus } from '../../../../shared/api/vault';

export function formatSecret(s: SecretMeta): string {
  const used = s.usedBy.length ? `  used by ${s.usedBy.length}` : '';
  const key = s.fingerprint
    ? `  ${s.keyType ?? ''} ${s.fingerprint}${s.hasPassphrase ? ' (passphrase stored)' : ''}`
    : '';
  return `${s.id}  ${s.name}  ${s.kind}${key}${used}  updated ${new Date(s.updatedAt).toISOString()}`;
}

export function formatStatus(s: VaultStatus): string {
  if (!s.initialized) return 'no vault in this workspace (opsroom vault init creates one)';
  const kdf = s.kdf
    ? ` ${s.kdf.name} ${Object.entries(s.kdf.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`
    : '';
  return `vault ${s.unlocked ? 'unlocked' : 'locked'}, ${s.secrets} secret(s), format ${s.formatVersion ?? '?'},${kdf}`;
}
