import fs from 'node:fs';
import ssh2 from 'ssh2';
import type { Ci } from '../../../shared/api/cmdb-model';
import { OpsError } from '../../../shared/api/errors';
import { fingerprintOf } from '../../../main/security/ssh-fingerprint';
import type {
  AcquireOptions,
  ExecOptions,
  ExecResult,
  Lease,
  ResolvedTarget,
  SshFailure,
  SshPool,
  TargetResolver,
} from '../../../main/ssh/types';

/**
 * A test-only SshPool: one fresh ssh2 connection per acquire, key auth from
 * a key file, host keys checked against known fingerprints ("host:port" →
 * SHA256:…). It stands in for main/ssh/connection's pool until that lands, and
 * is deliberately plain so a batch test failure points at the batch code.
 */
export class SimplePool implements SshPool {
  private open = new Set<ssh2.Client>();
  private readonly key: Buffer;

  constructor(
    keyPath: string,
    private readonly known: Map<string, string>,
  ) {
    this.key = fs.readFileSync(keyPath);
  }

  openCount(): number {
    return this.open.size;
  }

  async closeAll(): Promise<void> {
    for (const c of this.open) c.destroy();
    this.open.clear();
  }

  acquire(t: ResolvedTarget, opts: AcquireOptions): Promise<Lease> {
    const { host, port, user } = t.target;
    const fail = (state: SshFailure['state'], message: string) =>
      new OpsError(state === 'timed-out' ? 'timeout' : 'unavailable', message, { state, message } as SshFailure);
    return new Promise((resolve, reject) => {
      const client = new ssh2.Client();
      let keyVerdict: 'ok' | 'unknown' | 'changed' = 'ok';
      let done = false;
      const finish = (err: OpsError | null) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        if (err) {
          client.destroy();
          reject(err);
        } else {
          this.open.add(client);
          resolve(this.lease(client));
        }
      };
      const onAbort = () => finish(fail('cancelled', `Cancelled while connecting to ${host}:${port}.`));
      const timer = setTimeout(
        () => finish(fail('timed-out', `${host}:${port} did not complete the SSH login in ${opts.timeoutMs} ms.`)),
        opts.timeoutMs,
      );
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      client.on('ready', () => finish(null));
      client.on('error', (e: Error & { code?: string; level?: string }) => {
        if (keyVerdict !== 'ok')
          return finish(
            fail(
              keyVerdict === 'unknown' ? 'hostkey-held' : 'hostkey-changed',
              `Host key of ${host}:${port} is ${keyVerdict}.`,
            ),
          );
        if (e.level === 'client-authentication') return finish(fail('auth-failed', `Key refused by ${host}:${port}.`));
        if (e.code === 'ECONNREFUSED') return finish(fail('unreachable', `Connection refused on ${host}:${port}.`));
        finish(fail('unreachable', `${host}:${port}: ${e.message}`));
      });
      client.on('close', () => {
        this.open.delete(client);
        finish(fail('unreachable', `${host}:${port} closed the connection.`));
      });
      client.connect({
        host,
        port,
        username: user,
        privateKey: this.key,
        readyTimeout: opts.timeoutMs + 1000, // our own timer decides
        hostVerifier: (keyBlob: Buffer) => {
          const want = this.known.get(`${host}:${port}`);
          const got = fingerprintOf(keyBlob);
          keyVerdict = want === undefined ? 'unknown' : want === got ? 'ok' : 'changed';
          return keyVerdict === 'ok';
        },
      });
    });
  }

  private lease(client: ssh2.Client): Lease {
    return {
      client,
      exec: (command, opts) => exec(client, command, opts),
      shell: () => Promise.reject(new Error('not in the simple pool')),
      sftp: () => new Promise((resolve, reject) => client.sftp((err, s) => (err ? reject(err) : resolve(s)))),
      release: () => {
        client.end();
        this.open.delete(client);
      },
    };
  }
}

function exec(client: ssh2.Client, command: string, opts: ExecOptions): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(command, (err, ch) => {
      if (err) return reject(new OpsError('unavailable', err.message, { state: 'failed', message: err.message }));
      const out = { stdout: '', stderr: '', truncated: false };
      let exitCode: number | null = null;
      let signal: string | null = null;
      const take = (which: 'stdout' | 'stderr', d: Buffer) => {
        const s = d.toString('utf8');
        const room = opts.maxOutputBytes - out[which].length;
        if (room <= 0) out.truncated = true;
        else {
          out[which] += s.length > room ? s.slice(0, room) : s;
          if (s.length > room) out.truncated = true;
        }
        (which === 'stdout' ? opts.onStdout : opts.onStderr)?.(s);
      };
      const stop = (e: OpsError) => {
        clearTimeout(timer);
        try {
          ch.signal('KILL');
        } catch {
          // not supported: closing the channel is enough here
        }
        ch.close();
        reject(e);
      };
      const onAbort = () => stop(new OpsError('cancelled', 'cancelled', { state: 'cancelled', message: 'cancelled' }));
      const timer = setTimeout(
        () => stop(new OpsError('timeout', 'command timed out', { state: 'timed-out', message: 'command timed out' })),
        opts.timeoutMs,
      );
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      ch.on('data', (d: Buffer) => take('stdout', d));
      ch.stderr.on('data', (d: Buffer) => take('stderr', d));
      ch.on('exit', (code: number | null, sig?: string) => {
        exitCode = code ?? null;
        signal = sig ?? null;
      });
      ch.on('close', () => {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        resolve({ exitCode, signal, ...out });
      });
    });
  });
}

/** Resolves a CI straight from its connection attributes (no vault, no jumps). */
export function simpleResolver(get: (id: string) => Ci | null, user: string): TargetResolver {
  return {
    resolve(ciId) {
      const ci = get(ciId);
      const c = ci?.connection;
      if (!ci || !c?.address) throw new OpsError('bad_input', `${ci?.name ?? ciId} has no address.`);
      return {
        target: {
          ciId,
          name: ci.name,
          host: c.address,
          port: c.port ?? 22,
          user: c.user ?? user,
          auth: { kind: 'key', secretId: 'lab' },
        },
        jumps: [],
      };
    },
  };
}
