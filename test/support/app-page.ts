import { expect } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { clearNotifications } from './mantine';

/** A fresh context (its own cookies) opened on the printed URL and waited on until the WebSocket is open. */
export async function openApp(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('[data-testid="status-connection"][data-state="open"]').waitFor({ timeout: 20_000 });
  return { context, page };
}

export async function goTo(page: Page, view: string): Promise<void> {
  await page.getByTestId(`nav-${view}`).click();
  await page.getByTestId(`view-${view}`).waitFor();
}

/** Runs audit.verify from the Audit view's button and returns the result alert's state and text. */
export async function verifyInUi(page: Page): Promise<{ ok: string | null; text: string }> {
  await goTo(page, 'audit');
  await dismissNotifications(page);
  await page.getByTestId('audit-verify').click();
  const result = page.getByTestId('audit-verify-result');
  await result.waitFor();
  return { ok: await result.getAttribute('data-ok'), text: (await result.innerText()).trim() };
}

/** Text a person reads must be a sentence, not a stack trace or a raw error dump. */
export function expectReadable(text: string): void {
  expect(text).not.toMatch(/\n\s+at \S+ \(|\.ts:\d+|\.js:\d+|ZodError|\[object Object\]/);
}

/**
 * Toasts sit top-right, over the Audit view's Verify button; a person closes
 * them (or waits ~4 s), so the test closes them too rather than waiting.
 */
export function dismissNotifications(page: Page): Promise<void> {
  return clearNotifications(page);
}
