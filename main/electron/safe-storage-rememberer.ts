import fs from 'node:fs';
import path from 'node:path';
import type { SafeStorage } from 'electron';
import { OpsError } from '../../shared/api/errors';
import type { Rememberer } from '../vault/rememberer';

export interface SafeStorageRemembererDeps {
  safeStorage: Pick<
    SafeStorage,
    'isEncryptionAvailable' | 'getSelectedStorageBackend' | 'encryptString' | 'decryptString'
  >;
  /** JSON file: { version, vaults: { [vaultId]: base64 of safeStorage's ciphertext } } */
  file: string;
  platform: NodeJS.Platform;
}

interface Stored {
  version: 1;
  vaults: Record<string, string>;
}

/**
 * "Remember unlock on this device": the data key, encrypted by the OS keychain
 * through Electron's safeStorage. Fails closed: on Linux without a keyring
 * Electron falls back to a hard-coded password ('basic_text'), which would be
 * the same as writing the key in the clear, so it is refused.
 */
export function safeStorageRememberer(deps: SafeStorageRemembererDeps): Rememberer {
  const { safeStorage, file, platform } = deps;

  function availability(): { available: boolean; reason: string } {
    if (!safeStorage.isEncryptionAvailable()) {
      return { available: false, reason: 'the OS keychain is not available to Opsroom on this device' };
    }
    if (platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text' || backend === 'unknown') {
        return {
          available: false,
          reason: `the OS keyring is not available (${backend}): Electron would store the key with a hard-coded password`,
        };
      }
      return { available: true, reason: `the data key is kept in the OS keyring (${backend})` };
    }
    return { available: true, reason: 'the data key is kept in the OS keychain' };
  }

  function read(): Stored {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return { version: 1, vaults: {} };
    }
    const vaults = (raw as { vaults?: unknown } | null)?.vaults;
    if (!vaults || typeof vaults !== 'object' || Array.isArray(vaults)) return { version: 1, vaults: {} };
    const clean: Record<string, string> = {};
    for (const [k, v] of Object.entries(vaults)) if (typeof v === 'string') clean[k] = v;
    return { version: 1, vaults: clean };
  }

  function write(s: Stored): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(s), { mode: 0o600 });
    fs.renameSync(tmp, file);
  }

  function forget(vaultId: string): void {
    const s = read();
    if (!(vaultId in s.vaults)) return;
    delete s.vaults[vaultId];
    write(s);
  }

  return {
    availability,
    save(vaultId, dek) {
      const a = availability();
      if (!a.available) throw new OpsError('unavailable', `This device cannot remember the unlock: ${a.reason}`);
      const s = read();
      s.vaults[vaultId] = safeStorage.encryptString(dek.toString('base64')).toString('base64');
      write(s);
    },
    load(vaultId) {
      if (!availability().available) return null;
      const entry = read().vaults[vaultId];
      if (!entry) return null;
      try {
        const key = Buffer.from(safeStorage.decryptString(Buffer.from(entry, 'base64')), 'base64');
        return key.length === 32 ? key : null;
      } catch {
        // The keychain changed (new login, other machine): the entry is useless, drop it.
        forget(vaultId);
        return null;
      }
    },
    forget,
    has(vaultId) {
      return availability().available && vaultId in read().vaults;
    },
  };
}
