import { describe, expect, it } from 'vitest';
import { minWindowSize, windowBackground, windowOptions } from '../../../main/electron/window-options';

describe('windowOptions', () => {
  it('locks the renderer down', () => {
    const o = windowOptions({ preloadPath: '/app/out/preload/index.cjs', packaged: true });
    expect(o.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: false,
    });
    expect(o.show).toBe(false);
  });

  it('offers devtools only when not packaged', () => {
    expect(windowOptions({ preloadPath: 'p', packaged: false }).webPreferences?.devTools).toBe(true);
    expect(windowOptions({ preloadPath: 'p' }).webPreferences?.devTools).toBe(false);
  });

  it('uses saved bounds, else centres at the default size, always with a minimum size', () => {
    const saved = windowOptions({ preloadPath: 'p', bounds: { x: 10, y: 20, width: 1200, height: 800 } });
    expect(saved).toMatchObject({ x: 10, y: 20, width: 1200, height: 800 });
    expect(saved.center).toBeUndefined();
    const fresh = windowOptions({ preloadPath: 'p' });
    expect(fresh.center).toBe(true);
    expect(fresh.x).toBeUndefined();
    for (const o of [saved, fresh]) {
      expect(o.minWidth).toBe(minWindowSize.width);
      expect(o.minHeight).toBe(minWindowSize.height);
      expect(o.width).toBeGreaterThanOrEqual(o.minWidth!);
    }
  });

  it('paints the theme background before the page loads', () => {
    expect(windowOptions({ preloadPath: 'p', dark: true }).backgroundColor).toBe(windowBackground.dark);
    expect(windowOptions({ preloadPath: 'p', dark: false }).backgroundColor).toBe(windowBackground.light);
  });
});
