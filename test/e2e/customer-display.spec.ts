import { test, expect } from './fixtures';

test('the customer display follows the cart as it is scanned, then shows the QR code and the outcome', async ({
  page,
  pos,
  host,
}, testInfo) => {
  await pos.open();
  const display = await page.context().newPage();
  await display.goto(`${host.origin}/customer`);
  await expect(display.getByText('Welcome')).toBeVisible();

  await pos.scan('7310865000361'); // Kaffe, kopp 25.00
  for (let i = 0; i < 3; i++) await pos.scan('7310555086439'); // Kanelbulle 15.00
  const lines = display.getByRole('list', { name: 'Cart' }).getByRole('listitem');
  await expect(lines).toHaveCount(2);
  await expect(display.locator('.customer__total')).toContainText('70.00');
  // Quantities and unit prices, so the customer can check the count, in their own language.
  await expect(lines.nth(0)).not.toContainText('×');
  await expect(lines.nth(1)).toContainText(/^3 × KanelbulleSEK\s15\.00 eachSEK\s45\.00$/);
  await display.getByRole('button', { name: /^Language/ }).click(); // English → Norsk
  await expect(display.getByRole('list', { name: 'Handlekurv' }).getByRole('listitem').nth(1)).toHaveText(
    /^3 × Kanelbulle15,00\sSEK\/stk45,00\sSEK$/,
  );
  // Round the six languages back to English for the rest of the sale.
  for (let i = 0; i < 5; i++) await display.locator('.customer__header button').click();
  await expect(display.getByRole('button', { name: 'Language: EN' })).toBeVisible();
  // No staff controls on the customer's screen.
  await expect(display.getByRole('button', { name: /Charge|Cancel payment|Settings/ })).toHaveCount(0);

  await pos.charge();
  await expect(display.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
  await display.screenshot({ path: testInfo.outputPath('customer-display.png') });
  const url = await pos.readQrCode();
  await pos.customerPresses(url, 'Pay');
  await expect(display.getByText('Thank you!')).toBeVisible();

  // The next customer's cart replaces the thank-you as soon as the clerk scans.
  await page.getByRole('button', { name: 'New sale' }).click();
  await pos.scan('7310555086439');
  await expect(lines).toHaveCount(1);
  await expect(display.locator('.customer__total')).toContainText('15.00');
});

test('while the clerk changes a live cart, the customer display hides the old QR code and shows the new cart', async ({
  page,
  pos,
  host,
}) => {
  await pos.open();
  const display = await page.context().newPage();
  await display.goto(`${host.origin}/customer`);
  await pos.scan('7310865000361');
  await pos.charge();
  await expect(display.getByRole('img', { name: 'Payment QR code' })).toBeVisible();

  await pos.scan('7310555086439'); // a forgotten item: the till starts changing the cart
  await expect(display.getByRole('img', { name: 'Payment QR code' })).toHaveCount(0);
  await expect(display.locator('.customer__total')).toContainText('40.00');

  await page.keyboard.press('F2'); // Update payment (Ecster: in place)
  await expect(display.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
  await expect(display.locator('.customer__total')).toContainText('40.00');
});
