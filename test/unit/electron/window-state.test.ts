import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { minWindowSize } from '../../../main/electron/window-options';
import {
  loadWindowState,
  sanitizeWindowState,
  saveWindowState,
  trackWindowState,
  windowStateFile,
} from '../../../main/electron/window-state';

const laptop = { x: 0, y: 0, width: 1920, height: 1080 };
const rightMonitor = { x: 1920, y: 0, width: 2560, height: 1440 };

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-winstate-'));
});
afterEach(() => {
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sanitizeWindowState', () => {
  it('keeps sane bounds on a display', () => {
    expect(sanitizeWindowState({ x: 100, y: 50, width: 1400, height: 900, maximized: true }, [laptop])).toEqual({
      x: 100,
      y: 50,
      width: 1400,
      height: 900,
      maximized: true,
    });
  });

  it('clamps sizes between the minimum and the largest display', () => {
    expect(sanitizeWindowState({ x: 0, y: 0, width: 10, height: 10 }, [laptop])).toMatchObject({
      width: minWindowSize.width,
      height: minWindowSize.height,
      maximized: false,
    });
    expect(sanitizeWindowState({ x: 0, y: 0, width: 99999, height: 99999 }, [laptop, rightMonitor])).toMatchObject({
      width: 2560,
      height: 1440,
    });
  });

  it('resets bounds that are off every display (a monitor was unplugged)', () => {
    const onRight = { x: 2200, y: 100, width: 1400, height: 900 };
    expect(sanitizeWindowState(onRight, [laptop, rightMonitor])).toBeDefined();
    expect(sanitizeWindowState(onRight, [laptop])).toBeUndefined();
    expect(sanitizeWindowState({ x: -5000, y: -5000, width: 1000, height: 700 }, [laptop])).toBeUndefined();
    // only a sliver visible counts as off-screen
    expect(sanitizeWindowState({ x: 1900, y: 0, width: 1000, height: 700 }, [laptop])).toBeUndefined();
  });

  it.each([
    null,
    'x',
    42,
    [],
    {},
    { x: 1, y: 2, width: '3', height: 4 },
    { x: NaN, y: 0, width: 1000, height: 700 },
    { x: 0, y: 0, width: Infinity, height: 700 },
  ])('refuses %j', (raw) => {
    expect(sanitizeWindowState(raw, [laptop])).toBeUndefined();
  });

  it('has nothing to restore onto when there are no displays', () => {
    expect(sanitizeWindowState({ x: 0, y: 0, width: 1000, height: 700 }, [])).toBeUndefined();
  });
});

describe('load and save', () => {
  it('round-trips through a file under userData', () => {
    const file = windowStateFile(path.join(dir, 'userData'));
    expect(file).toBe(path.join(dir, 'userData', 'window-state.json'));
    saveWindowState(file, { x: 10, y: 20, width: 1200, height: 800, maximized: false });
    expect(loadWindowState(file, [laptop])).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: false });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('tolerates a missing or corrupt file', () => {
    const file = windowStateFile(dir);
    expect(loadWindowState(file, [laptop])).toBeUndefined();
    fs.writeFileSync(file, '{"x": 1, "y":');
    expect(loadWindowState(file, [laptop])).toBeUndefined();
    fs.writeFileSync(file, '\u0000\u0001binary');
    expect(loadWindowState(file, [laptop])).toBeUndefined();
  });
});

class FakeWindow extends EventEmitter {
  bounds = { x: 0, y: 0, width: 1200, height: 800 };
  maximized = false;
  destroyed = false;
  getNormalBounds() {
    return this.bounds;
  }
  isMaximized() {
    return this.maximized;
  }
  isDestroyed() {
    return this.destroyed;
  }
}

describe('trackWindowState', () => {
  it('saves once after moves and resizes settle, and at close', () => {
    vi.useFakeTimers();
    const file = windowStateFile(dir);
    const win = new FakeWindow();
    trackWindowState(win, { file, delayMs: 500 });
    for (let i = 0; i < 20; i++) {
      win.bounds = { ...win.bounds, x: i * 10 };
      win.emit('move');
      vi.advanceTimersByTime(100);
    }
    expect(fs.existsSync(file)).toBe(false);
    vi.advanceTimersByTime(500);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ x: 190, width: 1200 });

    win.bounds = { ...win.bounds, width: 1300 };
    win.maximized = true;
    win.emit('resize');
    win.emit('close');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ width: 1300, maximized: true });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('reports a failed save instead of throwing into Electron', () => {
    const errors: unknown[] = [];
    const blocker = path.join(dir, 'not-a-dir');
    fs.writeFileSync(blocker, 'x');
    const win = new FakeWindow();
    trackWindowState(win, { file: path.join(blocker, 'window-state.json'), onError: (e) => errors.push(e) });
    win.emit('close');
    expect(errors).toHaveLength(1);
  });
});
