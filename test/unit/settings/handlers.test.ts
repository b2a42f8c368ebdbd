import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { createAppLogger } from '../../../main/applog/logger';
import { silentLogger } from '../../../main/applog/types';
import { createRouter, type Handlers } from '../../../main/rpc/router';
import { settingsHandlers } from '../../../main/settings/handlers';
import { settingsMigrations } from '../../../main/settings/schema';
import { SettingsService } from '../../../main/settings/service';

it('changing log.level changes what the app logger writes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-settings-h-'));
  const db = new Database(path.join(dir, 'w.db'));
  try {
    for (const m of settingsMigrations) m.up(db);
    const logger = createAppLogger({ dir: path.join(dir, 'logs'), clock: { now: () => 1 } });
    const settings = new SettingsService({ db, logger: silentLogger });
    const h = settingsHandlers(settings, logger);
    const ctx = { actor: 'a', via: 'internal' as const, requestId: 'r' };

    logger.debug('hidden');
    const out = await h['settings.update']({ values: { 'log.level': 'debug' } }, ctx);
    expect(out['log.level']).toBe('debug');
    logger.debug('visible');
    expect(logger.tail({ limit: 10, minLevel: 'debug' }).map((l) => l.msg)).toEqual(['visible']);
    expect((await h['settings.get'](undefined as never, ctx))['log.level']).toBe('debug');
    await logger.close();
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

it('a one-key update through the router leaves the other settings alone', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-settings-r-'));
  const db = new Database(path.join(dir, 'w.db'));
  try {
    for (const m of settingsMigrations) m.up(db);
    const logger = createAppLogger({ dir: path.join(dir, 'logs'), clock: { now: () => 1 } });
    const settings = new SettingsService({ db, logger: silentLogger });
    const router = createRouter({
      handlers: settingsHandlers(settings, logger) as unknown as Handlers,
      logger: silentLogger,
    });
    const ctx = { actor: 'a', via: 'internal' as const };
    settings.update({ 'workspace.snapshotKeep': 42 });
    const r = await router.call('settings.update', { values: { 'ui.theme': 'dark' } }, ctx);
    expect(r).toMatchObject({ ok: true, result: { 'ui.theme': 'dark', 'workspace.snapshotKeep': 42 } });
    expect(db.prepare('SELECT key FROM settings ORDER BY key').pluck().all()).toEqual([
      'ui.theme',
      'workspace.snapshotKeep',
    ]);
    const bad = await router.call('settings.update', { values: { 'jobs.keepFinished': 1 } }, ctx);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    const unknown = await router.call('settings.update', { values: { 'ui.colour': 'red' } }, ctx);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(settings.get()['jobs.keepFinished']).toBe(1000);
    await logger.close();
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
