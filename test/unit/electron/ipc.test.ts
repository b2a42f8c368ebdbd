import { describe, expect, it } from 'vitest';
import type { IpcMain } from 'electron';
import { OpsError } from '../../../shared/api/errors';
import { ipcChannels, type CallResult } from '../../../shared/api/wire';
import type { SystemInfo } from '../../../shared/api/system';
import { silentLogger } from '../../../main/applog/types';
import { registerIpc } from '../../../main/electron/ipc';
import { trustedSender } from '../../../main/electron/origin';
import { EventBus } from '../../../main/rpc/events';
import { createRouter, type CallContext, type Handlers } from '../../../main/rpc/router';
import { makeBridge } from '../../../preload/bridge';
import { FakeContents } from './fakes';

const info: SystemInfo = {
  app: 'Opsroom',
  version: '0.1.0',
  workspacePath: '/tmp/w.sqlite',
  readOnly: false,
  demo: false,
  platform: 'linux-x64',
  mode: 'desktop',
  user: 'alice',
};

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Records what registerIpc hands to ipcMain, so the test can invoke it with fake events. */
class FakeIpcMain {
  handlers = new Map<string, Fn>();
  listeners = new Map<string, Fn>();
  handle(channel: string, fn: Fn) {
    this.handlers.set(channel, fn);
  }
  on(channel: string, fn: Fn) {
    this.listeners.set(channel, fn);
    return this;
  }
}

function setup() {
  const calls: Array<{ method: string; ctx: CallContext }> = [];
  const handlers = {
    'system.info': (_input: unknown, ctx: CallContext) => {
      calls.push({ method: 'system.info', ctx });
      return { ...info, secret: 'stripped by the contract' };
    },
    'settings.get': (_input: unknown, ctx: CallContext) => {
      calls.push({ method: 'settings.get', ctx });
      throw new OpsError('not_found', 'No settings here.');
    },
  } as unknown as Handlers;
  const router = createRouter({ handlers, logger: silentLogger });
  const bus = new EventBus();
  const ipcMain = new FakeIpcMain();
  registerIpc(ipcMain as unknown as Pick<IpcMain, 'handle' | 'on'>, {
    router,
    bus,
    actor: 'alice',
    isTrustedSender: trustedSender('app://opsroom'),
  });
  return { ipcMain, bus, calls };
}

const appFrame = { url: 'app://opsroom/index.html' };

describe('registerIpc: calls', () => {
  it('routes a trusted call through the router as a desktop call', async () => {
    const { ipcMain, calls } = setup();
    const call = ipcMain.handlers.get(ipcChannels.call)!;
    const res: CallResult = await call({ senderFrame: appFrame, sender: new FakeContents() }, 'system.info', undefined);
    expect(res).toEqual({ ok: true, result: info });
    expect(calls).toHaveLength(1);
    expect(calls[0].ctx).toMatchObject({ actor: 'alice', via: 'desktop' });
  });

  it('passes errors through as {code, message}', async () => {
    const { ipcMain } = setup();
    const res = await ipcMain.handlers.get(ipcChannels.call)!({ senderFrame: appFrame }, 'settings.get', undefined);
    expect(res).toEqual({ ok: false, error: { code: 'not_found', message: 'No settings here.' } });
    const unknown = await ipcMain.handlers.get(ipcChannels.call)!({ senderFrame: appFrame }, 'shell.exec', {});
    expect(unknown.error.code).toBe('unknown_method');
    const notString = await ipcMain.handlers.get(ipcChannels.call)!({ senderFrame: appFrame }, { m: 1 }, {});
    expect(notString.error.code).toBe('bad_input');
  });

  it.each([null, { url: 'app://evil/index.html' }, { url: 'https://example.com/' }, { url: 'file:///x/index.html' }])(
    'refuses a call from %j without touching the router',
    async (frame) => {
      const { ipcMain, calls } = setup();
      const res = await ipcMain.handlers.get(ipcChannels.call)!({ senderFrame: frame }, 'system.info', undefined);
      expect(res.ok).toBe(false);
      expect(res.error.code).toBe('forbidden');
      expect(calls).toHaveLength(0);
    },
  );
});

describe('registerIpc: subscriptions', () => {
  it('forwards bus events to a subscribed window, once per topic, until it unsubscribes', () => {
    const { ipcMain, bus } = setup();
    const sub = ipcMain.listeners.get(ipcChannels.subscribe)!;
    const wc = new FakeContents();
    sub({ senderFrame: appFrame, sender: wc }, 'applog.line', true);
    sub({ senderFrame: appFrame, sender: wc }, 'applog.line', true);
    expect(bus.listenerCount('applog.line')).toBe(1);
    bus.publish('applog.line', { msg: 'hello' } as never);
    expect(wc.sent).toEqual([[ipcChannels.event, 'applog.line', { msg: 'hello' }]]);
    sub({ senderFrame: appFrame, sender: wc }, 'applog.line', false);
    expect(bus.listenerCount('applog.line')).toBe(0);
    bus.publish('applog.line', { msg: 'again' } as never);
    expect(wc.sent).toHaveLength(1);
  });

  it('drops every subscription of a window when it is destroyed', () => {
    const { ipcMain, bus } = setup();
    const sub = ipcMain.listeners.get(ipcChannels.subscribe)!;
    const wc = new FakeContents();
    const other = new FakeContents();
    sub({ senderFrame: appFrame, sender: wc }, 'applog.line', true);
    sub({ senderFrame: appFrame, sender: wc }, 'jobs.updated', true);
    sub({ senderFrame: appFrame, sender: other }, 'jobs.updated', true);
    expect(bus.listenerCount('jobs.updated')).toBe(2);
    wc.destroy();
    expect(bus.listenerCount('applog.line')).toBe(0);
    expect(bus.listenerCount('jobs.updated')).toBe(1);
    bus.publish('jobs.updated', { id: 'j1' } as never);
    expect(other.sent).toHaveLength(1);
  });

  it('refuses untrusted senders and unknown topics', () => {
    const { ipcMain, bus } = setup();
    const sub = ipcMain.listeners.get(ipcChannels.subscribe)!;
    const wc = new FakeContents();
    sub({ senderFrame: { url: 'app://opsroom.evil/' }, sender: wc }, 'applog.line', true);
    sub({ senderFrame: null, sender: wc }, 'applog.line', true);
    sub({ senderFrame: appFrame, sender: wc }, 'no.such.topic', true);
    sub({ senderFrame: appFrame, sender: wc }, '__proto__', true);
    sub({ senderFrame: appFrame, sender: wc }, { toString: () => 'applog.line' }, true);
    expect(bus.listenerCount('applog.line')).toBe(0);
    bus.publish('applog.line', { msg: 'x' } as never);
    expect(wc.sent).toHaveLength(0);
  });
});

describe('preload bridge over registerIpc', () => {
  it('calls and subscribes end to end through fake IPC', async () => {
    const { ipcMain, bus } = setup();
    const wc = new FakeContents();
    const rendererListeners = new Map<string, Fn>();
    // The renderer side: invoke/send reach main's recorded handlers; main's sends reach `on`.
    wc.send = (channel: unknown, ...args: unknown[]) => rendererListeners.get(channel as string)?.({}, ...args);
    const bridge = makeBridge({
      invoke: async (channel, ...args) =>
        ipcMain.handlers.get(channel)!({ senderFrame: appFrame, sender: wc }, ...args),
      send: (channel, ...args) => ipcMain.listeners.get(channel)!({ senderFrame: appFrame, sender: wc }, ...args),
      on: (channel, fn) => rendererListeners.set(channel, fn),
    });
    expect(await bridge.call('system.info', undefined)).toEqual({ ok: true, result: info });
    const got: unknown[] = [];
    const off = bridge.subscribe('audit.appended', (p) => got.push(p));
    bus.publish('audit.appended', { seq: 1 } as never);
    expect(got).toEqual([{ seq: 1 }]);
    off();
    expect(bus.listenerCount('audit.appended')).toBe(0);
  });
});
