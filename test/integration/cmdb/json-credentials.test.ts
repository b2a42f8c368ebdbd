import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../main/app';
import type { Ci } from '../../../shared/api/cmdb-model';
import type { ImportPreview } from '../../../shared/api/cmdb';
import type { Job } from '../../../shared/api/jobs';

const dirs: string[] = [];
const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function open(): App {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-jsoncred-'));
  dirs.push(dir);
  const app = createApp({ workspacePath: path.join(dir, 'w.sqlite'), logDir: path.join(dir, 'logs'), mode: 'cli' });
  apps.push(app);
  return app;
}

async function call<T>(app: App, method: string, input?: unknown): Promise<T> {
  const r = await app.router.call(method, input, { actor: 'tester', via: 'internal' });
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.result as T;
}

async function importJson(app: App, content: string): Promise<{ preview: ImportPreview; ci: Ci }> {
  const preview = await call<ImportPreview>(app, 'cmdb.import.preview', { format: 'json', content });
  const job = await call<Job>(app, 'cmdb.import.run', { format: 'json', content });
  expect((await app.services.jobs.wait(job.id)).state).toBe('succeeded');
  const { ci } = await call<{ ci: Ci }>(app, 'cmdb.ci.get', { name: 'web-01' });
  return { preview, ci };
}

describe('JSON export round trip keeps credential references', () => {
  it('keeps a credential the importing vault holds, and reports one it lacks', async () => {
    const src = open();
    await call(src, 'vault.init', { passphrase: 'correct horse battery' });
    const secret = await call<{ id: string }>(src, 'vault.secrets.create', {
      name: 'deploy',
      kind: 'password',
      value: 'not-a-real-password',
    });
    await call(src, 'cmdb.ci.create', {
      type: 'host',
      name: 'web-01',
      connection: { address: 'web-01.example.invalid', credentialId: secret.id },
    });
    const exported = await call<{ content: string }>(src, 'cmdb.export', { format: 'json' });
    const vaultFile = await call<{ content: string }>(src, 'vault.export', { exportPassphrase: 'export passphrase 1' });

    // Without the secret: imported, the reference dropped with a notice naming it.
    const bare = open();
    const without = await importJson(bare, exported.content);
    expect(without.ci.connection?.credentialId).toBeNull();
    expect(without.preview.notices.map((n) => n.message).join('\n')).toContain(secret.id);

    // With the vault export imported first (ids are kept): the reference survives exactly.
    const full = open();
    await call(full, 'vault.init', { passphrase: 'another passphrase' });
    await call(full, 'vault.import', { content: vaultFile.content, exportPassphrase: 'export passphrase 1' });
    const withSecret = await importJson(full, exported.content);
    expect(withSecret.ci.connection?.credentialId).toBe(secret.id);
    expect(withSecret.preview.notices).toEqual([]);
  });
});
