import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { gtinCheckDigit } from '../../shared/domain/gtin';

/**
 * A USB scanner is a keyboard. These scans are real key presses through Chromium's input pipeline
 * (Playwright's keyboard, not events made up in the page), so the timing the scanner listener sees
 * is whatever a busy renderer makes of "one key every N ms": the point of the test. Playwright waits
 * for the page to handle each key before it sends the next, so a key that lands in the search field
 * and is rendered there holds up the keys after it, as on a loaded till.
 */
const SCANS = 50;
/**
 * The till this runs on may be idle; a slowed-down renderer stands in for a loaded one (at 6× with
 * the search field focused, 43 of 50 scans arrived before the scanner read split bursts whole).
 */
const CPU_SLOWDOWN = 4;

function catalog(): { csv: string; codes: string[] } {
  const codes: string[] = [];
  const rows = ['Barcode;Name;Price;VAT;Unit'];
  for (let i = 1; i <= SCANS; i++) {
    const body = `735099${String(i).padStart(6, '0')}`;
    const code = body + gtinCheckDigit(body);
    codes.push(code);
    rows.push(`${code};Item ${String(i).padStart(2, '0')};${i},00;25;st`);
  }
  return { csv: rows.join('\n') + '\n', codes };
}

async function importCatalog(page: Page, csv: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Import catalog').setInputFiles({ name: 'items.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByRole('button', { name: `Import ${SCANS} valid rows` }).click();
  await expect(page.getByText(`Catalog imported: ${SCANS} products.`)).toBeVisible();
  await page.getByRole('button', { name: 'Sell' }).click();
}

async function slowDownCpu(page: Page, rate: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

test(`${SCANS} scans at 0, 1, 5, 10, 20 and 35 ms per key, focus alternating: ${SCANS} lines each time, in order`, async ({
  page,
  pos,
}) => {
  test.setTimeout(600_000);
  const { csv, codes } = catalog();
  await pos.open();
  await importCatalog(page, csv);
  await slowDownCpu(page, CPU_SLOWDOWN);
  const search = page.getByRole('searchbox', { name: 'Search products' });
  const expected = codes.map((_, i) => `Item ${String(i + 1).padStart(2, '0')}`);

  for (const msPerKey of [0, 1, 5, 10, 20, 35]) {
    await test.step(`${msPerKey} ms per key`, async () => {
      for (const [i, code] of codes.entries()) {
        // Every other scan with the clerk's cursor in the search field, the rest with nothing focused.
        if (i % 2 === 0) await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        else await search.focus();
        await page.keyboard.type(code, { delay: msPerKey });
        await page.keyboard.press('Enter', { delay: msPerKey });
      }

      await expect(pos.cartLines).toHaveCount(SCANS);
      const names = await pos.cartLines.evaluateAll((lines) => lines.map((line) => /Item \d{2}/.exec(line.textContent ?? '')?.[0]));
      expect(names).toEqual(expected);
      // 1 + 2 + … + 50 = 1275
      await expect(pos.total).toHaveText(/1[\s,.]?275\.00/);
      await expect(search).toHaveValue('');
      await expect(page.getByLabel('Barcode')).toHaveValue('');
      // Nothing announced: no "Unknown code", no misread, no incomplete scan.
      await expect(page.locator('.notice--error, .notice--warning')).toHaveCount(0);

      // Clear the cart the clerk's way: Delete removes the selected line, with nothing focused.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      for (let left = SCANS; left > 0; left--) await page.keyboard.press('Delete');
      await expect(pos.cartLines).toHaveCount(0);
    });
  }
});

test('a scan typed as soon as the till is on screen, before the catalog has arrived, is rung up when it does', async ({ page, pos }) => {
  const { csv, codes } = catalog();
  await pos.open();
  await importCatalog(page, csv);

  // The catalog answer is held back until the scan has been typed.
  let releaseCatalog = (): void => undefined;
  const scanned = new Promise<void>((resolve) => (releaseCatalog = resolve));
  await page.route(
    (url) => decodeURIComponent(url.pathname) === '/api/catalog:snapshot',
    async (route) => {
      await scanned;
      await route.continue();
    },
  );
  await pos.open();
  await page.keyboard.type(codes[6]!, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect(pos.cartLines).toHaveCount(0);
  releaseCatalog();

  await expect(pos.cartLines).toHaveCount(1);
  await expect(pos.cartLines.first()).toContainText('Item 07');
  await expect(page.locator('.notice--error, .notice--warning')).toHaveCount(0);
});

test('a fast typist’s search is left alone: the text stays in the field and Enter picks the product', async ({ page, pos }) => {
  await pos.open();
  const search = page.getByRole('searchbox', { name: 'Search products' });
  await search.click();
  await page.keyboard.type('Kanelbulle', { delay: 90 });
  await expect(search).toHaveValue('Kanelbulle');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(pos.cartLines).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(pos.cartLines).toHaveCount(1);
  await expect(pos.cartLines.first()).toContainText('Kanelbulle');
  await expect(search).toHaveValue('');
});
