import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import type { Workspace } from '../../../main/store/workspace';
import { storeMigrations } from '../../../main/store/schema';
import {
  appendAudit,
  auditRows,
  auditTablesMigration,
  corruptPage,
  fakeClock,
  fillItems,
  open,
  tempDir,
  type FakeClock,
} from './helpers';

let tmp: ReturnType<typeof tempDir>;
let clock: FakeClock;
let ws: Workspace;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  clock = fakeClock();
  file = path.join(tmp.dir, 'ws.sqlite');
  ws = open(file, clock);
});
afterEach(() => {
  ws.close();
  tmp.cleanup();
});

async function expectRejects(p: Promise<unknown>, code: string): Promise<void> {
  await expect(p).rejects.toBeInstanceOf(OpsError);
  await expect(p).rejects.toMatchObject({ code });
}

function names(): string[] {
  return ws.db.prepare('SELECT name FROM items ORDER BY id').pluck().all() as string[];
}

describe('snapshots', () => {
  it('takes consistent copies, lists them newest first with their metadata', () => {
    ws.db.prepare('INSERT INTO items (name) VALUES (?)').run('a');
    const first = ws.snapshots.take('manual', 'before change');
    clock.t += 5000;
    const second = ws.snapshots.take('scheduled');
    const same = ws.snapshots.take('scheduled'); // same millisecond: a distinct name
    expect(same.id).not.toBe(second.id);
    const list = ws.snapshots.list();
    expect(list.map((s) => s.id)).toEqual([same.id, second.id, first.id]);
    expect(list[2]).toEqual({
      id: first.id,
      sizeBytes: fs.statSync(path.join(ws.snapshotDir, first.id)).size,
      createdAt: clock.t - 5000,
      reason: 'manual',
      label: 'before change',
      schemaVersion: 3,
    });
    expect(first.sizeBytes).toBeGreaterThan(0);
    expect(fs.readdirSync(ws.snapshotDir).some((f) => f.endsWith('.partial'))).toBe(false);
    expect(ws.info().lastSnapshotAt).toBe(clock.t);
  });

  it('still lists a snapshot whose sidecar was lost, from its name alone', () => {
    const s = ws.snapshots.take('manual', 'x');
    fs.rmSync(path.join(ws.snapshotDir, `${s.id}.json`));
    expect(ws.snapshots.list()[0]).toMatchObject({
      id: s.id,
      reason: 'manual',
      createdAt: s.createdAt,
      label: null,
      schemaVersion: null,
    });
  });

  it('prunes manual+scheduled to the newest `keep`, and safety snapshots on their own budget', () => {
    const taken = [];
    for (let i = 0; i < 5; i++) {
      clock.t += 1000;
      taken.push(ws.snapshots.take(i % 2 ? 'manual' : 'scheduled'));
    }
    clock.t += 1000;
    const safety = ws.snapshots.take('pre-restore');
    clock.t += 1000;
    const mig = ws.snapshots.take('pre-migration');
    const removed = ws.snapshots.prune(2);
    expect(removed.map((s) => s.id).sort()).toEqual(
      taken
        .slice(0, 3)
        .map((s) => s.id)
        .sort(),
    );
    expect(ws.snapshots.list().map((s) => s.id)).toEqual([mig.id, safety.id, taken[4]!.id, taken[3]!.id]);
    // sidecars go with their snapshot
    expect(fs.readdirSync(ws.snapshotDir).filter((f) => f.endsWith('.json'))).toHaveLength(4);
    ws.snapshots.prune(1);
    expect(ws.snapshots.list().map((s) => s.id)).toEqual([mig.id, taken[4]!.id]);
  });

  it('restores live: the same db object reads the snapshot, and a safety snapshot holds the state before', async () => {
    fillItems(ws.db, 500); // several pages, so the copy is more than a header
    const snap = ws.snapshots.take('manual', 'good');
    const db = ws.db;
    clock.t += 60_000;
    db.prepare('DELETE FROM items WHERE id > 10').run();
    db.prepare('INSERT INTO items (name) VALUES (?)').run('after-snapshot');
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(11);

    const result = await ws.snapshots.restore(snap.id);
    expect(ws.db).toBe(db);
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(500);
    expect(names()).not.toContain('after-snapshot');
    expect(result.restored.id).toBe(snap.id);
    expect(result.safety.reason).toBe('pre-restore');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');

    // the safety snapshot is itself restorable and brings back the pre-restore state
    await ws.snapshots.restore(result.safety.id);
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(11);
    expect(names()).toContain('after-snapshot');
    // writes keep working on the same connection after restores
    db.prepare('INSERT INTO items (name) VALUES (?)').run('later');
    expect(names()).toContain('later');
  });

  it('carries audit entries written after the snapshot over, identical, with the head on the last one', async () => {
    for (let i = 0; i < 5; i++) appendAudit(ws.db, clock.t + i, `before-${i}`);
    ws.db.prepare('INSERT INTO items (name) VALUES (?)').run('in-snapshot');
    const snap = ws.snapshots.take('manual');
    for (let i = 0; i < 7; i++) appendAudit(ws.db, clock.t + 100 + i, `after-${i}`);
    ws.db.prepare('INSERT INTO items (name) VALUES (?)').run('not-in-snapshot');
    const before = auditRows(ws.db);

    const result = await ws.snapshots.restore(snap.id);
    expect(result.audit).toEqual({ carried: 7, diverged: false });
    expect(auditRows(ws.db)).toEqual(before);
    const last = before[before.length - 1]!;
    expect(ws.db.prepare('SELECT seq, hash FROM audit_head').get()).toEqual({ seq: last.seq, hash: last.hash });
    expect(names()).toEqual(['in-snapshot']); // everything else rolled back
    // the chain continues from the carried head
    expect(appendAudit(ws.db, clock.t + 1000, 'next').seq).toBe(13);
  });

  it('keeps the restored chain and says so when it is not a prefix of the live one', async () => {
    const otherFile = path.join(tmp.dir, 'other.sqlite');
    const other = open(otherFile, clock);
    appendAudit(other.db, 1, 'foreign-1');
    const foreign = other.snapshots.take('manual');
    other.close();
    fs.mkdirSync(ws.snapshotDir, { recursive: true });
    fs.copyFileSync(path.join(`${otherFile}.snapshots`, foreign.id), path.join(ws.snapshotDir, foreign.id));

    appendAudit(ws.db, 5, 'mine-1');
    appendAudit(ws.db, 6, 'mine-2');
    const result = await ws.snapshots.restore(foreign.id);
    expect(result.audit).toEqual({ carried: 0, diverged: true });
    expect(auditRows(ws.db).map((r) => r.action)).toEqual(['foreign-1']);
  });

  it('runs pending migrations after restoring an older snapshot', async () => {
    ws.close();
    const oldFile = path.join(tmp.dir, 'old.sqlite');
    const old = open(oldFile, clock, [...storeMigrations, auditTablesMigration]);
    appendAudit(old.db, 1, 'old-1');
    const oldSnap = old.snapshots.take('manual');
    old.close();
    ws = open(file, clock);
    appendAudit(ws.db, 1, 'old-1'); // same first entry: hash equal, so the chain is a prefix
    appendAudit(ws.db, 2, 'new-2');
    fs.mkdirSync(ws.snapshotDir, { recursive: true });
    fs.copyFileSync(path.join(`${oldFile}.snapshots`, oldSnap.id), path.join(ws.snapshotDir, oldSnap.id));

    const result = await ws.snapshots.restore(oldSnap.id);
    expect(ws.schemaVersion()).toBe(3);
    expect(ws.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(0);
    expect(result.audit.carried).toBe(1);
    expect(auditRows(ws.db).map((r) => r.action)).toEqual(['old-1', 'new-2']);
  });

  it('refuses a damaged snapshot and leaves the workspace alone', async () => {
    fillItems(ws.db, 2000);
    const snap = ws.snapshots.take('manual');
    const snapFile = path.join(ws.snapshotDir, snap.id);
    corruptPage(snapFile, Math.floor(fs.statSync(snapFile).size / 4096 / 2));
    ws.db.prepare('INSERT INTO items (name) VALUES (?)').run('live');
    await expectRejects(ws.snapshots.restore(snap.id), 'integrity');
    expect(ws.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(2001);
    expect(ws.snapshots.list().filter((s) => s.reason === 'pre-restore')).toHaveLength(0);
  });

  it.each(['../x', '/etc/passwd', 'a/b', 'a\\b', '', '..', 'snapshot-..-manual.sqlite', `x\0y`])(
    'refuses the hostile id %j as bad input',
    async (id) => {
      ws.snapshots.take('manual');
      await expectRejects(ws.snapshots.restore(id), 'bad_input');
    },
  );

  it('refuses names that are not in the list, including real files that are not snapshots', async () => {
    const real = ws.snapshots.take('manual');
    await expectRejects(ws.snapshots.restore('snapshot-20990101T000000000Z-manual.sqlite'), 'not_found');
    await expectRejects(ws.snapshots.restore(`${real.id}.json`), 'not_found');
    fs.writeFileSync(path.join(ws.snapshotDir, 'notes.sqlite'), 'x');
    await expectRejects(ws.snapshots.restore('notes.sqlite'), 'not_found');
  });
});
