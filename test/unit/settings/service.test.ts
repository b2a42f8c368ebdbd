import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpsError } from '../../../shared/api/errors';
import type { Settings } from '../../../shared/api/settings';
import type { LogData, Logger } from '../../../main/applog/types';
import { SettingsService } from '../../../main/settings/service';
import { settingsMigrations } from '../../../main/settings/schema';
import type { Db } from '../../../main/store/migration';

let dir: string;
let file: string;
let dbs: Db[];

function open(): Db {
  const db = new Database(file);
  dbs.push(db);
  return db;
}

class RecordingLogger implements Logger {
  lines: { level: string; msg: string; data?: LogData }[] = [];
  debug = (msg: string, data?: LogData) => this.lines.push({ level: 'debug', msg, data });
  info = (msg: string, data?: LogData) => this.lines.push({ level: 'info', msg, data });
  warn = (msg: string, data?: LogData) => this.lines.push({ level: 'warn', msg, data });
  error = (msg: string, data?: LogData) => this.lines.push({ level: 'error', msg, data });
  child = () => this;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-settings-'));
  file = path.join(dir, 'workspace.db');
  dbs = [];
  const db = open();
  for (const m of settingsMigrations) m.up(db);
});
afterEach(() => {
  for (const d of dbs) d.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const defaults: Settings = {
  'ui.theme': 'system',
  'ui.density': 'comfortable',
  'workspace.snapshotIntervalMinutes': 360,
  'workspace.snapshotKeep': 10,
  'log.level': 'info',
  'jobs.keepFinished': 1000,
  'vault.autoLockMinutes': 15,
  'cmdb.confirmBulkOver': 1,
  'ssh.confirmOver': 10,
  'ssh.maxHandshakesPerJump': 10,
  'monitoring.retentionRawDays': 15,
  'monitoring.retention1mDays': 90,
  'monitoring.retention1hDays': 730,
  'monitoring.logsRetentionDays': 14,
  'monitoring.alertHistoryDays': 90,
};

describe('SettingsService', () => {
  it('gives the defaults when nothing is stored', () => {
    const s = new SettingsService({ db: dbs[0]!, logger: new RecordingLogger() });
    expect(s.get()).toEqual(defaults);
  });

  it('persists updates across instances and notifies listeners of what changed', () => {
    const s = new SettingsService({ db: dbs[0]!, logger: new RecordingLogger(), clock: { now: () => 1234 } });
    const seen: string[][] = [];
    const off = s.onChange((_, changed) => seen.push(changed));
    const out = s.update({ 'ui.theme': 'dark', 'workspace.snapshotKeep': 20, 'ui.density': 'comfortable' });
    expect(out['ui.theme']).toBe('dark');
    expect(seen).toEqual([['ui.theme', 'workspace.snapshotKeep']]);
    off();
    s.update({ 'ui.theme': 'light' });
    expect(seen).toHaveLength(1);

    const again = new SettingsService({ db: open(), logger: new RecordingLogger() });
    expect(again.get()).toEqual({ ...defaults, 'ui.theme': 'light', 'workspace.snapshotKeep': 20 });
    const raw = dbs[0]!.prepare("SELECT value, updated_at FROM settings WHERE key = 'workspace.snapshotKeep'").get();
    expect(raw).toEqual({ value: '20', updated_at: 1234 });
  });

  it('refuses a bad value, names the key and stores nothing', () => {
    const s = new SettingsService({ db: dbs[0]!, logger: new RecordingLogger() });
    let err: unknown;
    try {
      s.update({ 'ui.theme': 'dark', 'workspace.snapshotKeep': 0 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(OpsError);
    expect((err as OpsError).code).toBe('bad_input');
    expect((err as OpsError).message).toContain('workspace.snapshotKeep');
    expect((err as OpsError).details).toMatchObject({ key: 'workspace.snapshotKeep' });
    expect(dbs[0]!.prepare('SELECT count(*) FROM settings').pluck().get()).toBe(0);
    expect(s.get()).toEqual(defaults);
    expect(() => s.update({ 'no.such': 1 } as unknown as Partial<Settings>)).toThrow(/no setting named "no.such"/);
  });

  it('falls back to the default for a stored value that no longer parses, and keeps unknown keys', () => {
    const db = dbs[0]!;
    const put = db.prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)');
    put.run('ui.theme', '"purple"');
    put.run('workspace.snapshotKeep', '{not json');
    put.run('ui.density', '"compact"');
    put.run('future.setting', '"x"');
    const logger = new RecordingLogger();
    const s = new SettingsService({ db, logger });
    expect(s.get()).toEqual({ ...defaults, 'ui.density': 'compact' });
    const warned = logger.lines.filter((l) => l.level === 'warn').map((l) => l.data?.key);
    expect(warned.sort()).toEqual(['ui.theme', 'workspace.snapshotKeep']);

    s.update({ 'log.level': 'debug' });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'future.setting'").pluck().get()).toBe('"x"');
  });

  it('reload() picks up a table changed underneath (a restore) and reports the change', () => {
    const s = new SettingsService({ db: dbs[0]!, logger: new RecordingLogger() });
    expect(s.get()['ui.theme']).toBe('system');
    const seen: string[][] = [];
    s.onChange((_, changed) => seen.push(changed));
    dbs[0]!.prepare("INSERT INTO settings (key, value) VALUES ('ui.theme', '\"dark\"')").run();
    expect(s.get()['ui.theme']).toBe('system'); // cached
    expect(s.reload()['ui.theme']).toBe('dark');
    expect(seen).toEqual([['ui.theme']]);
  });
});
