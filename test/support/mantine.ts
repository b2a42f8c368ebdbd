import type { Locator, Page } from 'playwright-core';

/**
 * Picks an option of a Mantine Select (or Autocomplete) the way a person does:
 * open it, optionally type to search, click the option. Options render in a
 * portal, so they are found from the page, not from the select.
 */
export async function pickOption(
  page: Page,
  select: Locator,
  option: string | RegExp,
  opts: { type?: string } = {},
): Promise<void> {
  await select.click();
  if (opts.type !== undefined) await select.fill(opts.type);
  const o = page.getByRole('option', { name: option, exact: typeof option === 'string' });
  await o.first().click();
}

/**
 * Closes every toast, including those queued behind the visible ones (Mantine
 * shows a few at a time), so none sits over a button the test clicks next.
 */
export async function clearNotifications(page: Page, maxRounds = 60): Promise<void> {
  const close = page.locator('.mantine-Notification-root .mantine-Notification-closeButton');
  for (let i = 0; i < maxRounds; i++) {
    if ((await close.count()) === 0) {
      // A queued toast appears a moment after the last visible one closes.
      await page.waitForTimeout(150);
      if ((await close.count()) === 0) return;
      continue;
    }
    // Forced: a toast already sliding out is not "stable", and closing it twice is harmless.
    await close
      .first()
      .click({ force: true, timeout: 1_000 })
      .catch(() => undefined);
    await page.waitForTimeout(100);
  }
}
