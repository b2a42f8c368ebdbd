import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import { OpsError } from '../../../shared/api/errors';
import type { Endpoint, ExecOptions, ExecResult, Lease } from '../types';
import { sshError } from './errors';
import type { Semaphore } from './limits';

/** What a lease borrows from the pool: one authenticated connection and its channel budget. */
export interface LeasedConnection {
  readonly client: Client;
  readonly endpoint: Endpoint;
  readonly channels: Semaphore;
  readonly maxChannels: number;
  /** shells open on this connection: they hold a channel for as long as a person works */
  longLived: number;
  refs: number;
  isOpen(): boolean;
  unref(): void;
  /** another connection to the same login with room for a long-lived channel (reserved already) */
  spill(): Promise<LeasedConnection>;
}

/** Keeps the first `max` bytes of a stream, decoded as UTF-8 across chunk boundaries. */
class Capped {
  private readonly decoder = new StringDecoder('utf8');
  private kept = 0;
  text = '';
  truncated = false;

  constructor(
    private readonly max: number,
    private readonly onChunk?: (s: string) => void,
  ) {}

  push(b: Buffer): void {
    const room = this.max - this.kept;
    if (room <= 0) {
      this.truncated = true;
      return;
    }
    const part = b.length > room ? b.subarray(0, room) : b;
    if (part.length < b.length) this.truncated = true;
    this.kept += part.length;
    const s = this.decoder.write(part);
    if (s) {
      this.text += s;
      this.onChunk?.(s);
    }
  }

  end(): void {
    const s = this.decoder.end();
    if (s) {
      this.text += s;
      this.onChunk?.(s);
    }
  }
}

/**
 * A borrowed connection. Every channel (exec, shell, sftp) takes one slot of
 * the connection's budget, kept below sshd's MaxSessions, and gives it back
 * when the channel closes; beyond the budget, channels queue.
 */
export class PoolLease implements Lease {
  private released = false;

  constructor(private readonly conn: LeasedConnection) {}

  get client(): Client {
    return this.conn.client;
  }

  async exec(command: string, opts: ExecOptions): Promise<ExecResult> {
    const ep = this.conn.endpoint;
    this.ensureUsable();
    let free: () => void;
    try {
      free = await this.conn.channels.acquire(opts.signal);
    } catch {
      throw sshError({ state: 'cancelled', message: `${ep.name}: cancelled before the command started.` }, ep);
    }
    try {
      return await this.runExec(command, opts);
    } finally {
      free();
    }
  }

  private runExec(command: string, opts: ExecOptions): Promise<ExecResult> {
    const ep = this.conn.endpoint;
    return new Promise<ExecResult>((resolve, reject) => {
      const out = new Capped(opts.maxOutputBytes, opts.onStdout);
      const err = new Capped(opts.maxOutputBytes, opts.onStderr);
      let channel: ClientChannel | undefined;
      let settled = false;
      let exitCode: number | null = null;
      let exitSignal: string | null = null;

      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      // A stuck command is told to stop, then its channel is closed: the slot must come back.
      const stop = () => {
        if (!channel) return;
        try {
          channel.signal('TERM');
        } catch {
          // the server may not take signals; closing the channel is what matters
        }
        try {
          channel.close();
        } catch {
          // already closed
        }
      };
      const timer = setTimeout(() => {
        stop();
        const s = Math.round(opts.timeoutMs / 100) / 10;
        finish(() =>
          reject(
            sshError(
              { state: 'timed-out', message: `${ep.name}: the command did not finish within ${s} s and was stopped.` },
              ep,
            ),
          ),
        );
      }, opts.timeoutMs);
      const onAbort = () => {
        stop();
        finish(() => reject(sshError({ state: 'cancelled', message: `${ep.name}: the command was cancelled.` }, ep)));
      };
      if (opts.signal?.aborted) return onAbort();
      opts.signal?.addEventListener('abort', onAbort, { once: true });

      const onOpen = (e: Error | undefined, ch: ClientChannel) => {
        if (e) {
          finish(() =>
            reject(
              sshError({ state: 'failed', message: `${ep.name}: could not start the command (${e.message}).` }, ep),
            ),
          );
          return;
        }
        channel = ch;
        if (settled) return stop();
        ch.on('data', (d: Buffer) => out.push(d));
        ch.stderr.on('data', (d: Buffer) => err.push(d));
        ch.on('exit', (code: number | null, signal?: string) => {
          exitCode = typeof code === 'number' ? code : null;
          exitSignal = signal ?? null;
        });
        ch.on('close', () => {
          out.end();
          err.end();
          finish(() =>
            resolve({
              exitCode,
              signal: exitSignal,
              stdout: out.text,
              stderr: err.text,
              truncated: out.truncated || err.truncated,
            }),
          );
        });
      };
      try {
        this.conn.client.exec(command, onOpen);
      } catch (e) {
        onOpen(e instanceof Error ? e : new Error(String(e)), undefined as unknown as ClientChannel);
      }
    });
  }

  /**
   * Shells stay open for hours, so they must not queue behind each other:
   * when this connection's channels are all taken by shells, the shell goes
   * to a sibling connection to the same login (opened once, shared).
   */
  async shell(opts: { cols: number; rows: number; term?: string }): Promise<ClientChannel> {
    this.ensureUsable();
    let conn = this.conn;
    if (conn.longLived < conn.maxChannels) conn.longLived++;
    else conn = await conn.spill();
    conn.refs++;
    const done = () => {
      conn.longLived--;
      conn.unref();
    };
    let free: () => void;
    try {
      free = await conn.channels.acquire();
    } catch (e) {
      done();
      throw e;
    }
    return new Promise<ClientChannel>((resolve, reject) => {
      const fail = (e: unknown) => {
        free();
        done();
        reject(this.channelError('open a shell', e));
      };
      try {
        conn.client.shell({ term: opts.term ?? 'xterm-256color', cols: opts.cols, rows: opts.rows }, (e, ch) => {
          if (e) return fail(e);
          ch.once('close', () => {
            free();
            done();
          });
          resolve(ch);
        });
      } catch (e) {
        fail(e);
      }
    });
  }

  async sftp(): Promise<SFTPWrapper> {
    this.ensureUsable();
    const free = await this.conn.channels.acquire();
    return new Promise<SFTPWrapper>((resolve, reject) => {
      try {
        this.conn.client.sftp((e, sftp) => {
          if (e) {
            free();
            return reject(this.channelError('start SFTP', e));
          }
          sftp.once('close', free);
          resolve(sftp);
        });
      } catch (e) {
        free();
        reject(this.channelError('start SFTP', e));
      }
    });
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    this.conn.unref();
  }

  private ensureUsable(): void {
    if (this.released) throw new OpsError('conflict', 'This SSH lease was already given back.');
    if (!this.conn.isOpen()) {
      const ep = this.conn.endpoint;
      throw sshError({ state: 'unreachable', message: `${ep.name}: the SSH connection was lost; try again.` }, ep);
    }
  }

  private channelError(what: string, e: unknown): OpsError {
    const ep = this.conn.endpoint;
    const text = e instanceof Error ? e.message : String(e);
    return sshError({ state: 'failed', message: `${ep.name}: could not ${what} (${text}).` }, ep);
  }
}
