import { afterEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { PASS, openVault, type VaultFixture } from './helpers';
import { sshKeygen } from './keys';

const fixtures: VaultFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.close();
});

async function vaultWith(secrets: { name: string; value: string }[]) {
  const fx = await openVault();
  fixtures.push(fx);
  await fx.vault.init(PASS);
  for (const s of secrets) fx.vault.createSecret({ name: s.name, kind: 'password', value: s.value });
  return fx;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(OpsError);
    return (e as OpsError).code;
  }
  return 'resolved';
}

describe('export and import', () => {
  it('carries every secret, key passphrase and id into another vault; the content is ciphertext only', async () => {
    const src = await vaultWith([{ name: 'db', value: 'MARKER-db-password-4711' }]);
    const key = sshKeygen(src.dir, 'id_ed25519', 'ed25519', { passphrase: 'kp-secret-99' });
    const k = src.vault.createSecret({
      name: 'deploy',
      kind: 'ssh-key',
      value: key.text,
      keyPassphrase: 'kp-secret-99',
    });
    const ex = await src.vault.exportVault('an export passphrase');
    expect(ex.secrets).toBe(2);
    expect(ex.fileName).toMatch(/^opsroom-vault-20261127-090000\.opsvault$/);
    const decoded = Buffer.from(ex.content, 'base64').toString('utf8');
    for (const needle of ['MARKER-db', 'kp-secret-99', 'deploy', 'OPENSSH']) {
      expect(ex.content).not.toContain(needle);
      expect(decoded).not.toContain(needle);
    }
    expect(JSON.parse(decoded)).toMatchObject({ format: 'opsroom-vault-export', version: 1, kdf: { name: 'scrypt' } });

    const dst = await vaultWith([]);
    expect(await codeOf(dst.vault.importVault(ex.content, 'not the export passphrase'))).toBe('forbidden');
    expect(dst.vault.listSecrets()).toEqual([]);
    expect(await dst.vault.importVault(ex.content, 'an export passphrase')).toEqual({
      imported: 2,
      replaced: 0,
      skipped: 0,
    });
    const metas = dst.vault.listSecrets();
    expect(metas.map((m) => m.name)).toEqual(['db', 'deploy']);
    const deploy = dst.vault.describe(k.id)!;
    expect(deploy).toMatchObject({ fingerprint: key.fingerprint, hasPassphrase: true });
    expect(dst.vault.reveal(k.id)).toEqual({ kind: 'ssh-key', value: key.text, keyPassphrase: 'kp-secret-99' });
    expect(dst.vault.reveal(metas[0]!.id).value).toBe('MARKER-db-password-4711');
  });

  it('resolves name conflicts by skip, replace or keep-both', async () => {
    const src = await vaultWith([
      { name: 'a', value: 'from-export-a' },
      { name: 'b', value: 'from-export-b' },
    ]);
    const { content } = await src.vault.exportVault('an export passphrase');

    const skip = await vaultWith([{ name: 'A', value: 'local-a' }]);
    expect(await skip.vault.importVault(content, 'an export passphrase', 'skip')).toEqual({
      imported: 1,
      replaced: 0,
      skipped: 1,
    });
    const localA = skip.vault.listSecrets().find((m) => m.name === 'A')!;
    expect(skip.vault.reveal(localA.id).value).toBe('local-a');

    const replace = await vaultWith([{ name: 'a', value: 'local-a' }]);
    const before = replace.vault.listSecrets()[0]!;
    expect(await replace.vault.importVault(content, 'an export passphrase', 'replace')).toEqual({
      imported: 1,
      replaced: 1,
      skipped: 0,
    });
    expect(replace.vault.reveal(before.id).value).toBe('from-export-a');

    const both = await vaultWith([{ name: 'a', value: 'local-a' }]);
    expect(await both.vault.importVault(content, 'an export passphrase', 'keep-both')).toEqual({
      imported: 2,
      replaced: 0,
      skipped: 0,
    });
    const names = both.vault.listSecrets().map((m) => m.name);
    expect(names).toEqual(['a', 'a (2)', 'b']);
    const copy = both.vault.listSecrets().find((m) => m.name === 'a (2)')!;
    expect(both.vault.reveal(copy.id).value).toBe('from-export-a');

    // Importing into the vault it came from: same ids, so keep-both must mint new ones.
    expect(await src.vault.importVault(content, 'an export passphrase', 'keep-both')).toEqual({
      imported: 2,
      replaced: 0,
      skipped: 0,
    });
    expect(new Set(src.vault.listSecrets().map((m) => m.id)).size).toBe(4);
  });

  it('refuses garbage with a typed error and writes nothing', async () => {
    const dst = await vaultWith([]);
    expect(await codeOf(dst.vault.importVault('not base64 !!!', 'x'))).toBe('bad_input');
    expect(await codeOf(dst.vault.importVault(Buffer.from('{"a":1}').toString('base64'), 'x'))).toBe('bad_input');
    const src = await vaultWith([{ name: 'a', value: 'v' }]);
    const { content } = await src.vault.exportVault('an export passphrase');
    const json = JSON.parse(Buffer.from(content, 'base64').toString('utf8'));
    const flipped = Buffer.from(json.ciphertext, 'base64');
    flipped[0]! ^= 1;
    const tampered = Buffer.from(JSON.stringify({ ...json, ciphertext: flipped.toString('base64') })).toString(
      'base64',
    );
    expect(await codeOf(dst.vault.importVault(tampered, 'an export passphrase'))).toBe('forbidden');
    const greedy = Buffer.from(JSON.stringify({ ...json, kdf: { ...json.kdf, N: 2 ** 24 } })).toString('base64');
    expect(await codeOf(dst.vault.importVault(greedy, 'an export passphrase'))).toBe('bad_input');
    const newer = Buffer.from(JSON.stringify({ ...json, version: 9 })).toString('base64');
    expect(await codeOf(dst.vault.importVault(newer, 'an export passphrase'))).toBe('too_new');
    expect(dst.vault.listSecrets()).toEqual([]);
  });
});
