import { afterEach, expect, it } from 'vitest';
import { silentLogger } from '../../../main/applog/types';
import { defaultKdfParams } from '../../../main/vault/kdf';
import { VaultService } from '../../../main/vault/service';
import { PASS, openVault, type VaultFixture } from './helpers';

let fx: VaultFixture | undefined;
afterEach(() => fx?.close());

it('uses scrypt N = 2^17, r = 8, p = 1 by default, without blocking the event loop', async () => {
  expect(defaultKdfParams).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  fx = await openVault();
  // No kdfParams: the production default.
  const real = new VaultService({ db: fx.db, clock: fx.clock, logger: silentLogger, autoLockMinutes: () => 0 });
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  const s = await real.init(PASS);
  clearInterval(timer);
  expect(s.kdf).toEqual({ name: 'scrypt', params: { N: 131072, r: 8, p: 1 } });
  expect(ticks).toBeGreaterThan(0);
  const m = real.createSecret({ name: 'x', kind: 'password', value: 'v' });
  real.lock();
  await expect(real.unlock('wrong passphrase!')).rejects.toThrow('wrong passphrase');
  await real.unlock(PASS);
  expect(real.reveal(m.id).value).toBe('v');
  real.close();
});
