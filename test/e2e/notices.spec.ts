import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { gtinCheckDigit } from '../../shared/domain/gtin';

const COFFEE = '7310865000361'; // Kaffe, kopp — 25.00, a quick key
/** A valid EAN-13 the sample catalog does not have. */
const UNKNOWN = '735000000999' + gtinCheckDigit('735000000999');

/** Types a code into the Barcode field and presses Enter, as a clerk reading a label would. */
async function typeCode(page: Page, code: string): Promise<void> {
  const field = page.getByLabel('Barcode');
  await field.fill(code);
  await field.press('Enter');
}

test('a notice moves no tap target; good news fades, a warning stays until dismissed', async ({ page, pos }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await pos.open();
  const keys = page.getByRole('navigation', { name: 'Quick keys' });
  const bun = keys.getByRole('button', { name: /^Kanelbulle/ });
  const before = await bun.boundingBox();
  const barcodeBefore = await page.getByLabel('Barcode').boundingBox();

  await typeCode(page, UNKNOWN);
  const warning = page.getByRole('status').filter({ hasText: `Unknown code ${UNKNOWN}` });
  await expect(warning).toBeVisible();
  expect(await bun.boundingBox()).toEqual(before);
  expect(await page.getByLabel('Barcode').boundingBox()).toEqual(barcodeBefore);
  await page.screenshot({ path: testInfo.outputPath('selling-with-notice-1024x768.png') });

  // A good scan after it: the line is added and the warning is still there to be read.
  await bun.click();
  await expect(pos.cartLines).toHaveCount(1);
  await expect(warning).toBeVisible();

  // Good news (a parked sale) replaces nothing of the layout and goes by itself.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(warning).toHaveCount(0);
  await page.getByRole('button', { name: 'Park sale' }).click();
  const parked = page.getByRole('status').filter({ hasText: /parked/i });
  await expect(parked).toBeVisible();
  expect(await bun.boundingBox()).toEqual(before);
  await expect(parked).toHaveCount(0, { timeout: 10_000 });

  // A warning is still there after longer than good news lasts.
  await typeCode(page, UNKNOWN);
  await page.waitForTimeout(7_000);
  await expect(warning).toBeVisible();
  expect(await bun.boundingBox()).toEqual(before);
});

test('only a code that could be a label is offered as a custom item', async ({ page, pos }) => {
  await pos.open();
  await typeCode(page, UNKNOWN);
  await expect(page.getByRole('status').filter({ hasText: `Unknown code ${UNKNOWN}` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add as custom item' })).toBeVisible();

  // Nine digits: no barcode is that long, it is a scan that came apart or a typo.
  await typeCode(page, '055012341');
  await expect(page.getByRole('status').filter({ hasText: 'Unknown code 055012341' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add as custom item' })).toHaveCount(0);
});

test('changing the cart of a live sale keeps quick keys and search, and F2’s hint says what its button says', async ({
  page,
  pos,
}, testInfo) => {
  await pos.open();
  await pos.scan(COFFEE);
  await pos.charge();
  await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
  const hints = page.getByRole('contentinfo', { name: 'Keyboard shortcuts' });

  await page.getByRole('button', { name: 'Change cart' }).click();
  await expect(page.getByText('The QR code is hidden while you change the cart.')).toBeVisible();
  const keys = page.getByRole('navigation', { name: 'Quick keys' });
  await expect(keys).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search products' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Update payment/ })).toBeVisible();
  await expect(hints).toContainText('F2 Update payment');
  await expect(hints).not.toContainText('Charge');
  await page.screenshot({ path: testInfo.outputPath('change-cart.png') });

  // The forgotten bun from a quick key, another coffee found by searching.
  await keys.getByRole('button', { name: /^Kanelbulle/ }).click();
  await page.getByRole('searchbox', { name: 'Search products' }).fill('Kaffe');
  await page.getByRole('button', { name: 'Add Kaffe, kopp' }).click();
  await expect(pos.cartLines).toHaveCount(2);
  await expect(pos.total).toHaveText(/65\.00/);

  await page.keyboard.press('F2');
  await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
  await expect(page.locator('.checkout__amount')).toHaveText(/65\.00/);
  await expect(keys).toHaveCount(0);
  await expect(hints).not.toContainText('Update payment');
});
