import Database from 'better-sqlite3';
import fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo, expectReadable, openApp, verifyInUi } from '../support/app-page';
import { launchChromium } from '../support/browser';
import { request, sessionCookie, tryWebSocket } from '../support/http-probe';
import { repoRoot, startServe, type ServeProcess } from '../support/serve-process';

const artifacts = path.join(repoRoot, 'test/e2e/artifacts');

/*
 * One real `opsroom serve` and one Chromium for the whole file; the tests run
 * in order and build on each other (the snapshot taken early is restored later,
 * the tamper test restarts the server on the same workspace).
 */
describe('web mode end to end', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const label = `before e2e ${Date.now()}`;

  beforeAll(async () => {
    [serve, browser] = await Promise.all([startServe(), launchChromium()]);
    ({ context, page } = await openApp(browser, serve.url));
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    if (serve) fs.rmSync(serve.home, { recursive: true, force: true });
  });

  it('loads with the token URL and drops the token from the address bar', async () => {
    await expect(page.getByTestId('nav-audit').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('status-connection').getAttribute('data-state')).resolves.toBe('open');
    await expect(page.getByTestId('status-connection').textContent()).resolves.toBe('open');
    expect(page.url()).not.toContain('token');
    expect(page.url()).not.toContain(serve.token);
  });

  it('refuses a page and a WebSocket without the token', async () => {
    const ctx = await browser.newContext();
    try {
      const p = await ctx.newPage();
      await p.goto(`${serve.origin}/`);
      await p.getByTestId('unauthorised').waitFor({ timeout: 15_000 });
      await expect(p.getByTestId('nav-audit').count()).resolves.toBe(0);
    } finally {
      await ctx.close();
    }
    const ws = await tryWebSocket(`ws://127.0.0.1:${serve.port}/rpc`, { Origin: serve.origin });
    expect(ws).toEqual({ opened: false, status: 401 });
  });

  it('refuses a foreign Origin on /auth and on the WebSocket', async () => {
    const auth = await request(serve.port, {
      method: 'POST',
      path: '/auth',
      headers: { Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: serve.token }),
    });
    expect(auth.status).toBe(403);
    expect(auth.headers['set-cookie']).toBeUndefined();

    const cookie = await sessionCookie(serve.port, serve.origin, serve.token);
    const good = await tryWebSocket(`ws://127.0.0.1:${serve.port}/rpc`, { Origin: serve.origin, Cookie: cookie });
    expect(good.opened).toBe(true);
    const foreign = await tryWebSocket(`ws://127.0.0.1:${serve.port}/rpc`, {
      Origin: 'http://evil.example',
      Cookie: cookie,
    });
    expect(foreign).toEqual({ opened: false, status: 403 });
  });

  it('refuses a rebinding Host', async () => {
    const evil = await request(serve.port, { headers: { Host: `evil.example:${serve.port}` } });
    expect(evil.status).toBe(403);
    expect(evil.body).toMatch(/Host/);
    const ok = await request(serve.port, { headers: { Host: `127.0.0.1:${serve.port}` } });
    expect(ok.status).toBe(200);
  });

  it('navigates with the sidebar and with the command palette', async () => {
    for (const view of ['workspace', 'jobs', 'logs', 'settings', 'audit']) {
      await goTo(page, view);
      expect(page.url()).toContain(`#/${view}`);
    }
    await page.keyboard.press('Control+K');
    const search = page.getByTestId('palette-search');
    await search.waitFor();
    await search.fill('Go to Settings');
    await page.keyboard.press('Enter');
    await page.getByTestId('view-settings').waitFor();
    await search.waitFor({ state: 'hidden' });
  });

  it('takes a labelled snapshot and lists it', async () => {
    await goTo(page, 'workspace');
    await page.getByTestId('workspace-take-snapshot').click();
    await page.getByTestId('snapshot-label-input').fill(label);
    await page.getByTestId('snapshot-confirm').click();
    await page.getByTestId('snapshot-row').filter({ hasText: label }).waitFor();
  });

  it('shows the audit entries the snapshot produced', async () => {
    await goTo(page, 'audit');
    await page.getByTestId('audit-filter-action').fill('workspace.snapshots.take');
    await page.getByTestId('audit-filter-apply').click();
    await page.getByTestId('audit-chip-action').waitFor();
    const rows = page.getByTestId('audit-row');
    await rows.filter({ hasText: 'started' }).first().waitFor();
    await rows.filter({ hasText: 'ok' }).first().waitFor();
    const texts = await rows.allInnerTexts();
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const t of texts) expect(t).toContain('workspace.snapshots.take');
    // Clear the filter so later views of the Audit page start unfiltered.
    await page.getByTestId('audit-chip-action').locator('button').click();
    await page.getByTestId('audit-chip-action').waitFor({ state: 'detached' });
  });

  it('verifies the audit chain from the UI', async () => {
    const r = await verifyInUi(page);
    expect(r.ok).toBe('true');
    expect(r.text).toContain('intact');
  });

  it('runs a workspace check, lists its job and shows its log', async () => {
    await goTo(page, 'workspace');
    await page.getByTestId('workspace-check').click();
    const result = page.getByTestId('check-result');
    await result.waitFor({ timeout: 15_000 });
    await expect(result.getAttribute('data-ok')).resolves.toBe('true');

    await goTo(page, 'jobs');
    const row = page.locator('[data-testid="jobs-row"][data-state="succeeded"]').filter({ hasText: 'Workspace check' });
    await row.first().waitFor();
    await row.first().click();
    const log = page.getByTestId('job-log');
    await log.waitFor();
    await expect.poll(() => log.innerText(), { timeout: 5_000 }).toContain('quick_check: ok');
    await expect(log.innerText()).resolves.toContain('audit_chain:');
    await page.keyboard.press('Escape');
    await page.getByTestId('job-drawer').waitFor({ state: 'detached' });
  });

  it('restores the snapshot after confirmation and keeps the chain intact', async () => {
    // A second window on the jobs list: the check job ran after the snapshot, so the restore must take it
    // away there too, with nobody touching that window ('workspace.restored').
    const other = await context.newPage();
    await other.goto(serve.url);
    await goTo(other, 'jobs');
    const checkJob = other.getByTestId('jobs-row').filter({ hasText: 'Workspace check' });
    await checkJob.first().waitFor();

    await goTo(page, 'workspace');
    const row = page.getByTestId('snapshot-row').filter({ hasText: label });
    await row.getByTestId('snapshot-restore').click();
    await page.getByTestId('restore-confirm').click();
    await page.getByText('Workspace restored').waitFor({ timeout: 15_000 });
    // The restore took a safety snapshot first, which is listed now too.
    await page.getByTestId('snapshot-row').filter({ hasText: 'pre-restore' }).first().waitFor();
    await checkJob.first().waitFor({ state: 'detached', timeout: 10_000 });
    await other.close();
    const r = await verifyInUi(page);
    expect(r.ok).toBe('true');
    expect(r.text).toContain('intact');
  });

  it("shows the server's message for bad input, not a stack trace", async () => {
    await goTo(page, 'settings');
    const input = page.getByTestId('setting-workspace.snapshotKeep');
    await input.fill('5000');
    await page.getByTestId('settings-save').click();
    const error = page.getByTestId('settings-error');
    await error.waitFor();
    const text = (await error.innerText()).trim();
    expect(text).toMatch(/snapshotKeep/);
    expect(text).toMatch(/200/);
    expectReadable(text);
  });

  it('names the tampered entry after the file is edited behind its back', async () => {
    await context.close();
    await serve.stop();
    const db = new Database(serve.workspace);
    try {
      const triggers = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
        .all() as { name: string }[];
      expect(triggers.length).toBeGreaterThan(0);
      for (const t of triggers) db.exec(`DROP TRIGGER "${t.name.replace(/"/g, '""')}"`);
      const victim = (db.prepare('SELECT seq FROM audit_log ORDER BY seq LIMIT 1 OFFSET 1').get() as { seq: number })
        .seq;
      const changed = db.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = ?").run(victim).changes;
      expect(changed).toBe(1);
      db.close();

      serve = await startServe({ home: serve.home, workspace: serve.workspace });
      ({ context, page } = await openApp(browser, serve.url));
      const r = await verifyInUi(page);
      expect(r.ok).toBe('false');
      expect(r.text).toContain('broken');
      expect(r.text).toContain(`entry ${victim}`);
    } finally {
      if (db.open) db.close();
    }
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'audit-view.png') });
  });
});
