import { test, expect } from './fixtures';
import { payCart, receiptCart } from './support/receipts';

test('a weighed quick key asks for the weight, refuses a bad one keeping it, and adds the line per kg', async ({ page, pos }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await pos.open();
  const keys = page.getByRole('navigation', { name: 'Quick keys' });
  const tomatoes = keys.getByRole('button', { name: /^Tomater/ });
  await expect(tomatoes).toHaveText(/SEK\s49\.95\/kg$/);

  await tomatoes.click();
  const dialog = page.getByRole('dialog', { name: 'Weigh Tomater' });
  const weight = dialog.getByRole('textbox', { name: 'Weight', exact: true });
  await expect(weight).toBeFocused();
  await weight.fill('1,2,5');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Enter the weight in kg with digits only, like 1,250.');
  await expect(weight).toHaveValue('1,2,5');
  await expect(pos.cartLines).toHaveCount(0);

  await weight.fill('1,25');
  await expect(dialog.getByText(/^Line: SEK\s62\.44$/)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('weight-dialog-1024x768.png') });
  await weight.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(pos.cartLines).toHaveCount(1);
  await expect(pos.cartLines.first()).toContainText(/1\.250 kg × SEK\s49\.95\/kg/);
  await expect(pos.total).toHaveText(/62\.44/);

  await keys.getByRole('button', { name: /^Bananer/ }).click();
  await page.getByRole('textbox', { name: 'Weight', exact: true }).fill('0.5');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(pos.cartLines).toHaveCount(2);
  await expect(pos.cartLines.nth(1)).toContainText(/0\.500 kg × SEK\s29\.95\/kg/);
  await page.screenshot({ path: testInfo.outputPath('weighed-cart-1024x768.png') });
});

test('a custom item starts at the amount, needs no name, and is refused at once past the sale limit', async ({ page, pos }) => {
  await pos.open();
  const keys = page.getByRole('navigation', { name: 'Quick keys' });
  await keys.getByRole('button', { name: /^Custom item/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Custom item' });
  const price = dialog.getByRole('textbox', { name: 'Price' });
  await expect(price).toBeFocused();
  await price.fill('12,50');
  await price.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(pos.cartLines.first()).toContainText('Item');
  await expect(pos.total).toHaveText(/12\.50/);

  await keys.getByRole('button', { name: /^Custom item/ }).click();
  await price.fill('999999,99');
  await dialog.getByRole('textbox', { name: 'Name (optional)' }).fill('Piano');
  await dialog.getByRole('button', { name: 'Add item' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/^At most SEK\s1,000,000\.00 per sale: this item was not added\.$/);
  await expect(dialog.getByRole('alert')).not.toContainText('Enter a name and a price');
  await expect(pos.cartLines).toHaveCount(1);
});

test('closing the day with a sale still waiting lists it and asks; the Z is taken only when confirmed', async ({ page, pos, host }) => {
  await page.goto(host.url);
  await payCart(page, host.origin, receiptCart);
  await pos.open();
  await page.getByRole('button', { name: /^Kaffe, kopp/ }).click();
  await pos.charge();
  await pos.readQrCode(); // the link is live: the customer has not paid yet

  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('tab', { name: 'End of day' }).click();
  await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
  const question = page.getByRole('alertdialog', { name: 'Close the day (Z report)' });
  await expect(question).toContainText('1 sale is not final yet.');
  await expect(question.getByRole('list', { name: 'Sales not final yet' }).getByRole('listitem')).toHaveText([/Waiting.*SEK\s25\.00/]);
  await question.getByRole('button', { name: 'Resolve them first' }).click();
  await expect(page.getByRole('tab', { name: 'Sales' })).toHaveAttribute('aria-selected', 'true');

  // Main refuses a Z without the confirmation, whatever the screen did.
  const refused = await page.request.post(`${host.origin}/api/report:z`, { data: {}, headers: { Origin: host.origin } });
  expect(((await refused.json()) as { error: { key: string } }).error.key).toBe('zOpenSales');

  await page.getByRole('tab', { name: 'End of day' }).click();
  await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
  await question.getByRole('button', { name: 'Close the day anyway' }).click();
  await expect(page.getByRole('region', { name: 'Report' })).toContainText('Z report 1');
});

test('"24*" before a scan sets that line to 24 pieces, and fast + presses each count', async ({ page, pos }) => {
  await pos.open();
  await page.locator('body').click({ position: { x: 5, y: 400 } }); // nothing focused
  await page.keyboard.type('24*', { delay: 80 });
  await expect(page.getByRole('status').filter({ hasText: 'Next item × 24' })).toBeVisible();
  await pos.scan('7310555086439'); // Kanelbulle 15.00
  await expect(pos.cartLines).toHaveCount(1);
  await expect(pos.cartLines.first()).toContainText(/24 × SEK\s15\.00/);
  await expect(page.getByText('Next item × 24')).toHaveCount(0);

  for (let i = 0; i < 6; i++) await page.keyboard.press('+'); // as fast as Playwright can press
  await expect(pos.cartLines.first()).toContainText(/30 × SEK\s15\.00/);
  await expect(pos.total).toHaveText(/450\.00/);
});
