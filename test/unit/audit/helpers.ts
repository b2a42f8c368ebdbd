import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AuditLog } from '../../../main/audit/audit-log';
import { auditMigrations } from '../../../main/audit/schema';
import type { Clock } from '../../../main/clock';
import { EventBus } from '../../../main/rpc/events';
import type { Db } from '../../../main/store/migration';

export class FakeClock implements Clock {
  constructor(public t = 1_700_000_000_000) {}
  now(): number {
    return this.t;
  }
}

export interface Fixture {
  dir: string;
  file: string;
  db: Db;
  clock: FakeClock;
  bus: EventBus;
  audit: AuditLog;
  /** a second connection to the same file, as a tamperer with another tool would have */
  tamper(): Db;
  close(): void;
}

export function openFixture(): Fixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-audit-'));
  const file = path.join(dir, 'workspace.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const m of auditMigrations) m.up(db);
  const clock = new FakeClock();
  const bus = new EventBus();
  const audit = new AuditLog({ db, clock, bus });
  const others: Db[] = [];
  return {
    dir,
    file,
    db,
    clock,
    bus,
    audit,
    tamper() {
      const other = new Database(file);
      other.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
      others.push(other);
      return other;
    },
    close() {
      for (const o of others) o.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function appendMany(audit: AuditLog, db: Db, n: number, clock?: FakeClock): void {
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      if (clock) clock.t += 1;
      audit.append({
        actor: i % 3 === 0 ? 'alice' : 'bob',
        action: i % 2 === 0 ? 'workspace.snapshot' : 'settings.set',
        target: `item-${i}`,
        outcome: 'ok',
        details: { i, nested: { list: [i, 'x', null], flag: i % 2 === 0 } },
      });
    }
  })();
}
