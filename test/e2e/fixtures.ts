import { rmSync } from 'node:fs';
import { test as base, expect, type ConsoleMessage, type Page } from '@playwright/test';
import { startWebHostProcess, type RunningWebHost } from './support/web-host';
import { PosPage } from './support/pos-page';

/**
 * Each test gets its own web host (real services, its own temporary data directory, its own
 * sandbox) and a page that records console errors so a test can assert there were none.
 */
export const test = base.extend<{ host: RunningWebHost; consoleErrors: string[]; pos: PosPage; hostEnv: Record<string, string> }>({
  hostEnv: [{}, { option: true }],
  host: async ({ hostEnv }, use, testInfo) => {
    const host = await startWebHostProcess({ env: hostEnv });
    await use(host);
    await host.stop();
    if (testInfo.status !== testInfo.expectedStatus) {
      // The services' own log (slow calls, slow journal writes, provider retries) says what they
      // were doing; CI shows a failed test's output, so it lands next to the failure.
      await testInfo.attach('web-host.log', { body: host.output(), contentType: 'text/plain' });
      process.stderr.write(`--- web host output (${host.dataDir}) ---\n${host.output()}--- end of web host output ---\n`);
    } else {
      rmSync(host.dataDir, { recursive: true, force: true });
    }
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
