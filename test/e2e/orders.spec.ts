import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { SandboxControl } from './support/sandbox';
import { callChannel } from './support/pos-page';

// Barcodes from the built-in sample catalog (first run).
const COFFEE = '7310865000361'; // Kaffe, kopp — 25.00

/** Records every text the sale's status live region shows, from now on, so a test can prove one never appeared. */
async function recordStatuses(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { statusesSeen: string[] }).statusesSeen = seen;
    const note = () => {
      for (const el of document.querySelectorAll('[role="status"] .status__text')) {
        const text = el.textContent ?? '';
        if (seen.at(-1) !== text) seen.push(text);
      }
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => [...(window as unknown as { statusesSeen: string[] }).statusesSeen]);
}

test.describe('an Ecster order decides Paid (demo mode against the sandbox)', () => {
  test.beforeEach(async ({ pos }) => {
    await pos.open();
  });

  test('PENDING_SIGNATURE then READY: "Customer is completing the payment", then Paid with exactly one debit', async ({
    page,
    pos,
    host,
  }) => {
    const sandbox = new SandboxControl(host.sandboxUrl);
    await sandbox.nextEcsterOrder({ statuses: ['PENDING_SIGNATURE', 'READY'], readsPerStep: 3 });
    const statuses = await recordStatuses(page);
    await pos.scan(COFFEE);
    await pos.charge();
    const url = await pos.readQrCode();
    await pos.customerPresses(url, 'Pay');

    await expect(page.getByRole('status').filter({ hasText: 'Customer is completing the payment' })).toBeVisible();
    await expect(page.getByRole('img', { name: 'Payment QR code' })).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 15_000 });

    const orders = await sandbox.ecsterOrders();
    expect(orders).toHaveLength(1);
    expect(orders[0]?.status).toBe('FULLY_DELIVERED');
    const debits = orders[0]?.transactions.filter((t) => t.type === 'DEBIT') ?? [];
    expect(debits).toHaveLength(1);
    expect(debits[0]?.transactionReference).toMatch(/-D$/);
    // Completing came before Paid, and Paid only once the order was debited.
    const seen = await statuses();
    expect(seen.indexOf('Customer is completing the payment')).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf('Customer is completing the payment')).toBeLessThan(seen.indexOf('Paid'));
    expect(host.output()).not.toContain('IPC handler failed');
  });

  test('a DENIED order never shows Paid: the sale fails with a reason and Charge again makes a new link', async ({ page, pos, host }) => {
    const sandbox = new SandboxControl(host.sandboxUrl);
    await sandbox.nextEcsterOrder({ statuses: ['PENDING_DECISION', 'DENIED'], readsPerStep: 2 });
    const statuses = await recordStatuses(page);
    await pos.scan(COFFEE);
    await pos.charge();
    const url = await pos.readQrCode();
    await pos.customerPresses(url, 'Pay');

    await expect(page.getByRole('status').filter({ hasText: 'Failed' })).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText(/Ecster declined the payment/)).toBeVisible();
    expect(await statuses()).not.toContain('Paid');
    const orders = await sandbox.ecsterOrders();
    expect(orders.flatMap((o) => o.transactions).filter((t) => t.type === 'DEBIT')).toHaveLength(0);

    await page.getByRole('button', { name: 'Charge again' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Waiting for payment' })).toBeVisible();
    expect(await pos.readQrCode()).not.toBe(url);
  });

  test('an invoice order: the fee Ecster adds is shown, the debit is the whole order, and History and the receipt say Captured', async ({
    page,
    pos,
    host,
  }) => {
    const sandbox = new SandboxControl(host.sandboxUrl);
    await sandbox.nextEcsterOrder({ statuses: ['READY'], method: 'INVOICE' });
    await pos.scan(COFFEE);
    await pos.charge();
    await pos.customerPresses(await pos.readQrCode(), 'Pay');
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 15_000 });
    const [order] = await sandbox.ecsterOrders();
    expect(order?.transactions.filter((t) => t.type === 'DEBIT')).toEqual([expect.objectContaining({ amount: 2500 + 2900 })]);

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Open sale 1' }).click();
    const detail = page.getByRole('region', { name: /Sale 1/ });
    await expect(detail.getByText(/Payment method: INVOICE · Captured/)).toBeVisible();
    const receipt = page.getByRole('region', { name: 'Receipt' });
    await expect(receipt).toContainText('Captured');
    await expect(receipt).toContainText(/Fee charged by Ecster Pay Link: .*29[.,]00/);
  });

  test('with "Leave for me to debit in Ecster\'s portal" a READY order is Paid undebited and says so', async ({ page, pos, host }) => {
    const current = await callChannel(page, 'settings:get');
    const providers = (current.value?.providers ?? {}) as Record<string, Record<string, unknown>>;
    await pos.changeSettings({ providers: { ...providers, ecster: { ...providers.ecster, capture: 'elsewhere' } } });
    await pos.scan(COFFEE);
    await pos.charge();
    await pos.customerPresses(await pos.readQrCode(), 'Pay');
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 15_000 });
    const [order] = await new SandboxControl(host.sandboxUrl).ecsterOrders();
    expect(order?.status).toBe('READY');
    expect(order?.transactions.filter((t) => t.type === 'DEBIT')).toEqual([]);

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: 'Open sale 1' }).click();
    await expect(page.getByRole('region', { name: 'Receipt' })).toContainText('Authorised — debit in Ecster’s portal');
  });
});
