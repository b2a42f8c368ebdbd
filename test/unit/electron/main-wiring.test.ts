import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ipcChannels } from '../../../shared/api/wire';
import { contentSecurityPolicy } from '../../../main/security/csp';
import { FakeContents, fakeEvent } from './fakes';

type Fn = (...args: any[]) => any; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * main/electron/index.ts against a recording stand-in for the 'electron'
 * module (the binary cannot run here), with the real App underneath on a
 * temp workspace: checks the wiring, not Electron.
 */
const fake = await vi.hoisted(async () => {
  const { EventEmitter: EE } = await import('node:events');
  const rec = {
    events: new EE(),
    paths: {} as Record<string, string>,
    privileged: [] as unknown[],
    protocolHandlers: new Map<string, Fn>(),
    ipcHandlers: new Map<string, Fn>(),
    ipcListeners: new Map<string, Fn>(),
    windows: [] as Array<{ options: any; url?: string; shown: boolean; emitter: InstanceType<typeof EE> }>, // eslint-disable-line @typescript-eslint/no-explicit-any
    quits: 0,
    exits: [] as number[],
    errors: [] as string[],
    menu: undefined as unknown,
    sandboxed: false,
    name: '',
  };
  class BrowserWindow extends EE {
    entry: (typeof rec.windows)[number];
    constructor(options: unknown) {
      super();
      this.entry = { options, shown: false, emitter: this };
      rec.windows.push(this.entry);
    }
    loadURL(url: string) {
      this.entry.url = url;
      return Promise.resolve();
    }
    show() {
      this.entry.shown = true;
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1300, height: 800 };
    }
    isMaximized() {
      return false;
    }
    maximize() {}
    focus() {}
    restore() {}
  }
  const electron = {
    app: {
      isPackaged: true,
      setName: (n: string) => void (rec.name = n),
      setPath: (k: string, v: string) => void (rec.paths[k] = v),
      getPath: (k: string) => rec.paths[k],
      enableSandbox: () => void (rec.sandboxed = true),
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      on: (e: string, fn: Fn) => rec.events.on(e, fn),
      quit: () => void rec.quits++,
      exit: (code: number) => void rec.exits.push(code),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => rec.privileged.push(...s),
      handle: (scheme: string, fn: Fn) => rec.protocolHandlers.set(scheme, fn),
    },
    ipcMain: {
      handle: (c: string, fn: Fn) => rec.ipcHandlers.set(c, fn),
      on: (c: string, fn: Fn) => rec.ipcListeners.set(c, fn),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => void (rec.menu = m) },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: { defaultSession: { webRequest: { onHeadersReceived: () => {} } } },
    nativeTheme: { shouldUseDarkColors: true },
    // A Linux desktop without a keyring: the rememberer must refuse rather than use basic_text.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'basic_text',
      encryptString: (s: string) => Buffer.from(s),
      decryptString: (b: Buffer) => b.toString(),
    },
    dialog: { showErrorBox: (_t: string, m: string) => void rec.errors.push(m) },
    BrowserWindow,
  };
  return { rec, electron };
});

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }));

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-main-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('main/electron/index.ts wiring', () => {
  it('starts the App, serves app://, opens one hardened window, and closes on quit', async () => {
    const { rec } = fake;
    process.env.OPSROOM_HOME = home;
    delete process.env.ELECTRON_RENDERER_URL;
    try {
      await import('../../../main/electron/index');
      await vi.waitFor(() => expect(rec.windows).toHaveLength(1), { timeout: 20_000 });
    } finally {
      delete process.env.OPSROOM_HOME;
    }
    expect(rec.errors).toEqual([]);
    expect(rec.name).toBe('Opsroom');
    expect(rec.paths.userData).toBe(home);
    expect(rec.sandboxed).toBe(true);
    expect(rec.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
    expect(fs.existsSync(path.join(home, 'workspace.sqlite'))).toBe(true);

    const win = rec.windows[0];
    expect(win.url).toBe('app://opsroom/index.html');
    expect(win.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, devTools: false });
    expect(win.options.webPreferences.preload).toMatch(/preload[/\\]index\.cjs$/);
    expect(win.shown).toBe(false);
    win.emitter.emit('ready-to-show');
    expect(win.shown).toBe(true);

    // every webContents is hardened
    const contents = new FakeContents();
    rec.events.emit('web-contents-created', {}, contents);
    const nav = fakeEvent();
    contents.emit('will-navigate', nav, 'https://example.com/');
    expect(nav.prevented).toBe(true);

    // the renderer's files come with the CSP, and traversal gets nothing
    const serve = rec.protocolHandlers.get('app')!;
    const refused: Response = await serve({ url: 'app://opsroom/%2e%2e/package.json', method: 'GET' });
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-security-policy')).toBe(contentSecurityPolicy());

    // the IPC bridge answers trusted frames from the real router
    const call = rec.ipcHandlers.get(ipcChannels.call)!;
    const info = await call({ senderFrame: { url: 'app://opsroom/index.html' } }, 'system.info', undefined);
    expect(info.ok).toBe(true);
    expect(info.result).toMatchObject({
      app: 'Opsroom',
      mode: 'desktop',
      workspacePath: path.join(home, 'workspace.sqlite'),
    });
    const evil = await call({ senderFrame: { url: 'app://evil/' } }, 'system.info', undefined);
    expect(evil.error.code).toBe('forbidden');

    // the desktop wires safeStorage into the vault, and it fails closed on basic_text
    const vault = await call({ senderFrame: { url: 'app://opsroom/index.html' } }, 'vault.status', undefined);
    expect(vault.result.remember).toMatchObject({ available: false });
    expect(vault.result.remember.reason).toMatch(/basic_text/);
    expect(rec.ipcListeners.has(ipcChannels.subscribe)).toBe(true);

    // closing the last window closes the workspace, saves the window, then quits
    win.emitter.emit('close');
    expect(JSON.parse(fs.readFileSync(path.join(home, 'window-state.json'), 'utf8'))).toMatchObject({ width: 1300 });
    rec.events.emit('window-all-closed');
    await vi.waitFor(() => expect(rec.quits).toBe(1));
    const willQuit = fakeEvent();
    rec.events.emit('will-quit', willQuit);
    expect(willQuit.prevented).toBe(false);
    expect(rec.exits).toEqual([]);
  }, 60_000);
});
