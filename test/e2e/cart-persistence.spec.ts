import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { PosPage, savedInMain } from './support/pos-page';
import { startWebHostProcess } from './support/web-host';

/**
 * The cart being built survives a reload and a crash of the web host (it is journaled in main as the
 * clerk works), Park sale holds a cart while another customer is served, and "24*" sets a quantity.
 */

const COFFEE = '7310865000361'; // Kaffe, kopp — 25.00
const BUN = '7310555086439'; // Kanelbulle — 15.00

/** Charge the cart on screen and have the demo customer pay the link. */
async function chargeAndPay(pos: PosPage): Promise<void> {
  await pos.charge();
  await expect(pos.status).toContainText('Waiting');
  await pos.page.getByRole('button', { name: 'Customer pays (demo)' }).click();
  await expect(pos.page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 10_000 });
}

/** What the clerk sees of the cart: each line's text, in order. */
async function cartText(pos: PosPage): Promise<string[]> {
  return (await pos.cartLines.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
}

test('a cart built, then the page reloaded: the same cart, quantities and total', async ({ page, pos, consoleErrors }) => {
  await pos.open();
  await pos.scan(COFFEE);
  await page.locator('body').click({ position: { x: 5, y: 400 } }); // nothing focused
  await page.keyboard.type('24*', { delay: 80 });
  await pos.scan(BUN);
  await expect(pos.cartLines).toHaveCount(2);
  await expect(pos.cartLines.nth(1)).toContainText(/24 × SEK\s15\.00/);
  await expect(pos.total).toHaveText(/385\.00/);
  const before = await cartText(pos);
  await savedInMain(pos);

  await page.reload();
  await page.getByRole('button', { name: 'Charge' }).waitFor();
  await expect(pos.cartLines).toHaveCount(2);
  expect(await cartText(pos)).toEqual(before);
  await expect(pos.total).toHaveText(/385\.00/);
  // And it goes on: the restored line's quantity typed in the Quantity field.
  await pos.cartLines.nth(1).getByText('Kanelbulle').click(); // selects the line (the row's middle is its − button)
  await expect(pos.cartLines.nth(1)).toContainText(/24 × SEK\s15\.00/);
  const quantity = page.getByRole('textbox', { name: 'Quantity' });
  for (const size of [
    { width: 1366, height: 768 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(size);
    await page.screenshot({ path: test.info().outputPath(`quantity-field-${size.width}.png`) });
  }
  await expect(quantity).toHaveValue('24');
  await quantity.fill('3');
  await quantity.press('Enter');
  await expect(pos.cartLines.nth(1)).toContainText(/3 × SEK\s15\.00/);
  await expect(pos.total).toHaveText(/70\.00/);
  expect(consoleErrors).toEqual([]);
});

test('the web host killed mid-cart (SIGKILL) and started again: the same cart', async ({ page }) => {
  const first = await startWebHostProcess();
  const pos = new PosPage(page, first);
  let second: Awaited<ReturnType<typeof startWebHostProcess>> | null = null;
  try {
    await pos.open();
    await pos.scan(COFFEE);
    await pos.scan(BUN);
    await pos.scan(BUN);
    await expect(pos.cartLines).toHaveCount(2);
    const before = await cartText(pos);
    await savedInMain(pos);

    await first.kill(); // SIGKILL: only what was fsynced is left
    second = await startWebHostProcess({ dataDir: first.dataDir });
    await page.goto(second.url);
    await page.getByRole('button', { name: 'Charge' }).waitFor();
    await expect(pos.cartLines).toHaveCount(2);
    expect(await cartText(pos)).toEqual(before);
    await expect(pos.total).toHaveText(/55\.00/);
  } finally {
    await second?.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  }
});

test('Park sale, serve and pay another customer, then resume the parked sale and pay it', async ({ page, pos }) => {
  await pos.open();
  await pos.scan(COFFEE);
  await pos.scan(COFFEE);
  await expect(pos.total).toHaveText(/50\.00/);
  await page.getByRole('button', { name: 'Park sale' }).click();
  await expect(pos.cartLines).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Parked sales' })).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath('parked-one.png') });

  // The next customer.
  await pos.scan(BUN);
  await expect(pos.total).toHaveText(/15\.00/);
  // No parking while a link is live for the cart.
  await pos.charge();
  await expect(pos.status).toContainText('Waiting');
  await expect(page.getByRole('button', { name: 'Park sale' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Customer pays (demo)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 10_000 });
  await page.getByRole('button', { name: 'New sale' }).click();

  // The parked sale, resumed with F7 (its hint is on the button) and paid.
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('F7');
  const dialog = page.getByRole('dialog', { name: 'Parked sales' });
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('parked-dialog.png') });
  await dialog.getByRole('button', { name: /^Resume the sale parked at / }).click();
  await expect(dialog).toHaveCount(0);
  await expect(pos.cartLines).toHaveCount(1);
  await expect(pos.cartLines.first()).toContainText(/2 × SEK\s25\.00/);
  await expect(pos.total).toHaveText(/50\.00/);
  await expect(page.getByRole('button', { name: 'Parked sales' })).toBeDisabled();
  await chargeAndPay(pos);
});

test('a parked sale survives a reload, and F6 parks the cart on screen', async ({ page, pos }) => {
  await pos.open();
  await pos.scan(BUN);
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('F6');
  await expect(pos.cartLines).toHaveCount(0);
  await pos.scan(COFFEE);
  // The park must have reached main too: a count of one line alone is also the bun's cart before it.
  await savedInMain(pos, 1);
  await page.reload();
  await page.getByRole('button', { name: 'Charge' }).waitFor();
  await expect(pos.cartLines).toHaveCount(1);
  await expect(pos.cartLines.first()).toContainText('Kaffe');
  // Resuming with a cart open parks the open one: both carts are kept.
  await page.getByRole('button', { name: 'Parked sales' }).click();
  await page
    .getByRole('dialog', { name: 'Parked sales' })
    .getByRole('button', { name: /^Resume/ })
    .click();
  await expect(pos.cartLines.first()).toContainText('Kanelbulle');
  await page.getByRole('button', { name: 'Parked sales' }).click();
  await expect(page.getByRole('dialog', { name: 'Parked sales' })).toContainText('Kaffe');
});

test('Add to this sale: a parked basket joins the cart being built, paid as one; a reload keeps the merged cart', async ({ page, pos }) => {
  await pos.open();
  // Two customers park their baskets; a third cart is being built.
  await pos.scan(COFFEE);
  await pos.scan(COFFEE);
  await page.getByRole('button', { name: 'Park sale' }).click();
  await pos.scan(BUN);
  await page.getByRole('button', { name: 'Park sale' }).click();
  await pos.scan(COFFEE);
  await expect(pos.total).toHaveText(/25\.00/);

  await page.getByRole('button', { name: 'Parked sales' }).click();
  const dialog = page.getByRole('dialog', { name: 'Parked sales' });
  const add = dialog.getByRole('button', { name: /^Add the sale parked at \d.* to this sale$/ });
  await expect(add).toHaveCount(2);
  await expect(dialog.getByRole('button', { name: /^Resume the sale parked at / })).toHaveCount(2);
  await expect(add.first()).toHaveText('Add to this sale');
  await page.screenshot({ path: test.info().outputPath('parked-two-add.png') });

  // The first customer's basket (two coffees) joins the cart: 25 + 50.
  await add.first().click();
  await expect(dialog).toHaveCount(0);
  await expect(pos.cartLines).toHaveCount(2);
  await expect(pos.total).toHaveText(/75\.00/);
  // And the second's (a bun): 75 + 15; no parked sale is left.
  await page.getByRole('button', { name: 'Parked sales' }).click();
  await expect(add).toHaveCount(1);
  await add.click();
  await expect(pos.cartLines).toHaveCount(3);
  await expect(pos.total).toHaveText(/90\.00/);
  await expect(page.getByRole('button', { name: 'Parked sales' })).toBeDisabled();
  const merged = await cartText(pos);

  await savedInMain(pos, 0);
  await page.reload();
  await page.getByRole('button', { name: 'Charge' }).waitFor();
  await expect(pos.cartLines).toHaveCount(3);
  expect(await cartText(pos)).toEqual(merged);
  await expect(pos.total).toHaveText(/90\.00/);
  await expect(page.getByRole('button', { name: 'Parked sales' })).toBeDisabled();

  // Paid as one sale.
  await chargeAndPay(pos);
});

test('with an empty cart the Parked sales list offers Resume only', async ({ page, pos }) => {
  await pos.open();
  await pos.scan(BUN);
  await page.getByRole('button', { name: 'Park sale' }).click();
  await page.getByRole('button', { name: 'Parked sales' }).click();
  const dialog = page.getByRole('dialog', { name: 'Parked sales' });
  await expect(dialog.getByRole('button', { name: /^Resume the sale parked at / })).toHaveCount(1);
  await expect(dialog.getByRole('button', { name: /to this sale$/ })).toHaveCount(0);
});

test('in Swedish: a parked sale with a discount on the whole sale is not added to another, and the dialog says why', async ({
  page,
  pos,
}) => {
  await pos.open();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.locator('#f-uiLanguage').selectOption('sv');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await page.getByRole('button', { name: 'Sälj' }).click();

  // A basket with 10 % off the whole sale, parked; another basket parked; a third being built.
  await pos.scan(COFFEE);
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('Shift+F4');
  const discount = page.getByRole('dialog');
  await discount.getByRole('textbox').fill('10');
  await discount.getByRole('textbox').press('Enter');
  await expect(pos.total).toHaveText(/22,50/);
  await page.keyboard.press('F6');
  await pos.scan(BUN);
  await page.keyboard.press('F6');
  await pos.scan(COFFEE);

  await page.keyboard.press('F7');
  const dialog = page.getByRole('dialog', { name: 'Parkerade köp' });
  const add = dialog.getByRole('button', { name: /^Lägg till köpet som parkerades .* i detta köp$/ });
  await expect(add).toHaveCount(2);
  await expect(add.first()).toBeDisabled();
  await expect(add.first()).toHaveAccessibleDescription(/rabatt på hela köpet/);
  await expect(add.nth(1)).toBeEnabled();
  await page.screenshot({ path: test.info().outputPath('parked-two-add-sv.png') });
  await add.nth(1).click();
  await expect(pos.total).toHaveText(/40,00/);
  await expect(page.getByRole('button', { name: /^Parkerade köp/ })).toBeEnabled();
});
