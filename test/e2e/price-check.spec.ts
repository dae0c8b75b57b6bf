import AxeBuilder from '@axe-core/playwright';
import { readCartJournal, type CartJournalEntry } from '../../electron/services/cart/cart-journal-reader';
import { expect, test } from './fixtures';
import { callChannel, savedInMain, type PosPage } from './support/pos-page';

/**
 * Price check (a price enquiry) and a price change on a cart line (SKVFS 2014:9 / 2021:16 want both
 * in the journal memory): a price check shows the price and leaves the cart as it was, and is in
 * `cart.journal`; a changed price changes the total, what is charged and the receipt; a price the
 * till cannot take is said plainly and changes nothing.
 */

const COFFEE = '7310865000361'; // Kaffe, kopp — 25.00, VAT 12 %
const BUN = '7310555086439'; // Kanelbulle — 15.00

async function journal(pos: PosPage): Promise<CartJournalEntry[]> {
  const entries: CartJournalEntry[] = [];
  for await (const entry of readCartJournal(pos.host.dataDir)) entries.push(entry);
  return entries;
}

/** No serious or critical axe violation, in light and dark. */
async function expectAxeClean(pos: PosPage, what: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await pos.page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page: pos.page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
    expect(serious, `axe on ${what} (${colorScheme})`).toEqual([]);
  }
  await pos.page.emulateMedia({ colorScheme: 'light' });
}

async function enquiries(pos: PosPage): Promise<string[]> {
  return (await journal(pos)).flatMap((e) => (e.kind === 'event' && e.event.type === 'price-enquiry' ? [e.event.article.name] : []));
}

test('a price check shows the price in large type, leaves the cart unchanged, and is journaled', async ({ page, pos, consoleErrors }) => {
  await pos.open();
  await pos.scan(BUN);
  await expect(pos.cartLines).toHaveCount(1);
  await expect(pos.total).toHaveText(/15\.00/);
  await savedInMain(pos);

  // The button, with its key on it and in the footer.
  const button = page.getByRole('button', { name: 'Price check' });
  await expect(button).toContainText('F9');
  await expect(page.getByRole('contentinfo', { name: 'Keyboard shortcuts' })).toContainText('F9 Price check');
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Price check' });
  await expect(dialog).toBeVisible();

  // A scan from the scanner (keys at scanner speed into the focused field): shown, not rung up.
  await pos.scan(COFFEE);
  await expect(dialog.getByRole('status')).toContainText('Kaffe');
  await expect(dialog.locator('.price-check__price')).toHaveText(/SEK\s25\.00/);
  await expect(dialog).toContainText('VAT 12%');
  await expect(dialog).toContainText('Not added to the cart.');
  await page.screenshot({ path: test.info().outputPath('price-check.png') });
  await expectAxeClean(pos, 'Price check with an answer');
  // The code typed by hand, and an unknown code, in the dialog's field.
  await dialog.getByRole('textbox', { name: 'Code or name' }).fill('kanel');
  await dialog.getByRole('button', { name: /Kanelbulle/ }).click();
  await expect(dialog.locator('.price-check__price')).toHaveText(/SEK\s15\.00/);
  await dialog.getByRole('textbox', { name: 'Code or name' }).fill('7310865999993');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toContainText('No item has the code 7310865999993.');
  await page.screenshot({ path: test.info().outputPath('price-check-unknown.png') });
  await expectAxeClean(pos, 'Price check with an unknown code');

  // Esc leaves; the cart is as it was, on screen and in main.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(pos.cartLines).toHaveCount(1);
  await expect(pos.cartLines.first()).toContainText('Kanelbulle');
  await expect(pos.total).toHaveText(/15\.00/);
  await savedInMain(pos);

  // F9 opens it again; Done leaves. A scan after it is rung up as usual.
  await page.locator('body').click({ position: { x: 5, y: 400 } });
  await page.keyboard.press('F9');
  await expect(dialog).toBeVisible();
  await pos.scan(COFFEE);
  await expect(dialog.getByRole('status')).toContainText('Kaffe');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(pos.cartLines).toHaveCount(1);
  await pos.scan(COFFEE);
  await expect(pos.cartLines).toHaveCount(2);

  // The journal holds the three enquiries (not the unknown code), with the cart open then.
  await expect.poll(() => enquiries(pos)).toEqual(['Kaffe, kopp', 'Kanelbulle', 'Kaffe, kopp']);
  const entries = await journal(pos);
  const first = entries.find((e) => e.kind === 'event' && e.event.type === 'price-enquiry');
  expect(first?.kind === 'event' && first.event).toMatchObject({
    type: 'price-enquiry',
    currency: 'SEK',
    article: { barcode: COFFEE, unitPriceMinor: 2500, vatRate: 1200, weighed: false },
  });
  expect(consoleErrors).toEqual([]);
});

test('a changed unit price changes the total, what is charged and the receipt; bad prices are refused and change nothing', async ({
  page,
  pos,
  consoleErrors,
}) => {
  await pos.open();
  await pos.scan(COFFEE);
  await pos.scan(COFFEE);
  await pos.scan(BUN);
  await expect(pos.total).toHaveText(/65\.00/);
  await pos.cartLines.first().getByText('Kaffe').click();
  const price = page.getByRole('textbox', { name: 'Unit price' });
  await expect(price).toHaveValue('25.00');

  // Bad input: said plainly; the line, the total and what was typed stay.
  for (const [typed, said] of [
    ['-5', 'A price cannot be negative.'],
    ['abc', 'Enter the price with digits only, like 12,50.'],
    ['12,345', 'A price has at most two decimals.'],
    ['99999999999', 'That price is too large.'],
    ['2000000', 'the price was not changed.'],
  ] as const) {
    await price.fill(typed);
    await price.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: said })).toBeVisible();
    await expect(price).toHaveValue(typed);
    await expect(pos.total).toHaveText(/65\.00/);
  }
  await page.screenshot({ path: test.info().outputPath('unit-price-refused.png') });
  await expectAxeClean(pos, 'a refused unit price');

  await price.fill('19,50');
  await price.press('Enter');
  await expect(pos.total).toHaveText(/54\.00/);
  await expect(pos.cartLines.first()).toContainText('Price changed');
  await expect(pos.cartLines.first().locator('s')).toHaveText(/SEK\s25\.00/);
  await expect(pos.cartLines.first()).toContainText(/2 × SEK\s25\.00\s*SEK\s19\.50/);
  await page.screenshot({ path: test.info().outputPath('unit-price-changed.png') });
  await expectAxeClean(pos, 'a re-priced line');

  // Journaled as a price change, naming the price it had; it survives a reload.
  await expect
    .poll(async () =>
      (await journal(pos)).flatMap((e) =>
        e.kind === 'event' && e.event.type === 'article-price-changed'
          ? [[e.event.previousUnitPriceMinor, e.event.line.unitPriceMinor]]
          : [],
      ),
    )
    .toEqual([[2500, 1950]]);
  await savedInMain(pos);
  await page.reload();
  await page.getByRole('button', { name: 'Charge' }).waitFor();
  await expect(pos.total).toHaveText(/54\.00/);
  await expect(pos.cartLines.first()).toContainText('Price changed');

  // Charged at the new price, and the receipt says so.
  await pos.charge();
  await expect(pos.status).toContainText('Waiting');
  const sale = (await callChannel(page, 'sale:current')).value as { id: string; totals: { totalMinor: number } };
  expect(sale.totals.totalMinor).toBe(5400);
  await page.getByRole('button', { name: 'Customer pays (demo)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 10_000 });
  await page.goto(`${pos.host.origin}/?view=receipt&id=${sale.id}`);
  await expect(page.locator('html[data-print-ready]')).toBeAttached();
  const receipt = page.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText(/19\.50/);
  await expect(receipt.getByTestId('receipt-total')).toHaveText(/54\.00/);
  expect(consoleErrors).toEqual([]);
});

test('with staff: a price lowered past the discount threshold needs a manager at Charge, and the journal names the clerk', async ({
  page,
  pos,
}) => {
  await pos.open();
  expect((await callChannel(page, 'staff:add', { name: 'Olga Owner', pin: '80461935', role: 'manager' })).ok).toBe(true);
  expect((await callChannel(page, 'staff:add', { name: 'Carl Clerk', pin: '72950318', role: 'clerk' })).ok).toBe(true);
  expect((await callChannel(page, 'staff:signIn', { pin: '72950318' })).ok).toBe(true);
  await page.reload();
  await expect(page.getByText('Signed in: Carl Clerk (Clerk)')).toBeVisible();

  // A price check by the clerk: journaled as Carl's.
  await page.getByRole('button', { name: 'Price check' }).click();
  await pos.scan(BUN);
  await expect(page.getByRole('dialog', { name: 'Price check' }).getByRole('status')).toContainText('Kanelbulle');
  await page.keyboard.press('Escape');
  await expect
    .poll(async () => (await journal(pos)).flatMap((e) => (e.kind === 'event' && e.event.type === 'price-enquiry' ? [e.by?.name] : [])))
    .toEqual(['Carl Clerk']);

  // 25.00 down to 10.00 is 60 % off (the threshold is 20 %): Charge asks for a manager.
  await pos.scan(COFFEE);
  await pos.cartLines.first().getByText('Kaffe').click();
  const price = page.getByRole('textbox', { name: 'Unit price' });
  await price.fill('10');
  await price.press('Enter');
  await expect(pos.total).toHaveText(/10\.00/);
  await pos.charge();
  const approval = page.getByRole('dialog', { name: 'Manager approval' });
  await expect(approval).toBeVisible();
  await approval.getByLabel('Manager PIN').fill('80461935');
  await approval.getByRole('button', { name: 'Approve' }).click();
  await expect(pos.status).toContainText('Waiting');
  const sale = (await callChannel(page, 'sale:current')).value as { totals: { totalMinor: number } };
  expect(sale.totals.totalMinor).toBe(1000);
});
