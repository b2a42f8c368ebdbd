import fs from 'node:fs';
import { silentLogger } from '../../main/applog/types';
import { systemClock } from '../../main/clock';
import { SshConnectionPool } from '../../main/ssh/connection/pool';
import { fingerprintOf } from '../../main/security/ssh-fingerprint';
import type { HostKeyGate } from '../../main/ssh/hostkeys/types';

/**
 * The product's connection pool for the batch bench, as main/ssh/compose.ts
 * builds it, with two stand-ins a bench has no use for: the vault (the lab key
 * from its file) and the workspace's known-hosts store (the lab sshd's
 * fingerprints, "host:port" → SHA256:…). Keys are still checked before any
 * authentication, exactly where the real gate sits.
 */
export function realBenchPool(keyPath: string, known: Map<string, string>): SshConnectionPool {
  const privateKey = fs.readFileSync(keyPath, 'utf8');
  const hostKeys: HostKeyGate = {
    check(c) {
      const want = known.get(`${c.host}:${c.port}`);
      const got = fingerprintOf(c.key);
      if (want === got) return Promise.resolve({ ok: true });
      return Promise.resolve({
        ok: false,
        failure: {
          state: want ? 'hostkey-changed' : 'hostkey-held',
          message: `${c.host}:${c.port} presented ${got}, expected ${want ?? 'a known key'}.`,
        },
      });
    },
  };
  return new SshConnectionPool({
    vault: { reveal: () => ({ kind: 'ssh-key', value: privateKey }) },
    hostKeys,
    clock: systemClock,
    logger: silentLogger,
  });
}
