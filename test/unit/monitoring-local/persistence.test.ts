import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/applog/types';
import { createLocalPart } from '../../../main/monitoring/local/part';
import { allMigrations } from '../../../main/schema';
import { SettingsService } from '../../../main/settings/service';
import { openWorkspace } from '../../../main/store/workspace';
import { FakeClock, openLocal, type LocalFixture } from './fixture';

const T0 = Date.UTC(2026, 10, 27, 9, 0, 0);
const labels = { __name__: 'host_load1', host: 'a' };
const sample = (i: number) => ({ labels, t: T0 + i * 15_000, v: Math.round(i * 37) / 100 });

let fx: LocalFixture;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  try {
    await fx.dispose();
  } finally {
    for (const c of cleanups.splice(0)) c();
  }
});

/** Every stored sample of the series (values; their times must be the slots they were written at). */
async function stored(f: { part: LocalFixture['part'] }, n: number): Promise<number[]> {
  const [ref] = f.part.store.index.select([{ name: '__name__', op: '=', value: 'host_load1' }]);
  if (!ref) return [];
  const { ts, vs } = f.part.store.raw(ref.id, T0, T0 + n * 15_000);
  ts.forEach((t, i) => expect(t).toBe(T0 + i * 15_000));
  return Array.from(vs);
}
const expected = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => sample(from + k).v);

/**
 * A crash: the process dies with the database open. What is on disk then is
 * the file and its WAL as they are now; a copy of both is what the next
 * start finds.
 */
function crashCopy(file: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-crash-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const copy = path.join(dir, path.basename(file));
  for (const suffix of ['', '-wal']) {
    if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, copy + suffix);
  }
  return copy;
}

function openCopy(file: string, clock: FakeClock) {
  const ws = openWorkspace({ path: file, clock, logger: silentLogger, migrations: allMigrations });
  const settings = new SettingsService({ db: ws.db, logger: silentLogger, clock });
  const part = createLocalPart({ db: ws.db, clock, settings, logger: silentLogger });
  cleanups.unshift(() => {
    void part.close?.();
    ws.close();
  });
  return { part };
}

describe('persistence of the series store', () => {
  it('keeps every appended sample across a clean close and reopen, heads included', async () => {
    fx = openLocal({ clock: new FakeClock(T0) });
    fx.part.sink.append(Array.from({ length: 250 }, (_, i) => sample(i))); // two chunks and a 10-sample head
    fx.part.sink.append([sample(250), sample(251)]);
    fx = await fx.reopen();
    expect(await stored(fx, 252)).toEqual(expected(0, 252));
    // The reopened store continues the same series and still refuses older samples.
    fx.part.sink.append([sample(100), sample(252)]);
    expect(await stored(fx, 253)).toEqual(expected(0, 253));
  });

  it('loses at most the samples since the last flush on a crash, and never stores one twice', async () => {
    const clock = new FakeClock(T0);
    fx = openLocal({ clock });
    fx.part.sink.append(Array.from({ length: 50 }, (_, i) => sample(i)));
    clock.t += 60_000;
    await fx.part.ticking!.tick(); // a minute on: heads are flushed
    fx.part.sink.append(Array.from({ length: 20 }, (_, i) => sample(50 + i)));
    const early = openCopy(crashCopy(fx.file), clock);
    expect(await stored(early, 70)).toEqual(expected(0, 50));

    // A cut writes the chunk and what stays in the head in one transaction.
    fx.part.sink.append(Array.from({ length: 100 }, (_, i) => sample(70 + i)));
    const afterCut = openCopy(crashCopy(fx.file), clock);
    expect(await stored(afterCut, 170)).toEqual(expected(0, 170));
  });

  it('seals an idle series into chunks and blocks, out of memory and still answering', async () => {
    const clock = new FakeClock(T0);
    fx = openLocal({ clock });
    fx.part.sink.append(Array.from({ length: 30 }, (_, i) => sample(i)));
    clock.t = T0 + 2 * 3600_000;
    await fx.part.ticking!.tick();
    const heads = fx.ws.db.prepare('SELECT COUNT(*) FROM local_heads').pluck().get();
    expect(heads).toBe(0);
    expect(fx.part.store.liveState(fx.part.store.index.select([])[0]?.id ?? -1)).toBeUndefined();
    expect(await stored(fx, 30)).toEqual(expected(0, 30));
    const hours = await fx.part.engine.range('max_over_time(host_load1[1h])', T0 + 3600_000, T0 + 3600_000, 3600_000);
    expect(hours.series[0].v[0]).toBe(Math.max(...expected(0, 30)));
  });
});
