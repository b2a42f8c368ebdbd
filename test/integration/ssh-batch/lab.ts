import fs from 'node:fs';
import type { CmdbService } from '../../../main/cmdb/service';
import type { SshPool, TargetResolver } from '../../../main/ssh/types';
import {
  closedPort,
  ensureLabUser,
  generateKeyPair,
  LAB_USER,
  startSilentServer,
  startSshd,
  type LabKeyPair,
  type LabSshd,
  type SilentServer,
} from '../../support/sshd-lab';
import { SimplePool, simpleResolver } from './simple-pool';

export interface BatchLab {
  key: LabKeyPair;
  servers: LabSshd[];
  silent: SilentServer;
  closed: number;
  home: string;
  known: Map<string, string>;
  pool: SshPool;
  resolver: (cmdb: CmdbService) => TargetResolver;
  stop(): Promise<void>;
}

/**
 * main/ssh/connection's pool (OPSROOM_BATCH_POOL=real), with a host-key gate
 * that accepts exactly the lab's fingerprints and a vault holding the lab key.
 */
async function realPool(keyPath: string, known: Map<string, string>): Promise<SshPool> {
  const { SshConnectionPool } = await import('../../../main/ssh/connection/pool');
  const { fingerprintOf } = await import('../../../main/security/ssh-fingerprint');
  const { silentLogger } = await import('../../../main/applog/types');
  const privateKey = fs.readFileSync(keyPath, 'utf8');
  return new SshConnectionPool({
    vault: { reveal: () => ({ kind: 'ssh-key', value: privateKey }) },
    hostKeys: {
      check: async (c) =>
        known.get(`${c.host}:${c.port}`) === fingerprintOf(c.key)
          ? { ok: true }
          : { ok: false, failure: { state: 'hostkey-held', message: `unknown key for ${c.host}:${c.port}` } },
    },
    clock: { now: () => Date.now() },
    logger: silentLogger,
  });
}

/** n real sshd on 127.0.0.1, a silent server, a closed port, and a pool that knows the sshd host keys. */
export async function startBatchLab(n: number): Promise<BatchLab> {
  const { home } = ensureLabUser();
  const key = generateKeyPair({ type: 'ed25519' });
  const servers = await Promise.all(Array.from({ length: n }, () => startSshd({ authorizedKeys: [key.publicKey] })));
  const silent = await startSilentServer();
  const closed = await closedPort();
  const known = new Map(servers.map((s) => [`${s.address}:${s.port}`, s.fingerprint]));
  const pool =
    process.env.OPSROOM_BATCH_POOL === 'real' ? await realPool(key.path, known) : new SimplePool(key.path, known);
  return {
    key,
    servers,
    silent,
    closed,
    home,
    known,
    pool,
    resolver: (cmdb) => simpleResolver((id) => cmdb.cis.get(id), LAB_USER),
    async stop() {
      await pool.closeAll();
      await silent.stop();
      await Promise.all(servers.map((s) => s.stop()));
    },
  };
}
