import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { safeStorageRememberer } from '../../../main/electron/safe-storage-rememberer';

type Backend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** Records every call; "encrypts" by reversing and tagging so stored bytes differ from the input. */
function fakeSafeStorage(opts: { available?: boolean; backend?: Backend; failDecrypt?: boolean } = {}) {
  const calls: string[] = [];
  return {
    calls,
    isEncryptionAvailable: () => (calls.push('isEncryptionAvailable'), opts.available ?? true),
    getSelectedStorageBackend: () => (calls.push('getSelectedStorageBackend'), opts.backend ?? 'gnome_libsecret'),
    encryptString: (s: string) => (calls.push('encryptString'), Buffer.from(`enc:${[...s].reverse().join('')}`)),
    decryptString: (b: Buffer) => {
      calls.push('decryptString');
      if (opts.failDecrypt)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...b.toString().slice(4)].reverse().join('');
    },
  };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempFile(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-remember-'));
  dirs.push(d);
  return path.join(d, 'sub', 'vault-unlock.json');
}

describe('safeStorageRememberer', () => {
  it('saves, loads and forgets the key through safeStorage, per vault, never in the clear', () => {
    const ss = fakeSafeStorage();
    const file = tempFile();
    const r = safeStorageRememberer({ safeStorage: ss, file, platform: 'linux' });
    expect(r.availability()).toEqual({
      available: true,
      reason: 'the data key is kept in the OS keyring (gnome_libsecret)',
    });
    const dek = Buffer.alloc(32, 0x5a);
    r.save('vault-1', dek);
    expect(ss.calls).toContain('encryptString');
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(dek.toString('base64'));
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(r.has('vault-1')).toBe(true);
    expect(r.has('vault-2')).toBe(false);
    expect(r.load('vault-1')?.equals(dek)).toBe(true);
    expect(r.load('vault-2')).toBeNull();
    r.forget('vault-1');
    expect(r.has('vault-1')).toBe(false);
    expect(r.load('vault-1')).toBeNull();
  });

  for (const backend of ['basic_text', 'unknown'] as const) {
    it(`fails closed on linux with the ${backend} backend`, () => {
      const ss = fakeSafeStorage({ backend });
      const file = tempFile();
      const r = safeStorageRememberer({ safeStorage: ss, file, platform: 'linux' });
      expect(r.availability()).toEqual({
        available: false,
        reason: `the OS keyring is not available (${backend}): Electron would store the key with a hard-coded password`,
      });
      expect(() => r.save('v', Buffer.alloc(32))).toThrow(/hard-coded password/);
      expect(ss.calls).not.toContain('encryptString');
      expect(fs.existsSync(file)).toBe(false);
      expect(r.load('v')).toBeNull();
      expect(r.has('v')).toBe(false);
    });
  }

  it('does not consult the Linux backend on macOS and Windows, but needs encryption available', () => {
    const mac = fakeSafeStorage({ backend: 'basic_text' });
    expect(
      safeStorageRememberer({ safeStorage: mac, file: tempFile(), platform: 'darwin' }).availability().available,
    ).toBe(true);
    expect(mac.calls).not.toContain('getSelectedStorageBackend');
    const off = fakeSafeStorage({ available: false });
    const r = safeStorageRememberer({ safeStorage: off, file: tempFile(), platform: 'win32' });
    expect(r.availability().available).toBe(false);
    expect(() => r.save('v', Buffer.alloc(32))).toThrow();
  });

  it('drops an entry the keychain can no longer decrypt, and survives a damaged file', () => {
    const file = tempFile();
    safeStorageRememberer({ safeStorage: fakeSafeStorage(), file, platform: 'linux' }).save('v', Buffer.alloc(32, 1));
    const broken = safeStorageRememberer({
      safeStorage: fakeSafeStorage({ failDecrypt: true }),
      file,
      platform: 'linux',
    });
    expect(broken.load('v')).toBeNull();
    expect(broken.has('v')).toBe(false);
    fs.writeFileSync(file, '{not json');
    const r = safeStorageRememberer({ safeStorage: fakeSafeStorage(), file, platform: 'linux' });
    expect(r.load('v')).toBeNull();
    r.save('w', Buffer.alloc(32, 2));
    expect(r.load('w')?.equals(Buffer.alloc(32, 2))).toBe(true);
  });
});
