import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { test, expect } from './fixtures';
import { noDatabase, testDatabaseUrl } from '../support/postgres';

// A sale's records reach the shop database (PostgreSQL) in the background; the header says so.
const COFFEE = '7310865000361'; // Kaffe, kopp — 25.00

const name = `linkpos_e2e_${randomBytes(6).toString('hex')}`;
const shopUrl = (() => {
  const url = new URL(testDatabaseUrl ?? 'postgres://127.0.0.1/none');
  url.pathname = `/${name}`;
  return url.toString();
})();

async function admin<T>(work: (client: pg.Client) => Promise<T>, database?: string): Promise<T> {
  const url = new URL(testDatabaseUrl!);
  if (database) url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

test.describe('shop database', () => {
  test.skip(noDatabase, 'no PostgreSQL server (LINKPOS_TEST_DATABASE_URL) on this machine');
  test.beforeAll(async () => {
    await admin((c) => c.query(`CREATE DATABASE ${name}`));
  });
  test.afterAll(async () => {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });

  test('entered in Settings: tested, then a paid sale reaches it and the header says it is up to date', async ({ page, pos }, testInfo) => {
    await pos.open();
    // Without a shop database the till works alone and says nothing of syncing.
    await expect(page.getByText(/Shop sync/)).toHaveCount(0);
    await page.getByRole('button', { name: 'Settings' }).click();
    const field = page.getByLabel('Shop database', { exact: true });
    await field.fill('db.example.se/shop');
    await page.getByRole('button', { name: 'Save shop database' }).click();
    await expect(page.getByText('The shop database must be a PostgreSQL address')).toBeVisible();

    await field.fill(shopUrl);
    await page.getByRole('button', { name: 'Save shop database' }).click();
    const target = `${new URL(shopUrl).username}@${new URL(shopUrl).host}/${name}`;
    await expect(page.getByText(`Set: ${target} (saved encrypted).`)).toBeVisible();
    await expect(field).toHaveValue(''); // write-only: the address is never shown again
    await page.getByRole('button', { name: 'Test database connection' }).click();
    await expect(page.getByRole('status').filter({ hasText: /^✔ Connected\./ })).toBeVisible();
    await page.getByRole('heading', { name: 'Shop database' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('shop-database-settings.png') });

    await page.getByRole('button', { name: 'Sell' }).click();
    await pos.scan(COFFEE);
    await pos.charge();
    await pos.customerPresses(await pos.readQrCode(), 'Pay');
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Shop sync: up to date' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('shop-sync-header.png') });

    const types = await admin(async (c) => (await c.query<{ type: string }>('SELECT type FROM journal_records ORDER BY seq')).rows, name);
    expect(types.map((row) => row.type)).toContain('sale-created');
    expect(types.length).toBeGreaterThanOrEqual(3);
    // The password is nowhere in what the renderer can read.
    const status = await page.evaluate(() => document.body.innerText);
    expect(status).not.toContain(shopUrl);
  });
});
