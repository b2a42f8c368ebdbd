import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import { pragmaLines } from '../../../main/store/integrity';
import {
  defaultSnapshotDir,
  listSnapshots,
  resolveSnapshot,
  snapshotFileName,
  stampOf,
} from '../../../main/store/snapshot-files';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-snapfiles-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const t = Date.UTC(2026, 10, 27, 5, 0, 8, 123);

describe('snapshot file names', () => {
  it('encode time and reason sortably', () => {
    expect(stampOf(t)).toBe('20261127T050008123Z');
    expect(snapshotFileName(t, 'pre-restore', 1)).toBe('snapshot-20261127T050008123Z-pre-restore.sqlite');
    expect(snapshotFileName(t, 'manual', 3)).toBe('snapshot-20261127T050008123Z-manual-3.sqlite');
    expect(defaultSnapshotDir('/a/b/ws.sqlite')).toBe('/a/b/ws.sqlite.snapshots');
  });

  it('list from names alone, newest first, ignoring other files', () => {
    for (const name of [
      snapshotFileName(t, 'manual', 1),
      snapshotFileName(t, 'manual', 2),
      snapshotFileName(t + 1, 'scheduled', 1),
      'snapshot-20261127T050008123Z-manual.sqlite.partial',
      'snapshot-bogus-manual.sqlite',
      'readme.txt',
    ]) {
      fs.writeFileSync(path.join(dir, name), 'x');
    }
    fs.mkdirSync(path.join(dir, snapshotFileName(t + 5, 'manual', 1))); // a directory is not a snapshot
    const list = listSnapshots(dir);
    expect(list.map((s) => s.id)).toEqual([
      snapshotFileName(t + 1, 'scheduled', 1),
      snapshotFileName(t, 'manual', 2),
      snapshotFileName(t, 'manual', 1),
    ]);
    expect(list[0]).toEqual({
      id: list[0]!.id,
      sizeBytes: 1,
      createdAt: t + 1,
      reason: 'scheduled',
      label: null,
      schemaVersion: null,
    });
    expect(listSnapshots(path.join(dir, 'missing'))).toEqual([]);
  });

  it.each(['../x', '/etc/passwd', 'a/b', 'a\\b', '', '..', '.', 'x\0y', '../../etc/shadow'])(
    'refuses the hostile id %j',
    (id) => {
      expect(() => resolveSnapshot(dir, id)).toThrow(OpsError);
      try {
        resolveSnapshot(dir, id);
      } catch (e) {
        expect(['bad_input', 'not_found']).toContain((e as OpsError).code);
      }
    },
  );

  it('refuses ids with separators as bad input and unknown names as not found', () => {
    expect(() => resolveSnapshot(dir, '../x')).toThrow(expect.objectContaining({ code: 'bad_input' }));
    expect(() => resolveSnapshot(dir, 'readme.txt')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe('pragmaLines', () => {
  it('splits multi-line answers and drops the banner', () => {
    expect(
      pragmaLines([
        { quick_check: '*** in database main ***\nTree 2 page 5: bad\nTree 2 page 6: bad' },
        { quick_check: 'x' },
      ]),
    ).toEqual(['Tree 2 page 5: bad', 'Tree 2 page 6: bad', 'x']);
  });
});
