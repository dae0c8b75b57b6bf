import { expect, test } from './fixtures';
import { SandboxControl } from './support/sandbox';

/**
 * When no link can be made (#15): with "Allow other payment means when links fail" on, the clerk
 * takes the payment in cash and the receipt and the X report show it; with it off, the till
 * offers no other way.
 */

const COFFEE = '7310865000361'; // Kaffe, kopp — 25.00

test('the payment service refuses the link; the clerk takes cash with change, the receipt shows the tender and the X report the cash line', async ({
  page,
  pos,
  host,
  consoleErrors,
}, testInfo) => {
  await pos.open();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Allow other payment means when links fail').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await pos.open();

  // The provider answers every link request with 503: a definite refusal, the sale fails.
  await new SandboxControl(host.sandboxUrl).setFaults([{ kind: 'error', status: 503, match: { method: 'POST' } }]);
  await pos.scan(COFFEE);
  await pos.charge();
  await expect(pos.status).toContainText('Failed', { timeout: 20_000 });

  await page.getByRole('button', { name: 'Take payment another way' }).click();
  const dialog = page.getByRole('dialog', { name: 'Take payment another way' });
  await expect(dialog.getByRole('radio', { name: 'Cash' })).toBeChecked();
  await dialog.getByLabel('Amount given').fill('20');
  await dialog.getByRole('button', { name: 'Record payment' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The amount given is less than the total.');
  await dialog.getByLabel('Amount given').fill('100');
  await expect(dialog.getByTestId('tender-change')).toContainText('75.00');
  await dialog.getByRole('radio', { name: 'Card terminal' }).check();
  await expect(dialog.getByLabel('Terminal reference')).toBeVisible();
  await dialog.getByRole('radio', { name: 'Cash' }).check();
  await dialog.getByLabel('Amount given').fill('100');
  await dialog.screenshot({ path: testInfo.outputPath('tender-dialog.png') });
  await dialog.getByRole('button', { name: 'Record payment' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();
  await expect(page.getByTestId('change-due')).toContainText('75.00');
  await page.screenshot({ path: testInfo.outputPath('tender-paid.png') });

  // The receipt (sale 2: the failed link sale was 1) says how it was paid.
  await page.getByRole('button', { name: 'New sale' }).click();
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('button', { name: 'Open sale 2' }).click();
  const receipt = page.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText('Training receipt 1');
  await expect(receipt.getByTestId('receipt-tender-cash').first()).toContainText('Cash');
  await expect(receipt).toContainText('Change');
  await expect(receipt).toContainText('75.00');
  await expect(receipt).not.toContainText('Paid by payment link');
  await receipt.screenshot({ path: testInfo.outputPath('tender-receipt.png') });
  // A cash sale's refund is never sent to a provider: History says it is not supported yet.
  await expect(page.getByTestId('refund-tender-note')).toContainText('not supported yet');
  await expect(page.getByRole('button', { name: 'Refund', exact: true })).toHaveCount(0);

  // End of day: the X report's sales per payment means has the cash sale.
  await page.getByRole('tab', { name: 'End of day' }).click();
  await page.getByRole('button', { name: 'Show X report' }).click();
  const report = page.getByRole('region', { name: 'Report' });
  const means = report.getByRole('region', { name: 'Sales per payment means' });
  await expect(means).toContainText('Cash');
  await expect(means.getByTestId('means-cash-SEK')).toContainText('1 ·');
  await expect(means.getByTestId('means-cash-SEK')).toContainText('25.00');
  await report.screenshot({ path: testInfo.outputPath('tender-x-report.png') });
  expect(consoleErrors).toEqual([]);
});

test('with the setting off (the default) a refused link offers no other way to pay', async ({ page, pos, host }) => {
  await pos.open();
  await new SandboxControl(host.sandboxUrl).setFaults([{ kind: 'error', status: 503, match: { method: 'POST' } }]);
  await pos.scan(COFFEE);
  await pos.charge();
  await expect(pos.status).toContainText('Failed', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Charge again' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Take payment another way' })).toHaveCount(0);
});
