import { describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { checkKdfParams, defaultKdfParams, deriveKey, newSalt } from '../../../main/vault/kdf';

describe('kdf', () => {
  it('defaults to scrypt N >= 2^17, r 8, p 1', () => {
    expect(defaultKdfParams.N).toBeGreaterThanOrEqual(2 ** 17);
    expect(defaultKdfParams).toMatchObject({ r: 8, p: 1 });
  });

  it('derives 32 bytes that depend on passphrase and salt', async () => {
    const p = { N: 2 ** 10, r: 8, p: 1 };
    const salt = newSalt();
    expect(salt).toHaveLength(16);
    const a = await deriveKey('passphrase one', salt, p);
    expect(a).toHaveLength(32);
    expect((await deriveKey('passphrase one', salt, p)).equals(a)).toBe(true);
    expect((await deriveKey('passphrase two', salt, p)).equals(a)).toBe(false);
    expect((await deriveKey('passphrase one', newSalt(), p)).equals(a)).toBe(false);
  });

  it('refuses parameters a hostile file could use to exhaust memory or weaken the key', () => {
    for (const bad of [
      null,
      {},
      { N: 2 ** 17, r: 8 },
      { N: 1000, r: 8, p: 1 },
      { N: 2 ** 9, r: 8, p: 1 },
      { N: 2 ** 22, r: 8, p: 1 },
      { N: 2 ** 17, r: 64, p: 1 },
      { N: 2 ** 17, r: 8, p: 1.5 },
    ]) {
      expect(() => checkKdfParams(bad, 'test')).toThrow(OpsError);
    }
    expect(checkKdfParams({ N: 2 ** 17, r: 8, p: 1 }, 'test')).toEqual({ N: 2 ** 17, r: 8, p: 1 });
  });
});
