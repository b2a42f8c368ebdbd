import type { Client } from 'ssh2';
import type { Endpoint } from '../types';
import type { LeasedConnection } from './lease';
import type { Semaphore } from './limits';

/** What a connection asks of the pool that owns it. */
export interface ConnOwner {
  spill(primary: Conn): Promise<Conn>;
  idleCheck(c: Conn): void;
}

/** One authenticated ssh2 connection held by the pool. */
export class Conn implements LeasedConnection {
  refs = 0;
  children = 0;
  longLived = 0;
  open = true;
  idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly key: string,
    readonly client: Client,
    readonly endpoint: Endpoint,
    readonly channels: Semaphore,
    readonly maxChannels: number,
    readonly parent: Conn | undefined,
    readonly actor: string,
    private readonly pool: ConnOwner,
  ) {}

  spill(): Promise<Conn> {
    return this.pool.spill(this);
  }

  isOpen(): boolean {
    return this.open;
  }

  unref(): void {
    this.refs = Math.max(0, this.refs - 1);
    this.pool.idleCheck(this);
  }
}

/** Ends a connection politely, destroying it if it has not closed within 2 s. */
export function closeClient(c: Conn): Promise<void> {
  if (!c.open) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      c.client.destroy();
      resolve();
    }, 2_000);
    c.client.once('close', () => {
      clearTimeout(t);
      resolve();
    });
    c.client.end();
  });
}
