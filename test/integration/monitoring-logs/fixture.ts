import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { hostString } from '../../../main/ssh/known-hosts/matcher';
import type { Ci } from '../../../shared/api/cmdb-model';
import type { LogEntry, LogSource } from '../../../shared/api/monitoring-logs';
import { startSshLab, type SshLab } from '../../support/ssh-e2e';
import { LAB_USER, type LabSshd } from '../../support/sshd-lab';
import { openLogsApp, type LogsApp } from '../../unit/monitoring-logs/helpers';
import type { LogsOptions } from '../../../main/monitoring/logs/service';

export interface LogsLab {
  lab: SshLab;
  f: LogsApp;
  /** host CIs, one per sshd, with the lab key from the vault and a trusted host key */
  hosts: Ci[];
  /** a directory the lab user can read, for log files and journal copies */
  dir: string;
  /** every 'monitoring.logs.lines' payload published */
  tail: { sourceId: string; entries: LogEntry[] }[];
  source(input: Record<string, unknown>): Promise<LogSource>;
  pull(id: string): Promise<LogSource>;
  search(input: Record<string, unknown>): Promise<{ entries: LogEntry[]; total: number }>;
  stop(): Promise<void>;
}

/**
 * The real app on a temp workspace with an unlocked vault holding the lab key,
 * a host CI per real sshd (logging in as the lab user) and those host keys
 * trusted, as a person would set it up. `untrusted` extra servers get CIs
 * whose host keys are not known.
 */
export async function startLogsLab(o: { options?: LogsOptions; untrusted?: number } = {}): Promise<LogsLab> {
  const trusted = 1;
  const lab = await startSshLab(trusted + (o.untrusted ?? 0));
  const f = openLogsApp({ now: Date.now(), options: o.options });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-logs-lab-'));
  fs.chmodSync(dir, 0o755);
  try {
    await f.call('vault.init', { passphrase: 'correct horse battery staple' });
    const secret = await f.call<{ id: string }>('vault.secrets.create', {
      name: 'lab key',
      kind: 'ssh-key',
      value: lab.key.privateKey,
    });
    const hosts: Ci[] = [];
    for (const [i, s] of lab.servers.entries()) {
      hosts.push(
        await f.addHost(i < trusted ? `web-0${i + 1}` : `stranger-0${i}`, {
          address: s.address,
          port: s.port,
          user: LAB_USER,
          credentialId: secret.id,
          jumpHostId: null,
        }),
      );
      if (i < trusted) trust(f, s);
    }
    const tail: LogsLab['tail'] = [];
    f.app.bus.subscribe('monitoring.logs.lines', (p) => tail.push(p));
    return {
      lab,
      f,
      hosts,
      dir,
      tail,
      source: (input) => f.call<LogSource>('monitoring.logs.sources.save', input),
      pull: async (id) => (await f.call<LogSource[]>('monitoring.logs.pull', { sourceIds: [id] }))[0]!,
      search: (input) => f.call('monitoring.logs.search', input),
      async stop() {
        await f.close();
        await lab.stop();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await f.close();
    await lab.stop();
    throw e;
  }
}

function trust(f: LogsApp, s: LabSshd): void {
  const r = f.app.services.ssh.hostKeys.import(`${hostString(s.address, s.port)} ${s.hostPublicKey}\n`, 'test');
  if (r.imported !== 1) throw new Error(`could not trust ${s.address}:${s.port}: ${JSON.stringify(r)}`);
}

/** A file the lab user can read (and root writes). */
export function labFile(dir: string, name: string, content: string | Buffer, mode = 0o644): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  fs.chmodSync(p, mode);
  return p;
}
