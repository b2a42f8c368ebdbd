import type { RpcError } from '../../shared/api/errors';
import { type Bridge, type CallResult, type ClientMessage, callResult } from '../../shared/api/wire';
import type { ConnectionState } from './connection-store';

/** The part of the browser WebSocket this bridge uses, so tests can inject a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}
export type WebSocketCtor = new (url: string) => WebSocketLike;

export interface WsBridgeOptions {
  /** A function is read at each connect, so building the bridge touches no browser globals. */
  url: string | (() => string);
  WebSocketImpl?: WebSocketCtor;
  onState?: (state: ConnectionState) => void;
  onServerError?: (error: RpcError) => void;
  /** Timers are injectable so reconnect backoff can be tested without waiting. */
  schedule?: (fn: () => void, ms: number) => void;
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface WsBridge extends Bridge {
  /** Opens the socket. `hadToken` says whether this page was given a token: a refusal without one means "unauthorised". */
  start(hadToken: boolean): void;
  state(): ConnectionState;
  stop(): void;
}

export const connectionLost: RpcError = {
  code: 'unavailable',
  message: 'Lost the connection to Opsroom; retrying…',
};

const OPEN = 1;

export function createWsBridge(opts: WsBridgeOptions): WsBridge {
  const Impl = opts.WebSocketImpl ?? (globalThis.WebSocket as unknown as WebSocketCtor);
  const schedule = opts.schedule ?? ((fn, ms) => void setTimeout(fn, ms));
  const initialDelay = opts.initialDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 10_000;

  let ws: WebSocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let everOpened = false;
  let hadToken = false;
  let attempts = 0;
  let stopped = false;
  let started = false;
  let nextId = 1;
  const pending = new Map<number, (r: CallResult) => void>();
  /** Calls made before the socket is open, sent on open. */
  const queued: { id: number; msg: ClientMessage }[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function setState(s: ConnectionState) {
    if (s === state) return;
    state = s;
    opts.onState?.(s);
  }

  function send(msg: ClientMessage) {
    if (ws && ws.readyState === OPEN) ws.send(JSON.stringify(msg));
  }

  function failAll() {
    const waiting = [...pending.values()];
    pending.clear();
    queued.length = 0;
    for (const resolve of waiting) resolve({ ok: false, error: connectionLost });
  }

  function onMessage(raw: unknown) {
    let msg: { t?: unknown; id?: unknown; topic?: unknown; payload?: unknown; error?: unknown };
    try {
      msg = JSON.parse(String(raw));
    } catch {
      return;
    }
    if (msg.t === 'result' && typeof msg.id === 'number') {
      const resolve = pending.get(msg.id);
      if (!resolve) return;
      pending.delete(msg.id);
      const parsed = callResult.safeParse(msg);
      resolve(
        parsed.success
          ? parsed.data
          : { ok: false, error: { code: 'internal', message: 'Opsroom sent a reply this page cannot read.' } },
      );
    } else if (msg.t === 'event' && typeof msg.topic === 'string') {
      for (const l of [...(listeners.get(msg.topic) ?? [])]) l(msg.payload);
    } else if (msg.t === 'error' && msg.error && typeof msg.error === 'object') {
      opts.onServerError?.(msg.error as RpcError);
    }
  }

  function connect() {
    if (stopped) return;
    setState('connecting');
    const sock = new Impl(typeof opts.url === 'function' ? opts.url() : opts.url);
    ws = sock;
    let opened = false;
    sock.onopen = () => {
      opened = true;
      everOpened = true;
      attempts = 0;
      setState('open');
      // Re-subscribe every topic someone still listens to, then send waiting calls.
      for (const topic of listeners.keys()) send({ t: 'sub', topic });
      for (const q of queued.splice(0)) send(q.msg);
    };
    sock.onmessage = (ev) => onMessage(ev.data);
    sock.onerror = () => {};
    sock.onclose = () => {
      if (ws !== sock) return;
      ws = null;
      failAll();
      if (stopped) return setState('closed');
      if (!opened && !everOpened && !hadToken) return setState('unauthorised');
      setState('closed');
      const delay = Math.min(maxDelay, initialDelay * 2 ** attempts);
      attempts++;
      schedule(connect, delay);
    };
  }

  return {
    start(withToken) {
      if (started) return;
      started = true;
      hadToken = withToken;
      connect();
    },
    state: () => state,
    stop() {
      stopped = true;
      ws?.close();
    },
    call(method, input) {
      if (state === 'unauthorised' || (started && !ws)) {
        return Promise.resolve({ ok: false, error: connectionLost });
      }
      const id = nextId++;
      const msg: ClientMessage = { t: 'call', id, method, input };
      return new Promise<CallResult>((resolve) => {
        pending.set(id, resolve);
        if (ws && ws.readyState === OPEN) send(msg);
        else queued.push({ id, msg });
      });
    },
    subscribe(topic, listener) {
      let set = listeners.get(topic);
      if (!set) {
        set = new Set();
        listeners.set(topic, set);
        send({ t: 'sub', topic });
      }
      set.add(listener);
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        const s = listeners.get(topic);
        if (!s) return;
        s.delete(listener);
        if (s.size === 0) {
          listeners.delete(topic);
          send({ t: 'unsub', topic });
        }
      };
    },
  };
}
