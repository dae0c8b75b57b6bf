import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { priceCart } from '../../shared/domain/cart';
import { formatMoney, formatVatRate } from '../../shared/domain/format';
import { test, expect } from './fixtures';
import { call, payCart, receiptCart } from './support/receipts';

// pdftotext turns the no-break space Intl puts after the currency into a plain one.
const money = (minor: number) => formatMoney(minor, 'SEK', 'en-GB').replace(/[\u00a0\u202f]/g, ' ');

test.describe('receipt', () => {
  test('a receipt with three VAT rates, discounts and weighed goods prints the sale’s totals and the till’s name, on screen and in a PDF read back by pdftotext', async ({
    page,
    host,
    consoleErrors,
  }, testInfo) => {
    await page.goto(host.url);
    // The till is "Till 1" until it is named; the next sale's receipt carries the new name.
    await page.getByRole('button', { name: 'Settings' }).click();
    const tillName = page.getByLabel('Till name');
    await expect(tillName).toHaveValue('Till 1');
    await tillName.fill('Counter 2');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    const sale = await payCart(page, host.origin, receiptCart);
    expect(sale.orderReference).toMatch(/^LP-[0-9A-HJKMNP-TV-Z]{6}-[0-9A-HJKMNP-TV-Z]{2}-1$/);
    const expected = priceCart(receiptCart);
    expect(sale.totals.totalMinor).toBe(expected.totalMinor);
    expect(expected.vat).toHaveLength(3);

    // On screen: the print page's receipt region.
    await page.goto(`${host.origin}/?view=receipt&id=${sale.id}`);
    const receipt = page.getByRole('region', { name: 'Receipt' });
    await expect(receipt).toBeVisible();
    await expect(page.locator('html[data-print-ready]')).toBeAttached();
    await expect(receipt.getByTestId('receipt-total')).toHaveText(money(expected.totalMinor));
    await expect(receipt).toContainText('TRAINING — NOT A RECEIPT');
    await expect(receipt).not.toContainText('COPY');
    await expect(receipt).toContainText('Till: Counter 2');
    await receipt.screenshot({ path: testInfo.outputPath('receipt.png') });

    // PDF made by the web host's headless Chromium, read back with poppler's pdftotext.
    const pdf = await call<{ fileName: string; base64: string }>(page.request, host.origin, 'printout:pdf', {
      document: { kind: 'receipt', id: sale.id, copy: false },
    });
    expect(pdf.fileName).toBe('linkpos-training-receipt-1.pdf');
    const file = testInfo.outputPath('receipt.pdf');
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('Training receipt 1');
    expect(text).toContain('Till: Counter 2');
    expect(text).toContain(money(expected.totalMinor));
    for (const row of expected.vat) {
      const line = text.split('\n').find((l) => l.trim().startsWith(formatVatRate(row.vatRate, 'en-GB')));
      expect(line, `VAT row ${row.vatRate}`).toBeDefined();
      expect(line).toContain(money(row.netMinor));
      expect(line).toContain(money(row.vatMinor));
      expect(line).toContain(money(row.grossMinor));
    }
    expect(consoleErrors).toEqual([]);
  });

  test('printing in the web host says plainly that it needs the desktop app', async ({ page, host }) => {
    await page.goto(host.url);
    const sale = await payCart(page, host.origin, receiptCart);
    const response = await page.request.post(`${host.origin}/api/printout:print`, {
      data: { input: { document: { kind: 'receipt', id: sale.id } } },
      headers: { Origin: host.origin },
    });
    expect(await response.json()).toEqual({
      ok: false,
      error: { code: 'rejected', key: 'printNeedsDesktop', message: 'Printing needs the desktop app — use Save receipt as PDF' },
    });
  });
});
