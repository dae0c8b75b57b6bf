import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from '../../test/e2e/support/chromium';

/** Chromium as the e2e suite launches it (playwright.config.ts), headless. */
export function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumExecutable();
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: chromiumArgs,
  });
}

/**
 * tsx compiles bench/ with esbuild's keepNames, which wraps named functions in a `__name(...)`
 * helper; functions we hand to page.evaluate carry that call into the page, so define it there.
 */
export async function allowTsxFunctions(page: Page): Promise<void> {
  await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
}

export async function openPos(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await allowTsxFunctions(page);
  await page.goto(url);
  await page.getByRole('button', { name: 'Charge' }).waitFor();
  return page;
}

/**
 * Resolves once the renderer has indexed a catalog holding `barcode`: the Barcode field is the
 * clerk's own way to look a code up, and an unknown code shows a notice instead of a line.
 */
export async function waitForCatalog(page: Page, barcode: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const field = page.locator('#barcode-input');
  const lines = page.locator('.cart__lines > li');
  while (Date.now() < until) {
    await field.fill(barcode);
    await field.press('Enter');
    try {
      await lines.first().waitFor({ timeout: 1_000 });
      await clearCart(page);
      return;
    } catch {
      // Not indexed yet: the notice says the code is unknown. Try again.
    }
  }
  throw new Error('the renderer never indexed the benchmark catalog');
}

/** Empties the cart the clerk's way: select a line, press Delete, until no line is left. */
export async function clearCart(page: Page): Promise<void> {
  await page.evaluate(async () => {
    (document.activeElement as HTMLElement | null)?.blur();
    for (let i = 0; i < 600; i++) {
      const line = document.querySelector<HTMLElement>('.cart__lines > li');
      if (!line) return;
      line.click();
      await new Promise((r) => setTimeout(r, 0));
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Delete', bubbles: true, cancelable: true }));
      await new Promise((r) => setTimeout(r, 0));
    }
    throw new Error('the cart would not empty');
  });
}

/** Runs in the page: resolves with the epoch ms of the frame after "Paid" is on screen. */
export function paidInPage(): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no "Paid" within 20 s')), 20_000);
    const done = () =>
      requestAnimationFrame(() => {
        clearTimeout(timer);
        resolve(performance.timeOrigin + performance.now());
      });
    if (document.querySelector('.status--paid')) return done();
    const observer = new MutationObserver(() => {
      if (!document.querySelector('.status--paid')) return;
      observer.disconnect();
      done();
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}
