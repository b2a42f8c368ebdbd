import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where Opsroom keeps its files. Outside Electron (web mode, CLI) we compute
 * the same directory Electron's app.getPath('userData') gives for the app name
 * 'Opsroom', so the desktop app and the CLI find the same workspace.
 * OPSROOM_HOME overrides it (tests, portable installs).
 */
export function userDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.OPSROOM_HOME) return path.resolve(env.OPSROOM_HOME);
  const home = os.homedir();
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', 'Opsroom');
    case 'win32':
      return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Opsroom');
    default:
      return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'Opsroom');
  }
}

export function defaultWorkspacePath(): string {
  return path.join(userDataDir(), 'workspace.sqlite');
}

export function demoWorkspacePath(): string {
  return path.join(userDataDir(), 'demo.sqlite');
}

export function logDir(): string {
  return path.join(userDataDir(), 'logs');
}

/** The built renderer (electron-vite's out/renderer), found from this file so it works under tsx from a checkout. */
export function rendererDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Bundled by electron-vite this file lives in out/main, beside out/renderer.
  if (path.basename(here) === 'main' && path.basename(path.dirname(here)) === 'out')
    return path.resolve(here, '..', 'renderer');
  return path.resolve(here, '..', 'out', 'renderer');
}
