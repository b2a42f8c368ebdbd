import { describe, expect, it } from 'vitest';
import { ipcChannels as sharedChannels } from '../../../shared/api/wire';
import { ipcChannels, makeBridge } from '../../../preload/bridge';

function fakeIpc() {
  const invoked: unknown[][] = [];
  const sent: unknown[][] = [];
  const on = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  return {
    invoked,
    sent,
    emit: (channel: string, ...args: unknown[]) => on.get(channel)?.({ sender: 'secret' }, ...args),
    ipc: {
      invoke: async (channel: string, ...args: unknown[]) => {
        invoked.push([channel, ...args]);
        return { ok: true, result: 42 };
      },
      send: (channel: string, ...args: unknown[]) => void sent.push([channel, ...args]),
      on: (channel: string, fn: (event: unknown, ...args: unknown[]) => void) => void on.set(channel, fn),
    },
  };
}

describe('makeBridge', () => {
  it('uses exactly the shared channel names', () => {
    expect(ipcChannels).toEqual(sharedChannels);
  });

  it('exposes only call and subscribe', () => {
    const bridge = makeBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual(['call', 'subscribe']);
  });

  it('invokes the call channel with method and input', async () => {
    const f = fakeIpc();
    const res = await makeBridge(f.ipc).call('jobs.list', { limit: 5 });
    expect(res).toEqual({ ok: true, result: 42 });
    expect(f.invoked).toEqual([[ipcChannels.call, 'jobs.list', { limit: 5 }]]);
  });

  it('subscribes on the first listener and unsubscribes after the last', () => {
    const f = fakeIpc();
    const bridge = makeBridge(f.ipc);
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = bridge.subscribe('jobs.updated', (p) => a.push(p));
    const offB = bridge.subscribe('jobs.updated', (p) => b.push(p));
    expect(f.sent).toEqual([[ipcChannels.subscribe, 'jobs.updated', true]]);

    f.emit(ipcChannels.event, 'jobs.updated', { id: 1 });
    f.emit(ipcChannels.event, 'audit.appended', { seq: 9 });
    expect(a).toEqual([{ id: 1 }]);
    expect(b).toEqual([{ id: 1 }]);

    offA();
    offA(); // a second call must not unsubscribe someone else
    expect(f.sent).toHaveLength(1);
    f.emit(ipcChannels.event, 'jobs.updated', { id: 2 });
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(2);
    offB();
    expect(f.sent).toEqual([
      [ipcChannels.subscribe, 'jobs.updated', true],
      [ipcChannels.subscribe, 'jobs.updated', false],
    ]);
    bridge.subscribe('jobs.updated', () => {});
    expect(f.sent).toHaveLength(3);
  });

  it('gives listeners the payload only, and survives a throwing listener', () => {
    const f = fakeIpc();
    const bridge = makeBridge(f.ipc);
    const got: unknown[][] = [];
    const origError = console.error;
    console.error = () => {};
    try {
      bridge.subscribe('applog.line', () => {
        throw new Error('boom');
      });
      bridge.subscribe('applog.line', (...args: unknown[]) => void got.push(args));
      f.emit(ipcChannels.event, 'applog.line', { msg: 'x' });
    } finally {
      console.error = origError;
    }
    expect(got).toEqual([[{ msg: 'x' }]]);
  });

  it('the same function subscribed twice unsubscribes independently', () => {
    const f = fakeIpc();
    const bridge = makeBridge(f.ipc);
    let n = 0;
    const l = () => void n++;
    const off1 = bridge.subscribe('jobs.log', l);
    bridge.subscribe('jobs.log', l);
    off1();
    f.emit(ipcChannels.event, 'jobs.log', {});
    expect(n).toBe(1);
  });
});
