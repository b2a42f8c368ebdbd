#!/usr/bin/env node
// `npm start`: build, then open the desktop app if Electron can run here;
// otherwise (no Electron binary, or no display) start the web mode instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const fallbackNotice =
  "Electron's binary is not installed here (or there is no display); starting the web mode instead.";

/**
 * The Electron executable, or null. `require('electron')` returns its path,
 * and throws when the install skipped the download (ELECTRON_SKIP_BINARY_DOWNLOAD).
 */
export function electronBinary(requireFn = createRequire(import.meta.url), exists = fs.existsSync) {
  let bin;
  try {
    bin = requireFn('electron');
  } catch {
    return null;
  }
  return typeof bin === 'string' && bin && exists(bin) ? bin : null;
}

/** macOS and Windows always have a desktop; Linux needs an X or Wayland display. */
export function hasDisplay(env = process.env, platform = process.platform) {
  if (platform !== 'linux' && platform !== 'freebsd' && platform !== 'openbsd') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

/** What to spawn, as data, so the choice is testable without running anything. */
export function launchPlan({ electron, display, args = [], root = repo }) {
  if (electron && display) {
    return { mode: 'desktop', command: electron, args: [root, ...args] };
  }
  return {
    mode: 'web',
    command: path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx'),
    args: [path.join(root, 'main', 'cli', 'index.ts'), 'serve', '--demo', ...args],
  };
}

function main() {
  const args = process.argv.slice(2);
  const built = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: repo,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (built.status !== 0) {
    console.error('npm start: the build failed (see above); nothing was started.');
    process.exit(built.status ?? 1);
  }

  const plan = launchPlan({ electron: electronBinary(), display: hasDisplay(), args });
  if (plan.mode === 'web') console.log(fallbackNotice);

  const child = spawn(plan.command, plan.args, { cwd: repo, stdio: 'inherit' });
  const forward = (signal) => () => {
    if (child.exitCode === null) child.kill(signal);
  };
  // Ctrl+C in a terminal already reaches the child (same process group); sending
  // it again could read as "force quit" and skip closing the workspace cleanly.
  process.on('SIGINT', process.stdin.isTTY ? () => {} : forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('error', (err) => {
    console.error(`npm start: could not start ${plan.command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 0));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
