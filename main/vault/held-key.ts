import type { Clock } from '../clock';

/** How often the idle deadline is looked at; the deadline itself comes from the Clock. */
const IDLE_CHECK_MS = 10_000;

/**
 * The vault's data key while unlocked, and its idle deadline. A key is zeroed
 * whenever it is dropped or replaced; the idle check runs only while one is held.
 */
export class HeldKey {
  private dek: Buffer | null = null;
  private lastUse = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly autoLockMinutes: () => number,
    private readonly onIdleCheck: () => void,
  ) {}

  get current(): Buffer | null {
    return this.dek;
  }

  /** Holds `dek` (zeroing a different key held before) and starts the idle check. */
  hold(dek: Buffer): void {
    if (this.dek && this.dek !== dek) this.dek.fill(0);
    this.dek = dek;
    this.lastUse = this.clock.now();
    if (!this.timer) {
      this.timer = setInterval(this.onIdleCheck, IDLE_CHECK_MS);
      this.timer.unref();
    }
  }

  /** Zeroes the key and stops the idle check; true when a key was held. */
  drop(): boolean {
    const was = this.dek !== null;
    this.dek?.fill(0);
    this.dek = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    return was;
  }

  touch(): void {
    this.lastUse = this.clock.now();
  }

  autoLockAt(): number | null {
    const minutes = this.autoLockMinutes();
    if (!this.dek || !(minutes > 0)) return null;
    return this.lastUse + minutes * 60_000;
  }
}
