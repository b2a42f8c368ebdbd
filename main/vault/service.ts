import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { OpsError } from '../../shared/api/errors';
import type { SecretKind, SecretMeta, VaultStatus } from '../../shared/api/vault';
import type { Logger } from '../applog/types';
import type { Clock } from '../clock';
import type { NewSecret, UsageContext, VaultServiceOptions } from './options';
import { CHECK_AAD, CHECK_PLAINTEXT, VAULT_FORMAT_VERSION, newDataKey, unwrapDataKey, wrapDataKey } from './crypto';
import { decodeExport, encodeExport } from './export-format';
import { collectForExport, planImport, uniqueName, type ImportCounts, type OnConflict } from './transfer';
import { HeldKey } from './held-key';
import { defaultKdfParams, deriveKey, headerKdfParams, newSalt, type KdfParams } from './kdf';
import { readKeyFile } from './key-file';
import { unavailableRememberer, type Rememberer } from './rememberer';
import { VaultRows, toMeta, type MetaOnly, type MetaRow, type SecretRow } from './rows';
import { open, seal } from './seal';
import { openSecret, sealSecret, type Revealed } from './secret-box';
import { inspectPrivateKey } from './ssh-key';

export type { NewSecret, UsageContext, VaultServiceOptions, VaultUsage } from './options';
export type { Revealed } from './secret-box';

/**
 * The credential vault. The data key lives only in `held` while unlocked and
 * is zeroed on lock; every secret is sealed under it with its id and kind as
 * associated data, so a row cannot be tampered with or moved unnoticed.
 */
export class VaultService {
  private readonly rows: VaultRows;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly rememberer: Rememberer;
  private readonly kdfParams: KdfParams;
  private readonly held: HeldKey;
  private publishedAutoLockAt: number | null = null;

  constructor(private readonly opts: VaultServiceOptions) {
    this.rows = new VaultRows(opts.db);
    this.clock = opts.clock;
    this.log = opts.logger.child('vault');
    this.rememberer = opts.rememberer ?? unavailableRememberer();
    this.kdfParams = opts.kdfParams ?? defaultKdfParams;
    this.held = new HeldKey(
      opts.clock,
      () => opts.autoLockMinutes(),
      () => this.checkIdle(),
    );
  }

  // ── state ────────────────────────────────────────────────────────────

  isUnlocked(): boolean {
    return this.held.current !== null;
  }

  status(): VaultStatus {
    const meta = this.rows.meta();
    const avail = this.rememberer.availability();
    return {
      initialized: Boolean(meta),
      unlocked: this.isUnlocked(),
      secrets: meta ? this.rows.count() : 0,
      autoLockAt: this.held.autoLockAt(),
      remember: { ...avail, remembered: meta ? this.rememberer.has(meta.vault_id) : false },
      kdf: meta ? { name: meta.kdf_name, params: { ...headerKdfParams(meta.kdf_params) } } : null,
      formatVersion: meta ? meta.format_version : null,
    };
  }

  async init(passphrase: string): Promise<VaultStatus> {
    if (this.rows.meta()) throw new OpsError('conflict', 'This workspace already has a vault; unlock it instead.');
    const salt = newSalt();
    const kek = await deriveKey(passphrase, salt, this.kdfParams);
    const dek = newDataKey();
    try {
      const wrapped = wrapDataKey(kek, dek);
      const check = seal(dek, CHECK_PLAINTEXT, CHECK_AAD);
      const now = this.clock.now();
      if (this.rows.meta()) throw new OpsError('conflict', 'This workspace already has a vault; unlock it instead.');
      this.rows.insertMeta({
        vault_id: randomUUID(),
        format_version: VAULT_FORMAT_VERSION,
        kdf_name: 'scrypt',
        kdf_params: JSON.stringify(this.kdfParams),
        salt,
        wrapped_dek: wrapped.ciphertext,
        dek_nonce: wrapped.nonce,
        dek_tag: wrapped.tag,
        check_ciphertext: check.ciphertext,
        check_nonce: check.nonce,
        check_tag: check.tag,
        created_at: now,
        updated_at: now,
      });
    } catch (e) {
      dek.fill(0);
      throw e;
    } finally {
      kek.fill(0);
    }
    this.log.info('vault created', { kdf: 'scrypt', ...this.kdfParams });
    this.setUnlocked(dek);
    return this.status();
  }

  async unlock(passphrase: string, remember = false): Promise<VaultStatus> {
    const meta = this.requireMeta();
    if (remember) {
      const a = this.rememberer.availability();
      if (!a.available) throw new OpsError('unavailable', `This device cannot remember the unlock: ${a.reason}`);
    }
    const dek = await this.unwrapWith(meta, passphrase);
    try {
      this.verifyCheck(meta, dek);
      if (remember) this.rememberer.save(meta.vault_id, dek);
    } catch (e) {
      dek.fill(0);
      throw e;
    }
    this.setUnlocked(dek);
    this.log.info('vault unlocked', { remembered: remember });
    return this.status();
  }

  unlockRemembered(): VaultStatus {
    const meta = this.requireMeta();
    const a = this.rememberer.availability();
    if (!a.available) throw new OpsError('unavailable', a.reason);
    const dek = this.rememberer.load(meta.vault_id);
    if (!dek) throw new OpsError('not_found', 'No unlock is remembered on this device: unlock with your passphrase.');
    try {
      this.verifyCheck(meta, dek);
    } catch {
      dek.fill(0);
      this.rememberer.forget(meta.vault_id);
      throw new OpsError(
        'forbidden',
        'The remembered key no longer opens this vault; it was forgotten. Unlock with your passphrase.',
      );
    }
    this.setUnlocked(dek);
    this.log.info('vault unlocked from the remembered key');
    return this.status();
  }

  forget(): VaultStatus {
    const meta = this.rows.meta();
    if (meta) this.rememberer.forget(meta.vault_id);
    this.publish();
    return this.status();
  }

  lock(reason: 'manual' | 'auto' | 'close' | 'restore' = 'manual'): VaultStatus {
    if (this.held.drop()) this.log.info('vault locked', { reason });
    this.publish();
    return this.status();
  }

  async changePassphrase(current: string, next: string): Promise<VaultStatus> {
    const meta = this.requireMeta();
    const dek = await this.unwrapWith(meta, current);
    const salt = newSalt();
    const kek = await deriveKey(next, salt, this.kdfParams);
    try {
      // The data key stays the same, so no secret row is touched.
      this.rows.rewrap(this.kdfParams, salt, wrapDataKey(kek, dek), this.clock.now());
    } finally {
      kek.fill(0);
      dek.fill(0);
    }
    this.log.info('vault passphrase changed');
    if (this.held.current) this.touch();
    this.publish();
    return this.status();
  }

  /** Called by the idle timer; tests call it after moving a fake clock. */
  checkIdle(): boolean {
    const at = this.held.autoLockAt();
    if (at === null || this.clock.now() < at) return false;
    const minutes = this.opts.autoLockMinutes();
    this.lock('auto');
    try {
      this.opts.audit?.append({
        actor: 'opsroom',
        action: 'vault.autoLock',
        target: 'vault',
        outcome: 'ok',
        details: { idleMinutes: minutes },
      });
    } catch (e) {
      this.log.error('could not audit the auto-lock', { error: String(e) });
    }
    return true;
  }

  /** On app shutdown: zero the key and stop the timer; nobody is left to tell. */
  close(): void {
    this.held.drop();
  }

  // ── secrets ──────────────────────────────────────────────────────────

  listSecrets(kind?: SecretKind): SecretMeta[] {
    return this.withUsage(this.rows.list(kind));
  }

  describe(id: string): SecretMeta | null {
    const row = this.rows.get(id);
    return row ? this.withUsage([toMeta(row)])[0]! : null;
  }

  createSecret(s: NewSecret): SecretMeta {
    const dek = this.requireKey('add a secret');
    const name = s.name.trim();
    this.assertNameFree(name);
    const id = randomUUID();
    this.rows.insert(
      sealSecret(
        dek,
        { id, name, kind: s.kind, notes: s.notes ?? '', value: s.value, keyPassphrase: s.keyPassphrase },
        this.clock.now(),
      ),
    );
    this.log.info('secret added', { id, kind: s.kind });
    this.publish();
    return this.describe(id)!;
  }

  async importKeyFile(file: string, name?: string, keyPassphrase?: string): Promise<SecretMeta> {
    this.requireKey('import a key file');
    const { path: full, text: value } = await readKeyFile(file);
    const info = inspectPrivateKey(value, keyPassphrase);
    if (name === undefined) {
      // The same key met again (e.g. two hosts with one IdentityFile) is the same secret.
      const same = this.rows.list('ssh-key').find((m) => m.fingerprint === info.fingerprint);
      if (same) return this.describe(same.id)!;
    }
    const finalName = name?.trim() || uniqueName(path.basename(full), (n) => Boolean(this.rows.byName(n)));
    return this.createSecret({ name: finalName, kind: 'ssh-key', value, keyPassphrase });
  }

  replaceSecret(r: { id: string; value: string; keyPassphrase?: string }): SecretMeta {
    const dek = this.requireKey('replace a secret');
    const row = this.requireRow(r.id);
    this.rows.replace(sealSecret(dek, { ...row, value: r.value, keyPassphrase: r.keyPassphrase }, this.clock.now()));
    this.log.info('secret replaced', { id: row.id, kind: row.kind });
    this.publish();
    return this.describe(row.id)!;
  }

  updateSecret(u: { id: string; name?: string; notes?: string }): SecretMeta {
    this.requireKey('change a secret');
    const row = this.requireRow(u.id);
    const name = u.name?.trim() ?? row.name;
    if (name.toLowerCase() !== row.name.toLowerCase()) this.assertNameFree(name);
    this.rows.rename(row.id, name, u.notes ?? row.notes, this.clock.now());
    this.publish();
    return this.describe(row.id)!;
  }

  deleteSecret(id: string, force = false, ctx?: UsageContext): { deleted: string; detachedFrom: number } {
    this.requireKey('delete a secret');
    const row = this.requireRow(id);
    const users = this.opts.usage?.usedBy([id]).get(id) ?? [];
    if (users.length && !force) {
      const shown = users.slice(0, 5).map((u) => u.name);
      const more = users.length > 5 ? ` and ${users.length - 5} more` : '';
      throw new OpsError(
        'conflict',
        `The secret "${row.name}" is used by ${shown.join(', ')}${more}. Delete with force to clear their credential.`,
        { usedBy: users.slice(0, 5) },
      );
    }
    let detached = 0;
    this.opts.db.transaction(() => {
      if (users.length) detached = this.opts.usage?.detach(id, ctx) ?? 0;
      this.rows.delete(id);
    })();
    this.log.info('secret deleted', { id, detached });
    this.publish();
    return { deleted: id, detachedFrom: detached };
  }

  /** For main-process services that need the value itself (sessions, kubeconfigs); never a contract call. */
  reveal(id: string): Revealed {
    const dek = this.requireKey('use a secret');
    const row = this.requireRow(id);
    return openSecret(dek, row);
  }

  async exportVault(exportPassphrase: string): Promise<{ fileName: string; content: string; secrets: number }> {
    const dek = this.requireKey('export it');
    const secrets = collectForExport(dek, this.rows.all());
    const now = this.clock.now();
    const content = await encodeExport(secrets, exportPassphrase, this.kdfParams, now);
    const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    this.log.info('vault exported', { secrets: secrets.length });
    return { fileName: `opsroom-vault-${stamp}.opsvault`, content, secrets: secrets.length };
  }

  async importVault(content: string, exportPassphrase: string, onConflict: OnConflict = 'skip'): Promise<ImportCounts> {
    this.requireKey('import secrets');
    const incoming = await decodeExport(content, exportPassphrase);
    const dek = this.requireKey('import secrets');
    const { writes, counts } = planImport(dek, incoming, onConflict, { rows: this.rows.all(), now: this.clock.now() });
    this.opts.db.transaction(() => {
      for (const w of writes) {
        if (w.replace) this.rows.replace(w.write);
        else this.rows.insert(w.write);
      }
    })();
    this.log.info('vault imported', { ...counts, onConflict });
    this.publish();
    return counts;
  }

  // ── internals ────────────────────────────────────────────────────────

  private async unwrapWith(meta: MetaRow, passphrase: string): Promise<Buffer> {
    const kek = await deriveKey(passphrase, meta.salt, headerKdfParams(meta.kdf_params));
    try {
      return unwrapDataKey(kek, { ciphertext: meta.wrapped_dek, nonce: meta.dek_nonce, tag: meta.dek_tag });
    } catch (e) {
      this.log.warn('vault passphrase refused');
      throw e;
    } finally {
      kek.fill(0);
    }
  }

  private verifyCheck(meta: MetaRow, dek: Buffer): void {
    open(
      dek,
      { ciphertext: meta.check_ciphertext, nonce: meta.check_nonce, tag: meta.check_tag },
      CHECK_AAD,
      () => new OpsError('integrity', 'The vault key check failed: the vault header was altered.'),
    );
  }

  private requireMeta(): MetaRow {
    const meta = this.rows.meta();
    if (!meta) throw new OpsError('not_found', 'This workspace has no vault yet: create one with a master passphrase.');
    if (meta.format_version > VAULT_FORMAT_VERSION) {
      throw new OpsError(
        'too_new',
        `This vault has format version ${meta.format_version}; this Opsroom reads up to ${VAULT_FORMAT_VERSION}.`,
      );
    }
    return meta;
  }

  private requireKey(action: string): Buffer {
    const dek = this.held.current;
    if (!dek) {
      if (!this.rows.meta()) this.requireMeta();
      throw new OpsError('locked', `The vault is locked: unlock it with your master passphrase to ${action}.`);
    }
    this.touch();
    return dek;
  }

  private requireRow(id: string): SecretRow {
    const row = this.rows.get(id);
    if (!row) throw new OpsError('not_found', `There is no secret with id ${id}.`, { id });
    return row;
  }

  private assertNameFree(name: string): void {
    if (this.rows.byName(name)) throw new OpsError('conflict', `A secret named "${name}" already exists.`, { name });
  }

  private withUsage(list: MetaOnly[]): SecretMeta[] {
    const used = this.opts.usage?.usedBy(list.map((m) => m.id));
    return list.map((m) => ({ ...m, usedBy: used?.get(m.id) ?? [] }));
  }

  private setUnlocked(dek: Buffer): void {
    this.held.hold(dek);
    this.opts.testHooks?.onDataKey?.(dek);
    this.publish();
  }

  private touch(): void {
    this.held.touch();
    const at = this.held.autoLockAt();
    // Tell watchers when the deadline moved noticeably, not on every use.
    if (at !== null && (this.publishedAutoLockAt === null || Math.abs(at - this.publishedAutoLockAt) >= 60_000))
      this.publish();
  }

  private publish(): void {
    if (!this.opts.bus) return;
    const s = this.status();
    this.publishedAutoLockAt = s.autoLockAt;
    this.opts.bus.publish('vault.status', s);
  }
}
