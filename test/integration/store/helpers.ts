import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { silentLogger } from '../../../main/applog/types';
import { auditMigrations } from '../../../main/audit/schema';
import type { Db, Migration } from '../../../main/store/migration';
import { storeMigrations } from '../../../main/store/schema';
import { openWorkspace, type Workspace } from '../../../main/store/workspace';

export interface FakeClock {
  t: number;
  now(): number;
}

export function fakeClock(start = Date.UTC(2026, 10, 27, 9, 0, 0)): FakeClock {
  const c = { t: start, now: () => c.t };
  return c;
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-store-'));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Exactly the audit tables the audit domain creates in its migration 2, so these tests do not depend on audit code. */
export const auditTablesMigration: Migration = {
  version: 2,
  name: 'audit (test copy)',
  up(db) {
    db.exec(`CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, time INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL, outcome TEXT NOT NULL, details TEXT NOT NULL, ref INTEGER, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
      CREATE TABLE audit_head (id INTEGER PRIMARY KEY CHECK(id=1), seq INTEGER NOT NULL, hash TEXT NOT NULL);`);
  },
};

export const itemsMigration: Migration = {
  version: 3,
  name: 'items (test)',
  up(db) {
    db.exec(`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
      CREATE TABLE item_tags (item_id INTEGER NOT NULL REFERENCES items(id), tag TEXT NOT NULL);`);
  },
};

export const testMigrations: Migration[] = [...storeMigrations, auditTablesMigration, itemsMigration];

export function open(
  file: string,
  clock: FakeClock,
  migrations: readonly Migration[] = testMigrations,
  readOnly = false,
): Workspace {
  return openWorkspace({ path: file, clock, logger: silentLogger, migrations, readOnly });
}

/**
 * Registers hooks that open a fresh workspace with the real store and audit schemas
 * before each test and close it after; read `clock` and `ws` inside the tests.
 */
export function useAuditWorkspace(fileName: string): { readonly clock: FakeClock; readonly ws: Workspace } {
  const ctx = {} as { clock: FakeClock; ws: Workspace };
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
    ctx.clock = fakeClock();
    ctx.ws = open(path.join(tmp.dir, fileName), ctx.clock, [...storeMigrations, ...auditMigrations]);
  });
  afterEach(() => {
    ctx.ws.close();
    tmp.cleanup();
  });
  return ctx;
}

export function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A minimal hash chain, written the way the audit service writes rows (row + head in one transaction). */
export function appendAudit(db: Db, time: number, action: string): { seq: number; hash: string } {
  return db.transaction(() => {
    const head = db.prepare('SELECT seq, hash FROM audit_head WHERE id = 1').get() as
      { seq: number; hash: string } | undefined;
    const seq = (head?.seq ?? 0) + 1;
    const prev = head?.hash ?? '0'.repeat(64);
    const hash = createHash('sha256').update(`${prev}|${seq}|${time}|${action}`).digest('hex');
    db.prepare(
      `INSERT INTO audit_log (seq, time, actor, action, target, outcome, details, ref, prev_hash, hash)
       VALUES (?, ?, 'alice', ?, 't', 'ok', '{"n":1}', NULL, ?, ?)`,
    ).run(seq, time, action, prev, hash);
    db.prepare(
      'INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash',
    ).run(seq, hash);
    return { seq, hash };
  })();
}

export function auditRows(db: Db): Record<string, unknown>[] {
  return db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
}

/** Overwrites `len` bytes in the middle of page `page` (1-based) of a closed database file. */
export function corruptPage(file: string, page: number, pageSize = 4096, len = 200): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(len, 0xa7), 0, len, (page - 1) * pageSize + pageSize / 2 - len / 2);
  } finally {
    fs.closeSync(fd);
  }
}

export function fillItems(db: Db, n: number): void {
  const ins = db.prepare('INSERT INTO items (name) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) ins.run(`item-${i}-${'x'.repeat(60)}`);
  })();
}
