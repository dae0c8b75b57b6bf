import AxeBuilder from '@axe-core/playwright';
import type { Locator } from '@playwright/test';
import { test, expect, type Page } from './fixtures';

/**
 * Accessibility at the counter: axe on every screen (light, dark and high contrast), touch
 * targets, the payment status announced and told by more than colour, focus on the next action,
 * reduced motion.
 */

type Media = Parameters<Page['emulateMedia']>[0];

async function expectAxeClean(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' | ')}`);
  expect(serious, `axe on "${screen}"`).toEqual([]);
}

/** Adds the first quick-key product (whatever the sample catalog holds). */
async function addQuickKey(page: Page, index = 0): Promise<void> {
  await page.locator('.quick-keys .quick-key:not(.quick-key--custom)').nth(index).click();
}

async function openCustomerView(page: Page, origin: string, media: Media): Promise<Page> {
  const customer = await page.context().newPage();
  await customer.emulateMedia(media);
  await customer.goto(`${origin}/customer`);
  await customer.getByRole('main').waitFor();
  return customer;
}

async function qrUrl(page: Page): Promise<string> {
  const url = page.locator('.checkout__url');
  await url.waitFor();
  return (await url.textContent()) ?? '';
}

const schemes: { name: string; media: Media }[] = [
  { name: 'light', media: { colorScheme: 'light' } },
  { name: 'dark', media: { colorScheme: 'dark' } },
  { name: 'high contrast', media: { contrast: 'more', forcedColors: 'active' } },
];

for (const { name, media } of schemes) {
  test(`every screen has no serious or critical axe violation (${name})`, async ({ page, pos, host, consoleErrors }) => {
    // Eleven axe passes take ~20 s on a quiet machine; leave room for a busy CI runner.
    test.setTimeout(150_000);
    await page.emulateMedia(media);
    await pos.open();
    await expectAxeClean(page, 'sell, empty cart');

    await addQuickKey(page, 0);
    await addQuickKey(page, 1);
    await expect(pos.cartLines).toHaveCount(2);
    await expectAxeClean(page, 'sell, two lines');

    await page.getByRole('searchbox').fill('a');
    await expect(page.locator('.search__result').first()).toBeVisible();
    await expectAxeClean(page, 'sell, search results');
    await page.getByRole('searchbox').fill('');
    await page.getByRole('searchbox').blur();

    await page.keyboard.press('F4');
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAxeClean(page, 'line discount dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    await page.locator('.quick-key--custom').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAxeClean(page, 'custom item dialog');
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();

    await pos.charge();
    await expect(page.getByRole('status').filter({ hasText: 'Waiting for payment' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
    await expectAxeClean(page, 'checkout, waiting with QR code');

    const customer = await openCustomerView(page, host.origin, media);
    await expect(customer.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
    await expectAxeClean(customer, 'customer view, waiting');

    const phone = await pos.customerPresses(await qrUrl(page), 'Pay');
    await phone.close();
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();
    await expectAxeClean(page, 'checkout, paid');
    await expect(customer.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();
    await expectAxeClean(customer, 'customer view, paid');

    await page.getByRole('button', { name: 'New sale' }).click();
    await addQuickKey(page, 0);
    await pos.charge();
    await page.getByRole('button', { name: 'Cancel payment' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectAxeClean(page, 'confirm cancel dialog');
    await page.getByRole('button', { name: 'Yes, cancel' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Cancelled' })).toBeVisible();
    await expectAxeClean(page, 'checkout, cancelled');

    await page.getByRole('button', { name: 'New sale' }).click();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await expectAxeClean(page, 'settings');

    await page.getByRole('button', { name: 'History', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'History', level: 1 })).toBeVisible();
    await expectAxeClean(page, 'history');
    await customer.close();
    expect(consoleErrors).toEqual([]);
  });
}

/** What a finger presses: the control itself, or for a check box, radio or file input its label. */
async function touchTargets(page: Page): Promise<{ what: string; width: number; height: number; text: boolean }[]> {
  return page.evaluate(() => {
    const out: { what: string; width: number; height: number; text: boolean }[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [role="button"]'))) {
      const input = el instanceof HTMLInputElement ? el : null;
      const viaLabel = input !== null && ['checkbox', 'radio', 'file'].includes(input.type);
      const target = viaLabel ? (input.labels?.[0] ?? null) : el;
      if (!target) continue;
      const box = target.getBoundingClientRect();
      const style = getComputedStyle(target);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
      const text = input !== null && !viaLabel && !['button', 'submit', 'reset'].includes(input.type);
      const label = (el.getAttribute('aria-label') ?? el.textContent ?? el.id).trim().slice(0, 40);
      out.push({
        what: `${el.tagName.toLowerCase()}${input ? `[${input.type}]` : ''} "${label}"`,
        width: box.width,
        height: box.height,
        text,
      });
    }
    return out;
  });
}

async function expectTouchSized(page: Page, screen: string): Promise<void> {
  const targets = await touchTargets(page);
  expect(targets.length, `controls on "${screen}"`).toBeGreaterThan(0);
  // Subpixel layout can round a 44 px box to 43.99.
  const small = targets
    .filter((t) => t.height < 43.5 || (!t.text && t.width < 43.5))
    .map((t) => `${t.what} ${t.width.toFixed(0)}×${t.height.toFixed(0)}`);
  expect(small, `touch targets on "${screen}"`).toEqual([]);
}

test('every control on the main screens is at least 44 px for a finger', async ({ page, pos, host }) => {
  await pos.open();
  await addQuickKey(page, 0);
  await page.getByRole('searchbox').fill('a');
  await expect(page.locator('.search__result').first()).toBeVisible();
  await expectTouchSized(page, 'sell with a line and search results');
  await page.getByRole('searchbox').fill('');

  await page.keyboard.press('F4');
  await expectTouchSized(page, 'discount dialog');
  await page.keyboard.press('Escape');

  await pos.charge();
  await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
  await expectTouchSized(page, 'checkout waiting');
  const customer = await openCustomerView(page, host.origin, {});
  await expectTouchSized(customer, 'customer view');
  await customer.close();

  const phone = await pos.customerPresses(await qrUrl(page), 'Pay');
  await phone.close();
  await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();
  await expectTouchSized(page, 'paid');

  await page.getByRole('button', { name: 'New sale' }).click();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expectTouchSized(page, 'settings');
});

test('the payment status is announced, told by icon and word as well as colour, and focus moves to New sale', async ({ page, pos }) => {
  await pos.open();
  await addQuickKey(page, 0);
  await pos.charge();

  const status = page.getByRole('status').filter({ hasText: 'Waiting for payment' });
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toHaveAttribute('aria-atomic', 'true');
  const waitingIcon = await status.locator('svg.status__icon path').getAttribute('d');

  const phone = await pos.customerPresses(await qrUrl(page), 'Pay');
  await phone.close();
  const paid = page.getByRole('status').filter({ hasText: 'Paid' });
  await expect(paid).toBeVisible();
  await expect(paid.locator('svg.status__icon')).toBeVisible();
  expect(await paid.locator('svg.status__icon path').getAttribute('d')).not.toBe(waitingIcon);
  await expect(page.getByRole('button', { name: 'New sale' })).toBeFocused();

  // Enter on the focused primary action starts the next sale.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Charge' })).toBeVisible();
});

async function expectNoMotion(within: Locator): Promise<void> {
  const moving = await within.evaluate((root) =>
    [root, ...Array.from(root.querySelectorAll('*'))]
      .map((el) => ({ el, style: getComputedStyle(el) }))
      .filter(({ style }) => style.animationName !== 'none' || style.transitionDuration.split(',').some((d) => parseFloat(d) > 0))
      .map(({ el }) => `${el.tagName.toLowerCase()}.${(el as HTMLElement).className}`),
  );
  expect(moving).toEqual([]);
}

test('with reduced motion asked for, nothing animates or transitions', async ({ page, pos }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await pos.open();
  await addQuickKey(page, 0);
  await expectNoMotion(page.locator('body'));
  await pos.charge();
  await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
  await expectNoMotion(page.locator('body'));
});

test('the high-contrast theme turns text black when the system asks for more contrast', async ({ page, pos }) => {
  await pos.open();
  const ink = () => page.evaluate(() => getComputedStyle(document.body).color);
  const normal = await ink();
  await page.emulateMedia({ contrast: 'more' });
  expect(await ink()).toBe('rgb(0, 0, 0)');
  expect(normal).not.toBe('rgb(0, 0, 0)');
});

test('the axe check does catch a serious violation (so a clean result means something)', async ({ page, pos }) => {
  await pos.open();
  await page.evaluate(() => {
    const faint = document.createElement('p');
    faint.textContent = 'Faint text';
    faint.style.color = '#f4f4f4';
    faint.style.background = '#ffffff';
    document.getElementById('main')?.append(faint);
  });
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => v.impact === 'serious').map((v) => v.id)).toContain('color-contrast');
});
