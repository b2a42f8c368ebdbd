import type { Bridge, CallResult, ipcChannels as sharedChannels } from '../shared/api/wire';

/**
 * The channel names, checked by the compiler to be exactly shared/api/wire's
 * `ipcChannels`. Not imported as a value because wire.ts imports zod, and a
 * sandboxed preload can require nothing but 'electron': the bundle would
 * either crash loading zod or carry all of zod for three strings.
 */
export const ipcChannels = {
  call: 'opsroom:call',
  event: 'opsroom:event',
  subscribe: 'opsroom:subscribe',
} as const satisfies typeof sharedChannels;

/** The three ipcRenderer methods the bridge uses; a fake one in tests. */
export interface BridgeIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * The whole of what the page can do: make a call, and listen to a topic.
 * One main-process subscription per topic however many listeners the page
 * has; the event object is never handed to the page (it carries `sender`).
 */
export function makeBridge(ipc: BridgeIpc): Bridge {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  ipc.on(ipcChannels.event, (_event, topic, payload) => {
    if (typeof topic !== 'string') return;
    const set = listeners.get(topic);
    if (!set) return;
    for (const l of [...set]) {
      try {
        l(payload);
      } catch (err) {
        // One broken view must not starve the others of events. The page's
        // console is the only place a preload can report to.
        // eslint-disable-next-line no-console
        console.error(`opsroom: a listener for "${topic}" threw`, err);
      }
    }
  });

  return {
    call(method: string, input: unknown): Promise<CallResult> {
      return ipc.invoke(ipcChannels.call, method, input) as Promise<CallResult>;
    },
    subscribe(topic: string, listener: (payload: unknown) => void): () => void {
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
      }
      // Wrapped so the same function subscribed twice gets two independent unsubscribes.
      const entry = (payload: unknown) => listener(payload);
      set.add(entry);
      if (set.size === 1) ipc.send(ipcChannels.subscribe, topic, true);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        const current = listeners.get(topic);
        if (!current) return;
        current.delete(entry);
        if (current.size === 0) {
          listeners.delete(topic);
          ipc.send(ipcChannels.subscribe, topic, false);
        }
      };
    },
  };
}
