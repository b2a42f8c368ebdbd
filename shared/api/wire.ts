import { z } from 'zod';
import { rpcErrorSchema } from './errors';

/**
 * Messages on the web mode's WebSocket. Electron IPC carries the same shapes
 * through the preload bridge, so the renderer's client is one code path.
 */
export const clientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: z.number().int(), method: z.string(), input: z.unknown().optional() }),
  z.object({ t: z.literal('sub'), topic: z.string() }),
  z.object({ t: z.literal('unsub'), topic: z.string() }),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

export const callResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error: rpcErrorSchema }),
]);
export type CallResult = z.infer<typeof callResult>;

export type ServerMessage =
  | ({ t: 'result'; id: number } & CallResult)
  | { t: 'event'; topic: string; payload: unknown }
  | { t: 'error'; error: z.infer<typeof rpcErrorSchema> };

/** The only two IPC channel names; used by preload and main/electron alone. */
export const ipcChannels = {
  call: 'opsroom:call',
  event: 'opsroom:event',
  subscribe: 'opsroom:subscribe',
} as const;

/** Where the web mode answers WebSocket upgrades. */
export const wsPath = '/rpc';

/** What preload exposes on `window.opsroom`. */
export interface Bridge {
  call(method: string, input: unknown): Promise<CallResult>;
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
}
