import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../../renderer/shell/route';
import { defaultView, lazyView, viewIds, views } from '../../../renderer/views/registry';
import { changedValues, settingFields } from '../../../renderer/views/settings/fields';
import { appendCapped, logLineMatches } from '../../../renderer/views/logs/log-filter';
import { settingsSchema } from '../../../shared/api/settings';

describe('views registry and routing', () => {
  it('lists the foundation views once each, with a component', () => {
    expect(viewIds).toEqual([
      'audit',
      'inventory',
      'import',
      'vault',
      'terminals',
      'batch',
      'hostkeys',
      'dashboards',
      'alerts',
      'hostlogs',
      'workspace',
      'jobs',
      'logs',
      'settings',
    ]);
    expect(new Set(viewIds).size).toBe(views.length);
    for (const v of views) {
      expect(v.id).toMatch(/^[a-z0-9-]+$/);
      // React.lazy: rendering it fetches the view's own chunk (the split the build relies on).
      expect((v.component as unknown as { $$typeof: symbol }).$$typeof).toBe(Symbol.for('react.lazy'));
      expect(v.label.length).toBeGreaterThan(0);
    }
    expect(defaultView).toBe('audit');
  });

  it('loads every view module to a component', async () => {
    const loaded = await Promise.all(views.map((v) => v.load()));
    for (const [i, c] of loaded.entries()) {
      expect(typeof c, views[i].id).toBe('function');
    }
    // Two loads of one view are the same module, so a remount does not refetch or reset it.
    expect(await views[0].load()).toBe(loaded[0]);
  });

  it('turns a failed chunk fetch into a sentence that says to reload', async () => {
    const fetchError = new TypeError('Failed to fetch dynamically imported module: app://opsroom/assets/X-1.js');
    const v = lazyView('Dashboards', () => Promise.reject(fetchError));
    const err = await v.load().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(err?.message).toMatch(/^The Dashboards view could not be loaded; .*Reload the window/);
    expect(err?.cause).toBe(fetchError);
  });

  it('parses hash routes, falling back for unknown ones', () => {
    expect(parseRoute('#/jobs', viewIds, defaultView)).toBe('jobs');
    expect(parseRoute('#/Settings', viewIds, defaultView)).toBe('settings');
    expect(parseRoute('#/nope', viewIds, defaultView)).toBe('audit');
    expect(parseRoute('', viewIds, defaultView)).toBe('audit');
    expect(parseRoute('#token=abc', viewIds, defaultView)).toBe('audit');
    expect(routeHash('logs')).toBe('#/logs');
  });
});

describe('settings form fields', () => {
  it('has one field per setting, typed from the schema', () => {
    const fields = settingFields();
    expect(fields.map((f) => f.key)).toEqual(Object.keys(settingsSchema.shape));
    expect(fields.find((f) => f.key === 'ui.theme')).toMatchObject({
      kind: 'select',
      options: ['system', 'light', 'dark'],
    });
    expect(fields.find((f) => f.key === 'workspace.snapshotKeep')).toMatchObject({ kind: 'number', min: 1, max: 200 });
  });
  it('sends only changed values', () => {
    expect(changedValues({ a: 1, b: 'x' }, { a: 1, b: 'y' })).toEqual({ b: 'y' });
  });
});

describe('log filter', () => {
  const line = { time: 0, level: 'warn' as const, scope: 'jobs', msg: 'Slow step' };
  it('applies level and text like applog.tail', () => {
    expect(logLineMatches(line, 'info', '')).toBe(true);
    expect(logLineMatches(line, 'error', '')).toBe(false);
    expect(logLineMatches(line, 'debug', 'SLOW')).toBe(true);
    expect(logLineMatches(line, 'debug', 'JOBS')).toBe(true);
    expect(logLineMatches(line, 'debug', 'fast')).toBe(false);
  });
  it('caps the kept lines', () => {
    expect(appendCapped([1, 2, 3], 4, 3)).toEqual([2, 3, 4]);
  });
});
