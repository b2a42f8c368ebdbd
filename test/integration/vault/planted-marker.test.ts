import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createAppLogger, type AppLogger } from '../../../main/applog/logger';
import { openVault, workspaceBytes, type VaultFixture } from './helpers';
import { sshKeygen } from './keys';

let fx: VaultFixture | undefined;
let logger: AppLogger | undefined;
let logDir = '';
afterEach(async () => {
  fx?.close();
  await logger?.close();
  fs.rmSync(logDir, { recursive: true, force: true });
});

/** The marker, and the forms an encoder might leave it in. */
function forms(marker: string): string[] {
  const b = Buffer.from(marker, 'utf8');
  return [marker, b.toString('base64'), b.toString('base64').slice(0, 16), b.toString('hex'), JSON.stringify(marker)];
}

it('leaves no secret value or passphrase in the workspace file, WAL, audit or app log', async () => {
  logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-vault-log-'));
  const clock = { t: Date.UTC(2026, 10, 27), now: () => clock.t };
  logger = createAppLogger({ dir: logDir, clock, level: 'debug' });
  fx = await openVault({ logger });
  const call = async (method: string, input?: unknown) => {
    const r = await fx!.router.call(method, input, { actor: 'tester', via: 'internal' });
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.result;
  };
  const master = 'MASTERPASS-d41d8cd98f';
  const markers = ['PLANTED-pw-7f3a9c1e', 'PLANTED-token-5b2e8d', 'PLANTED-kube-93ac1', 'PLANTED-keypass-aa11'];
  await call('vault.init', { passphrase: master });
  await call('vault.secrets.create', { name: 'pw', kind: 'password', value: markers[0] });
  await call('vault.secrets.create', { name: 'tok', kind: 'token', value: markers[1], notes: 'no secret here' });
  await call('vault.secrets.create', {
    name: 'kube',
    kind: 'kubeconfig',
    value: `apiVersion: v1\ntoken: ${markers[2]}\n`,
  });
  const key = sshKeygen(fx.dir, 'id_ed25519', 'ed25519', { passphrase: markers[3] });
  await call('vault.secrets.create', { name: 'key', kind: 'ssh-key', value: key.text, keyPassphrase: markers[3] });
  const keyBody = key.text.split('\n')[3]!; // a line of the private key body
  const { secrets } = (await call('vault.secrets.list', {})) as { secrets: { id: string; name: string }[] };
  const pw = secrets.find((s) => s.name === 'pw')!;
  await call('vault.secrets.replace', { id: pw.id, value: `${markers[0]}-v2` });
  // Failures too: their messages are audited and logged.
  await fx.router.call('vault.unlock', { passphrase: `${master}-wrong` }, { actor: 'tester', via: 'internal' });
  await call('vault.changePassphrase', { current: master, next: `${master}-next` });
  const exported = (await call('vault.export', { exportPassphrase: 'EXPORTPASS-0c4f2' })) as { content: string };
  await call('vault.import', {
    content: exported.content,
    exportPassphrase: 'EXPORTPASS-0c4f2',
    onConflict: 'keep-both',
  });
  await call('vault.lock');
  await call('vault.unlock', { passphrase: `${master}-next` });
  fx.vault.lock();
  await logger.close();
  logger = undefined;

  const disk = workspaceBytes(fx.file).toString('latin1');
  const logs = fs
    .readdirSync(logDir)
    .map((f) => fs.readFileSync(path.join(logDir, f), 'utf8'))
    .join('\n');
  const audit = JSON.stringify(fx.db.prepare('SELECT * FROM audit_log').all());
  expect(logs).toContain('vault unlocked'); // the logger did write
  expect(audit).toContain('vault.secrets.create');
  const all = [...markers, master, 'EXPORTPASS-0c4f2', keyBody];
  for (const m of all) {
    for (const f of forms(m)) {
      expect(disk.includes(f), `workspace bytes contain ${f}`).toBe(false);
      expect(logs.includes(f), `log contains ${f}`).toBe(false);
      expect(audit.includes(f), `audit contains ${f}`).toBe(false);
    }
  }
  // And the markers were really there to find: the vault opens them.
  await fx.vault.unlock(`${master}-next`);
  expect(fx.vault.reveal(pw.id).value).toBe(`${markers[0]}-v2`);
});
