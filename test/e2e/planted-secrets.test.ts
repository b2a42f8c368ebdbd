import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, topics } from '../../shared/api/index';
import type { MethodDef } from '../../shared/api/define';
import { goTo, verifyInUi } from '../support/app-page';
import { launchChromium } from '../support/browser';
import { queryInputs } from '../support/contract-queries';
import { sessionCookie } from '../support/http-probe';
import { filesUnder, findLeaks, marker, privateKeyMarkers, type Haystack, type Marker } from '../support/leak-scan';
import { clearNotifications, pickOption } from '../support/mantine';
import { recordPage, type PageTraffic } from '../support/page-traffic';
import { startServe, type ServeProcess } from '../support/serve-process';
import { generateKeyPair, type LabKeyPair } from '../support/sshd-keys';
import { WsRpc, type Frame } from '../support/ws-rpc';

/*
 * The planted-secret test: secrets of every kind, each carrying a unique
 * marker, go in through the UI and through the contract; then every view is
 * opened and every query of the contract is called, and nothing the server
 * ever sent (HTTP bodies, WebSocket frames to the page and to a script), no
 * byte of the workspace, its WAL, its snapshots, the app logs or the server's
 * output may contain a marker — as text, hex or base64.
 *
 * IPC is not exercised: Electron does not run on these machines. The desktop
 * IPC transport carries exactly the router's results that the WebSocket
 * carries here (same router, same contract parsing of every output), and
 * test/unit/electron checks the preload bridge itself.
 */

/** Server work (scrypt, imports) is slower while the other e2e files run beside this one. */
const patience = { timeout: 15_000 };
const rand = () => randomBytes(8).toString('hex');
const kindLabels = {
  password: 'Password',
  'ssh-key': 'SSH private key',
  kubeconfig: 'kubeconfig',
  token: 'Bearer / API token',
  generic: 'Generic',
} as const;
type Kind = keyof typeof kindLabels;

interface Planted {
  name: string;
  kind: Kind;
  value: string;
  keyPassphrase?: string;
}

function kubeconfig(token: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: planted',
    '  cluster: { server: "https://10.96.0.1:6443" }',
    'users:',
    '- name: planted-admin',
    `  user: { token: "${token}" }`,
    'contexts:',
    '- name: planted',
    '  context: { cluster: planted, user: planted-admin }',
    'current-context: planted',
    '',
  ].join('\n');
}

/** One secret of each kind, its marker unique to this run and to how it was added. */
function plant(via: 'ui' | 'rpc', key: LabKeyPair): { secrets: Planted[]; markers: Marker[] } {
  const m = (kind: string) => `PLANTED-${kind}-${via}-${rand()}`;
  const password = m('password');
  const token = m('token');
  const kube = m('kubeconfig');
  const generic = m('generic');
  const secrets: Planted[] = [
    { name: `planted password ${via}`, kind: 'password', value: password },
    { name: `planted ssh-key ${via}`, kind: 'ssh-key', value: key.privateKey, keyPassphrase: key.passphrase! },
    { name: `planted kubeconfig ${via}`, kind: 'kubeconfig', value: kubeconfig(kube) },
    { name: `planted token ${via}`, kind: 'token', value: token },
    { name: `planted generic ${via}`, kind: 'generic', value: `line one\n${generic}\nline three` },
  ];
  const markers = [
    marker(`password (${via})`, password),
    marker(`token (${via})`, token),
    marker(`kubeconfig token (${via})`, kube),
    marker(`generic (${via})`, generic),
    marker(`ssh key passphrase (${via})`, key.passphrase!),
    ...privateKeyMarkers(`ssh private key (${via})`, key.privateKey),
  ];
  return { secrets, markers };
}

/**
 * What a client sent is allowed to hold a secret only inside the fields the
 * contract declares sensitive for that call (the value being sealed, a
 * passphrase): those are blanked, and everything else in the frame is searched.
 */
function withoutSensitiveInput(frame: Frame): string {
  if (frame.dir !== 'sent') return frame.data;
  const msg = JSON.parse(frame.data) as { t: string; method?: string; input?: Record<string, unknown> };
  const def = msg.t === 'call' && msg.method ? (api as Record<string, MethodDef>)[msg.method] : undefined;
  if (!def?.sensitive || !msg.input || typeof msg.input !== 'object') return frame.data;
  const input = { ...msg.input };
  for (const k of def.sensitive) if (k in input) input[k] = '[sensitive input]';
  return JSON.stringify({ ...msg, input });
}

function framesAsHaystacks(source: string, frames: readonly Frame[]): Haystack[] {
  return frames.map((f, i) => ({
    where: `${source} frame ${i} (${f.dir}): ${f.data.slice(0, 100)}`,
    bytes: Buffer.from(withoutSensitiveInput(f), 'utf8'),
  }));
}

describe('planted secrets never leave the vault in plaintext', () => {
  const keyUi = generateKeyPair({ type: 'ed25519', passphrase: `PLANTED-sshpass-ui-${rand()}`, comment: 'planted-ui' });
  const keyRpc = generateKeyPair({
    type: 'ed25519',
    passphrase: `PLANTED-sshpass-rpc-${rand()}`,
    comment: 'planted-rpc',
  });
  // A key the ssh-config import seals from disk (IdentityFile), never typed anywhere.
  const keyFile = generateKeyPair({ type: 'ed25519', comment: 'planted-identityfile' });
  const ui = plant('ui', keyUi);
  const viaRpc = plant('rpc', keyRpc);
  const master = `PLANTED-master-${rand()}`;
  const exportUi = `PLANTED-export-ui-${rand()}`;
  const exportRpc = `PLANTED-export-rpc-${rand()}`;
  const replaced = `PLANTED-replaced-ui-${rand()}`;
  const markers: Marker[] = [
    ...ui.markers,
    ...viaRpc.markers,
    ...privateKeyMarkers('IdentityFile key', keyFile.privateKey),
    marker('master passphrase', master),
    marker('export passphrase (ui)', exportUi),
    marker('export passphrase (rpc)', exportRpc),
    marker('replaced value (ui)', replaced),
  ];

  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let traffic: PageTraffic;
  let rpc: WsRpc;
  let stdout = '';
  const downloads: Haystack[] = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'opsroom-planted-'));
  const ids: { hostId?: string; dbId?: string; jobId?: string } = {};
  const queried = new Map<string, { ok: boolean; code?: string }>();
  let whileRunning: Haystack[] = [];
  let afterStop: Haystack[] = [];

  beforeAll(async () => {
    [serve, browser] = await Promise.all([startServe(), launchChromium()]);
    serve.child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 }, acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    // Recording starts before the first request, so the page load is searched too.
    traffic = recordPage(page);
    page.on('download', (d) => {
      void d
        .path()
        .then((p) => downloads.push({ where: `download ${d.suggestedFilename()}`, bytes: fs.readFileSync(p) }));
    });
    await page.goto(serve.url);
    await page.locator('[data-testid="status-connection"][data-state="open"]').waitFor({ timeout: 20_000 });
    rpc = await WsRpc.connect(serve.port, serve.origin, await sessionCookie(serve.port, serve.origin, serve.token));
    for (const t of Object.keys(topics)) rpc.subscribe(t);
  });

  afterAll(async () => {
    await rpc?.close();
    await browser?.close();
    await serve?.stop();
    if (serve) fs.rmSync(serve.home, { recursive: true, force: true });
    fs.rmSync(scratch, { recursive: true, force: true });
    // sshd-keys removes its dirs on process exit, which a vitest worker may never reach.
    for (const k of [keyUi, keyRpc, keyFile]) fs.rmSync(path.dirname(k.path), { recursive: true, force: true });
  });

  async function addSecretInUi(s: Planted): Promise<void> {
    await clearNotifications(page);
    await page.getByTestId('vault-add').click();
    await page.getByTestId('secret-name').fill(s.name);
    await pickOption(page, page.getByTestId('secret-kind'), kindLabels[s.kind]);
    await page.getByTestId('secret-value').fill(s.value);
    if (s.keyPassphrase) await page.getByTestId('secret-key-passphrase').fill(s.keyPassphrase);
    await page.getByTestId('secret-submit').click();
    await page.locator(`[data-testid="secret-row"][data-name="${s.name}"]`).waitFor();
  }

  it('seals secrets of every kind through the UI', async () => {
    await goTo(page, 'vault');
    await page.getByTestId('vault-init-passphrase').fill(master);
    await page.getByTestId('vault-init-confirm').fill(master);
    await page.getByTestId('vault-init-submit').click();
    await expect.poll(() => page.getByTestId('vault-status').getAttribute('data-state'), patience).toBe('unlocked');
    for (const s of ui.secrets) await addSecretInUi(s);
    const key = page.locator(`[data-testid="secret-row"][data-name="planted ssh-key ui"]`);
    await expect(key.getByTestId('secret-fingerprint').innerText()).resolves.toBe(keyUi.fingerprint);
  });

  it('seals secrets of every kind through the contract, and builds CIs to attach them to', async () => {
    for (const s of viaRpc.secrets) {
      const meta = await rpc.ok<{ fingerprint: string | null }>('vault.secrets.create', {
        name: s.name,
        kind: s.kind,
        value: s.value,
        ...(s.keyPassphrase ? { keyPassphrase: s.keyPassphrase } : {}),
      });
      if (s.kind === 'ssh-key') expect(meta.fingerprint).toBe(keyRpc.fingerprint);
    }
    const host = await rpc.ok<{ id: string; version: number }>('cmdb.ci.create', {
      type: 'host',
      name: 'planted-web-01',
      environment: 'prod',
      connection: { address: '10.66.0.1', port: 22, user: 'ops' },
    });
    const db = await rpc.ok<{ id: string; version: number }>('cmdb.ci.create', {
      type: 'host',
      name: 'planted-db-01',
      connection: { address: '10.66.0.2', port: 22, user: 'postgres' },
    });
    ids.hostId = host.id;
    ids.dbId = db.id;
    await rpc.ok('cmdb.relations.add', { from: host.id, to: db.id, type: 'depends_on' });
    const list = await rpc.ok<{ secrets: { id: string; name: string }[] }>('vault.secrets.list', {});
    const token = list.secrets.find((s) => s.name === 'planted token rpc')!;
    await rpc.ok('cmdb.ci.update', {
      id: db.id,
      version: db.version,
      patch: { connection: { credentialId: token.id } },
    });
    // Rename through the contract too: metadata changes, the value stays sealed.
    await rpc.ok('vault.secrets.update', { id: token.id, notes: 'used by planted-db-01' });
  });

  it("attaches a secret to a CI's connection in the UI and shows only its metadata", async () => {
    await goTo(page, 'inventory');
    await page.getByTestId('inventory-search').fill('planted-web');
    await page.locator('[data-testid="inventory-row"][data-name="planted-web-01"]').click();
    await expect.poll(() => page.getByTestId('ci-name').innerText(), patience).toBe('planted-web-01');
    await page.getByTestId('ci-connection-edit').click();
    await pickOption(page, page.getByTestId('ci-credential'), /^planted ssh-key ui \(ssh-key /);
    await page.getByTestId('ci-connection-save').click();
    const meta = page.getByTestId('ci-credential-meta');
    await meta.waitFor();
    await expect(meta.innerText()).resolves.toContain(keyUi.fingerprint);
    for (const [tab, shows] of [
      ['graph', 'ci-graph'],
      ['blast', 'blast-count'],
      ['history', 'history-entry'],
      ['overview', 'ci-connection'],
    ]) {
      await page.getByTestId(`ci-tab-${tab}`).click();
      await page.getByTestId(shows!).first().waitFor();
    }
  });

  it('imports an ssh-config whose IdentityFile is sealed into the vault', async () => {
    const config = path.join(scratch, 'config');
    fs.writeFileSync(
      config,
      `Host planted-bastion\n  HostName 10.66.0.9\n  User ops\n  IdentityFile ${keyFile.path}\n`,
    );
    await goTo(page, 'import');
    await page.getByTestId('import-file').setInputFiles(config);
    await expect.poll(() => page.getByTestId('import-format').inputValue(), patience).toBe('OpenSSH config');
    await page.getByTestId('import-next').click();
    const key = page.locator(`[data-testid="import-key"][data-path="${keyFile.path}"]`);
    await key.waitFor();
    await key.check();
    await page.getByTestId('import-run').click();
    await page.locator('[data-testid="import-job"][data-state="succeeded"]').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('import-result').innerText()).resolves.toMatch(/keys\s+1/);
  });

  it('replaces a value after the lock asks for the passphrase', async () => {
    await goTo(page, 'vault');
    await clearNotifications(page);
    await page.getByTestId('vault-status').click();
    await expect.poll(() => page.getByTestId('vault-status').getAttribute('data-state'), patience).toBe('locked');
    const row = page.locator('[data-testid="secret-row"][data-name="planted generic ui"]');
    await row.getByTestId('secret-actions').click();
    await page.getByTestId('secret-replace').click();
    await page.getByTestId('secret-value').fill(replaced);
    await page.getByTestId('secret-submit').click();
    const dialog = page.getByTestId('unlock-dialog');
    await dialog.getByTestId('vault-unlock-passphrase').fill(master);
    await dialog.getByTestId('vault-unlock-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('vault-status').getAttribute('data-state'), patience).toBe('unlocked');
  });

  it('exports the vault as ciphertext, from the UI and the contract', async () => {
    await clearNotifications(page);
    await page.getByTestId('vault-export').click();
    await page.getByTestId('vault-export-passphrase').fill(exportUi);
    await page.getByTestId('vault-export-confirm').fill(exportUi);
    const download = page.waitForEvent('download');
    await page.getByTestId('vault-export-submit').click();
    await (await download).path();
    await expect.poll(() => downloads.length, patience).toBe(1);

    const r = await rpc.ok<{ content: string; secrets: number }>('vault.export', { exportPassphrase: exportRpc });
    expect(r.secrets).toBe(11);
    downloads.push({ where: 'vault.export content (decoded)', bytes: Buffer.from(r.content, 'base64') });
    // Carried back in: every name exists, so every secret is skipped.
    const back = await rpc.ok<{ skipped: number }>('vault.import', {
      content: r.content,
      exportPassphrase: exportRpc,
      onConflict: 'skip',
    });
    expect(back.skipped).toBe(11);
  });

  it('opens every view in the sidebar, runs a check, takes a snapshot and verifies the audit chain', async () => {
    const navIds = await page
      .locator('[data-testid^="nav-"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('nav-'.length)));
    expect(navIds).toEqual(
      expect.arrayContaining(['audit', 'inventory', 'import', 'vault', 'workspace', 'jobs', 'logs']),
    );
    for (const id of navIds) await goTo(page, id);

    await goTo(page, 'workspace');
    await page.getByTestId('workspace-check').click();
    await expect(page.getByTestId('check-result').getAttribute('data-ok', { timeout: 30_000 })).resolves.toBe('true');
    await page.getByTestId('workspace-take-snapshot').click();
    await page.getByTestId('snapshot-label-input').fill('after planting');
    await page.getByTestId('snapshot-confirm').click();
    await page.getByTestId('snapshot-row').filter({ hasText: 'after planting' }).waitFor();

    await clearNotifications(page);
    const chain = await verifyInUi(page);
    expect(chain.ok).toBe('true');

    await goTo(page, 'jobs');
    await page.locator('[data-testid="jobs-row"]').first().click();
    await page.getByTestId('job-log').waitFor();
    await page.keyboard.press('Escape');

    await goTo(page, 'logs');
    await page.getByTestId('log-line').first().waitFor();
    await goTo(page, 'vault');
    await expect.poll(() => page.getByTestId('secret-row').count(), patience).toBe(11);
  });

  it('calls every query of the contract once', async () => {
    const jobs = await rpc.ok<{ jobs: { id: string }[] }>('jobs.list', {});
    ids.jobId = jobs.jobs[0]!.id;
    const ctx = { hostId: ids.hostId!, dbId: ids.dbId!, jobId: ids.jobId };
    const table = queryInputs(ctx);
    const queries = Object.entries(api as Record<string, MethodDef>)
      .filter(([, d]) => d.kind === 'query')
      .map(([name]) => name);
    const missing = queries.filter((q) => !(q in table));
    // A new query must be added to the table with a plausible input, or it is not exercised.
    expect(missing, 'queries without an input in test/support/contract-queries.ts').toEqual([]);
    for (const q of queries) {
      for (const input of table[q]!.inputs) {
        const r = await rpc.call(q, input);
        queried.set(q, r.ok ? { ok: true } : { ok: false, code: r.error.code });
        if (!table[q]!.mayFail) expect(r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`, q).toBe('ok');
      }
    }
  });

  it('leaves no marker in any response, frame, file or log', async () => {
    await traffic.settle();
    // The WAL exists only while the server runs (a clean close checkpoints it away).
    whileRunning = filesUnder(serve.home).map((h) => ({ ...h, where: `${h.where} (server running)` }));
    expect(whileRunning.some((h) => h.where.startsWith('file workspace.sqlite-wal'))).toBe(true);
    await rpc.close();
    await page.context().close();
    await serve.stop();
    afterStop = filesUnder(serve.home).map((h) => ({ ...h, where: `${h.where} (server stopped)` }));
    const names = afterStop.map((h) => h.where);
    expect(names.some((n) => n.startsWith('file workspace.sqlite '))).toBe(true);
    expect(names.some((n) => n.startsWith('file workspace.sqlite.snapshots/'))).toBe(true);
    expect(names.some((n) => n.startsWith('file logs/'))).toBe(true);

    const haystacks: Haystack[] = [
      ...traffic.responses.map((r) => ({ where: `HTTP ${r.status} ${r.url}`, bytes: r.body })),
      ...framesAsHaystacks('page WebSocket', traffic.frames),
      ...framesAsHaystacks('script WebSocket', rpc.frames),
      ...downloads,
      ...whileRunning,
      ...afterStop,
      { where: 'server stdout', bytes: Buffer.from(stdout) },
      { where: 'server stderr', bytes: Buffer.from(serve.stderr()) },
    ];

    // The recording is real: the page loaded its bundle, the sockets carried the calls,
    // and the secrets typed in the UI are in the frames it sent (inside sensitive fields).
    expect(traffic.responses.some((r) => r.url.endsWith('.js') && r.body.length > 100_000)).toBe(true);
    expect(traffic.frames.length).toBeGreaterThan(100);
    expect(queried.size).toBeGreaterThan(30);
    const sentRaw = traffic.frames
      .filter((f) => f.dir === 'sent')
      .map((f, i) => ({ where: `sent ${i}`, bytes: Buffer.from(f.data) }));
    const seen = new Set(findLeaks(sentRaw, ui.markers).map((l) => l.split(' (')[0]));
    expect([...seen].sort()).toEqual([...new Set(ui.markers.map((m) => m.label.split(' (')[0]))].sort());

    expect(findLeaks(haystacks, markers)).toEqual([]);
  });
});
