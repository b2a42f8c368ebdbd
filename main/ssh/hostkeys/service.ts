import type { KnownHost, PendingHostKey } from '../../../shared/api/ssh';
import { OpsError } from '../../../shared/api/errors';
import type { Logger } from '../../applog/types';
import type { AuditAppend } from '../../audit/audit-log';
import type { Clock } from '../../clock';
import type { EventBus } from '../../rpc/events';
import type { Db } from '../../store/migration';
import { fingerprintOf } from '../../security/ssh-fingerprint';
import { blobKeyType } from '../known-hosts/key-blob';
import { verdictFor } from '../known-hosts/lookup';
import type { SshFailure } from '../types';
import { PendingKeys } from './pending';
import { KnownHostsStore, toEntry, toKnownHost } from './store';
import { exportKnownHosts, importKnownHosts, type ImportReport } from './transfer';
import type { HostKeyCheck, HostKeyDecision, HostKeyGate } from './types';

export interface HostKeyServiceOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: { append(e: AuditAppend): unknown };
  bus?: Pick<EventBus, 'publish'>;
  /** how long a 'wait'-mode connection waits for a person (default 120 s) */
  waitTimeoutMs?: number;
  /** how long an "accept once" allowance stays usable (default 10 min) */
  onceTtlMs?: number;
}

/**
 * Host-key trust: the gate every connection passes before authenticating,
 * and the review actions (accept, reject, replace, import, export). A key is
 * never skipped: trusted keys pass, revoked and changed keys are refused, and
 * unknown keys wait for a person (interactive) or are held back (batch).
 */
export class HostKeyService implements HostKeyGate {
  readonly store: KnownHostsStore;
  private readonly pending = new PendingKeys();
  /** "accept once": host:port:fingerprint → expiry; consumed by the next connection */
  private readonly once = new Map<string, number>();
  private readonly log: Logger;

  constructor(private readonly o: HostKeyServiceOptions) {
    this.store = new KnownHostsStore(o.db);
    this.log = o.logger.child('ssh.hostkeys');
  }

  async check(c: HostKeyCheck): Promise<HostKeyDecision> {
    const fingerprint = fingerprintOf(c.key);
    const keyType = blobKeyType(c.key) ?? 'unknown';
    const where = `${c.ci.name} (${hostPort(c.host, c.port)})`;
    const rows = this.store.relevant(c.host, c.port, c.key.toString('base64'));
    const verdict = verdictFor(rows.map(toEntry), c.host, c.port, c.key);

    if (verdict.status === 'trusted') return { ok: true };
    if (verdict.status === 'revoked') {
      return fail(
        'hostkey-changed',
        `The host key ${fingerprint} presented by ${where} is revoked; nothing was sent. The server must get a new key.`,
      );
    }
    if (verdict.status === 'changed') {
      const known = verdict.known[0]!.fingerprint;
      const e = this.pending.upsert({
        host: c.host,
        port: c.port,
        keyType,
        fingerprint,
        reason: 'changed',
        knownFingerprint: known,
        ci: c.ci,
        now: this.o.clock.now(),
        keyBlob: c.key,
      });
      this.o.audit.append({
        actor: c.actor,
        action: 'ssh.hostkey.changed',
        target: hostPort(c.host, c.port),
        outcome: 'denied',
        details: { host: c.host, port: c.port, ciId: c.ci.id, keyType, presented: fingerprint, known },
      });
      this.log.warn('host key changed: refused', { host: c.host, port: c.port, presented: fingerprint, known });
      this.o.bus?.publish('ssh.hostkeys.pending', e.view);
      return fail(
        'hostkey-changed',
        `The host key of ${where} has CHANGED — possible man-in-the-middle. It now presents ${fingerprint}, ` +
          `but ${known} is on record. Nothing was sent. If the change is expected, replace the key in Known hosts.`,
      );
    }

    // Unknown key.
    const onceKey = `${c.host.toLowerCase()}:${c.port}:${fingerprint}`;
    const until = this.once.get(onceKey);
    if (until !== undefined) {
      this.once.delete(onceKey);
      if (until > this.o.clock.now()) return { ok: true };
    }
    const e = this.pending.upsert({
      host: c.host,
      port: c.port,
      keyType,
      fingerprint,
      reason: 'unknown',
      knownFingerprint: null,
      ci: c.ci,
      now: this.o.clock.now(),
      keyBlob: c.key,
    });
    this.o.bus?.publish('ssh.hostkeys.pending', e.view);
    if (c.mode === 'hold') {
      return fail(
        'hostkey-held',
        `The host key of ${where} is not known yet (${keyType} ${fingerprint}); review it in Known hosts before connecting.`,
      );
    }
    return this.waitFor(e.waiters, c, where, fingerprint);
  }

  private waitFor(
    waiters: Set<(d: HostKeyDecision) => void>,
    c: HostKeyCheck,
    where: string,
    fingerprint: string,
  ): Promise<HostKeyDecision> {
    const waitMs = this.o.waitTimeoutMs ?? 120_000;
    return new Promise<HostKeyDecision>((resolve) => {
      const settle = (d: HostKeyDecision) => {
        waiters.delete(settle);
        clearTimeout(timer);
        c.signal?.removeEventListener('abort', onAbort);
        c.onWait?.(false);
        resolve(d);
      };
      const onAbort = () =>
        settle(fail('cancelled', `Connecting to ${where} was cancelled while its host key waited for review.`));
      const timer = setTimeout(
        () =>
          settle(
            fail(
              'hostkey-held',
              `Nobody accepted the host key ${fingerprint} of ${where} within ${Math.round(waitMs / 1000)} s; it waits in Known hosts.`,
            ),
          ),
        waitMs,
      );
      waiters.add(settle);
      c.onWait?.(true);
      if (c.signal?.aborted) onAbort();
      else c.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  // ---- review actions ---------------------------------------------------

  list(host?: string): { known: KnownHost[]; pending: PendingHostKey[] } {
    const needle = host?.toLowerCase();
    const known = this.store
      .all()
      .filter((r) => !needle || r.host.includes(needle))
      .map(toKnownHost);
    return { known, pending: this.pending.list(host) };
  }

  accept(ids: string[], remember: boolean, actor: string): { accepted: number } {
    let accepted = 0;
    for (const id of ids) {
      const e = this.pending.get(id);
      if (!e) continue;
      if (e.view.reason === 'changed') {
        throw new OpsError(
          'conflict',
          `The key of ${hostPort(e.view.host, e.view.port)} replaces a different recorded key (possible man-in-the-middle); use Replace, with a reason, if the change is expected.`,
          { id },
        );
      }
      this.pending.take(id);
      if (remember) {
        this.store.insert({
          host: e.view.host.toLowerCase(),
          port: e.view.port,
          key_type: e.view.keyType,
          key_blob: e.keyBlob.toString('base64'),
          fingerprint: e.view.fingerprint,
          accepted_by: actor,
          accepted_at: this.o.clock.now(),
          source: 'prompt',
          revoked: 0,
          comment: '',
        });
      } else if (e.waiters.size === 0) {
        const ttl = this.o.onceTtlMs ?? 10 * 60_000;
        this.once.set(`${e.view.host.toLowerCase()}:${e.view.port}:${e.view.fingerprint}`, this.o.clock.now() + ttl);
      }
      for (const w of [...e.waiters]) w({ ok: true });
      accepted++;
      this.log.info('host key accepted', {
        host: e.view.host,
        port: e.view.port,
        fingerprint: e.view.fingerprint,
        remember,
      });
    }
    return { accepted };
  }

  reject(ids: string[], actor: string): { rejected: number } {
    let rejected = 0;
    for (const id of ids) {
      const e = this.pending.take(id);
      if (!e) continue;
      const d = fail(
        'hostkey-held',
        `The host key ${e.view.fingerprint} of ${hostPort(e.view.host, e.view.port)} was rejected by ${actor}.`,
      );
      for (const w of [...e.waiters]) w(d);
      rejected++;
    }
    return { rejected };
  }

  /** The deliberate answer to a changed key: the old record goes, the new one is stored with the reason. */
  replace(pendingId: string, reason: string, actor: string): KnownHost {
    const e = this.pending.get(pendingId);
    if (!e)
      throw new OpsError(
        'not_found',
        'That pending host key is gone; connect again to see the key the host presents now.',
        { pendingId },
      );
    if (e.view.reason !== 'changed') {
      throw new OpsError('conflict', 'Only a changed key can be replaced; accept an unknown key instead.', {
        pendingId,
      });
    }
    const row = this.store.transaction(() => {
      for (const old of this.store.trustedOfType(e.view.host, e.view.port, e.view.keyType)) this.store.delete(old.id);
      return this.store.insert({
        host: e.view.host.toLowerCase(),
        port: e.view.port,
        key_type: e.view.keyType,
        key_blob: e.keyBlob.toString('base64'),
        fingerprint: e.view.fingerprint,
        accepted_by: actor,
        accepted_at: this.o.clock.now(),
        source: 'replace',
        revoked: 0,
        comment: reason.replace(/[\r\n]+/g, ' ').trim(),
      }).row;
    });
    this.pending.take(pendingId);
    this.log.warn('host key replaced', { host: e.view.host, port: e.view.port, fingerprint: e.view.fingerprint });
    return toKnownHost(row);
  }

  remove(id: string): { removed: string } {
    if (!this.store.delete(id))
      throw new OpsError('not_found', 'That known host key is not on record (any more).', { id });
    return { removed: id };
  }

  import(content: string, actor: string): ImportReport {
    return importKnownHosts(this.store, content, { actor, now: this.o.clock.now() });
  }

  export(hashed: boolean): { content: string; count: number } {
    return exportKnownHosts(this.store.all(), hashed);
  }

  /** App close: connections still waiting on a person give up. */
  close(): void {
    this.pending.settleAll(fail('cancelled', 'Opsroom is closing.'));
  }
}

export function hostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function fail(state: SshFailure['state'], message: string): HostKeyDecision {
  return { ok: false, failure: { state, message } };
}
