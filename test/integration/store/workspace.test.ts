import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import type { Migration } from '../../../main/store/migration';
import { storeMigrations } from '../../../main/store/schema';
import {
  auditTablesMigration,
  corruptPage,
  fakeClock,
  fillItems,
  itemsMigration,
  open,
  sha256File,
  tempDir,
  testMigrations,
} from './helpers';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = path.join(tmp.dir, 'nested', 'dir', 'ws.sqlite');
});
afterEach(() => tmp.cleanup());

function expectOpsError(fn: () => unknown, code: string): OpsError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(OpsError);
    expect((err as OpsError).code).toBe(code);
    return err as OpsError;
  }
  throw new Error(`expected OpsError ${code}`);
}

/** A read-only check of a WAL-mode file may leave an empty -wal beside it; it must never hold frames. */
function expectNoWalFrames(f: string): void {
  if (fs.existsSync(`${f}-wal`)) expect(fs.statSync(`${f}-wal`).size).toBe(0);
}

describe('openWorkspace', () => {
  it('creates the parent directory and file, then reopens with data intact', () => {
    const clock = fakeClock();
    const ws = open(file, clock);
    expect(ws.createdNow).toBe(true);
    expect(fs.existsSync(file)).toBe(true);
    expect(ws.schemaVersion()).toBe(3);
    expect(ws.appSchemaVersion).toBe(3);
    expect(ws.snapshotDir).toBe(`${file}.snapshots`);
    ws.db.prepare('INSERT INTO items (name) VALUES (?)').run('db-1');
    expect(ws.info().createdAt).toBe(clock.t);
    ws.close();

    clock.t += 1000;
    const again = open(file, clock);
    expect(again.createdNow).toBe(false);
    expect(again.db.prepare('SELECT name FROM items').pluck().all()).toEqual(['db-1']);
    expect(again.info().createdAt).toBe(clock.t - 1000);
    // no pending migrations → no pre-migration snapshot
    expect(again.snapshots.list()).toEqual([]);
    again.close();
  });

  it('turns on WAL, foreign keys, NORMAL sync and a busy timeout', () => {
    const ws = open(file, fakeClock());
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(ws.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(ws.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(() => ws.db.prepare('INSERT INTO item_tags (item_id, tag) VALUES (42, ?)').run('x')).toThrow(/FOREIGN KEY/);
    ws.close();
  });

  it('applies migrations in order, each once, whatever order they are listed in', () => {
    const order: number[] = [];
    const tracked = testMigrations.map((m) => ({
      ...m,
      up: (db: Parameters<Migration['up']>[0]) => (order.push(m.version), m.up(db)),
    }));
    const ws = open(file, fakeClock(), [...tracked].reverse());
    expect(order).toEqual([1, 2, 3]);
    ws.close();
    open(file, fakeClock(), tracked).close();
    expect(order).toEqual([1, 2, 3]);
  });

  it('refuses a migration list with gaps or repeats (programmer error)', () => {
    expect(() => open(file, fakeClock(), [storeMigrations[0]!, itemsMigration])).toThrow(/1\.\.N/);
    expect(() => open(file, fakeClock(), [storeMigrations[0]!, auditTablesMigration, auditTablesMigration])).toThrow(
      /1\.\.N/,
    );
    expect(fs.existsSync(file)).toBe(false);
  });

  it('takes a pre-migration snapshot before upgrading an existing workspace, and the snapshot holds the old schema', () => {
    const clock = fakeClock();
    const old = open(file, clock, [...storeMigrations, auditTablesMigration]);
    old.close();
    clock.t += 60_000;
    const ws = open(file, clock);
    expect(ws.schemaVersion()).toBe(3);
    const snaps = ws.snapshots.list();
    expect(snaps).toHaveLength(1);
    expect(snaps[0]!.reason).toBe('pre-migration');
    expect(snaps[0]!.schemaVersion).toBe(2);
    const snapDb = new Database(path.join(ws.snapshotDir, snaps[0]!.id), { readonly: true });
    expect(snapDb.pragma('user_version', { simple: true })).toBe(2);
    snapDb.close();
    ws.close();
  });

  it('keeps a failed migration from half-applying', () => {
    const clock = fakeClock();
    open(file, clock, [...storeMigrations, auditTablesMigration]).close();
    const broken: Migration = {
      version: 3,
      name: 'broken',
      up(db) {
        db.exec('CREATE TABLE half (x)');
        throw new Error('boom');
      },
    };
    expect(() => open(file, clock, [...storeMigrations, auditTablesMigration, broken])).toThrow('boom');
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a workspace from a newer Opsroom without writing to it', () => {
    open(file, fakeClock()).close();
    const before = sha256File(file);
    const err = expectOpsError(() => open(file, fakeClock(), [...storeMigrations, auditTablesMigration]), 'too_new');
    expect(err.message).toContain('written by a newer Opsroom (schema 3, this app knows 2)');
    expect(err.message).toContain('restore an older snapshot');
    expect(sha256File(file)).toBe(before);
    expectNoWalFrames(file);
  });

  it('refuses a damaged multi-page workspace, leaves it byte-for-byte alone, and says how to restore', () => {
    const ws = open(file, fakeClock());
    fillItems(ws.db, 3000);
    ws.close(); // checkpoints the WAL into the file
    const pages = fs.statSync(file).size / 4096;
    expect(pages).toBeGreaterThan(20);
    corruptPage(file, Math.floor(pages / 2));
    const before = sha256File(file);
    const err = expectOpsError(() => open(file, fakeClock()), 'integrity');
    expect(err.message).toContain('was not changed');
    expect(err.message).toContain(`opsroom workspace restore --workspace ${file} --latest`);
    expect(err.message).toContain(`${file}.snapshots`);
    expect(sha256File(file)).toBe(before);
    expectNoWalFrames(file);
  });

  it('refuses a file that is not SQLite at all, unchanged', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'hello, this is a text file and not a database\n'.repeat(200));
    const before = sha256File(file);
    const err = expectOpsError(() => open(file, fakeClock()), 'integrity');
    expect(err.message).toContain('opsroom workspace restore');
    expect(sha256File(file)).toBe(before);
  });

  it('refuses an SQLite file that is not a workspace', () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const other = new Database(file);
    other.exec('CREATE TABLE foreign_stuff (x)');
    other.close();
    const before = sha256File(file);
    expectOpsError(() => open(file, fakeClock()), 'conflict');
    expect(sha256File(file)).toBe(before);
  });

  it('opens read-only without writing, and refuses read-only when migrations are pending', () => {
    const ws = open(file, fakeClock());
    ws.db.prepare('INSERT INTO items (name) VALUES (?)').run('x');
    ws.close();
    const before = sha256File(file);
    const ro = open(file, fakeClock(), testMigrations, true);
    expect(ro.readOnly).toBe(true);
    expect(ro.db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1);
    expect(() => ro.db.prepare('INSERT INTO items (name) VALUES (?)').run('y')).toThrow();
    expectOpsError(() => ro.snapshots.take('manual'), 'forbidden');
    ro.close();
    expect(sha256File(file)).toBe(before);

    const four: Migration = { version: 4, name: 'more', up: (db) => db.exec('CREATE TABLE more (x)') };
    const err = expectOpsError(() => open(file, fakeClock(), [...testMigrations, four], true), 'conflict');
    expect(err.message).toContain('read-only');
    expect(sha256File(file)).toBe(before);
    expectOpsError(() => open(path.join(tmp.dir, 'missing.sqlite'), fakeClock(), testMigrations, true), 'not_found');
  });

  it('marks and reports a demo workspace and fills info()', () => {
    const ws = open(file, fakeClock());
    expect(ws.isDemo()).toBe(false);
    ws.markDemo();
    expect(ws.isDemo()).toBe(true);
    const info = ws.info();
    expect(info).toMatchObject({
      path: file,
      schemaVersion: 3,
      appSchemaVersion: 3,
      readOnly: false,
      lastSnapshotAt: null,
    });
    expect(info.sizeBytes).toBeGreaterThan(0);
    ws.close();
  });
});
