import { afterEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import type { VaultStatus } from '../../../shared/api/vault';
import { withUnlockRetry } from '../../../renderer/shell/vault-require-unlocked';
import { autoLockText, useVault, vaultState } from '../../../renderer/shell/vault-store';
import { passphraseStrength } from '../../../renderer/views/vault/passphrase-strength';
import { base64ToBytes, bytesToBase64, exportFileName } from '../../../renderer/views/vault/vault-file';

const status = (over: Partial<VaultStatus> = {}): VaultStatus => ({
  initialized: true,
  unlocked: true,
  secrets: 2,
  autoLockAt: 1_000_000 + 245_000,
  remember: { available: false, reason: 'web mode', remembered: false },
  kdf: null,
  formatVersion: 1,
  ...over,
});

describe('requireUnlocked', () => {
  it('asks to unlock on a locked error and retries', async () => {
    let locked = true;
    const asked: string[] = [];
    const r = await withUnlockRetry(
      async () => {
        if (locked) throw new OpsError('locked', 'The vault is locked.');
        return 42;
      },
      async (reason) => {
        asked.push(reason);
        locked = false;
        return true;
      },
    );
    expect(r).toBe(42);
    expect(asked).toEqual(['The vault is locked.']);
  });

  it('rethrows when the person gives up, on other errors, and after too many tries', async () => {
    const locked = new OpsError('locked', 'locked');
    await expect(
      withUnlockRetry(
        () => Promise.reject(locked),
        async () => false,
      ),
    ).rejects.toBe(locked);
    const other = new OpsError('conflict', 'no');
    let asks = 0;
    await expect(
      withUnlockRetry(
        () => Promise.reject(other),
        async () => (asks++, true),
      ),
    ).rejects.toBe(other);
    expect(asks).toBe(0);
    await expect(
      withUnlockRetry(
        () => Promise.reject(locked),
        async () => (asks++, true),
        3,
      ),
    ).rejects.toBe(locked);
    expect(asks).toBe(2);
  });
});

describe('vault store and status text', () => {
  afterEach(() => useVault.getState().settle(false));

  it('settles every waiting action when the dialog closes', async () => {
    const a = useVault.getState().askUnlock('first');
    const b = useVault.getState().askUnlock();
    expect(useVault.getState().dialog).toEqual({ open: true, reason: 'first' });
    useVault.getState().settle(true);
    expect(await Promise.all([a, b])).toEqual([true, true]);
    expect(useVault.getState().dialog.open).toBe(false);
  });

  it('names the state and counts down to auto-lock', () => {
    expect(vaultState(null)).toBe('unknown');
    expect(vaultState(status({ initialized: false, unlocked: false }))).toBe('none');
    expect(vaultState(status({ unlocked: false }))).toBe('locked');
    expect(autoLockText(status(), 1_000_000)).toContain('locks in 4:05');
    expect(autoLockText(status({ autoLockAt: null }), 0)).toContain('auto-lock off');
    expect(autoLockText(status({ unlocked: false, autoLockAt: null }), 0)).toContain('locked');
  });
});

describe('vault form helpers', () => {
  it('rates passphrases, refusing the short ones', () => {
    expect(passphraseStrength('short').score).toBe(0);
    expect(passphraseStrength('aaaaaaaaaaaa').score).toBe(1);
    expect(passphraseStrength('password1234').score).toBeLessThanOrEqual(2);
    expect(passphraseStrength('correct horse battery staple').score).toBe(4);
  });

  it('names the export file by date and round-trips its bytes through base64', () => {
    expect(exportFileName(new Date(2026, 10, 7, 23, 0))).toBe('opsroom-vault-20261107.opsvault');
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) % 256);
    const b64 = bytesToBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(b64)).toEqual(bytes);
  });
});
