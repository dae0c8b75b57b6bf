import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { gtinCheckDigit } from '../../shared/domain/gtin';

/**
 * A USB scanner is a keyboard. These scans are real key presses through Chromium's input pipeline
 * (Playwright's keyboard, not events made up in the page), so the timing the scanner listener sees
 * is whatever a loaded machine makes of "one key every N ms": the point of the test.
 */
const SCANS = 50;

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

for (const [index, msPerKey] of [0, 1, 5, 10, 20, 35].entries()) {
  // Half the runs with nothing focused, half while the clerk's cursor is in the search field.
  const focus = index % 2 === 0 ? 'nothing focused' : 'the search field focused';
  test(`${SCANS} scans at ${msPerKey} ms per key, ${focus}: ${SCANS} lines, in order, nothing typed anywhere`, async ({ page, pos }) => {
    test.setTimeout(180_000);
    const { csv, codes } = catalog();
    await pos.open();
    await importCatalog(page, csv);
    const search = page.getByRole('searchbox', { name: 'Search products' });
    if (focus === 'nothing focused') await page.locator('body').click({ position: { x: 5, y: 400 } });
    else await search.click();

    for (const code of codes) {
      await page.keyboard.type(code, { delay: msPerKey });
      await page.keyboard.press('Enter', { delay: msPerKey });
    }

    await expect(pos.cartLines).toHaveCount(SCANS);
    const names = await pos.cartLines.evaluateAll((lines) => lines.map((line) => /Item \d{2}/.exec(line.textContent ?? '')?.[0]));
    expect(names).toEqual(codes.map((_, i) => `Item ${String(i + 1).padStart(2, '0')}`));
    // 1 + 2 + … + 50 = 1275
    await expect(pos.total).toHaveText(/1[\s,.]?275\.00/);
    await expect(search).toHaveValue('');
    await expect(page.getByLabel('Barcode')).toHaveValue('');
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}

test('a fast typist’s search is left alone: the text stays in the field and Enter picks the product', async ({ page, pos }) => {
  await pos.open();
  const search = page.getByRole('searchbox', { name: 'Search products' });
  await search.click();
  await page.keyboard.type('Kanelbulle', { delay: 90 });
  await expect(search).toHaveValue('Kanelbulle');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(pos.cartLines).toHaveCount(0);
});
