import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect, type Page } from './fixtures';
import { callChannel } from './support/pos-page';

const COFFEE = '7310865000361'; // Kaffe, kopp — 25.00
const BUN = '7310555086439'; // Kanelbulle — 15.00
const EGGS = '7310444007897'; // Ägg 12-pack frigående — 44.95
const BAG = '7350000000115'; // Bärkasse papper — 3.00

/** The UI language, set through the settings channel as the Settings screen does, then the till reloaded. */
async function useLanguage(page: Page, language: 'en' | 'sv', chargeName: string): Promise<void> {
  const current = await callChannel(page, 'settings:get');
  const saved = await callChannel(page, 'settings:save', { settings: { ...(current.value as object), uiLanguage: language } });
  expect(saved.ok).toBe(true);
  await page.reload();
  await page.getByRole('button', { name: chargeName }).waitFor();
}

/** Every quick key: wholly inside the viewport, and the element under its centre is the key itself. */
async function expectEveryKeyInView(page: Page, keysLabel: string, size: string): Promise<number> {
  const keys = page.getByRole('navigation', { name: keysLabel }).getByRole('button');
  const count = await keys.count();
  for (let i = 0; i < count; i++) {
    const key = keys.nth(i);
    const name = (await key.textContent()) ?? '';
    await expect(key, `${name} at ${size}`).toBeInViewport({ ratio: 1 });
    const box = (await key.boundingBox())!;
    expect(box.height, `${name} is touch-sized`).toBeGreaterThanOrEqual(44);
    expect(box.width, `${name} is touch-sized`).toBeGreaterThanOrEqual(44);
    const hit = await key.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const top = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
      return top !== null && element.contains(top);
    });
    expect(hit, `${name} is not covered at ${size}`).toBe(true);
  }
  return count;
}

/** Presses every quick key: a piece item adds a line, a weighed one or Custom item opens its dialog. */
async function pressEveryKey(page: Page, keysLabel: string, cartLabel: string): Promise<void> {
  const keys = page.getByRole('navigation', { name: keysLabel }).getByRole('button');
  const cartLines = page.getByRole('list', { name: cartLabel }).getByRole('listitem');
  const count = await keys.count();
  for (let i = 0; i < count; i++) {
    const lines = await cartLines.count();
    await keys.nth(i).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.or(cartLines.nth(lines))).toBeVisible();
    if (await dialog.isVisible()) {
      await page.keyboard.press('Escape');
      await expect(dialog).toBeHidden();
    }
  }
}

for (const { language, keysLabel, cartLabel, chargeName, custom } of [
  { language: 'en', keysLabel: 'Quick keys', cartLabel: 'Cart', chargeName: 'Charge', custom: 'Custom item' },
  { language: 'sv', keysLabel: 'Snabbknappar', cartLabel: 'Varukorg', chargeName: 'Ta betalt', custom: 'Fri vara' },
] as const) {
  test(`at 1024×768 every quick key is wholly in view and can be pressed (${language})`, async ({ page, pos, consoleErrors }, testInfo) => {
    await page.setViewportSize({ width: 1024, height: 768 });
    await pos.open();
    if (language !== 'en') await useLanguage(page, language, chargeName);
    const keys = page.getByRole('navigation', { name: keysLabel });
    // The seven default keys, Bärkasse last, and Custom item after them.
    await expect(keys.getByRole('button')).toHaveCount(8);
    await expect(keys.getByRole('button').last()).toHaveText(new RegExp(`^${custom}`));
    await expectEveryKeyInView(page, keysLabel, '1024×768');

    await pressEveryKey(page, keysLabel, cartLabel);
    // With lines in the cart (and whatever notice the last key left), still every key and the total.
    await expect(page.getByRole('list', { name: cartLabel }).getByRole('listitem')).toHaveCount(3);
    await expectEveryKeyInView(page, keysLabel, '1024×768 with a cart');
    await expect(pos.total).toBeInViewport({ ratio: 1 });
    await expect(page.getByRole('button', { name: chargeName })).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: testInfo.outputPath(`sell-1024x768-${language}.png`) });
    expect(consoleErrors).toEqual([]);
  });
}

/**
 * Screenshots kept in docs/screenshots: every run writes them to test-results; with
 * LINKPOS_UPDATE_SCREENSHOTS=1 (see README, Development) they are also copied to docs/, so a CI
 * run never changes the repository and a person looks at them before committing.
 */
async function keepScreenshot(page: Page, name: string): Promise<void> {
  const path = test.info().outputPath(`${name}.png`);
  await page.screenshot({ path });
  if (process.env['LINKPOS_UPDATE_SCREENSHOTS'] === '1') {
    mkdirSync(docsScreenshots, { recursive: true });
    copyFileSync(path, join(docsScreenshots, `${name}.png`));
  }
}
const docsScreenshots = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

const screens = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

test('the selling and payment screens at 1024×768, 1366×768 and 1920×1080', async ({ page, pos, consoleErrors }) => {
  await pos.open();
  await pos.scan(COFFEE);
  await pos.scan(BUN);
  await pos.scan(BUN);
  await pos.scan(EGGS);
  await pos.scan(BAG);
  await expect(pos.cartLines).toHaveCount(4);
  for (const size of screens) {
    await page.setViewportSize(size);
    await expect(pos.total).toBeInViewport({ ratio: 1 });
    await keepScreenshot(page, `sell-${size.width}x${size.height}`);
  }
  await pos.charge();
  const qr = page.getByRole('img', { name: 'Payment QR code' });
  await expect(pos.status).toContainText('Waiting');
  for (const size of screens) {
    await page.setViewportSize(size);
    await expect(qr).toBeInViewport({ ratio: 1 });
    await keepScreenshot(page, `payment-${size.width}x${size.height}`);
  }
  expect(await pos.readQrCode()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\//);
  expect(consoleErrors).toEqual([]);
});

test('Settings at 1024×768: sections listed beside them, and Save in view down to the last one', async ({ page, pos, consoleErrors }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await pos.open();
  await page.getByRole('button', { name: 'Settings' }).click();
  const sections = page.getByRole('navigation', { name: 'Settings sections' });
  await expect(sections.getByRole('link')).toHaveText([
    'Payment provider',
    'Shop',
    'Till',
    'Receipts & printer',
    'Catalog',
    'E-mail receipts',
    'Shop database',
    'Staff',
  ]);
  const save = page.getByRole('button', { name: 'Save', exact: true });
  await expect(save).toBeInViewport({ ratio: 1 });
  await keepScreenshot(page, 'settings-1024x768');

  await sections.getByRole('link', { name: 'Till' }).click();
  const till = page.getByRole('heading', { name: 'Till', exact: true });
  await expect(till).toBeFocused();
  await expect(till).toBeInViewport({ ratio: 1 });
  await page.getByLabel('Till name').fill('Counter 7');

  // The last section, and further: the very bottom of the page.
  await sections.getByRole('link', { name: 'Staff' }).click();
  await expect(page.getByRole('heading', { name: 'Staff', exact: true })).toBeInViewport();
  await page.locator('main.settings').evaluate((main) => main.scrollTo(0, main.scrollHeight));
  await expect(sections.getByRole('link', { name: 'Staff' })).toHaveAttribute('aria-current', 'location');
  await expect(save).toBeInViewport({ ratio: 1 });
  await expect(sections).toBeInViewport();
  // Only the sections scroll: the header with the main menu stays where it is.
  await expect(page.getByRole('banner')).toBeInViewport({ ratio: 1 });
  await keepScreenshot(page, 'settings-bottom-1024x768');

  // And it saves what was typed sections away.
  await save.click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  expect((await callChannel(page, 'settings:get')).value?.['tillName']).toBe('Counter 7');

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.locator('main.settings').evaluate((main) => main.scrollTo(0, 0));
  await expect(save).toBeInViewport({ ratio: 1 });
  await keepScreenshot(page, 'settings-1366x768');
  expect(consoleErrors).toEqual([]);
});
