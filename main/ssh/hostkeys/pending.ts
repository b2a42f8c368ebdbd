import { createHash } from 'node:crypto';
import type { CiRef } from '../../../shared/api/cmdb-model';
import type { PendingHostKey } from '../../../shared/api/ssh';
import type { HostKeyDecision } from './types';

export interface PendingEntry {
  view: PendingHostKey;
  keyBlob: Buffer;
  /** connections in 'wait' mode blocked on this key's decision */
  waiters: Set<(d: HostKeyDecision) => void>;
}

/**
 * Keys waiting for review, in memory: they only matter while Opsroom runs
 * (a restart asks again). The id is derived from host, port and fingerprint,
 * so a key seen again refreshes its entry instead of adding another.
 */
export class PendingKeys {
  private readonly byId = new Map<string, PendingEntry>();

  static idOf(host: string, port: number, fingerprint: string): string {
    return createHash('sha256').update(`${host.toLowerCase()}\0${port}\0${fingerprint}`).digest('hex').slice(0, 20);
  }

  upsert(
    p: Omit<PendingHostKey, 'id' | 'cis' | 'firstSeenAt'> & { ci: CiRef; now: number; keyBlob: Buffer },
  ): PendingEntry {
    const id = PendingKeys.idOf(p.host, p.port, p.fingerprint);
    let e = this.byId.get(id);
    if (!e) {
      e = {
        view: {
          id,
          host: p.host,
          port: p.port,
          keyType: p.keyType,
          fingerprint: p.fingerprint,
          reason: p.reason,
          knownFingerprint: p.knownFingerprint,
          firstSeenAt: p.now,
          cis: [],
        },
        keyBlob: p.keyBlob,
        waiters: new Set(),
      };
      this.byId.set(id, e);
    }
    // 'changed' outranks 'unknown' (the record may have been replaced meanwhile).
    e.view.reason = p.reason;
    e.view.knownFingerprint = p.knownFingerprint;
    if (!e.view.cis.some((c) => c.id === p.ci.id)) e.view.cis.push(p.ci);
    return e;
  }

  get(id: string): PendingEntry | undefined {
    return this.byId.get(id);
  }

  take(id: string): PendingEntry | undefined {
    const e = this.byId.get(id);
    if (e) this.byId.delete(id);
    return e;
  }

  list(host?: string): PendingHostKey[] {
    const all = [...this.byId.values()].map((e) => e.view);
    return host ? all.filter((v) => v.host.toLowerCase().includes(host.toLowerCase())) : all;
  }

  /** Settles every waiter of every entry (app close). */
  settleAll(d: HostKeyDecision): void {
    for (const e of this.byId.values()) for (const w of [...e.waiters]) w(d);
  }
}
