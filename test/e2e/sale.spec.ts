import { test, expect } from './fixtures';

// Barcodes from the built-in sample catalog (first run).
const COFFEE = '7310865000361'; // Kaffe, kopp

test.describe('a sale from scan to paid (demo, Ecster sandbox)', () => {
  test('scan, charge, the customer pays through the QR code, the POS shows Paid', async ({ page, pos, consoleErrors }, testInfo) => {
    await pos.open();
    await pos.scan(COFFEE);
    await expect(pos.cartLines).toHaveCount(1);
    await pos.charge();
    await expect(page.getByRole('status').filter({ hasText: 'Waiting for payment' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('qr.png') });
    const url = await pos.readQrCode();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/ecster\/[0-9A-F]{32}$/);

    const customer = await pos.customerPresses(url, 'Pay');
    await expect(customer.getByText(/paid|thank/i).first()).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 3_000 });
    await expect(page.getByRole('button', { name: 'New sale' })).toBeFocused();
    await page.screenshot({ path: testInfo.outputPath('paid.png') });
    expect(consoleErrors).toEqual([]);
  });
});
