import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../main/app';
import type { Clock } from '../../../main/clock';
import { createCollectorPart, type CollectorPart } from '../../../main/monitoring/collector/part';
import type { SampleSink } from '../../../main/monitoring/types';
import { hostString } from '../../../main/ssh/known-hosts/matcher';
import type { Ci } from '../../../shared/api/cmdb-model';
import { LAB_USER, type LabSshd } from '../../support/sshd-lab';
import { startSshLab, type SshLab } from '../../support/ssh-e2e';

/**
 * A real workspace (createApp), its vault unlocked and holding the lab key,
 * one host CI per real sshd on 127.0.0.1 with its host key accepted (unless
 * asked not to), and the SSH collector built on the app's own services.
 */
export interface CollectorLab {
  dir: string;
  app: App;
  lab: SshLab;
  hosts: Ci[];
  call<T>(method: string, input?: unknown): Promise<T>;
  /** a collector part on the app's services, writing to `sink` */
  collector(sink: SampleSink, o?: { maxConcurrent?: number; tickWaitMs?: number }): CollectorPart;
  trust(s: LabSshd): void;
  close(): Promise<void>;
}

export async function openCollectorLab(o: {
  servers: number;
  /** indexes of servers whose host key is NOT accepted */
  untrusted?: number[];
  clock?: Clock;
}): Promise<CollectorLab> {
  const lab = await startSshLab(o.servers);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-collector-it-'));
  const parts: CollectorPart[] = [];
  let app: App | undefined;
  try {
    app = createApp({
      workspacePath: path.join(dir, 'w.opsroom'),
      logDir: path.join(dir, 'logs'),
      mode: 'cli',
      clock: o.clock,
    });
    const a = app;
    const call = async <T>(method: string, input?: unknown): Promise<T> => {
      const r = await a.router.call(method, input, { actor: 'tester', via: 'internal' });
      if (!r.ok) throw Object.assign(new Error(`${method}: ${r.error.message}`), { rpc: r.error });
      return r.result as T;
    };
    await call('vault.init', { passphrase: 'correct horse battery staple' });
    const secret = await call<{ id: string }>('vault.secrets.create', {
      name: 'lab key',
      kind: 'ssh-key',
      value: lab.key.privateKey,
    });
    const hosts: Ci[] = [];
    for (const [i, s] of lab.servers.entries()) {
      hosts.push(
        await call<Ci>('cmdb.ci.create', {
          type: 'host',
          name: `lab-${String(i + 1).padStart(2, '0')}`,
          connection: { address: s.address, port: s.port, user: LAB_USER, credentialId: secret.id, jumpHostId: null },
        }),
      );
    }
    const trust = (s: LabSshd) => {
      const r = a.services.ssh.hostKeys.import(`${hostString(s.address, s.port)} ${s.hostPublicKey}\n`, 'tester');
      if (r.imported !== 1) throw new Error(`could not trust ${s.address}:${s.port}: ${JSON.stringify(r)}`);
    };
    lab.servers.forEach((s, i) => {
      if (!o.untrusted?.includes(i)) trust(s);
    });
    return {
      dir,
      app: a,
      lab,
      hosts,
      call,
      trust,
      collector(sink, extra = {}) {
        const s = a.services;
        const part = createCollectorPart(
          {
            db: s.workspace.db,
            clock: o.clock ?? { now: () => Date.now() },
            bus: a.bus,
            logger: s.logger,
            audit: s.audit,
            cmdb: s.cmdb,
            vault: s.vault,
            jobs: s.jobs,
            settings: s.settings,
            ssh: s.ssh,
          },
          { sink, ...extra },
        );
        parts.push(part);
        return part;
      },
      async close() {
        for (const p of parts) await p.close?.();
        await a.close();
        await lab.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await app?.close();
    await lab.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** sshd's own record of logins: one line per authenticated connection. */
export function loginsOf(s: LabSshd): number {
  return (s.log().match(/Accepted publickey for /g) ?? []).length;
}
