import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { build } from 'electron-vite';

const repo = path.resolve(__dirname, '../../..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-preload-'));
const cleanups: string[] = [out];
afterAll(() => {
  for (const dir of cleanups) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A sandboxed preload can require('electron') and nothing else: any other
 * require (zod, a shared helper left unbundled) throws at load, and the page
 * silently has no window.opsroom. Build it with the project's own config and look.
 */
describe('the built preload', () => {
  it('is CommonJS and requires only electron', async () => {
    // A config that takes the project's preload section and only moves outDir. It lives
    // under node_modules/.cache (untracked) so the project's packages resolve from it.
    // A fresh clone has no node_modules/.cache yet.
    fs.mkdirSync(path.join(repo, 'node_modules', '.cache'), { recursive: true });
    const cacheDir = fs.mkdtempSync(path.join(repo, 'node_modules', '.cache', 'opsroom-preload-'));
    cleanups.push(cacheDir);
    const configFile = path.join(cacheDir, 'preload-only.config.mjs');
    fs.writeFileSync(
      configFile,
      [
        `import project from ${JSON.stringify(path.join(repo, 'electron.vite.config.ts'))};`,
        `const preload = project.preload;`,
        `export default { preload: { ...preload, root: ${JSON.stringify(repo)}, logLevel: 'silent',`,
        `  build: { ...preload.build, outDir: ${JSON.stringify(path.join(out, 'preload'))}, emptyOutDir: true } } };`,
      ].join('\n'),
    );
    await build({ configFile, root: repo, logLevel: 'silent' });
    const file = path.join(out, 'preload', 'index.cjs');
    const code = fs.readFileSync(file, 'utf8');
    const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).toContain('exposeInMainWorld("opsroom"');
    expect(code.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(code).not.toMatch(/exposeInMainWorld\([^,]+,\s*(electron\.)?ipcRenderer\s*\)/);
  }, 60_000);
});
