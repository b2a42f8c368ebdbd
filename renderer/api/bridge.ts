import { type Bridge, wsPath } from '../../shared/api/wire';
import { useConnection } from './connection-store';
import { authenticateFromLocation } from './web-auth';
import { createWsBridge } from './ws-bridge';

declare global {
  interface Window {
    opsroom?: Bridge;
  }
}

/** The desktop preload's bridge when present; otherwise the web mode's WebSocket. */
function pickBridge(): { bridge: Bridge; start: () => Promise<void> } {
  if (typeof window !== 'undefined' && window.opsroom) {
    const ipc = window.opsroom;
    return {
      bridge: ipc,
      start: async () => useConnection.getState().setState('open'),
    };
  }
  const ws = createWsBridge({
    url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${wsPath}`,
    onState: (s) => useConnection.getState().setState(s),
  });
  return {
    bridge: ws,
    start: async () => {
      const auth = await authenticateFromLocation({
        location: window.location,
        history: window.history,
        fetch: window.fetch.bind(window),
      });
      if (auth === 'rejected') return useConnection.getState().setState('unauthorised');
      ws.start(auth === 'ok');
    },
  };
}

const picked = pickBridge();
export const bridge: Bridge = picked.bridge;
/** Authenticates (web mode) and opens the transport; call once at start-up. */
export const startTransport: () => Promise<void> = picked.start;
