import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goTo } from '../support/app-page';
import { launchChromium } from '../support/browser';
import { clearNotifications } from '../support/mantine';
import { recordPage, type PageTraffic } from '../support/page-traffic';
import { startServe, type ServeProcess } from '../support/serve-process';
import { seedLabWorkspace, startSshLab, type SeededLab, type SshLab } from '../support/ssh-e2e';

/** Server work (handshakes, scrypt) is slower while other e2e files run beside this one. */
const patience = { timeout: 20_000 };
const hosts = 5;
const name = (i: number) => `lab-0${i + 1}`;
const command = 'echo same; hostname >/dev/null';

/** Every state a batch-host-row showed, per host, in order (recorded in the page by a MutationObserver). */
declare global {
  interface Window {
    __batchStates?: Record<string, string[]>;
  }
}

/**
 * SSH through the real UI: one `opsroom serve` on a fresh workspace, one
 * Chromium, and five real sshd on 127.0.0.1 (key auth as the lab user). The
 * steps build on each other: the key accepted from the terminal is known when
 * the batch runs; the keys accepted in the batch are the ones the MITM step
 * breaks and the Known hosts view lists.
 */
describe('SSH terminals, batch runs and host keys in Chromium', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let lab: SshLab;
  let seeded: SeededLab;
  let page: Page;
  let traffic: PageTraffic;
  /** the lab's first host keys (lab-03 comes back with a new one later) */
  let accepted: string[] = [];

  beforeAll(async () => {
    [serve, browser, lab] = await Promise.all([startServe(), launchChromium(), startSshLab(hosts)]);
    seeded = await seedLabWorkspace(serve, lab, {
      passphrase: 'correct horse battery staple ssh e2e',
      names: name,
      environment: 'staging',
      tags: ['lab'],
    });
    accepted = lab.servers.map((s) => s.fingerprint);
    // As openApp does, but recording from before the page opens its WebSocket.
    const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
    page = await context.newPage();
    traffic = recordPage(page);
    await page.goto(serve.url);
    await page.locator('[data-testid="status-connection"][data-state="open"]').waitFor({ timeout: 20_000 });
    page.setDefaultTimeout(15_000);
    await page.locator('[data-testid="vault-status"][data-state="unlocked"]').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await serve?.stop();
    await lab?.stop();
    if (serve) fs.rmSync(serve.home, { recursive: true, force: true });
  });

  const review = () => page.getByTestId('hostkey-review');
  const runPanel = () => page.locator('[data-testid="batch-run-panel"]');
  const row = (host: string) => page.locator(`[data-testid="batch-host-row"][data-host="${host}"]`);

  /** The run now on screen once it finished: its id and every host's final state. */
  async function finishedRun(previous: string | null): Promise<{ runId: string; states: Record<string, string> }> {
    const panel = page.locator('[data-testid="batch-run-panel"][data-finished="yes"]');
    await expect.poll(() => panel.getAttribute('data-run').catch(() => null), patience).not.toBe(previous);
    await expect.poll(() => panel.count(), patience).toBe(1);
    const runId = (await panel.getAttribute('data-run'))!;
    const states = await page
      .getByTestId('batch-host-row')
      .evaluateAll((els) => Object.fromEntries(els.map((e) => [e.dataset.host!, e.dataset.state!])));
    return { runId, states };
  }

  /** ssh.batch.host events of one run the page received, per host, in order. */
  function streamedStates(runId: string): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const f of traffic.frames) {
      if (f.dir !== 'received' || !f.data.includes('"ssh.batch.host"')) continue;
      const m = JSON.parse(f.data) as {
        t: string;
        payload: { runId: string; host: { ci: { name: string }; state: string } };
      };
      if (m.t !== 'event' || m.payload.runId !== runId) continue;
      (out[m.payload.host.ci.name] ??= []).push(m.payload.host.state);
    }
    return out;
  }

  async function watchRows(): Promise<void> {
    await page.evaluate(() => {
      window.__batchStates = {};
      const seen = window.__batchStates;
      const scan = () => {
        for (const el of document.querySelectorAll<HTMLElement>('[data-testid="batch-host-row"]')) {
          const list = (seen[el.dataset.host!] ??= []);
          if (list.at(-1) !== el.dataset.state) list.push(el.dataset.state!);
        }
      };
      new MutationObserver(scan).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-state'],
      });
    });
  }
  const domStates = () => page.evaluate(() => window.__batchStates ?? {});

  it('opens a terminal to a lab host after accepting its unknown key, and runs echo hello', async () => {
    const first = seeded.hosts[0]!;
    await goTo(page, 'terminals');
    await page.getByTestId('terminal-new').click();
    await page.getByTestId('terminal-host-search').fill(first.ci.name);
    await page.locator(`[data-testid="terminal-host-option"][data-name="${first.ci.name}"]`).click();
    await page.getByTestId('terminal-open').click();

    // The key is unknown: the connection waits and the review dialog shows what ssh-keygen computes.
    const pending = review().getByTestId('hostkey-pending-row');
    await expect.poll(() => pending.count(), patience).toBe(1);
    await expect(pending.getAttribute('data-reason')).resolves.toBe('unknown');
    await expect(pending.getByTestId('hostkey-fingerprint').innerText()).resolves.toBe(first.server.fingerprint);
    await expect(pending.innerText()).resolves.toContain(`[127.0.0.1]:${first.server.port}`);
    const tab = page.getByTestId('terminal-tab');
    await expect(tab.getAttribute('data-state')).resolves.toBe('connecting');
    await pending.getByTestId('hostkey-accept-remember').click();
    await review().waitFor({ state: 'detached' });

    await expect.poll(() => tab.getAttribute('data-state'), patience).toBe('open');
    await clearNotifications(page);
    await page.getByTestId('terminal-screen').click();
    await page.keyboard.type('echo hello');
    await page.keyboard.press('Enter');
    const screen = page.locator('[data-testid="terminal-screen"] .xterm-rows');
    // A line that is exactly "hello": the output, not the echoed command line.
    await expect.poll(() => screen.innerText(), patience).toMatch(/^hello\s*$/m);
    expect(await screen.innerText()).toContain('echo hello');
  });

  it('runs a batch on 5 hosts: unknown keys are held, reviewed in one dialog, then all reach ok', async () => {
    await goTo(page, 'batch');
    await watchRows();
    await page.getByTestId('batch-targets-chip-value').fill('lab');
    await page.getByTestId('batch-targets-chip-add').click();
    await expect.poll(() => page.getByTestId('batch-target-count').innerText(), patience).toBe(String(hosts));
    await expect(page.getByTestId('batch-production-count').innerText()).resolves.toBe('0');
    await page.getByTestId('batch-command').fill(command);
    await page.locator('[data-testid="batch-run"]').click();

    // 5 ≤ ssh.confirmOver (10) and no production CI: no confirmation.
    const held = await finishedRun(null);
    await expect(page.getByTestId('batch-confirm-modal').count()).resolves.toBe(0);
    expect(held.states).toEqual({
      'lab-01': 'ok',
      'lab-02': 'hostkey-held',
      'lab-03': 'hostkey-held',
      'lab-04': 'hostkey-held',
      'lab-05': 'hostkey-held',
    });

    // One dialog lists the 4 keys held back, each with the fingerprint its sshd has.
    const pending = review().getByTestId('hostkey-pending-row');
    await expect.poll(() => pending.count(), patience).toBe(4);
    const shown = await pending.getByTestId('hostkey-fingerprint').allInnerTexts();
    expect(shown.sort()).toEqual(
      seeded.hosts
        .slice(1)
        .map((h) => h.server.fingerprint)
        .sort(),
    );
    await review().getByLabel('Select all unknown keys').check();
    await review().getByTestId('hostkey-bulk-accept-remember').click();
    await review().waitFor({ state: 'detached' });

    // Retry runs the 4 held hosts again.
    await clearNotifications(page);
    await page.getByTestId('batch-retry').click();
    const retried = await finishedRun(held.runId);
    expect(retried.states).toEqual({ 'lab-02': 'ok', 'lab-03': 'ok', 'lab-04': 'ok', 'lab-05': 'ok' });
    const live = streamedStates(retried.runId);
    for (const h of Object.keys(retried.states)) {
      expect(live[h], h).toContain('running');
      expect(live[h]!.indexOf('running'), h).toBeLessThan(live[h]!.lastIndexOf('ok'));
    }

    // Now every key is known: a fresh run on the tag goes through for all 5, one output group.
    await page.locator('[data-testid="batch-run"]').click();
    const all = await finishedRun(retried.runId);
    expect(Object.values(all.states)).toEqual(Array(hosts).fill('ok'));
    const group = page.getByTestId('batch-group');
    await expect.poll(() => group.count(), patience).toBe(1);
    await expect(group.getAttribute('data-hosts')).resolves.toBe(String(hosts));
    await group.getByRole('button').first().click();
    await expect.poll(() => group.innerText(), patience).toMatch(/^same$/m);
    // The panel (hosts and full output) opens with an animation.
    await expect
      .poll(() => group.innerText(), patience)
      .toContain(`exit 0 · ${seeded.hosts.map((h) => h.ci.name).join(', ')}`);

    // Live states reached the page on the way (from the socket the grid listens to), and the grid
    // ended on them. React may draw several states in one frame, so the DOM is checked for the end only.
    const streamed = streamedStates(all.runId);
    const seen = await domStates();
    for (const h of seeded.hosts.map((x) => x.ci.name)) {
      expect(streamed[h], h).toContain('running');
      expect(seen[h]?.at(-1), h).toBe('ok');
    }
  });

  it('refuses a host whose key changed (possible MITM), shows it in red and audits it', async () => {
    const third = seeded.hosts[2]!;
    const before = third.server.fingerprint;
    await third.server.restart({ newHostKey: true });
    expect(third.server.fingerprint).not.toBe(before);
    const logFrom = third.server.log().length;

    const previous = await runPanel().getAttribute('data-run');
    await clearNotifications(page);
    await page.locator('[data-testid="batch-run"]').click();
    const run = await finishedRun(previous);
    expect(run.states).toEqual({
      'lab-01': 'ok',
      'lab-02': 'ok',
      'lab-03': 'hostkey-changed',
      'lab-04': 'ok',
      'lab-05': 'ok',
    });
    await expect(row('lab-03').innerText()).resolves.toMatch(/man-in-the-middle/i);
    // Refused before authenticating: the impostor never saw a login, let alone the command.
    const impostorLog = third.server.log().slice(logFrom);
    expect(impostorLog).toMatch(/Connection from 127\.0\.0\.1/);
    expect(impostorLog).not.toMatch(/Accepted publickey/);

    // The dialog warns in red and offers no accept button for it.
    const changed = review().locator('[data-testid="hostkey-pending-row"][data-reason="changed"]');
    await changed.waitFor(patience);
    await expect(changed.count()).resolves.toBe(1);
    const text = await changed.innerText();
    expect(text).toContain('Possible man-in-the-middle attack');
    expect(text).toContain(`presented: ${third.server.fingerprint}`);
    expect(text).toContain(`known: ${before}`);
    await expect(changed.getByTestId('hostkey-accept-remember').count()).resolves.toBe(0);
    await expect(changed.getByTestId('hostkey-accept-once').count()).resolves.toBe(0);
    await expect(changed.getByTestId('hostkey-replace').count()).resolves.toBe(1);
    await review().getByRole('button', { name: 'Decide later' }).click();
    await review().waitFor({ state: 'detached' });

    await goTo(page, 'audit');
    await page.getByTestId('audit-filter-action').fill('ssh.hostkey.changed');
    await page.getByTestId('audit-filter-apply').click();
    const entry = page.getByTestId('audit-row').filter({ hasText: 'ssh.hostkey.changed' });
    await entry.first().waitFor(patience);
    await expect(entry.first().innerText()).resolves.toContain(`127.0.0.1:${third.server.port}`);
    await page.getByTestId('audit-chip-action').locator('button').click();
  });

  it('lists the accepted keys in Known hosts, and the changed one waiting for review', async () => {
    await goTo(page, 'hostkeys');
    const known = page.getByTestId('hostkeys-known-row');
    await expect.poll(() => known.count(), patience).toBe(hosts);
    const texts = await known.allInnerTexts();
    for (const [i, h] of seeded.hosts.entries()) {
      const line = texts.find((t) => t.includes(accepted[i]!));
      expect(line, h.ci.name).toBeDefined();
      expect(line).toContain(String(h.server.port));
      expect(line).toContain('prompt');
    }
    const waiting = page
      .getByTestId('view-hostkeys')
      .locator('[data-testid="hostkey-pending-row"][data-reason="changed"]');
    await expect(waiting.count()).resolves.toBe(1);
  });
});
