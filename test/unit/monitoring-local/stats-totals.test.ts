import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/applog/types';
import { HOUR, MINUTE } from '../../../main/monitoring/local/buckets';
import { allMigrations } from '../../../main/schema';
import type { Db } from '../../../main/store/migration';
import { openWorkspace } from '../../../main/store/workspace';
import { FakeClock, openLocal, type LocalFixture } from './fixture';

const DAY = 24 * HOUR;
const START = Date.UTC(2026, 10, 20, 0, 0, 0);
const END = START + 6 * DAY;
const ctx = { actor: 't', via: 'internal' as const, requestId: 'r' };

/** The stats as the old handler computed them: a full scan of both tables, plus the heads. */
function recount(fx: LocalFixture) {
  const db = fx.ws.db;
  const chunks = db
    .prepare(
      `SELECT COALESCE(SUM(count), 0) AS samples, COALESCE(SUM(length(data)), 0) AS bytes,
              MIN(start_ms) AS oldest, MAX(end_ms) AS newest FROM local_chunks`,
    )
    .get() as { samples: number; bytes: number; oldest: number | null; newest: number | null };
  const rollups = db
    .prepare('SELECT res_ms AS res, SUM(count) AS buckets, MIN(start_ms) AS oldest FROM local_rollups GROUP BY res_ms')
    .all() as { res: number; buckets: number; oldest: number }[];
  let { oldest, newest } = chunks;
  let head = 0;
  let pending = 0;
  for (const ref of fx.part.store.index.all()) {
    const s = fx.part.store.liveState(ref.id);
    if (!s) continue;
    head += s.ts.length;
    pending += s.pending.t.length;
    if (s.ts.length > 0) {
      newest = Math.max(newest ?? -Infinity, s.ts.at(-1)!);
      oldest = Math.min(oldest ?? Infinity, s.ts[0]!);
    }
  }
  for (const r of rollups) oldest = Math.min(oldest ?? Infinity, r.oldest);
  const at = (res: number) => rollups.find((r) => r.res === res)?.buckets ?? 0;
  return {
    series: Number(db.prepare('SELECT COUNT(*) FROM local_series').pluck().get()),
    samples: chunks.samples + head,
    chunkBytes: chunks.bytes,
    bytesPerSample: chunks.samples > 0 ? chunks.bytes / chunks.samples : null,
    oldestMs: oldest,
    newestMs: newest,
    rollups: [
      { resolution: '1m', buckets: at(MINUTE) },
      { resolution: '1h', buckets: at(HOUR) + pending },
    ],
  };
}

/** local_totals (bounds as StoreTotals reads them, stale or not) beside a GROUP BY of the tables it sums. */
function expectTotalsMatchTables(fx: LocalFixture | { db: Db; totals?: undefined }) {
  const db = 'ws' in fx ? fx.ws.db : fx.db;
  const recounted = db
    .prepare(
      `SELECT 0 AS res, COUNT(*) AS rows, COALESCE(SUM(count), 0) AS count, COALESCE(SUM(length(data)), 0) AS bytes,
              MIN(start_ms) AS oldest, MAX(end_ms) AS newest FROM local_chunks
       UNION ALL
       SELECT res_ms, COUNT(*), SUM(count), SUM(length(data)), MIN(start_ms), MAX(end_ms)
       FROM local_rollups GROUP BY res_ms`,
    )
    .all() as {
    res: number;
    rows: number;
    count: number;
    bytes: number;
    oldest: number | null;
    newest: number | null;
  }[];
  const totals =
    'ws' in fx
      ? fx.part.store.totals.read()
      : new Map(
          (
            db
              .prepare('SELECT res_ms AS res, rows, count, bytes, oldest, newest FROM local_totals')
              .all() as typeof recounted
          ).map(({ res, ...t }) => [res, t]),
        );
  for (const { res, ...r } of recounted) {
    const t = totals.get(res) ?? { rows: 0, count: 0, bytes: 0, oldest: null, newest: null };
    expect(t, `totals for res ${res}`).toEqual(r);
  }
  // A resolution with no rows left sums to nothing.
  for (const [res, t] of totals) {
    if (!recounted.some((r) => r.res === res))
      expect(t).toEqual({ rows: 0, count: 0, bytes: 0, oldest: null, newest: null });
  }
}

const staleRows = (db: Db) => db.prepare('SELECT COUNT(*) FROM local_totals WHERE bounds_stale').pluck().get();

async function expectStatsMatchRecount(fx: LocalFixture) {
  const stats = await fx.part.handlers['monitoring.local.stats'](undefined as never, ctx);
  const { retention, ...rest } = stats;
  expect(rest).toEqual(recount(fx));
  expect(retention.rawDays).toBe(fx.settings.get()['monitoring.retentionRawDays']);
  expectTotalsMatchTables(fx);
  return stats;
}

/** Samples of a few series over [from, to) at `step`, in calls of 500 (chunks are cut along the way). */
function write(fx: LocalFixture, names: string[], from: number, to: number, step: number) {
  const labels = names.map((n, k) => ({ __name__: n, host: `h${k}` }));
  let batch: { labels: (typeof labels)[number]; t: number; v: number }[] = [];
  for (let t = from; t < to; t += step) {
    labels.forEach((l, k) => batch.push({ labels: l, t: t + k, v: Math.round((t / step) % 97) / 4 }));
    if (batch.length >= 500) {
      fx.part.sink.append(batch);
      batch = [];
    }
  }
  fx.part.sink.append(batch);
}

let fx: LocalFixture | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await fx?.dispose();
  fx = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the store’s running totals', () => {
  it('match a full recount after appends, cuts, sealing, retention, a foreign delete and reopen', async () => {
    const clock = new FakeClock(START);
    fx = openLocal({
      clock,
      settings: {
        'monitoring.retentionRawDays': 2,
        'monitoring.retention1mDays': 4,
        'monitoring.retention1hDays': 5,
      },
    });
    const empty = await expectStatsMatchRecount(fx);
    expect(empty).toMatchObject({ samples: 0, chunkBytes: 0, oldestMs: null, newestMs: null });

    write(fx, ['load1', 'mem'], START, END, MINUTE);
    write(fx, ['fast'], START, START + DAY, 15_000); // stops after a day: sealed below
    clock.t = END;
    const written = await expectStatsMatchRecount(fx);
    expect(written.samples).toBe(2 * 6 * 24 * 60 + 24 * 60 * 4);

    await fx.part.ticking!.tick(); // flush, seal the idle series, retention drops raw and rollups
    const kept = await expectStatsMatchRecount(fx);
    expect(kept.samples).toBeLessThan(written.samples);
    expect(kept.rollups[0]!.buckets).toBeGreaterThan(0);
    expect(kept.oldestMs).toBeGreaterThan(written.oldestMs!);

    // Retention found the bounds its deletes moved: stats reads them, O(1).
    expect(staleRows(fx.ws.db)).toBe(0);

    // Deletes the store did not make (a repair by hand): the triggers still see them, bounds included.
    fx.ws.db.exec(`DELETE FROM local_chunks WHERE start_ms < (SELECT MIN(start_ms) + ${6 * HOUR} FROM local_chunks)`);
    fx.ws.db.exec('DELETE FROM local_rollups WHERE start_ms = (SELECT MIN(start_ms) FROM local_rollups)');
    expect(staleRows(fx.ws.db)).toBeGreaterThan(0);
    const repaired = await expectStatsMatchRecount(fx);
    expect(repaired.oldestMs).toBeGreaterThan(kept.oldestMs!);

    fx = await fx.reopen();
    const reopened = await expectStatsMatchRecount(fx);
    write(fx, ['load1', 'mem'], END, END + 3 * HOUR, MINUTE);
    clock.t = END + 3 * HOUR;
    expect((await expectStatsMatchRecount(fx)).samples).toBe(reopened.samples + 2 * 180);

    // Past every retention: nothing left, and the totals say so.
    clock.t = END + 40 * DAY;
    await fx.part.ticking!.tick();
    clock.t += 5 * MINUTE;
    await fx.part.ticking!.tick();
    const gone = await expectStatsMatchRecount(fx);
    expect(gone).toMatchObject({ series: 0, samples: 0, chunkBytes: 0, oldestMs: null, newestMs: null });
  });

  it('are made from what a workspace already holds when it is upgraded to them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-totals-'));
    dirs.push(dir);
    const file = path.join(dir, 'w.opsroom');
    const clock = new FakeClock(END);
    const before = allMigrations.filter((m) => m.name !== 'monitoring-local-totals');
    expect(before.length).toBe(allMigrations.length - 1);
    const old = openWorkspace({ path: file, clock, logger: silentLogger, migrations: before });
    const db = old.db;
    db.prepare('INSERT INTO local_series (id, metric, labels) VALUES (1, \'m\', \'{"__name__":"m"}\')').run();
    const chunk = db.prepare(
      'INSERT INTO local_chunks (series_id, start_ms, end_ms, count, data) VALUES (1, ?, ?, ?, ?)',
    );
    const block = db.prepare(
      'INSERT INTO local_rollups (series_id, res_ms, start_ms, end_ms, count, data) VALUES (1, ?, ?, ?, ?, ?)',
    );
    for (let i = 0; i < 50; i++) chunk.run(START + i * HOUR, START + i * HOUR + 1000, 10 + i, Buffer.alloc(20 + i));
    for (let i = 0; i < 7; i++) block.run(HOUR, START + i * DAY, START + i * DAY + 23 * HOUR, 24, Buffer.alloc(40));
    old.close();

    const ws = openWorkspace({ path: file, clock, logger: silentLogger, migrations: allMigrations });
    try {
      expectTotalsMatchTables({ db: ws.db });
      const raw = ws.db.prepare('SELECT rows, count, bytes, oldest, newest FROM local_totals WHERE res_ms = 0').get();
      expect(raw).toEqual({
        rows: 50,
        count: 50 * 10 + (49 * 50) / 2,
        bytes: 50 * 20 + (49 * 50) / 2,
        oldest: START,
        newest: START + 49 * HOUR + 1000,
      });
    } finally {
      ws.close();
    }
  });
});
