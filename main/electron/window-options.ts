import type { BrowserWindowConstructorOptions } from 'electron';

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The renderer's body colours (Mantine's dark[7] / white), so the first frame does not flash. */
export const windowBackground = { dark: '#1f1f1f', light: '#ffffff' } as const;
export const minWindowSize = { width: 960, height: 600 } as const;
export const defaultWindowSize = { width: 1440, height: 900 } as const;

/**
 * Every switch that narrows what the renderer can reach is set explicitly,
 * even where it is Electron's default, so a future default change or a
 * careless edit shows up in review and fails the unit test.
 */
export function windowOptions(opts: {
  preloadPath: string;
  bounds?: Bounds;
  /** app.isPackaged: devtools exist only in development builds */
  packaged?: boolean;
  /** nativeTheme.shouldUseDarkColors; the renderer follows the system theme by default */
  dark?: boolean;
}): BrowserWindowConstructorOptions {
  const size = opts.bounds ?? defaultWindowSize;
  return {
    ...(opts.bounds ? { x: opts.bounds.x, y: opts.bounds.y } : { center: true }),
    width: size.width,
    height: size.height,
    minWidth: minWindowSize.width,
    minHeight: minWindowSize.height,
    title: 'Opsroom',
    // shown on 'ready-to-show' so the user never sees an empty frame
    show: false,
    backgroundColor: (opts.dark ?? true) ? windowBackground.dark : windowBackground.light,
    autoHideMenuBar: false,
    webPreferences: {
      preload: opts.preloadPath,
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
      devTools: !(opts.packaged ?? true),
    },
  };
}
