import { generateKeyPair, type LabKeyPair } from './keys';
import { startSshd, type LabSshd } from './sshd';

export interface SshHosts {
  /** the one client key every host accepts */
  key: LabKeyPair;
  servers: LabSshd[];
  stop(): Promise<void>;
}

/**
 * `count` real sshd on 127.0.0.1, each on its own port with its own host key,
 * all accepting one fresh ed25519 key for the lab login user.
 */
export async function startSshHosts(count: number, opts: { keyComment?: string } = {}): Promise<SshHosts> {
  const key = generateKeyPair({ type: 'ed25519', comment: opts.keyComment ?? 'opsroom-lab' });
  const servers: LabSshd[] = [];
  const stop = async () => void (await Promise.all(servers.map((s) => s.stop())));
  try {
    // One at a time: each picks a free port, and parallel picks could collide.
    for (let i = 0; i < count; i++) {
      servers.push(await startSshd({ authorizedKeys: [key.publicKey], listenAddress: '127.0.0.1' }));
    }
  } catch (e) {
    await stop();
    throw e;
  }
  return { key, servers, stop };
}
