import { beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../renderer/api/connection-store';
import { connectionLost, createWsBridge } from '../../../renderer/api/ws-bridge';
import { FakeWebSocket } from './fake-websocket';

function setup() {
  FakeWebSocket.instances = [];
  const states: ConnectionState[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const bridge = createWsBridge({
    url: 'ws://127.0.0.1:1/rpc',
    WebSocketImpl: FakeWebSocket,
    onState: (s) => states.push(s),
    schedule: (fn, ms) => timers.push({ fn, ms }),
  });
  const runTimer = () => timers.shift()!.fn();
  return { bridge, states, timers, runTimer };
}

describe('ws-bridge', () => {
  beforeEach(() => {
    FakeWebSocket.instances = [];
  });

  it('queues calls until open, then matches results to calls by id (out of order)', async () => {
    const { bridge } = setup();
    const a = bridge.call('system.info', undefined);
    const b = bridge.call('audit.list', { limit: 5 });
    bridge.start(true);
    const ws = FakeWebSocket.last();
    expect(ws.url).toBe('ws://127.0.0.1:1/rpc');
    expect(ws.sent).toEqual([]);
    ws.open();
    expect(ws.sent).toEqual([
      { t: 'call', id: 1, method: 'system.info', input: undefined },
      { t: 'call', id: 2, method: 'audit.list', input: { limit: 5 } },
    ]);
    ws.receive({ t: 'result', id: 2, ok: false, error: { code: 'bad_input', message: 'limit too big' } });
    ws.receive({ t: 'result', id: 1, ok: true, result: { app: 'Opsroom' } });
    expect(await a).toEqual({ ok: true, result: { app: 'Opsroom' } });
    expect(await b).toEqual({ ok: false, error: { code: 'bad_input', message: 'limit too big' } });
  });

  it('turns an unreadable reply into an internal error and ignores unknown ids', async () => {
    const { bridge } = setup();
    bridge.start(true);
    const ws = FakeWebSocket.last();
    ws.open();
    const p = bridge.call('x', 1);
    ws.receive({ t: 'result', id: 99, ok: true, result: 'stray' });
    ws.receive({ t: 'result', id: 1, ok: 'maybe' });
    const r = await p;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('internal');
  });

  it('refcounts topic subscriptions: one sub for many listeners, unsub after the last', () => {
    const { bridge } = setup();
    bridge.start(true);
    const ws = FakeWebSocket.last();
    ws.open();
    const got: unknown[] = [];
    const off1 = bridge.subscribe('jobs.updated', (p) => got.push(['a', p]));
    const off2 = bridge.subscribe('jobs.updated', (p) => got.push(['b', p]));
    expect(ws.sent).toEqual([{ t: 'sub', topic: 'jobs.updated' }]);
    ws.receive({ t: 'event', topic: 'jobs.updated', payload: 1 });
    ws.receive({ t: 'event', topic: 'other', payload: 2 });
    expect(got).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
    off1();
    off1(); // a second call must not drop the other listener's count
    expect(ws.sent).toHaveLength(1);
    off2();
    expect(ws.sent).toEqual([
      { t: 'sub', topic: 'jobs.updated' },
      { t: 'unsub', topic: 'jobs.updated' },
    ]);
    ws.receive({ t: 'event', topic: 'jobs.updated', payload: 3 });
    expect(got).toHaveLength(2);
  });

  it('fails pending calls readably on a drop, reconnects with backoff and re-subscribes', async () => {
    const { bridge, states, timers, runTimer } = setup();
    bridge.start(true);
    let ws = FakeWebSocket.last();
    ws.open();
    const got: unknown[] = [];
    bridge.subscribe('audit.appended', (p) => got.push(p));
    const pending = bridge.call('audit.verify', undefined);
    ws.drop();
    expect(await pending).toEqual({ ok: false, error: connectionLost });
    expect(connectionLost.message).toBe('Lost the connection to Opsroom; retrying…');
    expect(bridge.state()).toBe('closed');
    // While closed, a call fails at once instead of hanging.
    expect(await bridge.call('system.info', undefined)).toEqual({ ok: false, error: connectionLost });

    expect(timers.map((t) => t.ms)).toEqual([500]);
    runTimer();
    ws = FakeWebSocket.last();
    expect(FakeWebSocket.instances).toHaveLength(2);
    ws.drop(); // refused during reconnect: still not "unauthorised", we were in before
    expect(bridge.state()).toBe('closed');
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    runTimer();
    ws = FakeWebSocket.last();
    ws.open();
    expect(ws.sent).toEqual([{ t: 'sub', topic: 'audit.appended' }]);
    ws.receive({ t: 'event', topic: 'audit.appended', payload: { seq: 7 } });
    expect(got).toEqual([{ seq: 7 }]);
    expect(states).toEqual(['open', 'closed', 'connecting', 'closed', 'connecting', 'open']);
  });

  it('reports unauthorised when refused before ever opening without a token, and stops retrying', async () => {
    const { bridge, timers } = setup();
    const p = bridge.call('system.info', undefined);
    bridge.start(false);
    FakeWebSocket.last().drop();
    expect(bridge.state()).toBe('unauthorised');
    expect(timers).toHaveLength(0);
    expect(await p).toEqual({ ok: false, error: connectionLost });
  });

  it('keeps retrying a refused first connection when the page had a token', () => {
    const { bridge, timers } = setup();
    bridge.start(true);
    FakeWebSocket.last().drop();
    expect(bridge.state()).toBe('closed');
    expect(timers).toHaveLength(1);
  });

  it('caps the backoff', () => {
    const { bridge, timers, runTimer } = setup();
    bridge.start(true);
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      FakeWebSocket.last().drop();
      delays.push(timers[0].ms);
      runTimer();
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });
});
