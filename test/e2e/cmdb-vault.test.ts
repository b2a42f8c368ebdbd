import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { goTo, openApp } from '../support/app-page';
import { launchChromium } from '../support/browser';
import { clearNotifications, pickOption } from '../support/mantine';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';
import { generateKeyPair } from '../support/sshd-keys';

/** Server work (scrypt, imports) is slower while the other e2e files run beside this one. */
const patience = { timeout: 15_000 };
const fixtures = path.join(repoRoot, 'test/fixtures/e2e');
const passphrase = 'correct horse battery staple e2e';

/**
 * The CMDB and the vault through the real UI: one `opsroom serve` on a fresh
 * workspace and one Chromium for the file; the steps build on each other
 * (the relationship is added between imported hosts, the lock test uses the
 * vault created before it).
 */
describe('CMDB and vault in Chromium', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [serve, browser] = await Promise.all([startServe(), launchChromium()]);
    ({ page } = await openApp(browser, serve.url));
    // Shorter than the test's own timeout, so a failure names the locator it waited on.
    page.setDefaultTimeout(10_000);
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (serve) fs.rmSync(serve.home, { recursive: true, force: true });
  });

  const row = (name: string) => page.locator(`[data-testid="inventory-row"][data-name="${name}"]`);

  /** The Import view, at its first step (a finished import leaves its result on screen). */
  async function freshImport(): Promise<void> {
    await goTo(page, 'import');
    const again = page.getByTestId('import-again');
    if (await again.isVisible()) await again.click();
    await page.getByTestId('import-file-name').waitFor();
  }

  it('imports an Ansible INI inventory through the wizard, skipping the bad row', async () => {
    await freshImport();
    await page.getByTestId('import-file').setInputFiles(path.join(fixtures, 'fleet.ini'));
    await expect.poll(() => page.getByTestId('import-file-name').innerText(), patience).toContain('fleet.ini');
    // The format is guessed from the extension.
    await expect.poll(() => page.getByTestId('import-format').inputValue(), patience).toBe('Ansible inventory (INI)');
    await page.getByTestId('import-next').click();

    // 5 good hosts + the groups web, db, prod; line 6 is the broken one.
    const counts = page.getByTestId('import-preview-counts');
    await counts.waitFor();
    await expect(counts.getAttribute('data-records')).resolves.toBe('8');
    await expect(counts.getAttribute('data-create')).resolves.toBe('8');
    await expect(counts.getAttribute('data-errors')).resolves.toBe('1');
    const bad = page.getByTestId('import-error-row');
    await expect(bad.count()).resolves.toBe(1);
    await expect(bad.getAttribute('data-line')).resolves.toBe('6');
    await expect(bad.innerText()).resolves.toMatch(/^6\s+e2eweb-04\s+.*this-is-not-a-variable/);
    await expect(page.getByTestId('import-sample').innerText()).resolves.toContain('10.77.1.1');

    await page.getByTestId('import-mode-skip-bad-rows').check();
    await expect(page.getByTestId('import-run').innerText()).resolves.toContain('skipping bad rows');
    await page.getByTestId('import-run').click();

    const job = page.getByTestId('import-job');
    await job.waitFor();
    await page.getByTestId('job-progress').waitFor();
    await page.locator('[data-testid="import-job"][data-state="succeeded"]').waitFor({ timeout: 20_000 });
    await expect(
      page.locator('[data-testid="job-progress"] [role="progressbar"]').getAttribute('aria-valuenow'),
    ).resolves.toBe('100');
    const result = page.getByTestId('import-result');
    await result.waitFor();
    await expect(result.getAttribute('data-created')).resolves.toBe('8');
    await expect(result.getAttribute('data-errors')).resolves.toBe('1');
    await expect(result.innerText()).resolves.toContain('line 6');
  });

  it('finds the imported hosts by searching as you type', async () => {
    await goTo(page, 'inventory');
    const total = page.getByTestId('inventory-total');
    await expect.poll(() => total.getAttribute('data-total'), patience).toBe('8');
    await page.getByTestId('inventory-search').fill('e2eweb');
    await expect.poll(() => total.getAttribute('data-total'), patience).toBe('3');
    const names = await page
      .getByTestId('inventory-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(names.sort()).toEqual(['e2eweb-01', 'e2eweb-02', 'e2eweb-03']);
    // A structured field value is searchable too (host var owner=payments).
    await page.getByTestId('inventory-search').fill('payments');
    await expect.poll(() => total.getAttribute('data-total'), patience).toBe('2');
    await page.getByTestId('inventory-search').fill('e2eweb');
    await expect.poll(() => total.getAttribute('data-total'), patience).toBe('3');
  });

  it('opens a CI, relates it, and sees the relationship from the other end, in history and in the blast radius', async () => {
    await row('e2eweb-01').click();
    await expect.poll(() => page.getByTestId('ci-name').innerText(), patience).toBe('e2eweb-01');
    await expect(page.getByTestId('ci-connection').innerText()).resolves.toContain('10.77.0.1');

    await page.getByTestId('relation-add').click();
    await pickOption(page, page.getByTestId('relation-type'), /^depends on \(other end: required by\)$/);
    await pickOption(page, page.getByTestId('relation-target'), /^e2edb-01 \(host\)$/, { type: 'e2edb-01' });
    await page.getByTestId('relation-confirm').click();
    const out = page.locator('[data-testid="ci-relations-out"] [data-testid="relation-row"][data-label="depends on"]');
    await out.waitFor();
    await expect(out.getAttribute('data-other')).resolves.toBe('e2edb-01');

    // The other end: the db host reads it as "required by".
    await out.getByRole('link', { name: 'e2edb-01' }).click();
    await expect.poll(() => page.getByTestId('ci-name').innerText(), patience).toBe('e2edb-01');
    const incoming = page.locator(
      '[data-testid="ci-relations-in"] [data-testid="relation-row"][data-label="required by"]',
    );
    await incoming.waitFor();
    await expect(incoming.getAttribute('data-other')).resolves.toBe('e2eweb-01');

    await page.getByTestId('ci-tab-history').click();
    const relate = page.locator('[data-testid="history-entry"][data-op="relate"]');
    await relate.first().waitFor();
    await expect(relate.first().innerText()).resolves.toContain('e2eweb-01');
    await expect(relate.first().getAttribute('data-seq')).resolves.toMatch(/^\d+$/);
    // The import's create is the oldest entry.
    await expect(page.locator('[data-testid="history-entry"][data-op="create"]').count()).resolves.toBe(1);

    // If the db fails, the web host that depends on it is impacted.
    await page.getByTestId('ci-tab-blast').click();
    const count = page.getByTestId('blast-count');
    await count.waitFor();
    const items = await page.getByTestId('blast-item').allInnerTexts();
    expect(items.some((t) => t.includes('e2eweb-01'))).toBe(true);
    await expect(count.getAttribute('data-count')).resolves.toBe(String(items.length));
    expect(items.length).toBeGreaterThanOrEqual(1);
  });

  it('imports a CSV through the column mapping step', async () => {
    await freshImport();
    await page.getByTestId('import-file').setInputFiles(path.join(fixtures, 'racks.csv'));
    await expect.poll(() => page.getByTestId('import-file-name').innerText(), patience).toContain('racks.csv');
    await expect.poll(() => page.getByTestId('import-format').inputValue(), patience).toBe('CSV (with column mapping)');
    await page.getByTestId('import-next').click();
    await page.getByTestId('import-mapping').waitFor();

    // "Box" names the host but no heuristic knows it: the preview waits for a name column.
    const problem = page.getByTestId('import-mapping-problem');
    await expect(problem.innerText()).resolves.toContain('name');
    await expect(page.getByTestId('import-next').isDisabled()).resolves.toBe(true);
    const select = (col: string) => page.locator(`[data-testid="import-mapping-select"][data-column="${col}"]`);
    await expect(select('IP Address').inputValue()).resolves.toBe('address');
    await pickOption(page, select('Box'), 'name', { type: 'name' });
    await problem.waitFor({ state: 'detached' });
    // "Rack Slot" into a custom field.
    await pickOption(page, page.getByRole('combobox', { name: 'Map column' }), 'Rack Slot');
    await page.getByLabel('to a custom field', { exact: true }).fill('rack');
    await page.getByRole('button', { name: 'Map', exact: true }).click();
    await expect(select('Rack Slot').inputValue()).resolves.toBe('fields.rack');

    await page.getByTestId('import-next').click();
    const counts = page.getByTestId('import-preview-counts');
    await counts.waitFor();
    await expect(counts.getAttribute('data-create')).resolves.toBe('3');
    await expect(counts.getAttribute('data-errors')).resolves.toBe('0');
    await page.getByTestId('import-run').click();
    await page.locator('[data-testid="import-job"][data-state="succeeded"]').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('import-result').getAttribute('data-created')).resolves.toBe('3');

    await goTo(page, 'inventory');
    await page.getByTestId('inventory-search').fill('e2ecsv');
    await expect.poll(() => page.getByTestId('inventory-total').getAttribute('data-total'), patience).toBe('3');
    await row('e2ecsv-02').click();
    await expect.poll(() => page.getByTestId('ci-name').innerText(), patience).toBe('e2ecsv-02');
    const fields = await page.getByTestId('ci-fields').innerText();
    expect(fields).toContain('r8');
    expect(fields).toContain('storage');
    await expect(page.getByTestId('ci-environment').textContent()).resolves.toBe('lab');
    await expect(page.getByTestId('ci-connection').innerText()).resolves.toContain('10.78.0.2');
  });

  it('creates the vault, and the status bar follows its lock state', async () => {
    const status = page.getByTestId('vault-status');
    await expect.poll(() => status.getAttribute('data-state'), patience).toBe('none');
    await goTo(page, 'vault');
    await page.getByTestId('vault-init-passphrase').fill(passphrase);
    await page.getByTestId('vault-init-confirm').fill(passphrase);
    await page.getByTestId('vault-init-submit').click();
    await expect.poll(() => status.getAttribute('data-state'), patience).toBe('unlocked');
    await expect(page.getByTestId('vault-view-state').textContent()).resolves.toBe('unlocked');
  });

  it('seals an SSH key and shows the fingerprint ssh-keygen computes', async () => {
    const key = generateKeyPair({ type: 'ed25519', comment: 'e2e@opsroom' });
    // sshd-keys removes its dirs on process exit, which a vitest worker may never reach.
    onTestFinished(() => fs.rmSync(path.dirname(key.path), { recursive: true, force: true }));
    await page.getByTestId('vault-add').click();
    await page.getByTestId('secret-name').fill('deploy key');
    await expect(page.getByTestId('secret-kind').inputValue()).resolves.toBe('SSH private key');
    await page.getByTestId('secret-value').fill(key.privateKey);
    await page.getByTestId('secret-submit').click();
    const secret = page.locator('[data-testid="secret-row"][data-name="deploy key"]');
    await secret.waitFor();
    await expect(secret.getByTestId('secret-fingerprint').innerText()).resolves.toBe(key.fingerprint);
    expect(key.fingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    await expect(secret.innerText()).resolves.toContain('ssh-ed25519');
    // The value never comes back: the row shows metadata only.
    await expect(page.getByTestId('secrets-table').innerText()).resolves.not.toContain('PRIVATE KEY');
  });

  it('locks from the status bar; adding a secret then asks for the passphrase and completes after unlock', async () => {
    const status = page.getByTestId('vault-status');
    await clearNotifications(page);
    await status.click();
    await expect.poll(() => status.getAttribute('data-state'), patience).toBe('locked');
    await expect(page.getByTestId('vault-view-state').textContent()).resolves.toBe('locked');

    await page.getByTestId('vault-add').click();
    await page.getByTestId('secret-name').fill('db password');
    await pickOption(page, page.getByTestId('secret-kind'), 'Password');
    await page.getByTestId('secret-value').fill('s3cret-db-password-e2e');
    await page.getByTestId('secret-submit').click();

    const dialog = page.getByTestId('unlock-dialog');
    await dialog.waitFor();
    await expect(dialog.innerText()).resolves.toMatch(/lock/i);
    // No secret was added while locked.
    await expect(page.locator('[data-testid="secret-row"][data-name="db password"]').count()).resolves.toBe(0);
    await dialog.getByTestId('vault-unlock-passphrase').fill('not the passphrase');
    await dialog.getByTestId('vault-unlock-submit').click();
    await expect(dialog.getByTestId('vault-unlock-error').innerText()).resolves.toMatch(/wrong passphrase/i);
    await dialog.getByTestId('vault-unlock-passphrase').fill(passphrase);
    await dialog.getByTestId('vault-unlock-submit').click();
    await dialog.waitFor({ state: 'detached', timeout: 15_000 });

    await page.locator('[data-testid="secret-row"][data-name="db password"]').waitFor();
    await expect.poll(() => status.getAttribute('data-state'), patience).toBe('unlocked');
  });
});
