import { describe, expect, it } from 'vitest';
import { createKeyBatcher } from '../../../renderer/views/terminals/key-batcher';
import { base64ToBytes, tabLabel, writeTargets } from '../../../renderer/views/terminals/terminal-pure';
import { parseAsciicast, playbackSchedule } from '../../../renderer/views/terminals/asciicast';

/** A hand-driven clock: timers fire only when the test says so. */
function fakeTimers() {
  let next = 1;
  const timers = new Map<number, () => void>();
  return {
    setTimer: (fn: () => void) => (timers.set(next, fn), next++),
    clearTimer: (t: unknown) => timers.delete(t as number),
    fireAll() {
      const fns = [...timers.values()];
      timers.clear();
      fns.forEach((f) => f());
    },
    get pending() {
      return timers.size;
    },
  };
}

describe('keystroke batching', () => {
  it('sends everything typed within the delay as one call', () => {
    const t = fakeTimers();
    const sent: [string[], string][] = [];
    const b = createKeyBatcher({ send: (ids, d) => sent.push([ids, d]), ...t });
    for (const k of 'echo hello\r') b.push(['s1'], k);
    expect(sent).toEqual([]);
    expect(t.pending).toBe(1);
    t.fireAll();
    expect(sent).toEqual([[['s1'], 'echo hello\r']]);
  });

  it('flushes the previous target set first when the targets change, keeping order', () => {
    const t = fakeTimers();
    const sent: [string[], string][] = [];
    const b = createKeyBatcher({ send: (ids, d) => sent.push([ids, d]), ...t });
    b.push(['a'], 'ls');
    b.push(['a', 'b'], 'pwd');
    t.fireAll();
    expect(sent).toEqual([
      [['a'], 'ls'],
      [['a', 'b'], 'pwd'],
    ]);
  });

  it('splits a paste larger than the per-call limit', () => {
    const t = fakeTimers();
    const sent: string[] = [];
    const b = createKeyBatcher({ send: (_, d) => sent.push(d), maxChunk: 4, ...t });
    b.push(['a'], 'abcdefghij');
    b.flush();
    expect(sent).toEqual(['abcd', 'efgh', 'ij']);
    expect(t.pending).toBe(0);
  });

  it('ignores empty input and empty target sets, and drops what is pending on dispose', () => {
    const t = fakeTimers();
    const sent: string[] = [];
    const b = createKeyBatcher({ send: (_, d) => sent.push(d), ...t });
    b.push([], 'x');
    b.push(['a'], '');
    expect(t.pending).toBe(0);
    b.push(['a'], 'y');
    b.dispose();
    t.fireAll();
    expect(sent).toEqual([]);
  });
});

describe('terminal data decoding', () => {
  it('turns base64 into the exact bytes, including split UTF-8 and NUL', () => {
    const bytes = Buffer.from([0, 0xe2, 0x82, 0xac, 0xff, 0x1b, 0x5b, 0x6d]);
    expect([...base64ToBytes(bytes.toString('base64'))]).toEqual([...bytes]);
    expect(base64ToBytes('').length).toBe(0);
    const text = 'héllo wörld\r\n';
    expect(Buffer.from(base64ToBytes(Buffer.from(text).toString('base64'))).toString()).toBe(text);
  });
});

describe('broadcast targets', () => {
  const tab = (key: string, sessionId: string | null, receive: boolean, state = 'open' as const) => ({
    key,
    sessionId,
    state: state as 'connecting' | 'open' | 'closed',
    receiveBroadcast: receive,
  });

  it('without broadcast, only the terminal typed in', () => {
    const tabs = [tab('t1', 's1', true), tab('t2', 's2', true)];
    expect(writeTargets(tabs, 't1', false)).toEqual(['s1']);
  });

  it('with broadcast, the source plus every open receiving tab, once each', () => {
    const tabs = [
      tab('t1', 's1', false),
      tab('t2', 's2', true),
      tab('t3', 's3', true, 'closed' as never),
      tab('t4', null, true),
      tab('t5', 's5', true),
    ];
    expect(writeTargets(tabs, 't1', true)).toEqual(['s1', 's2', 's5']);
    expect(writeTargets(tabs, 't2', true)).toEqual(['s2', 's5']);
  });

  it('sends nothing from a closed or unbound tab unless others receive', () => {
    const tabs = [tab('t1', null, false), tab('t2', 's2', false)];
    expect(writeTargets(tabs, 't1', true)).toEqual([]);
  });

  it('never exceeds the contract limit of 100 ids', () => {
    const tabs = Array.from({ length: 150 }, (_, i) => tab(`t${i}`, `s${i}`, true));
    expect(writeTargets(tabs, 't0', true)).toHaveLength(100);
  });

  it('labels a closed tab with its reason', () => {
    expect(tabLabel('web-1', 'closed', 'host unreachable')).toBe('web-1 — connection closed: host unreachable');
    expect(tabLabel('web-1', 'open', null)).toBe('web-1');
  });
});

describe('asciicast player', () => {
  const cast = [
    JSON.stringify({ version: 2, width: 100, height: 30, timestamp: 1 }),
    JSON.stringify([0.5, 'o', 'hello ']),
    JSON.stringify([0.2, 'o', 'first ']),
    JSON.stringify([1.0, 'i', 'typed']),
    'not json',
    '',
    JSON.stringify([20.0, 'o', 'late']),
  ].join('\n');

  it('reads output events in time order, skipping input and counting bad lines', () => {
    const c = parseAsciicast(cast);
    expect(c.header).toMatchObject({ width: 100, height: 30 });
    expect(c.events.map((e) => e.data)).toEqual(['first ', 'hello ', 'late']);
    expect(c.bad).toEqual([5]);
    expect(c.duration).toBe(20);
  });

  it('refuses what is not asciicast v2', () => {
    expect(() => parseAsciicast('{"version":1}\n')).toThrow(/asciicast v2/);
    expect(() => parseAsciicast('garbage')).toThrow(/JSON header/);
  });

  it('schedules at real speed and 4×, shortening long idle gaps', () => {
    const { events } = parseAsciicast(cast);
    expect(playbackSchedule(events, 1)).toEqual([200, 500, 2500]);
    expect(playbackSchedule(events, 4)).toEqual([50, 125, 625]);
  });
});
