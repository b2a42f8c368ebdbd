import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repo = path.resolve(__dirname, '../../..');
const config = parse(fs.readFileSync(path.join(repo, 'electron-builder.yml'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));

/** Directories that exist only after `npm run build` (electron-vite's output). */
const buildOutputs = ['out'];

describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toBe('dev.opsroom.app');
    expect(config.productName).toBe('Opsroom');
  });

  it('has no update server', () => {
    expect(config).toHaveProperty('publish', null);
    expect(JSON.stringify(config)).not.toMatch(/https?:\/\//);
  });

  it('sets every security fuse', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('rebuilds and unpacks the native SQLite module', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).not.toBe(false);
    expect(config.asarUnpack.some((g: string) => g.includes('better-sqlite3') && g.endsWith('.node'))).toBe(true);
    expect(pkg.dependencies).toHaveProperty('better-sqlite3');
  });

  it('targets AppImage and deb, dmg, nsis', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.win.target).toEqual(['nsis']);
  });

  it('packs only sources that exist or that the build writes', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/**', 'package.json', 'resources/**']));
    for (const glob of config.files as string[]) {
      if (glob.startsWith('!')) continue;
      const source = glob.split('/')[0];
      if (buildOutputs.includes(source)) continue;
      expect(fs.existsSync(path.join(repo, source)), `${glob}: ${source} is missing`).toBe(true);
    }
    // package.json's entry point must be inside what is packed, in the build output
    expect(pkg.main.startsWith('out/')).toBe(true);
  });

  it('is accepted by electron-builder\u2019s own configuration schema', async () => {
    // app-builder-lib is electron-builder's engine; its validator is what `electron-builder` runs first.
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as {
      validateConfiguration: (c: unknown, log: unknown) => Promise<void>;
    };
    const { DebugLogger } = (await import('builder-util')) as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(structuredClone(config), new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...structuredClone(config), electronFuses: { runAsNod: false } }, new DebugLogger(false)),
    ).rejects.toThrow();
  });
});
