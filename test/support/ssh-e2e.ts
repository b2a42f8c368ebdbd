import type { Ci } from '../../shared/api/cmdb-model';
import type { SecretMeta } from '../../shared/api/vault';
import { sessionCookie } from './http-probe';
import type { ServeProcess } from './serve-process';
import { startSshHosts } from '../../main/lab/hosts';
import { ensureLabUser, LAB_USER, type LabKeyPair, type LabSshd } from './sshd-lab';
import { WsRpc } from './ws-rpc';

export interface SshLab {
  key: LabKeyPair;
  servers: LabSshd[];
  stop(): Promise<void>;
}

/**
 * `count` real sshd on 127.0.0.1, each on its own port with its own host key,
 * all accepting one fresh ed25519 key for the lab user (main/lab/hosts.ts).
 */
export async function startSshLab(count: number): Promise<SshLab> {
  ensureLabUser();
  return startSshHosts(count, { keyComment: 'opsroom-e2e' });
}

export interface LabHostCi {
  ci: Ci;
  server: LabSshd;
}

export interface SeededLab {
  secret: SecretMeta;
  hosts: LabHostCi[];
}

/**
 * Sets a fresh workspace up through the contract, as a script on the web
 * mode's WebSocket would (so the server in use holds the unlocked vault):
 * creates and unlocks the vault, seals the lab key as an ssh-key secret and
 * registers one host CI per lab sshd (address, port, lab user, credential).
 */
export async function seedLabWorkspace(
  serve: ServeProcess,
  lab: SshLab,
  opts: {
    passphrase: string;
    names: (i: number) => string;
    environment: string;
    tags: string[];
  },
): Promise<SeededLab> {
  const cookie = await sessionCookie(serve.port, serve.origin, serve.token);
  const rpc = await WsRpc.connect(serve.port, serve.origin, cookie);
  try {
    const status = await rpc.ok<{ initialized: boolean; unlocked: boolean }>('vault.init', {
      passphrase: opts.passphrase,
    });
    if (!status.unlocked) await rpc.ok('vault.unlock', { passphrase: opts.passphrase });
    const secret = await rpc.ok<SecretMeta>('vault.secrets.create', {
      name: 'lab key',
      kind: 'ssh-key',
      value: lab.key.privateKey,
    });
    const hosts: LabHostCi[] = [];
    for (const [i, server] of lab.servers.entries()) {
      const ci = await rpc.ok<Ci>('cmdb.ci.create', {
        type: 'host',
        name: opts.names(i),
        environment: opts.environment,
        tags: opts.tags,
        connection: {
          address: server.address,
          port: server.port,
          user: LAB_USER,
          credentialId: secret.id,
          jumpHostId: null,
        },
      });
      hosts.push({ ci, server });
    }
    return { secret, hosts };
  } finally {
    await rpc.close();
  }
}
