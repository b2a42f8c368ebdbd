import type { Duplex } from 'node:stream';
import { isOpsError } from '../../../shared/api/errors';
import type { SshPool, TargetResolver } from '../../ssh/types';
import { promFailure } from './errors';
import type { OpenTunnel } from './http';

/**
 * Prometheus through a bastion: the host CI's pooled SSH connection (with its
 * own jump chain, host-key check and vault credential) opens a direct-tcpip
 * channel to Prometheus's host:port as seen from that host. 'hold' mode: an
 * unknown host key is listed for review instead of waiting for a person,
 * because a panel refresh has nobody to ask.
 */
export function sshTunnelOpener(ssh: { resolver: TargetResolver; pool: SshPool }, datasourceName: string): OpenTunnel {
  return async (ciId, host, port, o) => {
    let resolved;
    try {
      resolved = ssh.resolver.resolve(ciId);
    } catch (e) {
      if (!isOpsError(e)) throw e;
      // The host CI was deleted or lost its address or credential: fixed on the CI or the datasource.
      throw promFailure(e.code, `The datasource "${datasourceName}" is reached through SSH, but: ${e.message}`, false, {
        datasource: datasourceName,
        via: ciId,
      });
    }
    const via = resolved.target.name;
    let lease;
    try {
      lease = await ssh.pool.acquire(resolved, {
        timeoutMs: o.timeoutMs,
        hostKeyMode: 'hold',
        actor: 'monitoring',
        signal: o.signal,
      });
    } catch (e) {
      if (!isOpsError(e)) throw e;
      // Keep the SSH error's code (a held host key is 'conflict', refused auth 'forbidden').
      const transient = e.code === 'unavailable' || e.code === 'timeout';
      throw promFailure(
        e.code,
        `The datasource "${datasourceName}" is reached through ${via}, and SSH failed: ${e.message}`,
        transient,
        { datasource: datasourceName, via: ciId, ssh: e.details },
      );
    }
    try {
      const stream = await new Promise<Duplex>((resolve, reject) => {
        lease.client.forwardOut('127.0.0.1', 0, host, port, (err, ch) => (err ? reject(err) : resolve(ch)));
      });
      let released = false;
      return {
        stream,
        release: () => {
          if (released) return;
          released = true;
          lease.release();
        },
      };
    } catch (e) {
      lease.release();
      const text = e instanceof Error ? e.message : String(e);
      throw promFailure(
        'unavailable',
        `The datasource "${datasourceName}": ${via} could not open a connection to ${host}:${port} (${text}); is Prometheus listening there, as seen from ${via}?`,
        true,
        { datasource: datasourceName, via: ciId },
      );
    }
  };
}
