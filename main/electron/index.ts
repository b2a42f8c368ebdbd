import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  safeStorage,
  screen,
  session,
} from 'electron';
import { createApp, type App } from '../app';
import { defaultWorkspacePath, logDir, rendererDir, userDataDir } from '../paths';
import { parseDesktopArgs } from './args';
import { hardenWebContents } from './hardening';
import { registerIpc } from './ipc';
import { safeStorageRememberer } from './safe-storage-rememberer';
import { createShutdown } from './lifecycle';
import { menuTemplate } from './menu';
import { originOf, trustedSender } from './origin';
import {
  appIndexUrl,
  appOrigin,
  appProtocolHandler,
  appScheme,
  appSchemePrivileges,
  devResponseHeaders,
} from './protocol';
import { windowOptions } from './window-options';
import { loadWindowState, trackWindowState, windowStateFile } from './window-state';

// Thin wiring only: every decision lives in a tested module beside this one.

const here = path.dirname(fileURLToPath(import.meta.url));
const preloadPath = path.join(here, '..', 'preload', 'index.cjs');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const origin = devUrl ? (originOf(devUrl) ?? appOrigin) : appOrigin;

app.setName('Opsroom');
// The same directory the CLI and web mode use (paths.ts), so all find one workspace.
app.setPath('userData', userDataDir());
app.enableSandbox();
protocol.registerSchemesAsPrivileged([appSchemePrivileges]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start();
}

function start(): void {
  let opsApp: App | undefined;
  let mainWindow: BrowserWindow | undefined;

  const shutdown = createShutdown({
    close: async () => {
      await opsApp?.close();
    },
    quit: () => app.quit(),
    onError: (err) => process.stderr.write(`Opsroom: closing the workspace failed: ${String(err)}\n`),
  });

  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_e, contents) =>
    hardenWebContents(contents, { appOrigin: origin, logger: opsApp?.services.logger }),
  );
  app.on('window-all-closed', () => void shutdown.run());
  app.on('will-quit', (event) => {
    if (shutdown.done) return;
    event.preventDefault();
    void shutdown.run();
  });

  app
    .whenReady()
    .then(() => {
      const args = parseDesktopArgs(process.argv.slice(1));
      const workspacePath = args.workspace ? path.resolve(args.workspace) : defaultWorkspacePath();
      opsApp = createApp({
        workspacePath,
        logDir: logDir(),
        mode: 'desktop',
        scheduleSnapshots: true,
        scheduleMonitoring: true,
        // Only the default workspace is seeded, and createApp seeds only a new file.
        demo: !args.workspace,
        // Refuses (fails closed) where the OS keyring is missing and Electron would fall back to basic_text.
        rememberer: safeStorageRememberer({
          safeStorage,
          file: path.join(userDataDir(), 'vault-unlock.json'),
          platform: process.platform,
        }),
      });
      const log = opsApp.services.logger.child('electron');

      registerIpc(ipcMain, {
        router: opsApp.router,
        bus: opsApp.bus,
        actor: opsApp.info.user,
        isTrustedSender: trustedSender(origin),
        logger: opsApp.services.logger,
      });

      if (devUrl) {
        session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
          callback({ responseHeaders: devResponseHeaders(details.responseHeaders, origin) });
        });
      } else {
        protocol.handle(appScheme, appProtocolHandler(rendererDir()));
      }

      Menu.setApplicationMenu(
        Menu.buildFromTemplate(menuTemplate({ platform: process.platform, packaged: app.isPackaged })),
      );

      const stateFile = windowStateFile(app.getPath('userData'));
      const saved = loadWindowState(
        stateFile,
        screen.getAllDisplays().map((d) => d.workArea),
      );
      mainWindow = new BrowserWindow(
        windowOptions({ preloadPath, bounds: saved, packaged: app.isPackaged, dark: nativeTheme.shouldUseDarkColors }),
      );
      trackWindowState(mainWindow, {
        file: stateFile,
        onError: (err) => log.warn('window state not saved', { error: String(err) }),
      });
      const win = mainWindow;
      win.once('ready-to-show', () => {
        if (saved?.maximized) win.maximize();
        win.show();
      });
      void win.loadURL(devUrl ?? appIndexUrl);
      log.info('desktop window opened', { dev: Boolean(devUrl) });
    })
    .catch((err: unknown) => {
      // Typically a damaged or too-new workspace: say so and stop, never write into it.
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`Opsroom could not start: ${err instanceof Error ? (err.stack ?? message) : message}\n`);
      dialog.showErrorBox('Opsroom could not start', message);
      app.exit(1);
    });
}
