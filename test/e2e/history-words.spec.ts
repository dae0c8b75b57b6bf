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

test('History says dates in the clerk’s language and the provider search shows link status in words', async ({ page, pos }) => {
  await pos.open();
  await pos.scan(COFFEE);
  await pos.charge();
  await pos.readQrCode();

  await page.getByRole('button', { name: 'History' }).click();
  // A date input draws the computer's language; the chosen day is said in the clerk's too.
  await page.getByLabel('From', { exact: true }).fill('2020-03-03');
  await expect(page.getByText('3 March 2020', { exact: true })).toBeVisible();
  await page.getByRole('form', { name: 'Filter sales' }).screenshot({ path: 'test-results/history-date-filter.png' });

  await page.getByRole('tab', { name: 'Provider search' }).click();
  const search = page.getByRole('region', { name: /^Search / });
  await search.getByRole('button', { name: 'Search', exact: true }).click();
  const row = search.getByRole('table', { name: 'Links at the provider' }).getByRole('row').nth(1);
  await expect(row).toBeVisible();
  // Words for the clerk; the provider's own code only on hover.
  const status = row.getByRole('cell').nth(3);
  expect(await status.innerText()).not.toMatch(/\b[A-Z]{3,}(?:_[A-Z]+)*\b/);
  expect(await row.getByRole('cell').nth(2).innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  await search.screenshot({ path: 'test-results/provider-search-words.png' });

  // The bookkeeper's export range too.
  await page.getByRole('tab', { name: 'End of day' }).click();
  const exportCard = page.getByRole('region', { name: 'Journal export for the bookkeeper' });
  await exportCard.getByLabel('From', { exact: true }).fill('2020-03-04');
  await expect(exportCard.getByText('4 March 2020', { exact: true })).toBeVisible();
});
