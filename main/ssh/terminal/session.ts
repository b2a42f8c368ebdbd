import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import type { CiRef } from '../../../shared/api/cmdb-model';
import type { TerminalSession } from '../../../shared/api/ssh';
import type { Lease } from '../types';
import type { Recording } from './recording';

/** Output is batched for this long before one event goes out (about one frame). */
export const BATCH_MS = 16;
/** A burst larger than this is sent at once instead of growing the buffer. */
export const MAX_PENDING_BYTES = 256 * 1024;

export interface SessionSink {
  data(id: string, bytes: Buffer): void;
  closed(s: LiveSession, reason: string): void;
  now(): number;
}

/**
 * One open shell. Output is gathered and sent as one base64 event per frame;
 * the timer exists only while output is pending, so idle sessions cost
 * nothing but their socket.
 */
export class LiveSession {
  state: TerminalSession['state'] = 'open';
  private chunks: Buffer[] = [];
  private pendingBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    readonly id: string,
    readonly ci: CiRef,
    readonly title: string,
    readonly openedAt: number,
    readonly channel: ClientChannel,
    readonly lease: Lease,
    readonly recording: Recording | null,
    private readonly sink: SessionSink,
  ) {
    channel.on('data', (d: Buffer) => this.onOutput(d));
    channel.stderr.on('data', (d: Buffer) => this.onOutput(d));
    channel.once('close', () => this.finish('the shell ended'));
  }

  view(): TerminalSession {
    return {
      id: this.id,
      ci: this.ci,
      title: this.title,
      openedAt: this.openedAt,
      recording: this.recording !== null && !this.recording.capped,
      state: this.state,
    };
  }

  write(data: string): boolean {
    if (this.state !== 'open') return false;
    return (this.channel.write(data), true);
  }

  resize(cols: number, rows: number): boolean {
    if (this.state !== 'open') return false;
    this.channel.setWindow(rows, cols, 0, 0);
    this.recording?.resize(this.sink.now(), cols, rows);
    return true;
  }

  /** Closes the channel; `finish` runs from its close event (or now, if it is already gone). */
  close(reason: string): void {
    if (this.state === 'closed') return;
    this.closeReason = reason;
    try {
      this.channel.close();
    } catch {
      // already closed
    }
    this.finish(reason);
  }

  private closeReason: string | undefined;

  private onOutput(d: Buffer): void {
    this.chunks.push(d);
    this.pendingBytes += d.length;
    if (this.pendingBytes >= MAX_PENDING_BYTES) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pendingBytes === 0) return;
    const bytes = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = [];
    this.pendingBytes = 0;
    this.sink.data(this.id, bytes);
    const text = this.decoder.write(bytes);
    if (text) this.recording?.output(this.sink.now(), text);
  }

  private finish(reason: string): void {
    if (this.state === 'closed') return;
    this.flush();
    this.state = 'closed';
    this.recording?.end(this.sink.now());
    this.lease.release();
    this.sink.closed(this, this.closeReason ?? reason);
  }
}
