import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../main/app';
import { OpsError } from '../../../shared/api/errors';
import type { Snapshot } from '../../../shared/api/workspace';

const passphrase = 'correct horse battery staple restore';
let dir: string;
let app: App;

async function call<T>(method: string, input?: unknown): Promise<T> {
  const r = await app.router.call(method, input, { actor: 'tester', via: 'internal' });
  if (!r.ok) throw OpsError.from(r.error);
  return r.result as T;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-restore-vault-'));
  app = createApp({ workspacePath: path.join(dir, 'w.sqlite'), logDir: path.join(dir, 'logs'), mode: 'cli' });
});
afterEach(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a live restore and the unlocked vault', () => {
  it('locks the vault: the key held in memory may not fit the restored vault', async () => {
    // Snapshot of a workspace with no vault; a vault is made and unlocked afterwards.
    const snapshot = await call<Snapshot>('workspace.snapshots.take', { label: 'no vault yet' });
    await call('vault.init', { passphrase });
    expect(await call('vault.status')).toMatchObject({ initialized: true, unlocked: true });

    await call('workspace.snapshots.restore', { id: snapshot.id });
    expect(await call('vault.status')).toMatchObject({ initialized: false, unlocked: false });
  });

  it('asks for the passphrase again after restoring a snapshot of the same vault', async () => {
    await call('vault.init', { passphrase });
    const snapshot = await call<Snapshot>('workspace.snapshots.take', { label: 'with vault' });
    await call('workspace.snapshots.restore', { id: snapshot.id });
    expect(await call('vault.status')).toMatchObject({ initialized: true, unlocked: false });
    await call('vault.unlock', { passphrase });
    expect(await call('vault.status')).toMatchObject({ unlocked: true });
  });
});
