import { rmSync } from 'node:fs';
import { expect, test } from './fixtures';
import { PosPage } from './support/pos-page';
import { startWebHostProcess } from './support/web-host';

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

test('a demo sale survives the web host being killed and can still be paid from the till', async ({ page }) => {
  const first = await startWebHostProcess();
  const pos = new PosPage(page, first);
  await pos.open();
  await pos.scan(COFFEE);
  await pos.charge();
  await expect(pos.status).toContainText('Waiting');
  const saleLine = (await page.getByText(/^Sale \d+ · Reference /).textContent())!;

  await first.kill(); // SIGKILL: nothing flushed beyond what was fsynced
  const second = await startWebHostProcess({ dataDir: first.dataDir });
  try {
    expect(second.sandboxUrl).toBe(first.sandboxUrl); // the links it made still resolve
    await page.goto(second.url);
    await expect(page.getByText(saleLine, { exact: true })).toBeAttached(); // the same sale, same number
    await expect(pos.status).toContainText('Waiting');
    await page.getByRole('button', { name: 'Customer pays (demo)' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 10_000 });
    await page.screenshot({ path: test.info().outputPath('paid-after-restart.png') });
  } finally {
    await second.stop();
    rmSync(first.dataDir, { recursive: true, force: true });
  }
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
