import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronBinary, fallbackNotice, hasDisplay, launchPlan } from '../../../scripts/start.mjs';

const repo = path.resolve(__dirname, '../../..');

describe('npm start', () => {
  it('finds no Electron binary when the download was skipped', () => {
    const throwing = () => {
      throw new Error('Electron failed to install correctly');
    };
    expect(electronBinary(throwing, () => true)).toBeNull();
    expect(
      electronBinary(
        () => '/x/electron',
        () => false,
      ),
    ).toBeNull();
    expect(
      electronBinary(
        () => '/x/electron',
        (p) => p === '/x/electron',
      ),
    ).toBe('/x/electron');
    // on this machine the binary really is absent
    expect(electronBinary()).toBeNull();
  });

  it('needs a display on Linux only', () => {
    expect(hasDisplay({}, 'linux')).toBe(false);
    expect(hasDisplay({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(hasDisplay({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(hasDisplay({}, 'darwin')).toBe(true);
    expect(hasDisplay({}, 'win32')).toBe(true);
  });

  it('opens the desktop app when it can, else the web mode with the demo', () => {
    expect(launchPlan({ electron: '/x/electron', display: true, args: ['--workspace', 'w'], root: repo })).toEqual({
      mode: 'desktop',
      command: '/x/electron',
      args: [repo, '--workspace', 'w'],
    });
    for (const p of [
      launchPlan({ electron: null, display: true, args: ['--port', '0'], root: repo }),
      launchPlan({ electron: '/x/electron', display: false, args: ['--port', '0'], root: repo }),
    ]) {
      expect(p.mode).toBe('web');
      expect(p.command).toBe(path.join(repo, 'node_modules', '.bin', 'tsx'));
      expect(p.args).toEqual([path.join(repo, 'main', 'cli', 'index.ts'), 'serve', '--demo', '--port', '0']);
    }
    expect(fallbackNotice.split('\n')).toHaveLength(1);
  });
});
