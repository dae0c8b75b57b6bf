import { test, expect } from './fixtures';
import { call, payCart, receiptCart } from './support/receipts';

test.describe('history', () => {
  test('a sale paid in the web host appears in History with its receipt, and a reprint shows COPY', async ({ page, pos, consoleErrors }) => {
    await pos.open();
    await page.getByRole('button', { name: /Kaffe, kopp/ }).first().click();
    await expect(pos.cartLines).toHaveCount(1);
    await pos.charge();
    const url = await pos.readQrCode();
    await (await pos.customerPresses(url, 'Pay')).close();
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Open sale 1' }).click();
    const receipt = page.getByRole('region', { name: 'Receipt' });
    await expect(receipt).toContainText('Training receipt 1');
    await expect(receipt).toContainText('Kaffe');
    await expect(receipt).not.toContainText('COPY');
    await expect(page.getByRole('button', { name: 'Print receipt' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save receipt as PDF' })).toBeVisible();

    await page.getByRole('button', { name: 'Reprint' }).click();
    await expect(receipt).toContainText('COPY');
    // The web host has no printer and says so, rather than pretending it printed.
    await expect(page.getByText('Printing needs the desktop app — use Save receipt as PDF')).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });

  test('a Z report closes the period once, an X report after it starts from zero, and the export reports an intact chain', async ({ page, host }) => {
    await page.goto(host.url);
    const sale = await payCart(page, host.origin, receiptCart);
    const z = await call<{ number: number; real: unknown; training: { currencies: { sales: { count: number; amountMinor: number } }[] } }>(page.request, host.origin, 'report:z');
    expect(z.number).toBe(1);
    expect(z.training.currencies[0]?.sales).toEqual({ count: 1, amountMinor: sale.amountMinor });
    const again = await page.request.post(`${host.origin}/api/report:z`, { data: {}, headers: { Origin: host.origin } });
    expect(((await again.json()) as { ok: boolean; error: { code: string } }).error.code).toBe('conflict');
    const x = await call<{ entries: number; period: { fromSeq: number } }>(page.request, host.origin, 'report:x', {});
    expect(x.entries).toBe(0);

    const exported = await call<{ text: string; verification: { ok: boolean; records: number } }>(page.request, host.origin, 'journal:export', { format: 'csv' });
    expect(exported.verification.ok).toBe(true);
    expect(exported.text.split('\r\n')[0]).toBe('seq,at,type,saleId,saleNumber,orderReference,provider,demo,currency,amount,amountMinor,data,prev,hash');

    // The same through the screen: End of day shows the stored Z in the list.
    await page.goto(host.url);
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('tab', { name: 'End of day' }).click();
    await page.getByRole('button', { name: 'Z report 1' }).click();
    await expect(page.getByRole('region', { name: 'Report' })).toContainText('Z report 1');
  });
});
