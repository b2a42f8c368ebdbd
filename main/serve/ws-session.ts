import { WebSocket } from 'ws';
import { isTopicName } from '../../shared/api';
import type { ServerMessage } from '../../shared/api/wire';
import { clientMessage } from '../../shared/api/wire';
import type { Logger } from '../applog/types';
import type { EventBus } from '../rpc/events';
import type { Router } from '../rpc/router';

/** Above this many queued bytes a socket is too slow: its events are dropped, calls still answered. */
export const maxBufferedBytes = 8 * 1024 * 1024;

/** One WebSocket connection: calls go to the router, subscribed topics come back as events. */
export function attachWsSession(
  ws: WebSocket,
  deps: { router: Router; bus: EventBus; actor: string; logger: Logger },
): void {
  const { router, bus, actor, logger } = deps;
  const subscriptions = new Map<string, () => void>();
  let warnedSlow = false;

  const send = (msg: ServerMessage): void => {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(msg));
  };
  const badInput = (message: string): void => send({ t: 'error', error: { code: 'bad_input', message } });

  ws.on('message', (data, isBinary) => {
    if (isBinary) return badInput('Messages must be JSON text, not binary.');
    let raw: unknown;
    try {
      raw = JSON.parse(data.toString());
    } catch {
      return badInput('The message is not valid JSON.');
    }
    // JSON cannot carry `undefined`: a call without input arrives with no `input` key, which the schema needs present.
    if (
      raw &&
      typeof raw === 'object' &&
      !Array.isArray(raw) &&
      !('input' in raw) &&
      (raw as { t?: unknown }).t === 'call'
    ) {
      raw = { ...raw, input: undefined };
    }
    const parsed = clientMessage.safeParse(raw);
    if (!parsed.success) return badInput('The message is not a call, sub or unsub message.');
    const msg = parsed.data;

    if (msg.t === 'call') {
      router
        .call(msg.method, msg.input, { actor, via: 'web' })
        .then((result) => send({ t: 'result', id: msg.id, ...result }))
        .catch((err: unknown) => {
          // The router turns failures into results; this is only a last guard.
          logger.error('router.call threw', { method: msg.method, error: String(err) });
          send({
            t: 'result',
            id: msg.id,
            ok: false,
            error: { code: 'internal', message: 'The call failed unexpectedly.' },
          });
        });
      return;
    }
    if (!isTopicName(msg.topic)) return badInput(`There is no topic named "${msg.topic}".`);
    if (msg.t === 'sub') {
      if (subscriptions.has(msg.topic)) return;
      const topic = msg.topic;
      subscriptions.set(
        topic,
        bus.subscribe(topic, (payload) => {
          if (ws.readyState !== WebSocket.OPEN) return;
          if (ws.bufferedAmount > maxBufferedBytes) {
            if (!warnedSlow) {
              warnedSlow = true;
              logger.warn('web client is not reading fast enough; dropping its events', { topic });
            }
            return;
          }
          send({ t: 'event', topic, payload });
        }),
      );
    } else {
      subscriptions.get(msg.topic)?.();
      subscriptions.delete(msg.topic);
    }
  });

  ws.on('close', () => {
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  });
  ws.on('error', (err) => logger.debug('websocket error', { error: String(err) }));
}
