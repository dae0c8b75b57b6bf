import { test, expect } from './fixtures';

const COFFEE = '7310865000361'; // Kaffe, kopp

test('a sale’s status history says in words what the payment service reported, never its raw code', async ({ page, pos }) => {
  await pos.open();
  await pos.scan(COFFEE);
  await pos.charge();
  const url = await pos.readQrCode();
  await (await pos.customerPresses(url, 'Pay')).close();
  await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();

  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('button', { name: 'Open sale 1' }).click();
  const timeline = page.locator('.history__timeline');
  await expect(timeline).toContainText('Payment approved; debiting it');
  await expect(timeline).not.toContainText('Provider reports');
  // A provider's own status code: capitals and underscores (ORDER_CREATED, PAID …).
  expect(await timeline.innerText()).not.toMatch(/\b[A-Z]{3,}(?:_[A-Z]+)*\b/);
});
