import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { isTopicName } from '../../shared/api';
import type { CallResult } from '../../shared/api/wire';
import { ipcChannels } from '../../shared/api/wire';
import type { Logger } from '../applog/types';
import { silentLogger } from '../applog/types';
import type { EventBus } from '../rpc/events';
import type { Router } from '../rpc/router';

export interface IpcDeps {
  router: Router;
  bus: EventBus;
  /** the OS user, recorded as the actor of every desktop call */
  actor: string;
  isTrustedSender: (frame: { url: string } | null) => boolean;
  logger?: Logger;
}

/** The bits of a WebContents used for subscriptions. */
type Sender = Pick<IpcMainEvent['sender'], 'send' | 'once' | 'isDestroyed'>;

const forbidden: CallResult = {
  ok: false,
  error: {
    code: 'forbidden',
    message: 'This page is not part of Opsroom, so it may not call Opsroom. Reload the window.',
  },
};

/**
 * The desktop transport: the same router and bus the web mode uses, behind
 * the two IPC channels. Every message's sender frame is checked first; a
 * frame that is not the app gets nothing and reaches nothing.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle' | 'on'>, deps: IpcDeps): void {
  const log = (deps.logger ?? silentLogger).child('ipc');
  // Per window: topic -> unsubscribe from the bus. Dropped when the window goes.
  const subscriptions = new Map<Sender, Map<string, () => void>>();

  ipcMain.handle(ipcChannels.call, async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
    if (!deps.isTrustedSender(event.senderFrame ?? null)) {
      log.warn('call from an untrusted frame refused', { url: event.senderFrame?.url?.slice(0, 200) });
      return forbidden;
    }
    if (typeof method !== 'string') {
      return {
        ok: false,
        error: { code: 'bad_input', message: 'The call name must be a string.' },
      } satisfies CallResult;
    }
    return deps.router.call(method, input, { actor: deps.actor, via: 'desktop' });
  });

  ipcMain.on(ipcChannels.subscribe, (event: IpcMainEvent, topic: unknown, on: unknown) => {
    if (!deps.isTrustedSender(event.senderFrame ?? null)) {
      log.warn('subscription from an untrusted frame refused', { url: event.senderFrame?.url?.slice(0, 200) });
      return;
    }
    if (typeof topic !== 'string' || !isTopicName(topic)) {
      log.warn('subscription to an unknown topic refused', { topic: String(topic).slice(0, 100) });
      return;
    }
    const sender: Sender = event.sender;
    let topics = subscriptions.get(sender);
    if (on === true) {
      if (!topics) {
        topics = new Map();
        subscriptions.set(sender, topics);
        sender.once('destroyed', () => {
          for (const off of subscriptions.get(sender)?.values() ?? []) off();
          subscriptions.delete(sender);
        });
      }
      if (topics.has(topic)) return;
      const off = deps.bus.subscribe(topic, (payload) => {
        if (sender.isDestroyed()) return;
        sender.send(ipcChannels.event, topic, payload);
      });
      topics.set(topic, off);
    } else if (on === false && topics) {
      topics.get(topic)?.();
      topics.delete(topic);
    }
  });
}
