import { afterEach, describe, expect, it } from 'vitest';
import type { LogSource } from '../../../shared/api/monitoring-logs';
import { openLogsApp, type LogsApp } from './helpers';

// Sources on CIs with no address: every pull fails in the SSH resolver before any
// connection, which is enough to see the schedule, errors and retention work.
let f: LogsApp;
afterEach(async () => f?.close());

const DAY = 86_400_000;
const src = (id: string) => f.logs.service.sources.get(id)!;

async function rejects(p: Promise<unknown>, code: string, re: RegExp) {
  const e = (await p.then(
    () => undefined,
    (x: unknown) => x,
  )) as { rpc?: { code: string; message: string } } | undefined;
  expect(e?.rpc?.code).toBe(code);
  expect(e?.rpc?.message).toMatch(re);
}

describe('log sources', () => {
  it('refuses sources that cannot work, each with a sentence', async () => {
    f = openLogsApp();
    const host = await f.addHost('web-01');
    const svc = await f.call<{ id: string }>('cmdb.ci.create', { type: 'service', name: 'checkout' });
    const save = (i: Record<string, unknown>) => f.call<LogSource>('monitoring.logs.sources.save', i);
    await rejects(save({ ciId: host.id, kind: 'file' }), 'bad_input', /needs the path of the log file/);
    await rejects(save({ ciId: host.id, kind: 'file', path: 'var/log/x' }), 'bad_input', /not an absolute path/);
    await rejects(save({ ciId: host.id, kind: 'file', path: '/x', units: ['a'] }), 'bad_input', /journal sources only/);
    await rejects(save({ ciId: svc.id, kind: 'journal' }), 'bad_input', /checkout is a service/);
    await rejects(save({ ciId: 'nope', kind: 'journal' }), 'not_found', /no CI "nope"/);
    await rejects(save({ id: 'nope', ciId: host.id, kind: 'journal' }), 'not_found', /no log source "nope"/);
    const ok = await save({ ciId: host.id, kind: 'journal', units: ['b.service', 'a.service', 'a.service'] });
    expect(ok).toMatchObject({ ci: { name: 'web-01' }, units: ['a.service', 'b.service'], intervalSec: 30, lines: 0 });
    await rejects(
      save({ ciId: host.id, kind: 'journal', units: ['a.service', 'b.service'] }),
      'conflict',
      /already has this journal source/,
    );
  });

  it('keeps the read position on an edit of the interval, forgets it when the path changes', async () => {
    f = openLogsApp();
    const host = await f.addHost('web-01');
    const s = await f.call<LogSource>('monitoring.logs.sources.save', { ciId: host.id, kind: 'file', path: '/a.log' });
    const row = src(s.id);
    f.logs.service.lines.commit(row, 'web-01', [], { cursor: null, inode: '77', offset: 120, more: false }, 1, null);
    await f.call('monitoring.logs.sources.save', {
      id: s.id,
      ciId: host.id,
      kind: 'file',
      path: '/a.log',
      intervalSec: 60,
    });
    expect(src(s.id)).toMatchObject({ inode: '77', offset: 120, intervalSec: 60 });
    await f.call('monitoring.logs.sources.save', { id: s.id, ciId: host.id, kind: 'file', path: '/b.log' });
    expect(src(s.id)).toMatchObject({ inode: null, offset: 0, path: '/b.log' });
  });

  it('a deleted source keeps its lines; a deleted CI takes its sources with it', async () => {
    f = openLogsApp();
    const host = await f.addHost('web-01');
    const a = await f.call<LogSource>('monitoring.logs.sources.save', { ciId: host.id, kind: 'journal' });
    const b = await f.call<LogSource>('monitoring.logs.sources.save', { ciId: host.id, kind: 'file', path: '/x.log' });
    f.logs.service.lines.commit(
      src(a.id),
      'web-01',
      [{ time: 1, unit: 'u', level: 6, message: 'kept' }],
      { cursor: 'c', inode: null, offset: 0, more: false },
      1,
      null,
    );
    expect(await f.call('monitoring.logs.sources.delete', { id: a.id })).toEqual({ deleted: true });
    expect(await f.call('monitoring.logs.sources.delete', { id: a.id })).toEqual({ deleted: false });
    expect((await f.call<{ total: number }>('monitoring.logs.search', { query: 'kept' })).total).toBe(1);
    await f.call('cmdb.ci.delete', { ids: [host.id] });
    expect(f.logs.service.sources.get(b.id)).toBeUndefined();
  });
});

describe('schedule', () => {
  it('pulls a source when due at the clock, records why it failed, and waits its interval', async () => {
    f = openLogsApp();
    const host = await f.addHost('web-01');
    const s = await f.call<LogSource>('monitoring.logs.sources.save', {
      ciId: host.id,
      kind: 'journal',
      intervalSec: 30,
    });
    const t0 = f.clock.now();
    await f.logs.ticking!.tick();
    expect(src(s.id)).toMatchObject({ lastPullAt: t0, lastError: 'web-01 has no address: set one on its CI page.' });
    f.clock.advance(29_000);
    await f.logs.ticking!.tick();
    expect(src(s.id).lastPullAt).toBe(t0);
    f.clock.advance(1000);
    await f.logs.ticking!.tick();
    expect(src(s.id).lastPullAt).toBe(t0 + 30_000);
  });

  it('skips disabled sources on the schedule; an explicit pull still reads them', async () => {
    f = openLogsApp();
    const host = await f.addHost('web-01');
    const s = await f.call<LogSource>('monitoring.logs.sources.save', {
      ciId: host.id,
      kind: 'journal',
      enabled: false,
    });
    await f.logs.ticking!.tick();
    expect(src(s.id).lastPullAt).toBeNull();
    const [after] = await f.call<LogSource[]>('monitoring.logs.pull', { sourceIds: [s.id] });
    expect(after).toMatchObject({ lastPullAt: f.clock.now(), lastError: expect.stringMatching(/no address/) });
    await rejects(f.call('monitoring.logs.pull', { sourceIds: ['gone'] }), 'not_found', /no log source "gone"/);
  });
});

describe('retention', () => {
  it('deletes lines older than the setting, at most every few minutes, and keeps counts right', async () => {
    f = openLogsApp({ options: { retentionEveryMs: 5 * 60_000 } });
    const host = await f.addHost('web-01');
    const s = await f.call<LogSource>('monitoring.logs.sources.save', {
      ciId: host.id,
      kind: 'journal',
      enabled: false,
    });
    await f.call('settings.update', { values: { 'monitoring.logsRetentionDays': 2 } });
    const now = f.clock.now();
    const put = (ages: number[]) =>
      f.logs.service.lines.commit(
        src(s.id),
        'web-01',
        ages.map((d, i) => ({ time: now - d * DAY, unit: 'u', level: 6, message: `line ${d} ${i}` })),
        { cursor: `c${Math.random()}`, inode: null, offset: 0, more: false },
        now,
        null,
      );
    // Enough old lines to take several delete batches.
    put([...Array.from({ length: 12_000 }, () => 3), 1.5, 0.5]);
    await f.logs.ticking!.tick();
    const left = await f.call<{ total: number }>('monitoring.logs.search', {});
    expect(left.total).toBe(2);
    expect((await f.call<{ total: number }>('monitoring.logs.search', { query: 'line' })).total).toBe(2); // the index too
    expect(src(s.id).lines).toBe(2);

    put([5]);
    f.clock.advance(60_000);
    await f.logs.ticking!.tick();
    expect((await f.call<{ total: number }>('monitoring.logs.search', {})).total).toBe(3); // not yet: ran a minute ago
    f.clock.advance(4 * 60_000);
    await f.logs.ticking!.tick();
    expect((await f.call<{ total: number }>('monitoring.logs.search', {})).total).toBe(2);
    expect(src(s.id).lines).toBe(2);
  });
});
