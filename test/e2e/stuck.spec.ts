import { rmSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { PosPage } from './support/pos-page';
import { SandboxControl } from './support/sandbox';
import { startWebHostProcess, type RunningWebHost } from './support/web-host';

/**
 * Never stuck: a demo sale survives the web host being killed, and a sale whose link the payment
 * service no longer knows goes to the clerk with a way out (a new link, or closed as not paid).
 */

const COFFEE = '7310865000361'; // Kaffe, kopp — 25.00

/** The sandbox forgets every link, as a provider that no longer knows them. */
async function sandboxForgetsLinks(sandboxUrl: string): Promise<void> {
  const res = await fetch(`${sandboxUrl}/__sandbox/ecster/reset`, { method: 'POST' });
  expect(res.ok).toBe(true);
}

/**
 * Charges one coffee as a demo sale, SIGKILLs the web host (nothing flushed beyond what was fsynced)
 * and starts it again on the same data directory, with the page on the new host and the sale back
 * on screen, still waiting. `run` gets the till after the restart; the hosts are cleaned up after.
 */
async function afterRestartMidPayment(page: Page, run: (pos: PosPage, saleLine: string) => Promise<void>): Promise<void> {
  const first = await startWebHostProcess();
  let second: RunningWebHost | null = null;
  try {
    const before = new PosPage(page, first);
    await before.open();
    await before.scan(COFFEE);
    await before.charge();
    await expect(before.status).toContainText('Waiting');
    const saleLine = (await page.getByText(/^Sale \d+ · Reference /).textContent())!;

    await first.kill();
    second = await startWebHostProcess({ dataDir: first.dataDir });
    expect(second.sandboxUrl).toBe(first.sandboxUrl); // the links it made still resolve
    const pos = new PosPage(page, second);
    await page.goto(second.url);
    await expect(page.getByText(saleLine, { exact: true })).toBeAttached(); // the same sale, same number
    await expect(pos.status).toContainText('Waiting');
    await run(pos, saleLine);
  } finally {
    await second?.stop();
    await first.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  }
}

test('a demo sale survives the web host being killed and can still be paid from the till', async ({ page }) => {
  await afterRestartMidPayment(page, async () => {
    await page.getByRole('button', { name: 'Customer pays (demo)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 10_000 });
    await page.screenshot({ path: test.info().outputPath('paid-after-restart.png') });
  });
});

test('after a restart the customer declines, then the payment is refused: the sale ends not paid and Charge again makes a new link for the same cart', async ({
  page,
}) => {
  await afterRestartMidPayment(page, async (pos, saleLine) => {
    const sandbox = new SandboxControl(pos.host.sandboxUrl);
    const link = await pos.readQrCode();
    // Decline on the payment page: the link stays open (the customer may try another card), and the
    // sale keeps waiting for it, whatever the restart did.
    await page.getByRole('button', { name: 'Customer declines (demo)' }).click();
    await expect.poll(async () => ((await sandbox.links('ecster')) as { declines: number }[]).map((l) => l.declines)).toEqual([1]);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(pos.status).toContainText('Waiting');
    // The next try is refused by the payment service: the sale ends not paid.
    await sandbox.nextEcsterOrder({ statuses: ['PENDING_DECISION', 'DENIED'], readsPerStep: 1 });
    await page.getByRole('button', { name: 'Customer pays (demo)' }).click();
    await expect(pos.status).toContainText('Failed', { timeout: 10_000 });
    await expect(page.getByText(/Ecster declined the payment/)).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('declined-after-restart.png') });

    await page.getByRole('button', { name: 'Charge again' }).click();
    await expect(pos.status).toContainText('Waiting');
    expect(await pos.readQrCode()).not.toBe(link);
    await expect(page.getByText(saleLine, { exact: true })).toHaveCount(0); // a new sale, a new reference
    await expect(pos.cartLines).toHaveCount(1);
    await expect(pos.cartLines.first()).toContainText('Kaffe, kopp');
    await expect(page.getByRole('region', { name: 'Payment' })).toContainText(/SEK\s25\.00/);
    await page.getByRole('button', { name: 'Customer pays (demo)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 10_000 });
  });
});

test('after a restart Cancel payment ends the sale as cancelled and frees the till', async ({ page }) => {
  await afterRestartMidPayment(page, async (pos) => {
    const link = await pos.readQrCode();
    await page.getByRole('button', { name: 'Cancel payment' }).click();
    await page.getByRole('button', { name: 'Yes, cancel' }).click();
    await expect(pos.status).toContainText('Cancelled', { timeout: 10_000 });
    await expect(page.getByText(/Connection lost/)).toHaveCount(0);
    // The link is dead for the customer too.
    const customer = await page.context().newPage();
    await customer.goto(link);
    await expect(customer.getByText('This payment link is no longer valid.')).toBeVisible();
    await expect(customer.getByRole('button', { name: 'Pay' })).toHaveCount(0);
    await customer.close();

    await page.getByRole('button', { name: 'New sale' }).click();
    await expect(pos.cartLines).toHaveCount(0);
    await pos.scan(COFFEE);
    await pos.charge();
    await expect(pos.status).toContainText('Waiting');
  });
});

test.describe('a link the payment service no longer knows', () => {
  test.beforeEach(async ({ pos, host }) => {
    await pos.open();
    await pos.scan(COFFEE);
    await pos.charge();
    await expect(pos.status).toContainText('Waiting');
    await sandboxForgetsLinks(host.sandboxUrl);
  });

  test('needs attention with the reason in words; Create a new link makes one for the same cart, which is paid', async ({ page, pos }) => {
    await expect(pos.status).toContainText('Needs attention', { timeout: 20_000 });
    await expect(page.getByText(/no longer knows this link/)).toBeVisible();
    await expect(page.getByText(/Connection lost/)).toHaveCount(0);
    for (const size of [
      { width: 1366, height: 768 },
      { width: 1024, height: 768 },
    ]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: test.info().outputPath(`needs-attention-${size.width}.png`) });
    }
    const reference = (await page.getByText(/^Sale \d+ · Reference /).textContent())!;
    await page.getByRole('button', { name: 'Create a new link' }).click();
    await expect(pos.status).toContainText('Waiting');
    // The same sale, under a new order reference.
    const again = (await page.getByText(/^Sale \d+ · Reference /).textContent())!;
    expect(again).toBe(`${reference}-2`);
    await page.getByRole('button', { name: 'Customer pays (demo)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 10_000 });
  });

  test('Close as not paid ends the sale as cancelled and frees the till', async ({ page, pos }) => {
    await expect(pos.status).toContainText('Needs attention', { timeout: 20_000 });
    await page.getByRole('button', { name: 'Close as not paid' }).click();
    await expect(pos.status).toContainText('Cancelled');
    await expect(page.getByRole('button', { name: 'Close as not paid' })).toHaveCount(0);
    await page.getByRole('button', { name: 'New sale' }).click();
    await pos.scan(COFFEE);
    await pos.charge();
    await expect(pos.status).toContainText('Waiting');
  });
});
