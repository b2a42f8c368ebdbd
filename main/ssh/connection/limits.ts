/**
 * A counting semaphore with a FIFO queue. The limit is read on every grant,
 * so a setting changed at runtime applies to the next waiter. Waiters that
 * abort leave the queue without taking a slot.
 */
export class Semaphore {
  private active = 0;
  private readonly queue: Array<{ grant: () => void }> = [];

  constructor(private readonly limit: () => number) {}

  acquire(signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const entry = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          this.active++;
          let released = false;
          resolve(() => {
            if (released) return;
            released = true;
            this.active--;
            this.pump();
          });
        },
      };
      const onAbort = () => {
        const i = this.queue.indexOf(entry);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(entry);
      this.pump();
    });
  }

  inUse(): number {
    return this.active;
  }

  waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.queue.length > 0 && this.active < Math.max(1, this.limit())) this.queue.shift()!.grant();
  }
}

/**
 * A deadline for a handshake that can pause while a person reviews a host
 * key (that wait has its own timeout), so the review time is not counted as
 * a slow server.
 */
export class Deadline {
  private timer: NodeJS.Timeout | undefined;
  private onExpire: (() => void) | undefined;
  private endsAt: number;
  private pausedLeft: number | null = null;

  constructor(ms: number) {
    this.endsAt = performance.now() + ms;
  }

  remaining(): number {
    return this.pausedLeft ?? Math.max(0, this.endsAt - performance.now());
  }

  arm(onExpire: () => void): void {
    this.onExpire = onExpire;
    this.schedule();
  }

  pause(): void {
    if (this.pausedLeft !== null) return;
    this.pausedLeft = this.remaining();
    clearTimeout(this.timer);
  }

  resume(): void {
    if (this.pausedLeft === null) return;
    this.endsAt = performance.now() + this.pausedLeft;
    this.pausedLeft = null;
    this.schedule();
  }

  disarm(): void {
    clearTimeout(this.timer);
    this.onExpire = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    if (!this.onExpire || this.pausedLeft !== null) return;
    const fire = this.onExpire;
    this.timer = setTimeout(fire, this.remaining());
  }
}
