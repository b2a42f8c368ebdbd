import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The process boundaries of DESIGN.md §1 are enforced by eslint.config.js; these
// tests prove each rule fires (and stays quiet where the import is allowed).
const repoRoot = path.resolve(import.meta.dirname, '../../..');
const BOUNDARY = 'opsroom/boundaries';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function lint(code: string, file: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result.messages;
}

async function ruleIds(code: string, file: string): Promise<(string | null)[]> {
  return (await lint(code, file)).map((m) => m.ruleId);
}

describe('process boundaries', () => {
  it('refuses a renderer import of main/, whatever the depth', async () => {
    const shallow = await lint(
      "import { createApp } from '../main/app';\nexport const a = createApp;\n",
      'renderer/x.ts',
    );
    expect(shallow.map((m) => m.ruleId)).toContain(BOUNDARY);
    expect(shallow.find((m) => m.ruleId === BOUNDARY)?.message).toMatch(/renderer must not import main/);
    expect(await ruleIds("export { x } from '../../../main/store/open';\n", 'renderer/views/jobs/y.tsx')).toContain(
      BOUNDARY,
    );
    expect(await ruleIds("export const m = () => import('../main/app');\n", 'renderer/x.ts')).toContain(BOUNDARY);
  });

  it('refuses Node built-ins, server modules and electron in the renderer', async () => {
    for (const spec of ['node:fs', 'fs', 'path', 'child_process', 'fs/promises', 'better-sqlite3', 'ws', 'electron']) {
      expect(await ruleIds(`import * as m from '${spec}';\nexport { m };\n`, 'renderer/x.ts'), spec).toContain(
        BOUNDARY,
      );
    }
  });

  it('lets the renderer import shared/ and its own libraries', async () => {
    const code = "import { api } from '../shared/api';\nimport { create } from 'zustand';\nexport { api, create };\n";
    expect(await lint(code, 'renderer/x.ts')).toEqual([]);
  });

  it('keeps shared/ to zod and itself', async () => {
    expect(
      await ruleIds("import { randomUUID } from 'node:crypto';\nexport const f = randomUUID;\n", 'shared/api/x.ts'),
    ).toContain(BOUNDARY);
    expect(
      await ruleIds("import { Router } from '../../main/rpc/router';\nexport type R = Router;\n", 'shared/api/x.ts'),
    ).toContain(BOUNDARY);
    expect(await ruleIds("import { useState } from 'react';\nexport const u = useState;\n", 'shared/x.ts')).toContain(
      BOUNDARY,
    );
    expect(
      await lint(
        "import { z } from 'zod';\nimport { OpsError } from './errors';\nexport const s = z.string();\nexport { OpsError };\n",
        'shared/api/x.ts',
      ),
    ).toEqual([]);
  });

  it('refuses DOM and Node globals in shared/', async () => {
    const msgs = await lint('export const w = window.x;\nexport const p = process.env;\n', 'shared/api/x.ts');
    expect(msgs.filter((m) => m.ruleId === 'no-restricted-globals')).toHaveLength(2);
  });

  it("allows 'electron' only in main/electron/ and preload/", async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    const store = await lint(code, 'main/store/x.ts');
    expect(store.map((m) => m.ruleId)).toContain(BOUNDARY);
    expect(store.find((m) => m.ruleId === BOUNDARY)?.message).toMatch(/Only main\/electron\/ .* may import electron/);
    expect(await ruleIds(code, 'shared/x.ts')).toContain(BOUNDARY);
    expect(await ruleIds(code, 'main/electron/window.ts')).not.toContain(BOUNDARY);
    expect(await ruleIds(code, 'preload/index.ts')).not.toContain(BOUNDARY);
  });

  it('keeps the preload bridge to electron and shared/', async () => {
    expect(
      await ruleIds("import { createApp } from '../main/app';\nexport const a = createApp;\n", 'preload/index.ts'),
    ).toContain(BOUNDARY);
    expect(await ruleIds("import fs from 'node:fs';\nexport const f = fs;\n", 'preload/index.ts')).toContain(BOUNDARY);
    expect(
      await lint(
        "import { contextBridge } from 'electron';\nimport { ipcChannels } from '../shared/api/wire';\nexport { contextBridge, ipcChannels };\n",
        'preload/index.ts',
      ),
    ).toEqual([]);
  });

  it('refuses main/ importing renderer/ or preload/, even from main/electron/', async () => {
    expect(await ruleIds("import { App } from '../../renderer/app';\nexport { App };\n", 'main/serve/x.ts')).toContain(
      BOUNDARY,
    );
    expect(await ruleIds("import '../../preload/index';\n", 'main/electron/x.ts')).toContain(BOUNDARY);
  });

  it('fires on a real file on disk, linted as if it sat in renderer/', async () => {
    const fixture = path.join(repoRoot, 'test/fixtures/lint/renderer-imports-main.ts');
    const code = fs.readFileSync(fixture, 'utf8');
    // Three levels up from renderer/views/fixture/ is the repo root, as it is from the fixture's own folder.
    const msgs = await lint(code, 'renderer/views/fixture/renderer-imports-main.ts');
    expect(msgs.map((m) => m.ruleId)).toEqual([BOUNDARY]);
    // The normal lint run ignores the fixture folder.
    expect(await eslint.isPathIgnored(fixture)).toBe(true);
  });
});

describe('hygiene rules', () => {
  it('refuses any, == and console in app code; allows console in the CLI', async () => {
    const ids = await ruleIds('export const f = (a: any) => a == 1;\nconsole.log(f);\n', 'main/jobs/x.ts');
    expect(ids).toEqual(expect.arrayContaining(['@typescript-eslint/no-explicit-any', 'eqeqeq', 'no-console']));
    expect(await ruleIds("console.log('hi');\n", 'main/cli/x.ts')).toEqual([]);
    expect(await ruleIds("console.log('hi');\n", 'renderer/x.ts')).toContain('no-console');
  });

  it('ignores unused names that start with an underscore', async () => {
    expect(await lint('export function f(_a: number, b: number) { const _x = 1; return b; }\n', 'main/x.ts')).toEqual(
      [],
    );
    expect(await ruleIds('export function f(a: number) { return 1; }\n', 'main/x.ts')).toContain(
      '@typescript-eslint/no-unused-vars',
    );
  });
});
