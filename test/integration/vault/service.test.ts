import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import type { SecretKind } from '../../../shared/api/vault';
import { PASS, openVault, type VaultFixture } from './helpers';
import { sshKeygen } from './keys';

let fx: VaultFixture;
afterEach(() => fx?.close());

async function rejects(p: Promise<unknown> | (() => unknown), code: string, msg?: RegExp): Promise<OpsError> {
  let err: unknown;
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(OpsError);
  expect((err as OpsError).code).toBe(code);
  if (msg) expect((err as OpsError).message).toMatch(msg);
  return err as OpsError;
}

describe('vault lifecycle', () => {
  it('is created, locked, unlocked and refuses a wrong passphrase', async () => {
    fx = await openVault();
    expect(fx.vault.status()).toMatchObject({ initialized: false, unlocked: false, kdf: null });
    const s = await fx.vault.init(PASS);
    expect(s).toMatchObject({ initialized: true, unlocked: true, formatVersion: 1 });
    expect(s.kdf).toEqual({ name: 'scrypt', params: { N: 2 ** 14, r: 8, p: 1 } });
    await rejects(fx.vault.init(PASS), 'conflict');
    fx.vault.lock();
    expect(fx.vault.isUnlocked()).toBe(false);
    await rejects(fx.vault.unlock('not the passphrase'), 'forbidden', /^wrong passphrase$/);
    expect(fx.vault.isUnlocked()).toBe(false);
    await fx.vault.unlock(PASS);
    expect(fx.vault.isUnlocked()).toBe(true);
    // A restart sees the same vault and needs the passphrase again.
    const again = fx.restart();
    expect(again.status()).toMatchObject({ initialized: true, unlocked: false });
    await again.unlock(PASS);
    again.close();
  });

  it('round-trips every kind, including an SSH key with its own passphrase', async () => {
    fx = await openVault();
    await fx.vault.init(PASS);
    const key = sshKeygen(fx.dir, 'id_rsa', 'rsa', { passphrase: 'key-pass-123' });
    const values: Record<SecretKind, string> = {
      password: 'p@ss wörd ✓',
      'ssh-key': key.text,
      kubeconfig: 'apiVersion: v1\nkind: Config\nclusters: []\n',
      token: 'ghp_' + 'x'.repeat(36),
      generic: '{"any":"thing"}\n\u0000binary-ish',
    };
    const ids: Record<string, string> = {};
    for (const [kind, value] of Object.entries(values) as [SecretKind, string][]) {
      const meta = fx.vault.createSecret({
        name: `s-${kind}`,
        kind,
        value,
        ...(kind === 'ssh-key' ? { keyPassphrase: 'key-pass-123' } : {}),
      });
      ids[kind] = meta.id;
      expect(JSON.stringify(meta)).not.toContain(value.slice(0, 20));
      if (kind === 'ssh-key') {
        expect(meta).toMatchObject({ fingerprint: key.fingerprint, keyType: 'ssh-rsa', hasPassphrase: true });
      } else {
        expect(meta).toMatchObject({ fingerprint: null, publicKey: null, hasPassphrase: false });
      }
    }
    const restarted = fx.restart();
    await restarted.unlock(PASS);
    for (const [kind, value] of Object.entries(values) as [SecretKind, string][]) {
      const r = restarted.reveal(ids[kind]!);
      expect(r.value).toBe(value);
      expect(r.kind).toBe(kind);
      expect(r.keyPassphrase).toBe(kind === 'ssh-key' ? 'key-pass-123' : undefined);
    }
    restarted.close();
    expect(fx.vault.listSecrets().map((s) => s.name)).toEqual(
      Object.keys(values)
        .map((k) => `s-${k}`)
        .sort(),
    );
    expect(fx.vault.listSecrets('token')).toHaveLength(1);
  });

  it('refuses everything that needs the key while locked, but lists metadata', async () => {
    fx = await openVault();
    await rejects(
      () => fx.vault.createSecret({ name: 'x', kind: 'password', value: 'v' }),
      'not_found',
      /no vault yet/,
    );
    await fx.vault.init(PASS);
    const m = fx.vault.createSecret({ name: 'x', kind: 'password', value: 'v' });
    fx.vault.lock();
    const locked = /^The vault is locked: unlock it with your master passphrase to /;
    await rejects(() => fx.vault.createSecret({ name: 'y', kind: 'password', value: 'v' }), 'locked', locked);
    await rejects(() => fx.vault.reveal(m.id), 'locked', locked);
    await rejects(() => fx.vault.replaceSecret({ id: m.id, value: 'w' }), 'locked', locked);
    await rejects(() => fx.vault.updateSecret({ id: m.id, name: 'z' }), 'locked', locked);
    await rejects(() => fx.vault.deleteSecret(m.id), 'locked', locked);
    await rejects(fx.vault.exportVault('export passphrase'), 'locked', locked);
    await rejects(fx.vault.importVault('eA==', 'export passphrase'), 'locked', locked);
    await rejects(fx.vault.importKeyFile('/etc/hostname'), 'locked', locked);
    expect(fx.vault.listSecrets().map((s) => s.name)).toEqual(['x']);
    expect(fx.vault.describe(m.id)?.name).toBe('x');
  });

  it('zeroes the data key on lock', async () => {
    fx = await openVault();
    await fx.vault.init(PASS);
    const dek = fx.deks.at(-1)!;
    expect(dek.length).toBe(32);
    expect(dek.some((b) => b !== 0)).toBe(true);
    fx.vault.lock();
    expect(dek.every((b) => b === 0)).toBe(true);
    await fx.vault.unlock(PASS);
    const second = fx.deks.at(-1)!;
    expect(second).not.toBe(dek);
    fx.vault.close();
    expect(second.every((b) => b === 0)).toBe(true);
  });

  it('publishes vault.status on every state change', async () => {
    fx = await openVault();
    await fx.vault.init(PASS);
    fx.vault.createSecret({ name: 'a', kind: 'token', value: 't' });
    fx.vault.lock();
    expect(fx.events.map((e) => [e.unlocked, e.secrets])).toEqual([
      [true, 0],
      [true, 1],
      [false, 1],
    ]);
  });
});

describe('integrity', () => {
  it('names a secret whose ciphertext was changed on disk', async () => {
    fx = await openVault();
    await fx.vault.init(PASS);
    const m = fx.vault.createSecret({ name: 'db-root', kind: 'password', value: 'hunter2-hunter2' });
    const other = fx.tamper();
    const row = other.prepare('SELECT ciphertext FROM vault_secrets WHERE id = ?').get(m.id) as { ciphertext: Buffer };
    row.ciphertext[0]! ^= 0x01;
    other.prepare('UPDATE vault_secrets SET ciphertext = ? WHERE id = ?').run(row.ciphertext, m.id);
    const e = await rejects(() => fx.vault.reveal(m.id), 'integrity', /"db-root"/);
    expect(e.details).toEqual({ id: m.id, name: 'db-root' });
    // The export refuses rather than leave the secret out.
    await rejects(fx.vault.exportVault('export passphrase'), 'integrity', /"db-root"/);
  });

  it('detects two ciphertexts swapped between rows, and a kind changed', async () => {
    fx = await openVault();
    await fx.vault.init(PASS);
    const a = fx.vault.createSecret({ name: 'alpha', kind: 'password', value: 'value-of-alpha' });
    const b = fx.vault.createSecret({ name: 'bravo', kind: 'password', value: 'value-of-bravo' });
    const other = fx.tamper();
    const get = other.prepare('SELECT ciphertext, nonce, tag FROM vault_secrets WHERE id = ?');
    const ra = get.get(a.id) as Record<string, Buffer>;
    const rb = get.get(b.id) as Record<string, Buffer>;
    const put = other.prepare(
      'UPDATE vault_secrets SET ciphertext = @ciphertext, nonce = @nonce, tag = @tag WHERE id = @id',
    );
    put.run({ ...rb, id: a.id });
    put.run({ ...ra, id: b.id });
    await rejects(() => fx.vault.reveal(a.id), 'integrity', /"alpha"/);
    await rejects(() => fx.vault.reveal(b.id), 'integrity', /"bravo"/);
    const c = fx.vault.createSecret({ name: 'charlie', kind: 'password', value: 'value-of-charlie' });
    other.prepare("UPDATE vault_secrets SET kind = 'token' WHERE id = ?").run(c.id);
    await rejects(() => fx.vault.reveal(c.id), 'integrity', /"charlie"/);
  });

  it('treats a damaged wrapped key as a wrong passphrase, never as a partial unlock', async () => {
    fx = await openVault();
    await fx.vault.init(PASS);
    fx.vault.lock();
    const other = fx.tamper();
    const m = other.prepare('SELECT wrapped_dek FROM vault_meta').get() as { wrapped_dek: Buffer };
    m.wrapped_dek[5]! ^= 0x80;
    other.prepare('UPDATE vault_meta SET wrapped_dek = ?').run(m.wrapped_dek);
    await rejects(fx.vault.unlock(PASS), 'forbidden', /wrong passphrase/);
    expect(fx.vault.isUnlocked()).toBe(false);
  });
});

describe('passphrase change', () => {
  it('re-wraps the data key only: secret rows stay byte-identical and still open', async () => {
    fx = await openVault();
    await fx.vault.init(PASS);
    const m = fx.vault.createSecret({ name: 'a', kind: 'password', value: 'the value' });
    const rows = () => fx.db.prepare('SELECT * FROM vault_secrets ORDER BY id').all();
    const metaRow = () => fx.db.prepare('SELECT salt, wrapped_dek FROM vault_meta').get() as Record<string, Buffer>;
    const before = rows();
    const metaBefore = metaRow();
    await rejects(fx.vault.changePassphrase('wrong wrong wrong', 'a brand new passphrase'), 'forbidden');
    await fx.vault.changePassphrase(PASS, 'a brand new passphrase');
    expect(rows()).toEqual(before);
    expect(metaRow().salt.equals(metaBefore.salt!)).toBe(false);
    expect(metaRow().wrapped_dek.equals(metaBefore.wrapped_dek!)).toBe(false);
    fx.vault.lock();
    await rejects(fx.vault.unlock(PASS), 'forbidden', /wrong passphrase/);
    await fx.vault.unlock('a brand new passphrase');
    expect(fx.vault.reveal(m.id).value).toBe('the value');
  });
});

describe('auto-lock', () => {
  it('locks after the idle time by the clock, audits it, and never when set to 0', async () => {
    fx = await openVault();
    await fx.vault.init(PASS);
    const m = fx.vault.createSecret({ name: 'a', kind: 'password', value: 'v' });
    const start = fx.clock.t;
    expect(fx.vault.status().autoLockAt).toBe(start + 15 * 60_000);
    fx.clock.t += 10 * 60_000;
    fx.vault.reveal(m.id); // use pushes the deadline
    fx.clock.t += 10 * 60_000;
    expect(fx.vault.checkIdle()).toBe(false);
    const dek = fx.deks.at(-1)!;
    fx.clock.t += 5 * 60_000;
    expect(fx.vault.checkIdle()).toBe(true);
    expect(fx.vault.isUnlocked()).toBe(false);
    expect(dek.every((b) => b === 0)).toBe(true);
    expect(fx.events.at(-1)).toMatchObject({ unlocked: false, autoLockAt: null });
    const entries = fx.db.prepare('SELECT actor, action, outcome, details FROM audit_log').all();
    expect(entries).toEqual([
      { actor: 'opsroom', action: 'vault.autoLock', outcome: 'ok', details: '{"idleMinutes":15}' },
    ]);

    fx.minutes.value = 0;
    await fx.vault.unlock(PASS);
    expect(fx.vault.status().autoLockAt).toBeNull();
    fx.clock.t += 10_000 * 60_000;
    expect(fx.vault.checkIdle()).toBe(false);
    expect(fx.vault.isUnlocked()).toBe(true);
  });
});

describe('secrets', () => {
  it('refuses duplicate names, renames, replaces keeping the id', async () => {
    fx = await openVault();
    await fx.vault.init(PASS);
    const a = fx.vault.createSecret({ name: 'Alpha', kind: 'password', value: 'one' });
    await rejects(() => fx.vault.createSecret({ name: 'alpha', kind: 'token', value: 'x' }), 'conflict');
    fx.clock.t += 1000;
    const r = fx.vault.replaceSecret({ id: a.id, value: 'two' });
    expect(r.id).toBe(a.id);
    expect(r.updatedAt).toBe(a.createdAt + 1000);
    expect(fx.vault.reveal(a.id).value).toBe('two');
    const u = fx.vault.updateSecret({ id: a.id, name: 'Beta', notes: 'rotated' });
    expect(u).toMatchObject({ name: 'Beta', notes: 'rotated' });
    expect(fx.vault.reveal(a.id).value).toBe('two');
    await rejects(() => fx.vault.reveal('nope'), 'not_found');
    await rejects(
      () => fx.vault.createSecret({ name: 'p', kind: 'password', value: 'x', keyPassphrase: 'k' }),
      'bad_input',
    );
  });

  it('refuses a value that is not a key, and a wrong key passphrase, when the kind is ssh-key', async () => {
    fx = await openVault();
    await fx.vault.init(PASS);
    await rejects(
      () => fx.vault.createSecret({ name: 'k', kind: 'ssh-key', value: 'hello' }),
      'bad_input',
      /not an SSH private key/,
    );
    const key = sshKeygen(fx.dir, 'k1', 'ed25519', { passphrase: 'right-pass' });
    await rejects(
      () => fx.vault.createSecret({ name: 'k', kind: 'ssh-key', value: key.text, keyPassphrase: 'wrong-pass' }),
      'bad_input',
      /passphrase is wrong/,
    );
    // Without the passphrase the fingerprint still comes from the clear public half.
    const m = fx.vault.createSecret({ name: 'k', kind: 'ssh-key', value: key.text });
    expect(m).toMatchObject({ fingerprint: key.fingerprint, hasPassphrase: false, keyType: 'ssh-ed25519' });
    expect(fx.vault.listSecrets()).toHaveLength(1);
  });

  it('imports a key file (with ~), refuses big files and non-keys, and reuses a key met twice', async () => {
    fx = await openVault();
    await fx.vault.init(PASS);
    const key = sshKeygen(fx.dir, 'id_ecdsa', 'ecdsa');
    const home = process.env.HOME;
    process.env.HOME = fx.dir;
    try {
      const m = await fx.vault.importKeyFile('~/id_ecdsa');
      expect(m).toMatchObject({ name: 'id_ecdsa', kind: 'ssh-key', fingerprint: key.fingerprint });
      expect((await fx.vault.importKeyFile(key.file)).id).toBe(m.id);
      const named = await fx.vault.importKeyFile(key.file, 'second copy');
      expect(named.id).not.toBe(m.id);
    } finally {
      process.env.HOME = home;
    }
    const big = path.join(fx.dir, 'big');
    fs.writeFileSync(big, Buffer.alloc(1024 * 1024 + 1, 0x41));
    await rejects(fx.vault.importKeyFile(big), 'bad_input', /at most 1 MiB/);
    fs.writeFileSync(path.join(fx.dir, 'notes.txt'), 'just text');
    await rejects(fx.vault.importKeyFile(path.join(fx.dir, 'notes.txt')), 'bad_input', /not an SSH private key/);
    await rejects(fx.vault.importKeyFile(path.join(fx.dir, 'missing')), 'not_found');
    await rejects(fx.vault.importKeyFile(fx.dir), 'bad_input', /not a file/);
  });

  it('reports users, refuses deleting a used secret (up to 5 names), and detaches with force', async () => {
    const users = Array.from({ length: 7 }, (_, i) => ({ id: `ci-${i}`, name: `host-${i}` }));
    const detached: string[] = [];
    let used = true;
    let target = '';
    fx = await openVault({
      usage: {
        usedBy: (ids) => new Map(ids.map((id) => [id, used && id === target ? users : []])),
        detach: (id, ctx) => (
          detached.push(`${id} by ${ctx?.actor} ref ${ctx?.auditRef}`),
          (used = false),
          users.length
        ),
      },
    });
    await fx.vault.init(PASS);
    const m = fx.vault.createSecret({ name: 'shared-key', kind: 'password', value: 'v' });
    target = m.id;
    const other = fx.vault.createSecret({ name: 'free', kind: 'password', value: 'v' });
    expect(fx.vault.describe(m.id)?.usedBy).toHaveLength(7);
    expect(fx.vault.describe(other.id)?.usedBy).toEqual([]);
    const e = await rejects(
      () => fx.vault.deleteSecret(m.id),
      'conflict',
      /host-0, host-1, host-2, host-3, host-4 and 2 more/,
    );
    expect(e.message).not.toContain('host-5');
    // Through the router, as the UI does: the CI history gets the call's actor and audit seq.
    const r = await fx.router.call(
      'vault.secrets.delete',
      { id: m.id, force: true },
      { actor: 'alice', via: 'internal' },
    );
    expect(r).toEqual({ ok: true, result: { deleted: m.id, detachedFrom: 7 } });
    expect(detached).toEqual([expect.stringMatching(new RegExp(`^${m.id} by alice ref \\d+$`))]);
    expect(fx.vault.describe(m.id)).toBeNull();
    expect(fx.vault.deleteSecret(other.id)).toEqual({ deleted: other.id, detachedFrom: 0 });
  });
});
