import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../main/app';
import { decodeHead } from '../../../main/monitoring/local/head';
import { decodeChunk } from '../../../main/monitoring/tsdb/chunk';
import { OpsError } from '../../../shared/api/errors';
import type { AlertInstance, AlertRule } from '../../../shared/api/monitoring-alerts';
import type { Labels } from '../../../shared/api/monitoring-model';
import type { Snapshot } from '../../../shared/api/workspace';

/**
 * A live restore copies the snapshot's pages under the running services. The
 * local store mirrors local_series and the heads in memory: these tests fail
 * when that mirror survives the restore (a sample written after the snapshot
 * comes back, or a new series writes into the id of a series that is gone).
 */

const START = Date.UTC(2026, 10, 27, 9, 0, 0);
const STEP = 15_000;
const at = (i: number) => START + i * STEP;
const A = { __name__: 'restore_a', host: 'a' };
const B = { __name__: 'restore_b', host: 'b' };
const C = { __name__: 'restore_c', host: 'c' };
const GAUGE = { __name__: 'restore_alert', host: 'a' };
const local = { kind: 'local' } as const;

let dir: string;
let clock: { t: number; now(): number };
let app: App;
let restoredEvents: unknown[];

async function call<T>(method: string, input?: unknown): Promise<T> {
  const r = await app.router.call(method, input, { actor: 'tester', via: 'internal' });
  if (!r.ok) throw OpsError.from(r.error);
  return r.result as T;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
const append = (labels: Labels, idx: number[], value: (i: number) => number) =>
  app.services.monitoring.sink.append(idx.map((i) => ({ labels, t: at(i), v: value(i) })));
/** Past the minute after which the local part writes its heads. */
async function flush() {
  clock.t += 61_000;
  await app.services.monitoring.tick();
}

async function scalar(expr: string): Promise<number | null> {
  const r = await call<{ samples: { value: number | null }[] }>('monitoring.query.instant', { source: local, expr });
  expect(r.samples.length).toBeLessThanOrEqual(1);
  return r.samples[0]?.value ?? null;
}

/** Every series on disk (chunks, then its head), decoded, by its labels. */
function onDisk(): Map<string, { ts: number[]; vs: number[] }> {
  const db = app.services.workspace.db;
  const out = new Map<string, { ts: number[]; vs: number[] }>();
  const series = db.prepare('SELECT id, labels FROM local_series').all() as { id: number; labels: string }[];
  for (const s of series) {
    const ts: number[] = [];
    const vs: number[] = [];
    const chunks = db
      .prepare('SELECT data FROM local_chunks WHERE series_id = ? ORDER BY start_ms')
      .pluck()
      .all(s.id) as Buffer[];
    for (const c of chunks) {
      const d = decodeChunk(c);
      ts.push(...d.ts);
      vs.push(...d.vs);
    }
    const head = db.prepare('SELECT data FROM local_heads WHERE series_id = ?').pluck().get(s.id) as Buffer | undefined;
    if (head) {
      const h = decodeHead(head, s.id, JSON.parse(s.labels) as Labels);
      ts.push(...h.ts);
      vs.push(...h.vs);
    }
    out.set(s.labels, { ts, vs });
  }
  const orphans = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM local_heads WHERE series_id NOT IN (SELECT id FROM local_series))
            + (SELECT COUNT(*) FROM local_chunks WHERE series_id NOT IN (SELECT id FROM local_series))`,
    )
    .pluck()
    .get();
  expect(orphans).toBe(0);
  return out;
}
const key = (l: Labels) => JSON.stringify(Object.fromEntries(Object.entries(l).sort(([a], [b]) => (a < b ? -1 : 1))));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-restore-local-'));
  clock = { t: START, now: () => clock.t };
  app = createApp({ workspacePath: path.join(dir, 'w.sqlite'), logDir: path.join(dir, 'logs'), mode: 'cli', clock });
  restoredEvents = [];
  app.bus.subscribe('workspace.restored', (p) => restoredEvents.push(p));
});
afterEach(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a live restore and the local series store', () => {
  it('takes the samples still held in memory into a snapshot (heads are written before it)', async () => {
    append(A, range(0, 40), (i) => 100 + i);
    // No flush: the 40 samples live only in A's in-memory head when the snapshot is asked for.
    const snapshot = await call<Snapshot>('workspace.snapshots.take', { label: 'unflushed' });
    append(A, range(40, 50), (i) => 100 + i);
    clock.t = at(50);
    await call('workspace.snapshots.restore', { id: snapshot.id });
    expect(await scalar('count_over_time(restore_a[3h])')).toBe(40);
    expect(onDisk().get(key(A))?.ts).toEqual(range(0, 40).map(at));
  });

  it('keeps exactly the snapshot’s samples plus what is appended after, each in its own series', async () => {
    // Snapshot: 200 samples of A (a cut chunk of 120 and a head of 80), written to disk.
    append(A, range(0, 200), (i) => 1000 + i);
    clock.t = at(200);
    await flush();
    const snapshot = await call<Snapshot>('workspace.snapshots.take', { label: 'before B' });
    const statsAtSnapshot = await call<{ samples: number; series: number }>('monitoring.local.stats');

    // After it: a new series B (it takes the next id) and 100 more of A (another chunk cut), on disk too.
    append(B, range(200, 260), (i) => 2_000_000 + i);
    append(A, range(200, 300), (i) => 9000 + i);
    clock.t = at(300);
    await flush();
    expect(await scalar('count_over_time(restore_b[2h])')).toBe(60);

    await call('workspace.snapshots.restore', { id: snapshot.id });
    expect(restoredEvents).toEqual([{ snapshotId: snapshot.id, at: clock.t }]);
    expect(await call('monitoring.local.stats')).toMatchObject(statsAtSnapshot);

    // A continues from the snapshot's newest sample (times the discarded samples had); C is new.
    append(A, range(200, 230), (i) => 5000 + i);
    append(C, range(200, 230), (i) => 3_000_000 + i);
    await flush();

    const snapA = range(0, 200);
    const newA = range(200, 230);
    expect(await scalar('count_over_time(restore_a[3h])')).toBe(230);
    expect(await scalar('sum_over_time(restore_a[3h])')).toBe(
      snapA.reduce((s, i) => s + 1000 + i, 0) + newA.reduce((s, i) => s + 5000 + i, 0),
    );
    expect(await scalar('count_over_time(restore_c[3h])')).toBe(30);
    expect(await scalar('count_over_time(restore_b[3h])')).toBeNull();
    const names = await call<string[]>('monitoring.labels.values', { source: local, label: '__name__' });
    expect(names.sort()).toEqual(['restore_a', 'restore_c']);

    // On disk, sample by sample: no series holds another's values, B is gone.
    const disk = onDisk();
    expect([...disk.keys()].sort()).toEqual([key(A), key(C)].sort());
    expect(disk.get(key(A))).toEqual({
      ts: [...snapA, ...newA].map(at),
      vs: [...snapA.map((i) => 1000 + i), ...newA.map((i) => 5000 + i)],
    });
    expect(disk.get(key(C))).toEqual({ ts: newA.map(at), vs: newA.map((i) => 3_000_000 + i) });

    // Stats (running totals plus heads) equal a recount of the tables.
    const db = app.services.workspace.db;
    const chunks = db
      .prepare('SELECT COALESCE(SUM(count), 0) AS n, COALESCE(SUM(length(data)), 0) AS bytes FROM local_chunks')
      .get() as { n: number; bytes: number };
    const stats = await call<{
      series: number;
      samples: number;
      chunkBytes: number;
      oldestMs: number;
      newestMs: number;
    }>('monitoring.local.stats');
    expect(stats).toMatchObject({
      series: 2,
      samples: [...disk.values()].reduce((n, s) => n + s.ts.length, 0),
      chunkBytes: chunks.bytes,
      oldestMs: at(0),
      newestMs: at(229),
    });
    expect(stats.samples).toBe(260);
  });

  it('brings an alert that resolved after the snapshot back to the snapshot’s firing state', async () => {
    const rule = await call<AlertRule>('monitoring.alerts.rules.save', {
      name: 'RestoreGauge',
      source: local,
      expr: 'restore_alert > 0',
      interval: '15s',
    });
    append(GAUGE, [0], () => 1);
    clock.t = at(1);
    await call('monitoring.alerts.evaluate', { ruleIds: [rule.id] });
    const firing = await call<AlertInstance[]>('monitoring.alerts.active');
    expect(firing.map((a) => [a.ruleId, a.state])).toEqual([[rule.id, 'firing']]);
    await flush();
    const snapshot = await call<Snapshot>('workspace.snapshots.take', {});

    clock.t = at(10);
    append(GAUGE, [9], () => 0);
    await call('monitoring.alerts.evaluate', { ruleIds: [rule.id] });
    expect(await call<AlertInstance[]>('monitoring.alerts.active')).toEqual([]);

    await call('workspace.snapshots.restore', { id: snapshot.id });
    expect(await call<AlertInstance[]>('monitoring.alerts.active')).toEqual(firing);
    expect(restoredEvents).toHaveLength(1);
  });
});
