import { test, expect } from './fixtures';
import { SandboxControl } from './support/sandbox';
import { PosPage } from './support/pos-page';

// Barcodes from the built-in sample catalog (first run).
const COFFEE = '7310865000361'; // Kaffe, kopp — 25.00
const BUN = '7310555086439'; // Kanelbulle — 15.00

const linkPattern = {
  ecster: /^http:\/\/127\.0\.0\.1:\d+\/pay\/ecster\/([0-9A-F]{32})$/,
  straumur: /^http:\/\/127\.0\.0\.1:\d+\/pay\/straumur\/([0-9a-z]{11})$/,
};

for (const provider of ['ecster', 'straumur'] as const) {
  test.describe(`checkout in demo mode against the ${provider} sandbox`, () => {
    test.beforeEach(async ({ pos }) => {
      await pos.open();
      if (provider === 'straumur') await pos.useDemoProvider('straumur');
    });

    test('scan, charge, the customer pays through the QR code, the till shows Paid', async ({ page, pos, consoleErrors }, testInfo) => {
      await pos.scan(COFFEE);
      await pos.scan(BUN);
      await expect(pos.cartLines).toHaveCount(2);
      await expect(pos.total).toHaveText(/40\.00/);
      await pos.charge();
      await expect(page.getByRole('status').filter({ hasText: 'Waiting for payment' })).toBeVisible();
      await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`qr-${provider}.png`) });
      const url = await pos.readQrCode();
      expect(url).toMatch(linkPattern[provider]);

      const customer = await pos.customerPresses(url, 'Pay');
      await expect(customer.getByRole('status')).toContainText(/Payment (received|complete)/);
      await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 3_000 });
      await expect(page.getByRole('button', { name: 'New sale' })).toBeFocused();
      await page.screenshot({ path: testInfo.outputPath(`paid-${provider}.png`) });

      // Enter on the focused "New sale" starts the next sale with an empty cart.
      await page.keyboard.press('Enter');
      await expect(pos.cartLines).toHaveCount(0);
      await expect(page.getByRole('button', { name: 'Charge' })).toBeVisible();
      expect(consoleErrors).toEqual([]);
    });

    test('a customer who declines leaves the sale waiting; the clerk cancels it', async ({ page, pos, host }) => {
      await pos.scan(COFFEE);
      await pos.charge();
      const url = await pos.readQrCode();
      const customer = await pos.customerPresses(url, 'Decline');
      await expect(customer.getByRole('status')).toContainText(/declin/i);

      await page.getByRole('button', { name: 'Check now' }).click();
      await expect(page.getByRole('status').filter({ hasText: /Waiting for payment|Customer opened the link/ })).toBeVisible();
      await page.getByRole('button', { name: 'Cancel payment' }).click();
      await page.getByRole('button', { name: 'Yes, cancel' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Cancelled' })).toBeVisible();

      // The link no longer takes money.
      await customer.goto(url);
      await expect(customer.getByRole('button', { name: 'Pay' })).toHaveCount(0);
      expect(host.output()).not.toContain('IPC handler failed');
    });

    test('a link that expires at the provider ends the sale as Expired, and Charge again makes a new one', async ({ page, pos, host }) => {
      await pos.scan(COFFEE);
      await pos.charge();
      const url = await pos.readQrCode();
      const reference = linkPattern[provider].exec(url)![1]!;
      await new SandboxControl(host.sandboxUrl).expire(provider, reference);
      // The till's own polling finds it (a "Check now" click could race the poll that ends the sale).
      await expect(page.getByRole('status').filter({ hasText: 'Expired' })).toBeVisible();

      await page.getByRole('button', { name: 'Charge again' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Waiting for payment' })).toBeVisible();
      expect(await pos.readQrCode()).not.toBe(url);
    });

    test('provider errors and timeouts while waiting say "Connection lost — still checking", then the payment is found', async ({
      page,
      pos,
      host,
    }) => {
      await pos.scan(COFFEE);
      await pos.charge();
      const url = await pos.readQrCode();
      const sandbox = new SandboxControl(host.sandboxUrl);
      // Every status read fails with 500 or hangs until the client gives up.
      await sandbox.setFaults([
        { kind: 'error', status: 500, share: 0.5, match: { method: 'GET', path: `/${provider}/*` } },
        { kind: 'hang', match: { method: 'GET', path: `/${provider}/*` } },
      ]);
      await expect(page.getByText('Connection lost — still checking')).toBeVisible({ timeout: 10_000 });
      await expect(page.getByRole('status').filter({ hasText: /Waiting for payment|Customer opened/ })).toBeVisible();

      await pos.customerPresses(url, 'Pay');
      await sandbox.setFaults([]);
      // A hung read is given up only at the client's timeout (15–20 s), then retried.
      await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 45_000 });
      await expect(page.getByText('Connection lost — still checking')).toHaveCount(0);
    });
  });
}

test('Straumur reports that the customer opened the link', async ({ page, pos }) => {
  await pos.open();
  await pos.useDemoProvider('straumur');
  await pos.scan(COFFEE);
  await pos.charge();
  const url = await pos.readQrCode();
  const customer = await page.context().newPage();
  await customer.goto(url);
  await expect(page.getByRole('status').filter({ hasText: 'Customer opened the link' })).toBeVisible({ timeout: 5_000 });
});

test('in demo mode a new user can play the customer from the till and finish a sale within a minute', async ({ page, pos }) => {
  await pos.open();
  await page.getByRole('button', { name: /^Kaffe, kopp/ }).click(); // a quick key
  await page.keyboard.press('F2');
  await page.getByRole('button', { name: 'Customer pays (demo)' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();
});

test.describe('changing the cart while the customer waits', () => {
  test('Ecster: the link is updated in place and the customer pays the new amount', async ({ page, pos }) => {
    await pos.open();
    await pos.scan(COFFEE);
    await pos.charge();
    const before = await pos.readQrCode();
    await pos.scan(BUN); // a forgotten item: the till switches to changing the cart
    await expect(page.getByText('The QR code is hidden while you change the cart.')).toBeVisible();
    await expect(page.getByRole('img', { name: 'Payment QR code' })).toHaveCount(0);
    await page.keyboard.press('F2');
    await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
    await expect(page.locator('.checkout__amount')).toHaveText(/40\.00/);
    expect(await pos.readQrCode()).toBe(before); // same link, new cart

    const customer = await pos.customerPresses(before, 'Pay');
    await expect(customer.getByText(/40[.,]00/).first()).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();
    await expect(page.locator('.checkout__amount')).toHaveText(/40\.00/);
  });

  test('Straumur: after the clerk confirms, the old link is disabled and a new one is shown', async ({ page, pos }) => {
    await pos.open();
    await pos.useDemoProvider('straumur');
    await pos.scan(COFFEE);
    await pos.charge();
    const before = await pos.readQrCode();
    await page.getByRole('button', { name: 'Change cart' }).click();
    await pos.scan(BUN);
    await page.getByRole('button', { name: 'Update payment' }).click();
    await expect(page.getByRole('dialog', { name: 'Replace the payment link?' })).toBeVisible();
    await page.getByRole('button', { name: 'Replace link' }).click();
    await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
    const after = await pos.readQrCode();
    expect(after).not.toBe(before);

    // The stale link takes no money; the new one does.
    const stale = await page.context().newPage();
    await stale.goto(before);
    await expect(stale.getByRole('button', { name: 'Pay' })).toHaveCount(0);
    await pos.customerPresses(after, 'Pay');
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();
    await expect(page.locator('.checkout__amount')).toHaveText(/40\.00/);
  });

  test('discarding the changes shows the unchanged link again', async ({ page, pos }) => {
    await pos.open();
    await pos.scan(COFFEE);
    await pos.charge();
    await page.getByRole('button', { name: 'Change cart' }).click();
    await pos.scan(BUN);
    await expect(pos.cartLines).toHaveCount(2);
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect(pos.cartLines).toHaveCount(1);
    await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
    await expect(page.locator('.checkout__amount')).toHaveText(/25\.00/);
  });
});

test('two windows pressing Charge at once make exactly one link, and both show that sale', async ({ page, pos, host }) => {
  await pos.open();
  const other = await page.context().newPage();
  const second = new PosPage(other, host);
  await second.open();
  await pos.scan(COFFEE);
  await second.scan(BUN);
  // Truly at once: both pages press their Charge button on a timer set to the same moment. (Two
  // Playwright clicks go one after the other, and the second window may already show the sale.)
  const at = Date.now() + 500;
  const pressAt = (p: typeof page) =>
    p.evaluate(
      (when) =>
        new Promise<boolean>((resolve) =>
          setTimeout(
            () => {
              const charge = [...document.querySelectorAll('button')].find((b) => b.textContent?.includes('Charge'));
              charge?.click();
              resolve(charge !== undefined);
            },
            Math.max(0, when - Date.now()),
          ),
        ),
      at,
    );
  expect(await Promise.all([pressAt(page), pressAt(other)])).toEqual([true, true]);

  const [first, again] = await Promise.all([pos.readQrCode(), second.readQrCode()]);
  expect(again).toBe(first);
  expect(await new SandboxControl(host.sandboxUrl).links('ecster')).toHaveLength(1);
  // Each window shows the lines of the one sale being charged, whichever window it came from.
  const lines = async (p: typeof page) => (await p.getByRole('list', { name: 'Cart' }).getByRole('listitem').allTextContents()).join('|');
  // The window that lost the race learns of the sale by event: wait for it rather than read once.
  await expect.poll(async () => new Set([await lines(page), await lines(other)]).size).toBe(1);
  expect(await lines(page)).not.toBe('');
});

test('Send link: Ecster sends the link to the e-mail the clerk enters, and the QR code stays', async ({ page, pos, host }) => {
  await pos.open();
  await pos.scan(COFFEE);
  await pos.charge();
  const url = await pos.readQrCode();
  await page.getByRole('button', { name: 'Send link' }).click();
  await page.getByLabel('E-mail').fill('kund@example.se');
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByText('The link is on its way to the customer.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
  expect(await pos.readQrCode()).toBe(url);

  // The provider was asked to send it: the sandbox's outbox has the link going to that address.
  const links = (await new SandboxControl(host.sandboxUrl).links('ecster')) as { sentTo: string | null }[];
  expect(links).toEqual([expect.objectContaining({ sentTo: 'kund@example.se' })]);
});

test('Send link is not offered for Straumur, which cannot send links', async ({ page, pos }) => {
  await pos.open();
  await pos.useDemoProvider('straumur');
  await pos.scan(COFFEE);
  await pos.charge();
  await expect(page.getByRole('img', { name: 'Payment QR code' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send link' })).toHaveCount(0);
});

test('on common till screens the waiting screen keeps a scannable QR code and every action in view', async ({ page, pos }) => {
  await pos.open();
  await pos.scan(COFFEE);
  await pos.charge();
  const qr = page.getByRole('img', { name: 'Payment QR code' });
  const panel = page.getByRole('region', { name: 'Payment' });
  // The smallest side a phone still reads at a metre, per screen (demo mode, the busiest layout).
  for (const [width, height, minQr] of [
    [1920, 1080, 400],
    [1366, 768, 240],
    [1024, 768, 180],
  ] as const) {
    await page.setViewportSize({ width, height });
    await expect(qr).toBeVisible();
    const box = (await qr.boundingBox())!;
    expect(Math.min(box.width, box.height), `QR code at ${width}×${height}`).toBeGreaterThanOrEqual(minQr);
    expect(Math.abs(box.width - box.height)).toBeLessThan(2);
    for (const name of ['Check now', 'Cancel payment', 'Customer pays (demo)', 'Customer declines (demo)']) {
      await expect(panel.getByRole('button', { name }), `${name} at ${width}×${height}`).toBeInViewport({ ratio: 1 });
    }
  }
  // The code still decodes to the link after all that scaling.
  expect(await pos.readQrCode()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/pay\/ecster\//);
});
