import { test, expect } from './fixtures';
import { gtinCheckDigit } from '../../shared/domain/gtin';

/** Ten products with valid EAN-13 codes, in the Swedish export format a merchant's system writes. */
function makeCatalog(): { csv: string; codes: string[] } {
  const codes: string[] = [];
  const rows = ['Streckkod;Namn;Pris;Moms;Enhet;Artikelnummer'];
  for (let i = 1; i <= 10; i++) {
    const body = `735012345${String(i).padStart(3, '0')}`;
    const code = body + gtinCheckDigit(body);
    codes.push(code);
    rows.push(`${code};Testvara ${i};${i},50;25;st;TV-${i}`);
  }
  rows.push('7350123450999;Trasig rad;tolv;25;st;TV-X'); // a bad price, reported by line
  return { csv: '\uFEFF' + rows.join('\r\n') + '\r\n', codes };
}

test('import a CSV catalog, then scan ten items at 5 ms per key without focusing anything', async ({ page, pos }) => {
  await pos.open();
  const { csv, codes } = makeCatalog();

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Import catalog').setInputFiles({ name: 'katalog.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await expect(page.getByText('10 valid rows, 1 with errors.')).toBeVisible();
  await expect(page.getByText(/Line 12: .*price/i)).toBeVisible();
  await page.getByRole('button', { name: 'Import 10 valid rows' }).click();
  await expect(page.getByText('Catalog imported: 10 products.')).toBeVisible();
  await page.getByRole('button', { name: 'Sell' }).click();
  await page.locator('body').click({ position: { x: 5, y: 400 } }); // nothing focused

  for (const code of codes) await pos.scan(code);
  await expect(pos.cartLines).toHaveCount(10);
  // 1.50 + 2.50 + … + 10.50 = 60.00
  await expect(pos.total).toHaveText(/60\.00/);
  await expect(page.getByLabel('Barcode')).toHaveValue('');
  await expect(page.getByLabel('Search products')).toHaveValue('');

  // Scanning the same code again adds to its line rather than a new line.
  await pos.scan(codes[0]!);
  await expect(pos.cartLines).toHaveCount(10);
  await expect(pos.total).toHaveText(/61\.50/);
});

test('a scan is caught even while the search field has focus, and never typed into it', async ({ page, pos }) => {
  await pos.open();
  const search = page.getByRole('searchbox', { name: 'Search products' });
  await search.click();
  await search.pressSequentially('kaf', { delay: 150 }); // a person typing
  await page.waitForTimeout(300);
  await pos.scan('7310865000361');
  await expect(pos.cartLines).toHaveCount(1);
  await expect(search).toHaveValue('kaf');
});

test('a misread code (wrong check digit) is refused with a message, and an unknown code offers a custom item', async ({ page, pos }) => {
  await pos.open();
  await pos.scan('7310865000362');
  await expect(page.getByRole('alert')).toContainText('Check digit does not match');
  await expect(pos.cartLines).toHaveCount(0);

  await pos.scan('7350000009996');
  await expect(page.getByText('Unknown code 7350000009996.')).toBeVisible();
  await page.getByRole('button', { name: 'Add as custom item' }).click();
  await page.getByLabel('Price').fill('12,50');
  await page.getByRole('button', { name: 'Add item' }).click();
  await expect(pos.cartLines).toHaveCount(1);
  await expect(pos.total).toHaveText(/12\.50/);
});

test('keyboard only: quantity, discount and remove with the keys shown on screen', async ({ page, pos }) => {
  await pos.open();
  const hints = page.getByRole('contentinfo', { name: 'Keyboard shortcuts' });
  for (const key of ['F2', 'F9', 'F4', '+/−', 'Del', '↑↓', 'Esc']) await expect(hints.getByText(key, { exact: true })).toBeVisible();
  // Away from Sell the cart keys do nothing, so they are not offered; Esc and F3 lead back.
  await page.getByRole('button', { name: 'History' }).click();
  await expect(hints.locator('kbd')).toHaveText(['F3', 'Esc']);
  await page.keyboard.press('Escape');
  await expect(hints.locator('kbd')).toHaveCount(8);
  await pos.scan('7310865000361'); // Kaffe, kopp 25.00
  await pos.scan('7310555086439'); // Kanelbulle 15.00
  await page.keyboard.press('+'); // the bun, selected as the last scanned
  await expect(pos.total).toHaveText(/55\.00/);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Delete');
  await expect(pos.cartLines).toHaveCount(1);
  await expect(pos.total).toHaveText(/30\.00/);
  await page.keyboard.press('F4');
  await page.getByLabel('Percent').last().fill('10');
  await page.keyboard.press('Enter');
  await expect(pos.total).toHaveText(/27\.00/);
  await page.keyboard.press('F2');
  await expect(page.getByRole('status').filter({ hasText: 'Waiting for payment' })).toBeVisible();
  // The cart is frozen while the customer pays: no cart keys are offered.
  await expect(hints.locator('kbd')).toHaveCount(0);
  await page.getByRole('button', { name: 'Customer pays (demo)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();
  await expect(hints.locator('kbd')).toHaveText(['Enter']);
  await page.keyboard.press('Enter');
  await expect(hints.locator('kbd')).toHaveCount(8);
});
