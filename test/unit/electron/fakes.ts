import { EventEmitter } from 'node:events';

/** A recording stand-in for the slice of WebContents the hardening touches. */
export class FakeContents extends EventEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: string };
  permissionRequest?: (wc: unknown, permission: string, cb: (granted: boolean) => void) => void;
  permissionCheck?: (...args: unknown[]) => boolean;
  sent: unknown[][] = [];
  destroyed = false;

  readonly session = {
    setPermissionRequestHandler: (h: FakeContents['permissionRequest']) => {
      this.permissionRequest = h;
    },
    setPermissionCheckHandler: (h: FakeContents['permissionCheck']) => {
      this.permissionCheck = h;
    },
  };

  setWindowOpenHandler(h: FakeContents['windowOpenHandler']): void {
    this.windowOpenHandler = h;
  }

  send(...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push(args);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

/** An event whose preventDefault is recorded. */
export function fakeEvent(): { preventDefault(): void; prevented: boolean } {
  const e = {
    prevented: false,
    preventDefault() {
      e.prevented = true;
    },
  };
  return e;
}
