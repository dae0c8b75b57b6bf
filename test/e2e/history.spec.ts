import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { PosPage } from './support/pos-page';
import { call, payCart, receiptCart } from './support/receipts';
import { makeDataDir, startWebHostProcess } from './support/web-host';

test.describe('history', () => {
  test('a sale paid in the web host appears in History with its receipt, and a reprint shows COPY', async ({
    page,
    pos,
    consoleErrors,
  }) => {
    await pos.open();
    await page
      .getByRole('button', { name: /Kaffe, kopp/ })
      .first()
      .click();
    await expect(pos.cartLines).toHaveCount(1);
    await pos.charge();
    const url = await pos.readQrCode();
    await (await pos.customerPresses(url, 'Pay')).close();
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Open sale 1' }).click();
    await expect(page.getByRole('region', { name: 'Sale 1' })).toContainText('Till: Till 1');
    const receipt = page.getByRole('region', { name: 'Receipt' });
    await expect(receipt).toContainText('Training receipt 1');
    await expect(receipt).toContainText('Till: Till 1');
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

  test('a Z report closes the period once, an X report after it starts from zero, and the export reports an intact chain', async ({
    page,
    host,
  }) => {
    await page.goto(host.url);
    const sale = await payCart(page, host.origin, receiptCart);
    const z = await call<{ number: number; real: unknown; training: { currencies: { sales: { count: number; amountMinor: number } }[] } }>(
      page.request,
      host.origin,
      'report:z',
    );
    expect(z.number).toBe(1);
    expect(z.training.currencies[0]?.sales).toEqual({ count: 1, amountMinor: sale.amountMinor });
    const again = await page.request.post(`${host.origin}/api/report:z`, { data: {}, headers: { Origin: host.origin } });
    expect(((await again.json()) as { ok: boolean; error: { code: string } }).error.code).toBe('conflict');
    const x = await call<{ entries: number; period: { fromSeq: number } }>(page.request, host.origin, 'report:x', {});
    expect(x.entries).toBe(0);

    const exported = await call<{ text: string; verification: { ok: boolean; records: number } }>(
      page.request,
      host.origin,
      'journal:export',
      { format: 'csv' },
    );
    expect(exported.verification.ok).toBe(true);
    expect(exported.text.split('\r\n')[0]).toBe(
      'seq,at,type,saleId,saleNumber,orderReference,provider,demo,currency,amount,amountMinor,data,prev,hash',
    );

    // The same through the screen: End of day shows the stored Z in the list.
    await page.goto(host.url);
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('tab', { name: 'End of day' }).click();
    await page.getByRole('button', { name: 'Z report 1' }).click();
    await expect(page.getByRole('region', { name: 'Report' })).toContainText('Z report 1');
  });
});

test('after a clean restart the till starts from its checkpoint: History shows the same sales and receipts, and numbering goes on', async ({
  page,
}) => {
  const dataDir = makeDataDir();
  let host = await startWebHostProcess({ dataDir });
  try {
    await page.goto(host.url);
    const first = await payCart(page, host.origin, receiptCart);
    await call(page.request, host.origin, 'report:z');
    const second = await payCart(page, host.origin, receiptCart);
    await host.stop(); // SIGTERM: the services close and write the checkpoint
    expect(existsSync(join(dataDir, 'sales.checkpoint'))).toBe(true);

    host = await startWebHostProcess({ dataDir });
    expect(host.output()).toMatch(/journal: started from the checkpoint .*"linesAfter":0/);
    const pos = new PosPage(page, host);
    await pos.open();
    await page.getByRole('button', { name: 'History' }).click();
    for (const [sale, number] of [
      [first, 1],
      [second, 2],
    ] as const) {
      await page.getByRole('button', { name: `Open sale ${sale.number}` }).click();
      await expect(page.getByRole('region', { name: 'Receipt' })).toContainText(`Training receipt ${number}`);
    }
    await page.screenshot({ path: test.info().outputPath('history-after-restart.png') });
    const third = await payCart(page, host.origin, receiptCart);
    const receipt = await call<{ receipt: { number: number } }>(page.request, host.origin, 'receipt:get', { id: third.id, copy: false });
    expect(receipt.receipt.number).toBe(3);
    const x = await call<{ entries: number }>(page.request, host.origin, 'report:x', {});
    expect(x.entries).toBe(2); // the second and third sales: the first is in Z report 1
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
