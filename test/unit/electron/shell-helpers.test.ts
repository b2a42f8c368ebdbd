import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { parseDesktopArgs } from '../../../main/electron/args';
import { createShutdown } from '../../../main/electron/lifecycle';
import { menuTemplate } from '../../../main/electron/menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flatten(i.submenu) : [])]);
}

describe('menuTemplate', () => {
  it('uses only roles, with devtools only when unpackaged', () => {
    const packaged = flatten(menuTemplate({ platform: 'linux', packaged: true }));
    const dev = flatten(menuTemplate({ platform: 'linux', packaged: false }));
    expect(packaged.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(dev.some((i) => i.role === 'toggleDevTools')).toBe(true);
    for (const item of dev) {
      expect(item.click, JSON.stringify(item)).toBeUndefined();
      expect(JSON.stringify(item.label ?? '')).not.toMatch(/update|feedback|telemetry|report/i);
    }
  });

  it('adds the app menu on macOS only', () => {
    expect(menuTemplate({ platform: 'darwin', packaged: true })[0].role).toBe('appMenu');
    expect(menuTemplate({ platform: 'linux', packaged: true })[0].role).toBe('fileMenu');
  });
});

describe('parseDesktopArgs', () => {
  it('reads --workspace in both spellings and ignores Chromium switches', () => {
    expect(parseDesktopArgs(['.', '--workspace', '/w/a.sqlite'])).toEqual({ workspace: '/w/a.sqlite' });
    expect(parseDesktopArgs(['--no-sandbox', '--workspace=/w/b.sqlite', '--enable-logging'])).toEqual({
      workspace: '/w/b.sqlite',
    });
    expect(parseDesktopArgs(['--workspace', '--enable-logging'])).toEqual({});
    expect(parseDesktopArgs(['--workspace='])).toEqual({});
    expect(parseDesktopArgs([])).toEqual({});
  });
});

describe('createShutdown', () => {
  it('closes once however many quit paths fire, then quits', async () => {
    const steps: string[] = [];
    let release!: () => void;
    const s = createShutdown({
      close: () =>
        new Promise<void>((r) => {
          steps.push('close');
          release = r;
        }),
      quit: () => steps.push('quit'),
    });
    const a = s.run();
    const b = s.run();
    expect(s.started).toBe(true);
    expect(s.done).toBe(false);
    expect(steps).toEqual(['close']);
    release();
    await Promise.all([a, b]);
    expect(steps).toEqual(['close', 'quit']);
    expect(s.done).toBe(true);
  });

  it('still quits when closing fails, and reports the failure', async () => {
    const errors: unknown[] = [];
    let quit = 0;
    const s = createShutdown({
      close: async () => {
        throw new Error('disk gone');
      },
      quit: () => void quit++,
      onError: (e) => errors.push(e),
    });
    await s.run();
    expect(quit).toBe(1);
    expect(String(errors[0])).toContain('disk gone');
  });
});
