import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../main/app';
import { hostString } from '../../../main/ssh/known-hosts/matcher';
import { OpsError } from '../../../shared/api/errors';
import type { Ci } from '../../../shared/api/cmdb-model';
import type { SecretMeta } from '../../../shared/api/vault';
import { LAB_USER, type LabSshd } from '../../support/sshd-lab';

export const passphrase = 'monitoring lab passphrase';

/** A real app on a temp workspace, driven through its router as the UI would. */
export interface AppFixture {
  dir: string;
  workspacePath: string;
  app: App;
  call<T>(method: string, input?: unknown): Promise<T>;
  close(): Promise<void>;
}

export function openApp(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-promapp-'))): AppFixture {
  const workspacePath = path.join(dir, 'w.sqlite');
  const app = createApp({ workspacePath, logDir: path.join(dir, 'logs'), mode: 'cli' });
  return {
    dir,
    workspacePath,
    app,
    async call<T>(method: string, input?: unknown): Promise<T> {
      const r = await app.router.call(method, input, { actor: 'tester', via: 'internal' });
      if (!r.ok) throw OpsError.from(r.error);
      return r.result as T;
    },
    close: () => app.close(),
  };
}

/** An unlocked vault holding the lab key, and one host CI per lab sshd with its host key trusted. */
export async function seedHosts(
  f: AppFixture,
  privateKey: string,
  hosts: { name: string; server: LabSshd; jumpHostName?: string }[],
): Promise<Record<string, Ci>> {
  await f.call('vault.init', { passphrase });
  const key = await f.call<SecretMeta>('vault.secrets.create', { name: 'lab key', kind: 'ssh-key', value: privateKey });
  const cis: Record<string, Ci> = {};
  for (const h of hosts) {
    cis[h.name] = await f.call<Ci>('cmdb.ci.create', {
      type: 'host',
      name: h.name,
      connection: {
        address: h.server.address,
        port: h.server.port,
        user: LAB_USER,
        credentialId: key.id,
        jumpHostId: h.jumpHostName ? cis[h.jumpHostName]!.id : null,
      },
    });
    await f.call('ssh.hostkeys.import', {
      content: `${hostString(h.server.address, h.server.port)} ${h.server.hostPublicKey}\n`,
    });
  }
  return cis;
}
