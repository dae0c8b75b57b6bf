import { test, expect } from './fixtures';
import { callChannel } from './support/pos-page';
import { call, payCart, receiptCart } from './support/receipts';

/**
 * Staff on a real till (web host, real services): the owner and a clerk are set up in Settings →
 * Staff; the clerk cannot open Settings or replace the provider keys without the manager's PIN —
 * refused in main, not only hidden — and five wrong PINs lock the approval dialog, said in words.
 */
const OWNER_PIN = '80461935';
const CLERK_PIN = '72950318';

test('owner and clerk: Settings and provider keys need the manager’s PIN; five wrong PINs lock', async ({
  page,
  pos,
  consoleErrors,
}, testInfo) => {
  await pos.open();
  // No staff: the till works as before, Settings opens straight away.
  await page.getByRole('button', { name: 'Settings' }).click();
  const staff = page.getByRole('region', { name: 'Staff' });
  await expect(staff).toContainText('No staff yet');
  await staff.getByLabel('Name').fill('Olga Owner');
  await staff.getByLabel('PIN').fill(OWNER_PIN);
  await staff.getByRole('button', { name: 'Add staff' }).click();
  await expect(page.getByText('Signed in: Olga Owner (Manager)')).toBeVisible();

  await staff.getByLabel('Name').fill('Carl Clerk');
  await staff.getByLabel('PIN', { exact: true }).fill(CLERK_PIN);
  await staff.getByLabel('Role').selectOption('clerk');
  await staff.getByRole('button', { name: 'Add staff' }).click();
  await expect(staff.getByRole('list', { name: 'Staff members' }).getByRole('listitem')).toHaveCount(2);
  await staff.screenshot({ path: testInfo.outputPath('staff-settings.png') });

  // Hand over: F8, then the clerk's PIN.
  await page.keyboard.press('F8');
  await expect(page.getByRole('heading', { name: 'Who is at the till?' })).toBeVisible();
  // Only the keys that work here: Enter signs in; the selling screen's keys wait for a clerk.
  const hints = page.getByRole('contentinfo', { name: 'Keyboard shortcuts' });
  await expect(hints).toHaveText('Enter Sign in');
  await page.screenshot({ path: testInfo.outputPath('sign-in.png') });
  await page.getByLabel('PIN').fill(CLERK_PIN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in: Carl Clerk (Clerk)')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Charge' })).toBeVisible();
  await expect(hints).toContainText('F2 Charge');

  // Settings asks for a manager; cancelling leaves the clerk where they were.
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manager approval' });
  await expect(dialog).toBeVisible();
  await dialog.screenshot({ path: testInfo.outputPath('approval.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeHidden();

  // The keys cannot be replaced behind the dialog's back: main refuses the call itself.
  const replaced = await callChannel(page, 'credentials:set', {
    provider: 'ecster',
    environment: 'live',
    apiKey: 'attacker-key',
    merchantKey: 'attacker',
  });
  expect(replaced.ok).toBe(false);
  expect(replaced.error).toMatchObject({
    code: 'approval-required',
    message: 'This needs a manager. Ask a manager to approve it with their PIN.',
  });
  const saved = await callChannel(page, 'settings:save', { settings: { tillName: 'Not yours' } });
  expect(saved.error?.code).toBe('approval-required');

  // Five wrong PINs in the approval dialog: locked, in words.
  await page.getByRole('button', { name: 'Settings' }).click();
  for (let i = 0; i < 4; i += 1) {
    await dialog.getByLabel('Manager PIN').fill('11112222');
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect(dialog.getByText(`Wrong PIN. ${4 - i} more tries before a pause.`)).toBeVisible();
  }
  await dialog.getByLabel('Manager PIN').fill('11112222');
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog.getByText(/Too many wrong PINs\. Try again in \d+ seconds\./)).toBeVisible();
  // Even the manager's PIN is not checked while locked.
  await dialog.getByLabel('Manager PIN').fill(OWNER_PIN);
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(dialog.getByText(/Too many wrong PINs/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeHidden();
  await dialog.screenshot({ path: testInfo.outputPath('locked.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(consoleErrors).toEqual([]);
});

test('a manager’s PIN opens Settings for a clerk, and lets one save through', async ({ page, pos }) => {
  await pos.open();
  expect((await callChannel(page, 'staff:add', { name: 'Olga Owner', pin: OWNER_PIN, role: 'manager' })).ok).toBe(true);
  expect((await callChannel(page, 'staff:add', { name: 'Carl Clerk', pin: CLERK_PIN, role: 'clerk' })).ok).toBe(true);
  expect((await callChannel(page, 'staff:signIn', { pin: CLERK_PIN })).ok).toBe(true);
  await page.reload();
  await expect(page.getByText('Signed in: Carl Clerk (Clerk)')).toBeVisible();
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Manager approval' });
  await dialog.getByLabel('Manager PIN').fill(OWNER_PIN);
  await dialog.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.getByLabel('Till name').fill('Counter 3');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  // That approval is spent: the next save asks again.
  await page.getByLabel('Till name').fill('Counter 4');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeVisible();
});

test('a sale is the clerk’s who charged it: on the receipt, in the X report and in History’s Clerk filter', async ({
  page,
  pos,
  host,
}, testInfo) => {
  await pos.open();
  expect((await callChannel(page, 'staff:add', { name: 'Olga Owner', pin: OWNER_PIN, role: 'manager' })).ok).toBe(true);
  expect((await callChannel(page, 'staff:add', { name: 'Carl Clerk', pin: CLERK_PIN, role: 'clerk' })).ok).toBe(true);
  expect((await callChannel(page, 'staff:signIn', { pin: CLERK_PIN })).ok).toBe(true);
  const sale = await payCart(page, host.origin, receiptCart);
  expect(sale.clerk?.name).toBe('Carl Clerk');

  await page.goto(`${host.origin}/?view=receipt&id=${sale.id}`);
  const receipt = page.getByRole('region', { name: 'Receipt' });
  await expect(receipt).toContainText('Carl Clerk');

  const x = await call<{ period: { toSeq: number } }>(page.request, host.origin, 'report:x', {});
  await page.goto(`${host.origin}/?view=report&kind=x&upToSeq=${x.period.toSeq}`);
  const clerks = page.getByTestId('report-clerks');
  await expect(clerks).toContainText('By clerk');
  await expect(clerks).toContainText('Carl Clerk (training)');

  // The owner sells one too; History's Clerk filter shows each clerk's own sales.
  expect((await callChannel(page, 'staff:signIn', { pin: OWNER_PIN })).ok).toBe(true);
  await payCart(page, host.origin, receiptCart);
  await page.goto(host.url);
  await expect(page.getByText('Signed in: Olga Owner (Manager)')).toBeVisible();
  await page.getByRole('button', { name: 'History' }).click();
  const list = page.getByRole('region', { name: 'Sales' });
  await expect(list.getByRole('button', { name: /^Open sale/ })).toHaveCount(2);
  const filters = page.getByRole('form', { name: 'Filter sales' });
  await filters.getByLabel('Clerk').selectOption({ label: 'Carl Clerk' });
  await filters.getByRole('button', { name: 'Show' }).click();
  await expect(list.getByRole('button', { name: /^Open sale/ })).toHaveCount(1);
  await expect(list.getByRole('button', { name: 'Open sale 1' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('history-clerk.png') });
  await filters.getByLabel('Clerk').selectOption({ label: 'Olga Owner' });
  await filters.getByRole('button', { name: 'Show' }).click();
  await expect(list.getByRole('button', { name: 'Open sale 2' })).toBeVisible();
  await expect(list.getByRole('button', { name: /^Open sale/ })).toHaveCount(1);
  await filters.getByLabel('Clerk').selectOption({ label: 'All clerks' });
  await filters.getByRole('button', { name: 'Show' }).click();
  await expect(list.getByRole('button', { name: /^Open sale/ })).toHaveCount(2);

  // The Z report names who closed the day.
  const z = await call<{ number: number }>(page.request, host.origin, 'report:z', {});
  await page.goto(`${host.origin}/?view=report&kind=z&number=${z.number}`);
  await expect(page.getByRole('region', { name: 'Report' })).toContainText('Closed by: Olga Owner');
});

test('saving live keys on a till without staff asks for the owner’s PIN, then saves the keys in the same flow', async ({
  page,
  pos,
  consoleErrors,
}, testInfo) => {
  await pos.open();
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Provider').selectOption('ecster');
  await page.getByLabel('Environment').selectOption('live');
  await page.getByLabel('API key').fill('live-api-key-4821');
  await page.getByLabel('Merchant key').fill('live-merchant-key');
  await page.getByRole('button', { name: 'Save', exact: true }).click();

  const owner = page.getByRole('dialog', { name: "Create the owner's PIN" });
  await expect(owner).toBeVisible();
  await owner.getByLabel('Name').fill('Olga Owner');
  await owner.getByLabel('PIN', { exact: true }).fill(OWNER_PIN);
  await owner.getByLabel('Repeat PIN').fill('80461936');
  await owner.getByRole('button', { name: 'Create owner' }).click();
  await expect(owner.getByText('The two PINs are not the same.')).toBeVisible();
  await owner.screenshot({ path: testInfo.outputPath('owner-dialog.png') });
  await owner.getByLabel('Repeat PIN').fill(OWNER_PIN);
  await owner.getByRole('button', { name: 'Create owner' }).click();

  await expect(owner).toBeHidden();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await expect(page.getByText('Key ending …4821 is configured')).toBeVisible();
  await expect(page.getByText('Signed in: Olga Owner (Manager)')).toBeVisible();
  const status = await callChannel(page, 'staff:status');
  expect(status.value).toMatchObject({ enabled: true, members: [{ name: 'Olga Owner', role: 'manager', owner: true }] });
  expect(consoleErrors).toEqual([]);
});
