import { PNG } from 'pngjs';
import { priceCart } from '../../shared/domain/cart';
import { formatMoney, formatVatRate } from '../../shared/domain/format';
import { FakeEscPosPrinter } from '../support/fake-printer';
import { slipText } from '../../electron/services/printing/escpos';
import { test, expect, type Page } from './fixtures';
import { callChannel } from './support/pos-page';
import { call, payCart, receiptCart } from './support/receipts';
import { COFFEE, expectFirstDemoReceipt, money, sellAndPay, THANKS } from './support/printing';

let printer: FakeEscPosPrinter;

test.beforeEach(async () => {
  printer = await FakeEscPosPrinter.start();
});

test.afterEach(async () => {
  await printer.close();
});

async function setUpNetworkPrinter(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Receipt printer type').selectOption({ label: 'Network ESC/POS printer' });
  await page.getByLabel('Printer address (host name or IP)').fill('127.0.0.1');
  await page.getByLabel('Port', { exact: true }).fill(String(printer.port));
  await page.getByLabel('Receipt thank-you text').fill(THANKS);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
}

test.describe('network ESC/POS receipt printer', () => {
  test('a paid demo sale’s receipt prints on the network printer from the Paid screen: lines, total, VAT and every Nordic letter as itself', async ({
    page,
    pos,
    consoleErrors,
  }, testInfo) => {
    await pos.open();
    await setUpNetworkPrinter(page);
    await page.getByLabel('Receipt printer type').scrollIntoViewIfNeeded();
    for (const [width, height] of [
      [1366, 768],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: testInfo.outputPath(`settings-printer-${width}.png`) });
    }

    // The test page, from the form.
    await page.getByRole('button', { name: 'Print test page' }).click();
    await expect(page.getByText(`The test page was printed on 127.0.0.1:${printer.port}.`)).toBeVisible();
    expect(printer.cutSlips()).toHaveLength(1);
    expect(printer.cutSlips()[0]![0]!.trim()).toBe('LinkPOS test page');

    await sellAndPay(page, pos);
    await page.getByRole('button', { name: 'Print receipt' }).click();
    await expect(page.getByText(`The receipt is in the print queue for 127.0.0.1:${printer.port}.`)).toBeVisible();
    await expect.poll(() => printer.cutSlips().length).toBe(2);

    const slip = printer.cutSlips()[1]!;
    await testInfo.attach('receipt.txt', { body: slip.join('\n'), contentType: 'text/plain' });
    expect(printer.decoded().codepages).toEqual([16, 16]);
    expectFirstDemoReceipt(slip);
    expect(consoleErrors).toEqual([]);
  });

  test('paper out: the clerk is told, sells on, and the receipt prints once when the paper is back', async ({ page, pos }, testInfo) => {
    await pos.open();
    await setUpNetworkPrinter(page);
    printer.setPaperOut(true);
    await sellAndPay(page, pos);
    await page.getByRole('button', { name: 'Print receipt' }).click();

    const badge = page.getByTestId('printer-status');
    await expect(badge).toContainText('Printer out of paper: put in a new roll');
    await expect(badge).toContainText('Receipts waiting: 1. They print when the printer is ready.');
    expect(printer.cutSlips()).toHaveLength(0);
    for (const [width, height] of [
      [1366, 768],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: testInfo.outputPath(`paper-out-${width}.png`) });
    }

    // Printing never blocks the next sale.
    await page.getByRole('button', { name: 'New sale' }).click();
    await pos.scan(COFFEE);
    await expect(pos.cartLines).toHaveCount(1);

    printer.setPaperOut(false);
    await expect.poll(() => printer.cutSlips().length, { timeout: 15_000 }).toBe(1);
    await expect(badge).toBeHidden();
    const lines = printer.cutSlips()[0]!.map((l) => l.trim());
    expect(lines).toContain('Training receipt 1');
    expect(lines).not.toContain('COPY');
  });

  test('in Swedish, an open cover is told in Swedish and the receipt prints when it is shut', async ({ page, pos, host }) => {
    await pos.open();
    await setUpNetworkPrinter(page);
    const current = await callChannel(page, 'settings:get');
    expect((await callChannel(page, 'settings:save', { settings: { ...current.value, uiLanguage: 'sv' } })).ok).toBe(true);
    await page.goto(host.url);
    await expect(page.getByRole('button', { name: 'Ta betalt' })).toBeVisible();
    printer.setCoverOpen(true);
    const sale = await payCart(page, host.origin, receiptCart);
    const outcome = await call<{ queued?: boolean }>(page.request, host.origin, 'printout:print', {
      document: { kind: 'receipt', id: sale.id, copy: false },
    });
    expect(outcome.queued).toBe(true);
    await expect(page.getByTestId('printer-status')).toContainText('Skrivarens lock är öppet: stäng det');
    printer.setCoverOpen(false);
    await expect.poll(() => printer.cutSlips().length, { timeout: 15_000 }).toBe(1);
    const lines = printer.cutSlips()[0]!.map((l) => l.trim());
    expect(lines).toContain('ÖVNING — INTE ETT KVITTO');
    expect(lines).toContain('Övningskvitto 1');
    expect(lines).toContain('Äpplen');
    const expected = priceCart(receiptCart);
    for (const row of expected.vat) {
      const rate = slipText(formatVatRate(row.vatRate, 'sv-SE'));
      const line = lines.find((l) => l.startsWith(rate));
      expect(line, `VAT row ${rate}`).toBeDefined();
      expect(line).toContain(slipText(formatMoney(row.grossMinor, 'SEK', 'sv-SE')));
    }
  });

  test('a refund receipt (credit note) prints on the network printer from History: its number, the receipt it refunds, the negative total and VAT, and the reason', async ({
    page,
    pos,
    consoleErrors,
  }, testInfo) => {
    await pos.open();
    await setUpNetworkPrinter(page);
    await sellAndPay(page, pos);
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Open sale 1' }).click();
    const sale = page.getByRole('region', { name: 'Sale 1' });
    await sale.getByRole('button', { name: 'Refund', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Refund sale 1' });
    await dialog.getByRole('textbox', { name: 'Refund quantity for Kanelbulle' }).fill('0');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Kallt kaffe — þökk');
    await dialog.getByRole('button', { name: 'Confirm refund' }).click();
    await expect(page.getByTestId('sale-status')).toContainText('Partly refunded');
    await expect(page.getByRole('region', { name: 'Refund receipt' })).toContainText('Training refund receipt 1');

    await page.getByRole('button', { name: 'Print refund receipt' }).click();
    await expect(page.getByText(`The receipt is in the print queue for 127.0.0.1:${printer.port}.`)).toBeVisible();
    await expect.poll(() => printer.cutSlips().length).toBe(1);
    await page.screenshot({ path: testInfo.outputPath('refund-receipt-printed.png'), fullPage: true });

    const slip = printer.cutSlips()[0]!;
    await testInfo.attach('refund-receipt.txt', { body: slip.join('\n'), contentType: 'text/plain' });
    const lines = slip.map((l) => l.trim());
    expect(lines[0]).toBe('TRAINING — NOT A RECEIPT');
    expect(lines).toContain('Refund receipt');
    expect(lines).toContain('Training refund receipt 1');
    expect(lines).toContain('Refund of receipt 1');
    expect(lines).toContain('Kaffe, kopp');
    expect(lines).not.toContain('Kanelbulle');
    expect(lines).toContain('Refunded with Ecster Pay Link');
    expect(lines).toContain('Credited to the customer’s payment');
    expect(lines).toContain('Reason: Kallt kaffe — þökk');
    const total = slip.find((l) => l.startsWith('TOTAL'))!;
    expect(total).toMatch(new RegExp(`^TOTAL +${money(-2500).replace('.', '\\.')}$`));
    const vatRows = slip.filter((l) => /^\d+(\.\d+)?% /.test(l.trim()));
    expect(vatRows).toHaveLength(1);
    expect(vatRows[0]!.trim().endsWith(money(-2500))).toBe(true);
    expect(consoleErrors).toEqual([]);
  });

  test('an X report prints on the network printer from End of day, in the report’s rows', async ({
    page,
    pos,
    consoleErrors,
  }, testInfo) => {
    await pos.open();
    await setUpNetworkPrinter(page);
    await sellAndPay(page, pos);
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('tab', { name: 'End of day' }).click();
    await page.getByRole('button', { name: 'Show X report' }).click();
    await expect(page.getByRole('region', { name: 'Report' })).toContainText('X report');
    await page.getByRole('button', { name: 'Print report' }).click();
    await expect(page.getByText(`The report is in the print queue for 127.0.0.1:${printer.port}.`)).toBeVisible();
    await expect.poll(() => printer.cutSlips().length).toBe(1);

    const slip = printer.cutSlips()[0]!;
    await testInfo.attach('x-report.txt', { body: slip.join('\n'), contentType: 'text/plain' });
    const lines = slip.map((l) => l.trim());
    expect(lines).toContain('X report');
    expect(lines).toContain('Interim — the day is not closed');
    expect(lines).toContain('Training (demo) — not in the totals');
    const training = lines.indexOf('Training (demo) — not in the totals');
    const after = slip.slice(training);
    expect(after.find((l) => l.startsWith('Number of sales'))).toMatch(/ 1$/);
    expect(after.find((l) => l.startsWith('Gross total'))!.endsWith(money(4000))).toBe(true);
    expect(after.find((l) => l.startsWith('Ecster'))).toMatch(new RegExp(`1 · ${money(4000).replace('.', '\\.')}$`));
    // The real sales: none in demo mode.
    expect(lines.slice(0, training)).toContain('Nothing in this period.');
    expect(printer.decoded().drawerPulses).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  test('a logo chosen in Settings and a QR code of the receipt number print on the slip, the text around them intact', async ({
    page,
    pos,
    consoleErrors,
  }, testInfo) => {
    await pos.open();
    await setUpNetworkPrinter(page);
    await page.getByLabel('Print the shop’s logo on receipts').check();
    const png = new PNG({ width: 400, height: 120 });
    for (let i = 0; i < png.data.length; i += 4) {
      const x = (i / 4) % 400;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = 0;
      png.data[i + 3] = x < 200 ? 255 : 0; // left half black, right half transparent
    }
    await page.getByLabel('Logo image (PNG)').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: PNG.sync.write(png) });
    await expect(page.getByText('Logo saved.')).toBeVisible();
    await expect(page.getByText('Logo chosen: 400 × 120 dots.')).toBeVisible();
    await page.getByLabel('Print a QR code of the receipt number').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await page.getByLabel('Print a QR code of the receipt number').scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('settings-logo-qr.png') });

    await sellAndPay(page, pos);
    await page.getByRole('button', { name: 'Print receipt' }).click();
    await expect.poll(() => printer.cutSlips().length).toBe(1);
    const decoded = printer.decoded();
    expect(decoded.images.length).toBeGreaterThan(0);
    const dots = decoded.images.reduce((sum, i) => sum + i.width * i.height, 0);
    const black = decoded.images.reduce((sum, i) => sum + i.black, 0);
    expect(decoded.images[0]!.width).toBe(400);
    expect(black / dots).toBeCloseTo(0.5, 1);
    expect(decoded.qrCodes.map((q) => q.data)).toEqual(['TR1']);
    const lines = printer.cutSlips()[0]!.map((l) => l.trim());
    expect(lines).toContain('Training receipt 1');
    expect(lines).toContain('Kaffe, kopp');
    expect(lines.join('\n')).toContain('Þökk!');
    expect(decoded.images[0]!.line).toBeLessThanOrEqual(lines.indexOf('LinkPOS Demo Shop'));
    expect(decoded.qrCodes[0]!.line).toBeGreaterThan(lines.findIndex((l) => l.startsWith('Tack!')));
    expect(consoleErrors).toEqual([]);
  });
});
