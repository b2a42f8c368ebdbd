import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ssh2 from 'ssh2';
import type { SecretMeta } from '../../shared/api/vault';
import type { ImportRecord } from './import/types';
import { fingerprintOf } from '../security/ssh-fingerprint';

export interface IdentityFileInfo {
  path: string;
  hosts: string[];
  exists: boolean;
  inVault: boolean;
  /** the secret already holding this key, if any */
  secretId: string | null;
}

export function expandHome(p: string, home = os.homedir()): string {
  if (p === '~') return home;
  if (p.startsWith('~/')) return path.join(home, p.slice(2));
  return p;
}

/** SHA256 fingerprint as ssh-keygen -l prints it; null when the key is encrypted or unreadable. */
export function keyFingerprint(file: string): string | null {
  try {
    const parsed = ssh2.utils.parseKey(fs.readFileSync(file));
    const key = Array.isArray(parsed) ? parsed[0] : parsed;
    if (!key || key instanceof Error) return null;
    const blob = key.getPublicSSH();
    return fingerprintOf(blob);
  } catch {
    return null;
  }
}

/**
 * The private keys a set of records names (IdentityFile, ansible_ssh_private_key_file),
 * with the hosts naming each, whether the file is on this machine, and whether
 * the vault already holds it (same fingerprint, or a secret named by the path).
 */
export function identityFilesOf(
  records: readonly ImportRecord[],
  secrets: readonly SecretMeta[] | null,
): IdentityFileInfo[] {
  const byPath = new Map<string, string[]>();
  for (const r of records) {
    const p = r.connection?.identityFile;
    if (!p) continue;
    const hosts = byPath.get(p) ?? [];
    hosts.push(r.name);
    byPath.set(p, hosts);
  }
  return [...byPath].map(([p, hosts]) => {
    const file = expandHome(p);
    const exists = fs.existsSync(file) && fs.statSync(file).isFile();
    const fp = exists && secrets?.length ? keyFingerprint(file) : null;
    const match = secrets?.find((s) => (fp !== null && s.fingerprint === fp) || s.name === p) ?? null;
    return { path: p, hosts, exists, inVault: match !== null, secretId: match?.id ?? null };
  });
}
