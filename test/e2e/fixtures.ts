import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';
import { startWebHostProcess, type RunningWebHost } from './support/web-host';
import { PosPage } from './support/pos-page';

/**
 * Each test gets its own web host (real services, its own temporary data directory, its own
 * sandbox) and a page that records console errors so a test can assert there were none.
 */
export const test = base.extend<{ host: RunningWebHost; consoleErrors: string[]; pos: PosPage; hostEnv: Record<string, string> }>({
  hostEnv: [{}, { option: true }],
  host: async ({ hostEnv }, use) => {
    const host = await startWebHostProcess({ env: hostEnv });
    await use(host);
    await host.stop();
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    page.on('console', (message: ConsoleMessage) => {
      if (message.type() === 'error' && !isKnownBrowserNotice(message.text())) errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await use(errors);
  },
  pos: async ({ page, host }, use) => {
    await use(new PosPage(page, host));
  },
});

/**
 * index.html carries `frame-ancestors 'none'` in its CSP meta tag as our policy of record, and
 * Chromium reports that the directive only works as a header. Both shells do send it as a header
 * (app:// responses and the web host), so this one notice is expected and nothing else is.
 */
function isKnownBrowserNotice(text: string): boolean {
  return text === "The Content Security Policy directive 'frame-ancestors' is ignored when delivered via a <meta> element.";
}

export { expect };
export type { Page };
