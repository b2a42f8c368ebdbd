import { afterEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { unavailableRememberer, type Rememberer } from '../../../main/vault/rememberer';
import { PASS, openVault, type VaultFixture } from './helpers';

let fx: VaultFixture;
afterEach(() => fx?.close());

/** An in-memory keychain that keeps copies, as a real one would. */
function memoryRememberer(): Rememberer & { store: Map<string, Buffer> } {
  const store = new Map<string, Buffer>();
  return {
    store,
    availability: () => ({ available: true, reason: 'test keychain' }),
    save: (id, dek) => void store.set(id, Buffer.from(dek)),
    load: (id) => (store.has(id) ? Buffer.from(store.get(id)!) : null),
    forget: (id) => void store.delete(id),
    has: (id) => store.has(id),
  };
}

describe('remember unlock', () => {
  it('unlocks from the remembered key, and forgets it', async () => {
    const rem = memoryRememberer();
    fx = await openVault({ rememberer: rem });
    await fx.vault.init(PASS);
    const m = fx.vault.createSecret({ name: 'a', kind: 'password', value: 'v' });
    fx.vault.lock();
    await expect(fx.vault.unlockRemembered.bind(fx.vault)).toThrow(/No unlock is remembered/);
    await fx.vault.unlock(PASS, true);
    expect(fx.vault.status().remember).toEqual({ available: true, reason: 'test keychain', remembered: true });
    fx.vault.lock();
    // The saved copy is not the buffer the vault zeroes.
    fx.vault.unlockRemembered();
    expect(fx.vault.reveal(m.id).value).toBe('v');
    fx.vault.forget();
    expect(fx.vault.status().remember.remembered).toBe(false);
  });

  it('drops a remembered key that no longer opens the vault', async () => {
    const rem = memoryRememberer();
    fx = await openVault({ rememberer: rem });
    await fx.vault.init(PASS);
    await fx.vault.unlock(PASS, true);
    fx.vault.lock();
    const [id] = [...rem.store.keys()];
    rem.store.set(id!, Buffer.alloc(32, 7));
    expect(() => fx.vault.unlockRemembered()).toThrow(OpsError);
    expect(rem.has(id!)).toBe(false);
    expect(fx.vault.isUnlocked()).toBe(false);
  });

  it('fails closed when the device cannot remember: the unlock is refused, not half done', async () => {
    fx = await openVault({ rememberer: unavailableRememberer() });
    await fx.vault.init(PASS);
    fx.vault.lock();
    expect(fx.vault.status().remember).toEqual({
      available: false,
      reason: 'Remembering an unlock needs the desktop app and the OS keychain.',
      remembered: false,
    });
    await expect(fx.vault.unlock(PASS, true)).rejects.toMatchObject({ code: 'unavailable' });
    expect(fx.vault.isUnlocked()).toBe(false);
    expect(() => fx.vault.unlockRemembered()).toThrow(/desktop app/);
  });
});
