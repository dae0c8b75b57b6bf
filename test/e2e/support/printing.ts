import { formatMoney } from '../../../shared/domain/format';
import { slipText } from '../../../electron/services/printing/escpos';
import { expect, type Page } from '../fixtures';
import type { PosPage } from './pos-page';

/**
 * The printing specs' shared steps: a demo sale of two sample-catalog items paid on the
 * customer's "phone", and what its printed receipt must say, whichever printer it came out of.
 */

// Barcodes from the built-in sample catalog (first run).
export const COFFEE = '7310865000361'; // Kaffe, kopp — 25.00
export const BUN = '7310555086439'; // Kanelbulle — 15.00
/** Put in Settings' thank-you text so the receipt carries every Nordic letter. */
export const THANKS = 'Tack! Takk! Þökk! åäö ÅÄÖ æø ÆØ þðý ÞÐÝ';
export const money = (minor: number) => slipText(formatMoney(minor, 'SEK', 'en-GB'));

/** Scans two items, charges, pays on the customer's "phone" and waits for Paid. */
export async function sellAndPay(page: Page, pos: PosPage): Promise<void> {
  await page.getByRole('button', { name: 'Sell' }).click();
  await pos.scan(COFFEE);
  await pos.scan(BUN);
  await expect(pos.cartLines).toHaveCount(2);
  await pos.charge();
  const url = await pos.readQrCode();
  await (await pos.customerPresses(url, 'Pay')).close();
  await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 10_000 });
}

/** The printed lines of the first demo sale's receipt (from `sellAndPay` with `THANKS` set), as the clerk's printer got them. */
export function expectFirstDemoReceipt(slip: readonly string[]): void {
  const lines = slip.map((l) => l.trim());
  expect(lines[0]).toBe('TRAINING — NOT A RECEIPT');
  expect(lines).toContain('Training receipt 1');
  expect(lines).toContain('Kaffe, kopp');
  expect(lines).toContain('Kanelbulle');
  expect(lines).toContain('Paid by payment link: Ecster Pay Link');
  const total = lines.find((l) => l.startsWith('TOTAL'));
  expect(total).toMatch(new RegExp(`^TOTAL +${money(4000).replace('.', '\\.')}$`));
  // VAT: the sample catalog's café items at one rate, adding up to the total.
  const vatRows = lines.filter((l) => /^\d+(\.\d+)?% /.test(l));
  expect(vatRows.length).toBeGreaterThan(0);
  expect(vatRows.some((row) => row.endsWith(money(4000)))).toBe(true);
  // Every Nordic letter, small and capital, prints as itself.
  const text = lines.join('\n');
  for (const letter of 'åäöæøþðýÅÄÖÆØÞÐÝ') expect(text).toContain(letter);
  expect(text).toContain('Þökk!');
}
