import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../../shared/api/settings';
import { silentLogger } from '../../../main/applog/types';
import { AuditLog } from '../../../main/audit/audit-log';
import { auditMigrations } from '../../../main/audit/schema';
import type { SettingsService } from '../../../main/settings/service';
import { storeMigrations } from '../../../main/store/schema';
import { SnapshotScheduler } from '../../../main/store/snapshot-scheduler';
import type { Workspace } from '../../../main/store/workspace';
import { fakeClock, open, tempDir, type FakeClock } from './helpers';

const minute = 60_000;
let tmp: ReturnType<typeof tempDir>;
let clock: FakeClock;
let ws: Workspace;
let audit: AuditLog;
let values: Partial<Settings>;
let scheduler: SnapshotScheduler;

beforeEach(() => {
  tmp = tempDir();
  clock = fakeClock();
  ws = open(path.join(tmp.dir, 'ws.sqlite'), clock, [...storeMigrations, ...auditMigrations]);
  audit = new AuditLog({ db: ws.db, clock });
  values = { 'workspace.snapshotIntervalMinutes': 60, 'workspace.snapshotKeep': 3 };
  // The settings service is another domain's; the scheduler only reads get().
  const settings = { get: () => values as Settings } as unknown as SettingsService;
  scheduler = new SnapshotScheduler({ workspace: ws, settings, audit, clock, logger: silentLogger });
});
afterEach(() => {
  scheduler.stop();
  ws.close();
  tmp.cleanup();
});

describe('SnapshotScheduler', () => {
  it('snapshots when the newest snapshot is older than the interval, prunes, and audits', () => {
    const first = scheduler.tick();
    expect(first?.reason).toBe('scheduled');
    clock.t += 59 * minute;
    expect(scheduler.tick()).toBeNull();
    clock.t += minute;
    expect(scheduler.tick()).not.toBeNull();

    // a manual snapshot resets the clock too
    clock.t += 30 * minute;
    ws.snapshots.take('manual');
    clock.t += 45 * minute;
    expect(scheduler.tick()).toBeNull();

    for (let i = 0; i < 4; i++) {
      clock.t += 60 * minute;
      expect(scheduler.tick()).not.toBeNull();
    }
    expect(ws.snapshots.list()).toHaveLength(3);
    const entries = audit.list({ limit: 100 }).entries.filter((e) => e.action === 'workspace.snapshot.scheduled');
    expect(entries).toHaveLength(6);
    expect(entries.every((e) => e.actor === 'opsroom' && e.outcome === 'ok')).toBe(true);
    expect(audit.verify().ok).toBe(true);
  });

  it('re-reads the interval each tick; 0 turns it off', () => {
    values['workspace.snapshotIntervalMinutes'] = 0;
    expect(scheduler.tick()).toBeNull();
    expect(ws.snapshots.list()).toHaveLength(0);
    values['workspace.snapshotIntervalMinutes'] = 5;
    expect(scheduler.tick()).not.toBeNull();
  });

  it('audits a failed snapshot as an error and does not throw', () => {
    ws.close(); // any use of the db now fails
    const broken = new SnapshotScheduler({
      workspace: ws,
      settings: { get: () => values as Settings } as unknown as SettingsService,
      audit: { append: (e: unknown) => (appended.push(e), e) } as unknown as AuditLog,
      clock,
      logger: silentLogger,
    });
    const appended: unknown[] = [];
    expect(broken.tick()).toBeNull();
    expect(appended).toMatchObject([{ action: 'workspace.snapshot.scheduled', outcome: 'error' }]);
  });

  it('start() and stop() manage an unref’d timer', () => {
    scheduler.start();
    scheduler.start();
    scheduler.stop();
  });
});
