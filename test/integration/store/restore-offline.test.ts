import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { restoreOffline } from '../../../main/store/restore-offline';
import { corruptPage, fakeClock, fillItems, open, sha256File, tempDir } from './helpers';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = path.join(tmp.dir, 'ws.sqlite');
});
afterEach(() => tmp.cleanup());

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(OpsError);
    return (err as OpsError).code;
  }
  return 'no error';
}

describe('restoreOffline', () => {
  it('moves a damaged workspace aside (never deletes it) and copies the latest snapshot in; it then opens', () => {
    const clock = fakeClock();
    const ws = open(file, clock);
    fillItems(ws.db, 3000);
    ws.snapshots.take('manual', 'older');
    clock.t += 1000;
    ws.db.prepare('DELETE FROM items WHERE id > 2500').run();
    const latest = ws.snapshots.take('manual', 'newest');
    ws.close();
    corruptPage(file, Math.floor(fs.statSync(file).size / 4096 / 2));
    const damagedHash = sha256File(file);
    fs.writeFileSync(`${file}-wal`, ''); // a leftover that belongs to the damaged file
    expect(codeOf(() => open(file, clock))).toBe('integrity');

    clock.t += 1000;
    const r = restoreOffline({ path: file, latest: true, clock });
    expect(r.restoredFrom).toBe(path.join(`${file}.snapshots`, latest.id));
    expect(r.movedAside).toBe(`${file}.damaged-20261127T090002000Z`);
    expect(sha256File(r.movedAside!)).toBe(damagedHash);
    expect(fs.existsSync(`${r.movedAside}-wal`)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);

    const back = open(file, clock);
    expect(back.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(2500);
    back.close();
  });

  it('restores a named snapshot into a missing workspace file', () => {
    const clock = fakeClock();
    const ws = open(file, clock);
    const snap = ws.snapshots.take('manual');
    ws.close();
    fs.rmSync(file);
    const r = restoreOffline({ path: file, snapshotId: snap.id, clock });
    expect(r.movedAside).toBeNull();
    open(file, clock).close();
  });

  it('refuses hostile ids, a missing choice, an empty snapshot dir, and a damaged snapshot — changing nothing', () => {
    const clock = fakeClock();
    expect(codeOf(() => restoreOffline({ path: file, latest: true, clock }))).toBe('not_found');
    const ws = open(file, clock);
    fillItems(ws.db, 2000);
    const snap = ws.snapshots.take('manual');
    ws.close();
    const before = sha256File(file);
    expect(codeOf(() => restoreOffline({ path: file, snapshotId: '../ws.sqlite', clock }))).toBe('bad_input');
    expect(codeOf(() => restoreOffline({ path: file, snapshotId: '/etc/passwd', clock }))).toBe('bad_input');
    expect(codeOf(() => restoreOffline({ path: file, clock }))).toBe('bad_input');
    const snapFile = path.join(`${file}.snapshots`, snap.id);
    corruptPage(snapFile, Math.floor(fs.statSync(snapFile).size / 4096 / 2));
    expect(codeOf(() => restoreOffline({ path: file, latest: true, clock }))).toBe('integrity');
    expect(sha256File(file)).toBe(before);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.includes('damaged'))).toEqual([]);
  });
});
