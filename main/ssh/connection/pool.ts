import ssh2 from 'ssh2';
import type { Client, ConnectConfig } from 'ssh2';
import type { Duplex } from 'node:stream';
import type { OpsError } from '../../../shared/api/errors';
import type { Logger } from '../../applog/types';
import type { Clock } from '../../clock';
import { hostPort } from '../hostkeys/service';
import type { HostKeyGate } from '../hostkeys/types';
import type { AcquireOptions, Endpoint, Lease, ResolvedTarget, SshFailure, SshPool } from '../types';
import { authFor, type PoolVault } from './auth';
import { Conn, closeClient } from './conn';
import { failureOf, sshError } from './errors';
import { PoolLease } from './lease';
import { Deadline, Semaphore } from './limits';
import { Spills } from './spill';

export interface SshConnectionPoolOptions {
  vault: PoolVault;
  hostKeys: HostKeyGate;
  clock: Clock;
  logger: Logger;
  /** concurrent handshakes through one jump host (sshd MaxStartups defaults to 10) */
  maxHandshakesPerJump?: () => number;
  /** concurrent handshakes overall */
  maxHandshakesGlobal?: () => number;
  /** channels per connection; below sshd's default MaxSessions of 10 */
  maxChannelsPerConnection?: number;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
  /** an unused connection is closed after this long */
  idleCloseMs?: number;
  /** ssh-agent socket; defaults to SSH_AUTH_SOCK */
  agentSocket?: string;
}

const TIMEOUT = Symbol('timeout');
const ABANDONED = Symbol('abandoned');

interface Inflight {
  promise: Promise<Conn>;
  waiters: number;
  ac: AbortController;
}

/**
 * One authenticated ssh2 connection per login (user@host:port through the
 * same jump chain), shared by every caller. Handshakes are deduplicated,
 * limited per jump host and overall (so sshd's MaxStartups is not tripped),
 * and every key passes the host-key gate before any authentication is sent.
 */
export class SshConnectionPool implements SshPool {
  private readonly conns = new Map<string, Conn>();
  private readonly inflight = new Map<string, Inflight>();
  private readonly perJump = new Map<string, Semaphore>();
  private readonly spills = new Spills((key, primary) => {
    const timeoutMs = 20_000;
    return this.handshake(
      key,
      primary.endpoint,
      primary.parent,
      { timeoutMs, hostKeyMode: 'hold', actor: primary.actor },
      new Deadline(timeoutMs),
      new AbortController().signal,
    );
  });
  private readonly global: Semaphore;
  private readonly log: Logger;
  private closing = false;

  constructor(private readonly o: SshConnectionPoolOptions) {
    this.global = new Semaphore(() => o.maxHandshakesGlobal?.() ?? 64);
    this.log = o.logger.child('ssh.pool');
  }

  async acquire(target: ResolvedTarget, opts: AcquireOptions): Promise<Lease> {
    const chain = [...target.jumps, target.target];
    const ep = target.target;
    if (this.closing) throw sshError({ state: 'cancelled', message: 'Opsroom is closing.' }, ep);
    if (opts.signal?.aborted)
      throw sshError({ state: 'cancelled', message: `${ep.name}: cancelled before connecting.` }, ep);
    const deadline = new Deadline(opts.timeoutMs);
    let parent: Conn | undefined;
    try {
      for (let i = 0; i < chain.length; i++) {
        const conn = await this.connOf(chain.slice(0, i + 1), parent, opts, deadline);
        // Hold the hop while the next one connects through it, so an idle close cannot cut it.
        conn.refs++;
        if (parent) parent.unref();
        parent = conn;
      }
    } catch (e) {
      parent?.unref();
      throw e;
    }
    clearTimeout(parent!.idleTimer);
    return new PoolLease(parent!);
  }

  openCount(): number {
    let n = 0;
    for (const c of this.conns.values()) if (c.open) n++;
    return n;
  }

  async closeAll(): Promise<void> {
    this.closing = true;
    for (const f of this.inflight.values()) f.ac.abort(ABANDONED);
    const all = [...this.conns.values()];
    await Promise.all(all.map((c) => closeClient(c)));
    this.conns.clear();
    this.closing = false;
  }

  /** Another connection to `primary`'s login with room for one more shell (see Spills). */
  spill(primary: Conn): Promise<Conn> {
    return this.spills.of(primary);
  }

  /** Called when a connection loses a user: unused ones close after a while. */
  idleCheck(c: Conn): void {
    if (!c.open || c.refs > 0 || c.children > 0) return;
    clearTimeout(c.idleTimer);
    c.idleTimer = setTimeout(() => {
      if (c.refs === 0 && c.children === 0) c.client.end();
    }, this.o.idleCloseMs ?? 60_000);
    c.idleTimer.unref?.();
  }

  private async connOf(
    hops: Endpoint[],
    parent: Conn | undefined,
    opts: AcquireOptions,
    deadline: Deadline,
  ): Promise<Conn> {
    const key = hops.map((e) => `${e.user}@${hostPort(e.host.toLowerCase(), e.port)}`).join(' > ');
    const ep = hops[hops.length - 1]!;
    const existing = this.conns.get(key);
    if (existing?.open) return existing;
    let f = this.inflight.get(key);
    if (!f) {
      const ac = new AbortController();
      const promise = this.handshake(key, ep, parent, opts, deadline, ac.signal).finally(() => {
        if (this.inflight.get(key) === f) this.inflight.delete(key);
      });
      f = { promise, waiters: 0, ac };
      this.inflight.set(key, f);
    }
    const flight = f;
    flight.waiters++;
    // Each caller may give up on its own; the handshake stops only when nobody waits for it.
    return new Promise<Conn>((resolve, reject) => {
      const onAbort = () => {
        flight.waiters--;
        if (flight.waiters === 0) flight.ac.abort(ABANDONED);
        reject(sshError({ state: 'cancelled', message: `${ep.name}: cancelled while connecting.` }, ep));
      };
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (c) => {
          opts.signal?.removeEventListener('abort', onAbort);
          flight.waiters--;
          resolve(c);
        },
        (e: unknown) => {
          opts.signal?.removeEventListener('abort', onAbort);
          flight.waiters--;
          reject(e);
        },
      );
    });
  }

  private async handshake(
    key: string,
    ep: Endpoint,
    parent: Conn | undefined,
    opts: AcquireOptions,
    deadline: Deadline,
    signal: AbortSignal,
  ): Promise<Conn> {
    const at = hostPort(ep.host, ep.port);
    const ac = new AbortController();
    const onOuter = () => ac.abort(signal.reason);
    signal.addEventListener('abort', onOuter, { once: true });
    deadline.arm(() => ac.abort(TIMEOUT));
    const aborted = (): OpsError => {
      const secs = Math.round(opts.timeoutMs / 100) / 10;
      return ac.signal.reason === TIMEOUT
        ? sshError(
            { state: 'timed-out', message: `${ep.name}: ${at} did not complete the SSH login within ${secs} s.` },
            ep,
          )
        : sshError({ state: 'cancelled', message: `${ep.name}: cancelled while connecting.` }, ep);
    };
    const frees: Array<() => void> = [];
    try {
      try {
        frees.push(await this.global.acquire(ac.signal));
        if (parent) frees.push(await this.jumpLimiter(parent.key).acquire(ac.signal));
      } catch {
        throw aborted();
      }
      const sock = parent
        ? await this.forward(parent, ep, ac.signal).catch((e) => {
            throw ac.signal.aborted ? aborted() : e;
          })
        : undefined;
      const { auth, tried } = authFor(ep, this.o.vault, this.o.agentSocket);
      const client = new ssh2.Client();
      await this.connect(client, ep, { ...auth, sock }, tried, opts, deadline, ac.signal, aborted);
      const max = this.o.maxChannelsPerConnection ?? 8;
      const conn = new Conn(key, client, ep, new Semaphore(() => max), max, parent, opts.actor, this);
      this.adopt(conn);
      return conn;
    } finally {
      for (const f of frees) f();
      deadline.disarm();
      signal.removeEventListener('abort', onOuter);
    }
  }

  private connect(
    client: Client,
    ep: Endpoint,
    extra: Partial<ConnectConfig>,
    tried: string,
    opts: AcquireOptions,
    deadline: Deadline,
    signal: AbortSignal,
    aborted: () => OpsError,
  ): Promise<void> {
    let hostFailure: SshFailure | undefined;
    const ci = { id: ep.ciId, name: ep.name, type: 'host' };
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const done = (err?: OpsError) => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        if (err) {
          client.removeAllListeners('ready');
          client.on('error', () => {}); // late socket errors after giving up
          client.destroy();
          reject(err);
        } else resolve();
      };
      const onAbort = () => done(aborted());
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      client.once('ready', () => done());
      client.on('error', (e) => done(sshError(hostFailure ?? failureOf(e, ep, tried), ep)));
      client.once('close', () =>
        done(
          sshError(
            hostFailure ?? {
              state: 'unreachable',
              message: `${ep.name}: ${hostPort(ep.host, ep.port)} closed the connection during the SSH handshake.`,
            },
            ep,
          ),
        ),
      );
      const cfg: ConnectConfig = {
        host: ep.host,
        port: ep.port,
        username: ep.user,
        readyTimeout: 0, // the pool's Deadline governs, and pauses while a person reviews a key
        keepaliveInterval: this.o.keepaliveIntervalMs ?? 15_000,
        keepaliveCountMax: this.o.keepaliveCountMax ?? 3,
        // ssh2 passes the raw key blob; the callback form lets the gate wait. Returning
        // anything but undefined would be taken as the answer, so no async function here.
        hostVerifier: (key: Buffer, verify: (ok: boolean) => void) => {
          this.o.hostKeys
            .check({
              host: ep.host,
              port: ep.port,
              key,
              mode: opts.hostKeyMode,
              ci,
              actor: opts.actor,
              signal,
              onWait: (w) => (w ? deadline.pause() : deadline.resume()),
            })
            .then(
              (d) => {
                if (!d.ok) hostFailure = d.failure;
                verify(d.ok);
              },
              (e: unknown) => {
                hostFailure = {
                  state: 'failed',
                  message: `${ep.name}: the host key could not be checked (${String(e)}).`,
                };
                verify(false);
              },
            );
        },
        ...extra,
      };
      try {
        client.connect(cfg);
      } catch (e) {
        done(sshError(failureOf(e, ep, tried), ep));
      }
    });
  }

  /** A direct-tcpip channel from the previous hop, used as the next hop's socket (ProxyJump). */
  private forward(parent: Conn, ep: Endpoint, signal: AbortSignal): Promise<Duplex> {
    return new Promise<Duplex>((resolve, reject) => {
      if (signal.aborted) return reject(new Error('aborted'));
      try {
        parent.client.forwardOut('127.0.0.1', 0, ep.host, ep.port, (e, ch) => {
          if (e) return reject(sshError(failureOf(e, ep, ''), ep));
          if (signal.aborted) {
            ch.close();
            return reject(new Error('aborted'));
          }
          parent.children++;
          ch.once('close', () => {
            parent.children--;
            this.idleCheck(parent);
          });
          resolve(ch);
        });
      } catch (e) {
        reject(sshError(failureOf(e, ep, ''), ep));
      }
    });
  }

  private adopt(conn: Conn): void {
    this.conns.set(conn.key, conn);
    let gone = false;
    const drop = () => {
      if (gone) return;
      gone = true;
      conn.open = false;
      clearTimeout(conn.idleTimer);
      if (this.conns.get(conn.key) === conn) this.conns.delete(conn.key);
      // The parent's count drops when the forwarded channel (this connection's socket) closes.
      this.log.debug('connection closed', { key: conn.key });
    };
    conn.client.on('error', (e) => this.log.warn('ssh connection error', { key: conn.key, error: e.message }));
    conn.client.on('close', drop);
    conn.client.on('end', drop);
    this.log.debug('connection open', { key: conn.key });
  }

  private jumpLimiter(key: string): Semaphore {
    let s = this.perJump.get(key);
    if (!s) {
      s = new Semaphore(() => this.o.maxHandshakesPerJump?.() ?? 10);
      this.perJump.set(key, s);
    }
    return s;
  }
}
