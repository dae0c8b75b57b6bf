import { test, expect } from './fixtures';

/**
 * Advance notice of a VAT change. The renderer's clock is set with Playwright's `page.clock`; the
 * services keep the real time, so the sample catalog carries today's Swedish rates (food at 6 %).
 */

const notice = 'Upcoming VAT changes';

test('tells the merchant a week ahead that Swedish food VAT is 12 % again from 1 January 2028', async ({ page, pos, consoleErrors }) => {
  // 10:00 on Saturday 25 December 2027 in Stockholm: seven days before the change.
  await page.clock.setFixedTime(new Date('2027-12-25T09:00:00Z'));
  await pos.open();

  await expect(page.getByRole('region', { name: notice }).getByRole('listitem')).toHaveText(['From 1 January 2028 food VAT is 12%.']);

  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('region', { name: notice }).getByRole('listitem')).toHaveText(['From 1 January 2028 food VAT is 12%.']);

  // In the clerk's language.
  await page.locator('#f-uiLanguage').selectOption('sv');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await expect(page.getByRole('region', { name: 'Kommande momsändringar' }).getByRole('listitem')).toHaveText([
    /^Från och med 1 januari 2028 är momsen på livsmedel 12\s%\.$/,
  ]);
  expect(consoleErrors).toEqual([]);
});

test('says nothing eight days before a change, nor once it is in force', async ({ page, pos }) => {
  await page.clock.setFixedTime(new Date('2027-12-24T09:00:00Z'));
  await pos.open();
  await expect(page.getByRole('button', { name: 'Charge' })).toBeVisible();
  await expect(page.getByRole('region', { name: notice })).toHaveCount(0);

  await page.clock.setFixedTime(new Date('2028-01-01T09:00:00Z'));
  await pos.open();
  await expect(page.getByRole('button', { name: 'Charge' })).toBeVisible();
  await expect(page.getByRole('region', { name: notice })).toHaveCount(0);
});
