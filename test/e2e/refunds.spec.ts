import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from './fixtures';
import { PosPage } from './support/pos-page';
import { startWebHostProcess } from './support/web-host';
import { SandboxControl } from './support/sandbox';

// Barcodes from the built-in sample catalog (first run).
const COFFEE = '7310865000361'; // Kaffe, kopp — 25.00

/** A paid sale of `scans` coffees, then its detail in History. */
async function paidSaleInHistory(page: Page, pos: PosPage, scans: number): Promise<void> {
  for (let i = 0; i < scans; i += 1) await pos.scan(COFFEE);
  await pos.charge();
  const url = await pos.readQrCode();
  await (await pos.customerPresses(url, 'Pay')).close();
  await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 15_000 });
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('button', { name: 'Open sale 1' }).click();
}

test.describe('refunds from History (demo mode against the sandbox)', () => {
  test.beforeEach(async ({ pos }) => {
    await pos.open();
  });

  test('a full refund of an Ecster sale: one CREDIT against the debit, the sale says Refunded, and the refund receipt reads back', async ({
    page,
    pos,
    host,
    consoleErrors,
  }) => {
    await paidSaleInHistory(page, pos, 1);
    const sale = page.getByRole('region', { name: 'Sale 1' });
    await sale.getByRole('button', { name: 'Refund', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Refund sale 1' });
    await expect(dialog.getByRole('textbox', { name: 'Refund quantity for Kaffe, kopp' })).toHaveValue('1');
    await expect(dialog).toContainText('The money goes back to the customer through Ecster.');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Wrong size');
    await page.screenshot({ path: test.info().outputPath('refund-dialog-1366.png') });
    await dialog.getByRole('button', { name: 'Confirm refund' }).click();

    await expect(page.getByTestId('sale-status')).toContainText('Refunded');
    const receipt = page.getByRole('region', { name: 'Refund receipt' });
    await expect(receipt).toContainText('Training refund receipt 1');
    await expect(receipt).toContainText('Refund of receipt 1');
    await expect(receipt).toContainText('Kaffe, kopp');
    await expect(receipt).toContainText('Reason: Wrong size');
    await expect(receipt.getByTestId('receipt-total')).toContainText('25.00');
    await expect(receipt.getByTestId('receipt-total')).toContainText(/[-−]/);
    await expect(sale.getByRole('button', { name: 'Refund', exact: true })).toHaveCount(0);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: test.info().outputPath('refunded-1366.png'), fullPage: true });
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: test.info().outputPath('refunded-1024.png'), fullPage: true });

    const orders = await new SandboxControl(host.sandboxUrl).ecsterOrders();
    const credits = orders[0]?.transactions.filter((t) => t.type === 'CREDIT') ?? [];
    expect(credits).toHaveLength(1);
    expect(credits[0]?.transactionReference).toMatch(/-R1$/);
    expect(consoleErrors).toEqual([]);
  });

  test('a partial refund by quantity: Partly refunded, then the rest: Refunded, each with its own refund receipt', async ({
    page,
    pos,
  }) => {
    await paidSaleInHistory(page, pos, 2);
    const sale = page.getByRole('region', { name: 'Sale 1' });
    await sale.getByRole('button', { name: 'Refund', exact: true }).click();
    let dialog = page.getByRole('dialog', { name: 'Refund sale 1' });
    await dialog.getByRole('textbox', { name: 'Refund quantity for Kaffe, kopp' }).fill('1');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('One too many');
    await dialog.getByRole('button', { name: 'Confirm refund' }).click();
    await expect(page.getByTestId('sale-status')).toContainText('Partly refunded');
    await expect(page.getByRole('region', { name: 'Refund receipt' })).toContainText('Training refund receipt 1');

    await sale.getByRole('button', { name: 'Refund', exact: true }).click();
    dialog = page.getByRole('dialog', { name: 'Refund sale 1' });
    await expect(dialog.getByRole('textbox', { name: 'Refund quantity for Kaffe, kopp' })).toHaveValue('1');
    // More than is left is refused before anything is sent.
    await dialog.getByRole('textbox', { name: 'Refund quantity for Kaffe, kopp' }).fill('2');
    await expect(dialog.getByRole('button', { name: 'Confirm refund' })).toBeDisabled();
    await dialog.getByRole('textbox', { name: 'Refund quantity for Kaffe, kopp' }).fill('1');
    await dialog.getByRole('button', { name: 'Confirm refund' }).click();
    await expect(page.getByTestId('sale-status')).toContainText('Refunded');
    await expect(page.getByTestId('sale-status')).not.toContainText('Partly');
    const receipts = page.getByRole('region', { name: 'Refund receipt' });
    await expect(receipts).toHaveCount(2);
    await expect(receipts.nth(1)).toContainText('Training refund receipt 2');
  });

  test('Straumur: the refund is recorded with the instruction to complete it in the Merchant Portal, and is Refunded only when marked done', async ({
    page,
    pos,
  }) => {
    await pos.useDemoProvider('straumur');
    await paidSaleInHistory(page, pos, 1);
    const sale = page.getByRole('region', { name: 'Sale 1' });
    await sale.getByRole('button', { name: 'Refund', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Refund sale 1' });
    await expect(dialog).toContainText('Straumur cannot refund from the till');
    await expect(dialog).toContainText('Merchant Portal');
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Returned');
    await dialog.getByRole('button', { name: 'Confirm refund' }).click();

    await expect(page.getByText('Refund recorded. Complete it in the provider’s portal')).toBeVisible();
    await expect(sale).toContainText('Recorded — complete it in the provider’s portal');
    await expect(page.getByTestId('sale-status')).not.toContainText('Refunded');
    await expect(page.getByRole('region', { name: 'Refund receipt' })).toHaveCount(0);

    await sale.getByRole('button', { name: 'Mark refund 1 as done' }).click();
    await expect(page.getByTestId('sale-status')).toContainText('Refunded');
    await expect(page.getByRole('region', { name: 'Refund receipt' })).toContainText('Training refund receipt 1');
    await expect(page.getByRole('region', { name: 'Refund receipt' })).toContainText('Refunded with Straumur');
  });
});

test('a refund survives the web host being killed between “sent” and “refunded”: after the restart it is settled once, never sent twice', async ({
  page,
}) => {
  const first = await startWebHostProcess();
  const sandbox = new SandboxControl(first.sandboxUrl);
  let second: Awaited<ReturnType<typeof startWebHostProcess>> | null = null;
  try {
    const pos = new PosPage(page, first);
    await pos.open();
    await paidSaleInHistory(page, pos, 1);
    // The provider takes the CREDIT but its answer never comes back.
    await sandbox.setFaults([{ kind: 'hang', match: { method: 'POST', path: '/ecster/rest/public/v1/orders/*/transactions' } }]);
    await page.getByRole('region', { name: 'Sale 1' }).getByRole('button', { name: 'Refund', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Refund sale 1' });
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Killed mid-refund');
    await dialog.getByRole('button', { name: 'Confirm refund' }).click();
    const credits = async () => (await sandbox.ecsterOrders()).flatMap((o) => o.transactions.filter((t) => t.type === 'CREDIT'));
    await expect.poll(async () => (await credits()).length, { timeout: 10_000 }).toBe(1);

    await first.kill(); // SIGKILL while the till waits for the answer: the journal says "sent", no more
    const refundRecords = (dir: string) =>
      readFileSync(join(dir, 'sales.journal'), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => (JSON.parse(line) as { type: string }).type)
        .filter((type) => type.startsWith('refund') || type === 'refunded');
    expect(refundRecords(first.dataDir)).toEqual(['refund-requested', 'refund-sent']);
    second = await startWebHostProcess({ dataDir: first.dataDir });
    expect(second.sandboxUrl).toBe(first.sandboxUrl);
    await page.goto(second.url);
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Open sale 1' }).click();
    await expect(page.getByTestId('sale-status')).toContainText('Refunded', { timeout: 15_000 });
    const receipt = page.getByRole('region', { name: 'Refund receipt' });
    await expect(receipt).toContainText('Training refund receipt 1');
    await expect(receipt).toContainText('Reason: Killed mid-refund');
    await page.screenshot({ path: test.info().outputPath('refund-after-kill.png'), fullPage: true });
    // Read at the provider, never sent again: one CREDIT, ours.
    const after = await credits();
    expect(after).toHaveLength(1);
    expect(after[0]?.transactionReference).toMatch(/-R1$/);
    expect(refundRecords(first.dataDir)).toEqual(['refund-requested', 'refund-sent', 'refunded']);
    await expect(page.getByRole('region', { name: 'Sale 1' }).getByRole('button', { name: 'Refund', exact: true })).toHaveCount(0);
  } finally {
    await second?.stop();
    await first.kill().catch(() => undefined);
    rmSync(first.dataDir, { recursive: true, force: true });
  }
});
