import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { gtinCheckDigit } from '../../shared/domain/gtin';
import { noDatabase, testDatabaseUrl } from '../support/postgres';
import { callChannel, PosPage } from './support/pos-page';
import { startSandboxProcess, type SandboxProcess } from './support/sandbox';
import { startWebHostProcess, type RunningWebHost } from './support/web-host';

/**
 * Two tills of one shop: two web hosts with their own data directories, one shop database
 * (PostgreSQL) and one provider account (the standalone sandbox, in the role of Ecster).
 */
const COFFEE = '7310865000361'; // Kaffe, kopp — 25.00
const ECSTER_KEY = 'demo-ecster-api-key';

const test = base.extend<{ sandbox: SandboxProcess; shopUrl: string }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixtures without dependencies
  sandbox: async ({}, use) => {
    const sandbox = await startSandboxProcess();
    await use(sandbox);
    await sandbox.stop();
  },
  // eslint-disable-next-line no-empty-pattern -- as above
  shopUrl: async ({}, use) => {
    const name = `linkpos_e2e_${randomBytes(6).toString('hex')}`;
    const admin = async (sql: string) => {
      const client = new pg.Client({ connectionString: testDatabaseUrl! });
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(testDatabaseUrl!);
    url.pathname = `/${name}`;
    await use(url.toString());
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  },
});

interface Till {
  host: RunningWebHost;
  page: Page;
  pos: PosPage;
}

/** A till with its own data directory and browser, on the shop database and the merchant's Ecster account. */
async function openTill(browser: Browser, sandbox: SandboxProcess, shopUrl: string, tillName: string): Promise<Till> {
  const host = await startWebHostProcess({
    env: {
      LINKPOS_SHOP_DATABASE_URL: shopUrl,
      LINKPOS_ECSTER_BASE_URL: sandbox.ecsterBaseUrl,
      LINKPOS_STRAUMUR_BASE_URL: sandbox.straumurBaseUrl,
    },
  });
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  const pos = new PosPage(page, host);
  await pos.open();
  const keys = { provider: 'ecster', environment: 'test', apiKey: ECSTER_KEY, merchantKey: 'demo-merchant' };
  expect((await callChannel(page, 'credentials:set', keys)).ok).toBe(true);
  await pos.changeSettings({ provider: 'ecster', tillName });
  return { host, page, pos };
}

/** A coffee sold and paid by the customer; its order reference. */
async function sellCoffee({ page, pos }: Till): Promise<string> {
  await pos.scan(COFFEE);
  await pos.charge();
  await pos.customerPresses(await pos.readQrCode(), 'Pay');
  await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();
  const [latest] = (await callChannel(page, 'sale:list', { limit: 1 })).value as unknown as { orderReference: string }[];
  return latest!.orderReference;
}

async function showAllTills(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByLabel('Till', { exact: true }).selectOption({ label: 'All tills' });
  await page.getByRole('button', { name: 'Show' }).click();
}

test.describe('two tills, one shop database', () => {
  test.skip(noDatabase, 'no PostgreSQL server (LINKPOS_TEST_DATABASE_URL) on this machine');
  // Each test starts two web hosts and two browsers; on a loaded 2-core machine the first test took just over 60 s.
  test.describe.configure({ timeout: 120_000 });

  test('each sale has its own order reference, shows in the other till’s History under “All tills”, and the shop X report is the sum of both tills’', async ({
    browser,
    sandbox,
    shopUrl,
  }, testInfo) => {
    const counter = await openTill(browser, sandbox, shopUrl, 'Counter');
    const window = await openTill(browser, sandbox, shopUrl, 'Window');
    try {
      const fromCounter = await sellCoffee(counter);
      const fromWindow = await sellCoffee(window);
      expect(fromCounter).toMatch(/^LP-[0-9A-Z]{6}-[0-9A-Z]{2}-1$/);
      expect(fromWindow).toMatch(/^LP-[0-9A-Z]{6}-[0-9A-Z]{2}-1$/);
      expect(fromWindow).not.toBe(fromCounter);

      // Each till sees the other's sale within seconds, by the other till's name.
      await showAllTills(window.page);
      await expect(window.page.getByRole('button', { name: 'Open sale 1 of Counter' })).toBeVisible({ timeout: 10_000 });
      await expect(window.page.getByRole('button', { name: 'Open sale 1', exact: true })).toBeVisible();
      await showAllTills(counter.page);
      await expect(counter.page.getByRole('button', { name: 'Open sale 1 of Window' })).toBeVisible({ timeout: 10_000 });
      await counter.page.getByRole('button', { name: 'Open sale 1 of Window' }).click();
      const detail = counter.page.getByRole('region', { name: 'Sale 1' });
      await expect(detail).toContainText(fromWindow);
      await expect(detail).toContainText('Made on Window. Its receipt and any action are on that till.');
      await counter.page.screenshot({ path: testInfo.outputPath('history-all-tills-1366.png') });
      await counter.page.setViewportSize({ width: 1024, height: 768 });
      await counter.page.screenshot({ path: testInfo.outputPath('history-all-tills-1024.png') });

      // The shop's X report on one till equals the sum of both tills' own, to the öre.
      await window.page.getByRole('tab', { name: 'End of day' }).click();
      await window.page.getByRole('button', { name: 'Show shop X report' }).click();
      const shop = window.page.getByRole('region', { name: 'Shop X report' });
      await expect(shop.getByTestId('gross-SEK').first()).toHaveText(/50[.,]00/);
      await expect(shop.getByTestId('sales-count-SEK').first()).toHaveText('2');
      await shop.scrollIntoViewIfNeeded();
      await window.page.screenshot({ path: testInfo.outputPath('shop-x-report-1366.png'), fullPage: true });
      const shopX = (await callChannel(window.page, 'shop:xReport')).value as {
        total: { real: { currencies: { sales: { amountMinor: number }; vatTotalMinor: number }[] } };
      };
      const own = async (page: Page) =>
        (
          (await callChannel(page, 'report:x', {})).value as {
            real: { currencies: { sales: { amountMinor: number }; vatTotalMinor: number }[] };
          }
        ).real.currencies[0]!;
      const [a, b] = [await own(counter.page), await own(window.page)];
      expect(shopX.total.real.currencies[0]!.sales.amountMinor).toBe(a.sales.amountMinor + b.sales.amountMinor);
      expect(shopX.total.real.currencies[0]!.vatTotalMinor).toBe(a.vatTotalMinor + b.vatTotalMinor);
    } finally {
      for (const till of [counter, window]) {
        await till.page.context().close();
        await till.host.stop();
      }
    }
  });

  test('a catalog imported on one till reaches the other, which loads it between sales and says “Catalog updated”', async ({
    browser,
    sandbox,
    shopUrl,
  }, testInfo) => {
    const counter = await openTill(browser, sandbox, shopUrl, 'Counter');
    const windowTill = await openTill(browser, sandbox, shopUrl, 'Window');
    try {
      // The window till is building a sale from the catalog it has.
      await windowTill.pos.scan(COFFEE);
      await expect(windowTill.pos.cartLines).toHaveCount(1);
      await expect(windowTill.pos.total).toHaveText(/25\.00/);

      // The counter imports the shop's new catalog: coffee dearer, and a bun.
      const BUN = '735012345001' + gtinCheckDigit('735012345001');
      const csv =
        '\uFEFF' +
        ['Streckkod;Namn;Pris;Moms;Enhet;Artikelnummer', `${COFFEE};Kaffe, kopp;27,00;12;st;K-1`, `${BUN};Lussekatt;35,00;12;st;L-1`].join(
          '\r\n',
        ) +
        '\r\n';
      await counter.page.getByRole('button', { name: 'Settings' }).click();
      await counter.page
        .getByLabel('Import catalog')
        .setInputFiles({ name: 'katalog.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await counter.page.getByRole('button', { name: 'Import 2 valid rows' }).click();
      await expect(counter.page.getByText('Catalog imported: 2 products.')).toBeVisible();

      // The sale in progress keeps its price; the new catalog waits until the cart is done with.
      await expect
        .poll(async () => ((await callChannel(windowTill.page, 'catalog:snapshot')).value as { products: unknown[] }).products.length, {
          timeout: 10_000,
        })
        .toBe(2);
      await expect(windowTill.page.getByText(/Catalog updated/)).toHaveCount(0);
      await expect(windowTill.pos.total).toHaveText(/25\.00/);
      await windowTill.page.getByRole('button', { name: 'Remove Kaffe, kopp' }).click();
      await expect(windowTill.page.getByText('Catalog updated: 2 products from the shop.')).toBeVisible({ timeout: 10_000 });
      await windowTill.page.screenshot({ path: testInfo.outputPath('catalog-updated-1366.png') });
      await windowTill.pos.scan(BUN);
      await windowTill.pos.scan(COFFEE);
      await expect(windowTill.pos.cartLines).toHaveCount(2);
      await expect(windowTill.pos.total).toHaveText(/62\.00/);
    } finally {
      for (const till of [counter, windowTill]) {
        await till.page.context().close();
        await till.host.stop();
      }
    }
  });
});
