import { OpsError } from '../../shared/api/errors';
import { settingsSchema, type SettingKey, type Settings } from '../../shared/api/settings';
import type { Logger } from '../applog/types';
import type { Clock } from '../clock';
import type { Db } from '../store/migration';

type Listener = (s: Settings, changed: SettingKey[]) => void;

const keys = Object.keys(settingsSchema.shape) as SettingKey[];
const isKey = (k: string): k is SettingKey => (keys as string[]).includes(k);
const changedKeys = (before: Settings, after: Settings, among: SettingKey[] = keys): SettingKey[] =>
  among.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));

/**
 * Typed settings stored per workspace. Defaults live in the contract's schema,
 * so a setting nobody changed has no row; a row that no longer parses falls
 * back to the default for that key alone.
 */
export class SettingsService {
  private readonly db: Db;
  private readonly log: Logger;
  private readonly clock: Clock | undefined;
  private cache: Settings | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(opts: { db: Db; logger: Logger; clock?: Clock }) {
    this.db = opts.db;
    this.clock = opts.clock;
    this.log = opts.logger.child('settings');
  }

  get(): Settings {
    this.cache ??= this.load();
    return { ...this.cache };
  }

  /** Forget the cache, e.g. after the workspace was restored from a snapshot under us. */
  reload(): Settings {
    const before = this.cache;
    this.cache = undefined;
    const now = this.get();
    if (before) {
      const changed = changedKeys(before, now);
      if (changed.length) this.notify(now, changed);
    }
    return now;
  }

  update(values: Partial<Settings>): Settings {
    const parsed: Partial<Record<SettingKey, unknown>> = {};
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) continue;
      if (!isKey(key)) {
        throw new OpsError('bad_input', `There is no setting named "${key}".`, { key, known: keys });
      }
      const result = settingsSchema.shape[key].safeParse(value);
      if (!result.success) {
        const reason = result.error.issues.map((i) => i.message).join('; ');
        throw new OpsError('bad_input', `The value for "${key}" is not valid: ${reason}.`, { key, reason });
      }
      parsed[key] = result.data;
    }
    if (this.db.readonly) {
      throw new OpsError(
        'forbidden',
        'This workspace is open read-only; settings cannot be changed. Reopen it writable to change them.',
      );
    }

    const before = this.get();
    // updated_at is informational (who looks at the table by hand); without an
    // injected clock SQLite's own clock fills it.
    const write = this.db.prepare(
      `INSERT INTO settings (key, value, updated_at)
       VALUES (@key, @value, coalesce(@at, CAST(unixepoch('subsec') * 1000 AS INTEGER)))
       ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    const at = this.clock?.now() ?? null;
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(parsed)) write.run({ key, value: JSON.stringify(value), at });
    })();

    const next = { ...before, ...parsed } as Settings;
    this.cache = next;
    const changed = changedKeys(before, next, Object.keys(parsed) as SettingKey[]);
    if (changed.length) {
      this.log.info('settings changed', { changed, values: Object.fromEntries(changed.map((k) => [k, next[k]])) });
      this.notify(next, changed);
    }
    return { ...next };
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private notify(s: Settings, changed: SettingKey[]): void {
    for (const l of [...this.listeners]) {
      try {
        l({ ...s }, changed);
      } catch (err) {
        this.log.error('settings listener failed', { error: err });
      }
    }
  }

  private load(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const stored: Partial<Record<SettingKey, unknown>> = {};
    for (const row of rows) {
      // Unknown keys stay in the table: a newer Opsroom may own them.
      if (!isKey(row.key)) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(row.value);
      } catch {
        this.log.warn('stored setting is not JSON; using the default', { key: row.key });
        continue;
      }
      const result = settingsSchema.shape[row.key].safeParse(raw);
      if (!result.success) {
        this.log.warn('stored setting no longer valid; using the default', {
          key: row.key,
          reason: result.error.issues.map((i) => i.message).join('; '),
        });
        continue;
      }
      stored[row.key] = result.data;
    }
    return settingsSchema.parse(stored);
  }
}
