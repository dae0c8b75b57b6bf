import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startSandboxProcess, type SandboxProcess } from './support/sandbox';
import { startWebHostProcess, type RunningWebHost } from './support/web-host';
import { PosPage } from './support/pos-page';

/**
 * A merchant with real credentials: the provider is configured through the Settings screen and
 * reached over HTTP at its own address — here the standalone sandbox, a separate process that
 * outlives the till, as a payment provider does.
 */
const test = base.extend<{ sandbox: SandboxProcess }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixtures without dependencies
  sandbox: async ({}, use) => {
    const sandbox = await startSandboxProcess();
    await use(sandbox);
    await sandbox.stop();
  },
});

const COFFEE = '7310865000361';
const ECSTER_KEY = 'demo-ecster-api-key';

async function startTill(sandbox: SandboxProcess, dataDir?: string): Promise<RunningWebHost> {
  return startWebHostProcess({
    ...(dataDir ? { dataDir } : {}),
    env: { LINKPOS_ECSTER_BASE_URL: sandbox.ecsterBaseUrl, LINKPOS_STRAUMUR_BASE_URL: sandbox.straumurBaseUrl },
  });
}

/** The merchant's steps in Settings: provider, environment, keys, Save. */
async function configureInSettings(
  page: Page,
  fields: { provider: 'ecster' | 'straumur'; environment?: string; apiKey: string; merchantKey?: string; terminal?: string },
): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Provider').selectOption(fields.provider);
  if (fields.environment) await page.getByLabel('Environment').selectOption(fields.environment);
  await page.getByLabel('API key').fill(fields.apiKey);
  if (fields.merchantKey) await page.getByLabel('Merchant key').fill(fields.merchantKey);
  if (fields.terminal) await page.getByLabel('Terminal identifier').fill(fields.terminal);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test('configure Ecster in Settings, test the connection, and make a real-mode sale', async ({ page, sandbox }) => {
  const host = await startTill(sandbox);
  try {
    const pos = new PosPage(page, host);
    await pos.open();
    await configureInSettings(page, { provider: 'ecster', environment: 'test', apiKey: ECSTER_KEY, merchantKey: 'demo-merchant' });
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await expect(page.getByText(`Key ending …${ECSTER_KEY.slice(-4)} is configured`)).toBeVisible();
    await expect(page.getByLabel('API key')).toHaveValue(''); // write-only: never shown again

    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText('Connection works.')).toBeVisible();
    await expect(page.getByText('Demo — no real payments')).toHaveCount(0);

    await page.getByRole('button', { name: 'Sell' }).click();
    await pos.scan(COFFEE);
    await pos.charge();
    const url = await pos.readQrCode();
    expect(url.startsWith(sandbox.control.baseUrl)).toBe(true);
    await pos.customerPresses(url, 'Pay');
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 3_000 });

    // The key never reached the disk in plain, base64 or hex form: not the stores, not the log.
    const forms = [ECSTER_KEY, Buffer.from(ECSTER_KEY).toString('base64'), Buffer.from(ECSTER_KEY).toString('hex')];
    expect(filesUnder(host.dataDir)).toContain(join(host.dataDir, 'logs', 'linkpos.log'));
    for (const file of filesUnder(host.dataDir)) {
      const bytes = readFileSync(file).toString('latin1');
      for (const form of forms) expect(bytes.includes(form), `${file} contains the key`).toBe(false);
    }
  } finally {
    await host.stop();
  }
});

test('a wrong key is reported by Test connection and sales do not go to the provider', async ({ page, sandbox }) => {
  const host = await startTill(sandbox);
  try {
    const pos = new PosPage(page, host);
    await pos.open();
    // A provider chosen, or keys typed, but not saved are not what Test connection would check: it says so.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Provider').selectOption('ecster');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText('Save your changes first')).toBeVisible();
    await page.getByLabel('API key').fill('not-the-right-key');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText('Save your changes first')).toBeVisible();

    // Test connection pressed straight after Save waits for the save, then tests the saved key.
    await configureInSettings(page, { provider: 'ecster', apiKey: 'not-the-right-key', merchantKey: 'demo-merchant' });
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(page.getByText(/rejected the key/)).toBeVisible();
    expect(host.output()).not.toContain('not-the-right-key');
  } finally {
    await host.stop();
  }
});

test('the till is killed while waiting for payment; after a restart the same sale resumes and completes', async ({ page, sandbox }) => {
  const first = await startTill(sandbox);
  const pos = new PosPage(page, first);
  await pos.open();
  await configureInSettings(page, { provider: 'ecster', apiKey: ECSTER_KEY, merchantKey: 'demo-merchant' });
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Sell' }).click();
  await pos.scan(COFFEE);
  await pos.charge();
  const url = await pos.readQrCode();
  const saleLine = (await page.getByText(/^Sale \d+ · Reference /).textContent())!;

  await first.kill(); // SIGKILL: a power cut, nothing flushed beyond what the journal fsynced
  await pos.customerPresses(url, 'Pay'); // the customer pays while the till is down

  const second = await startTill(sandbox, first.dataDir);
  try {
    await page.goto(second.url);
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 10_000 });
    await expect(page.getByText(saleLine, { exact: true })).toBeVisible(); // the same sale, same number
    expect(await sandbox.control.links('ecster')).toHaveLength(1); // exactly one link, never re-created
  } finally {
    await second.stop();
  }
});

test('configure Straumur in Settings; a sale survives the till being killed while the customer pays', async ({ page, sandbox }) => {
  const first = await startTill(sandbox);
  const pos = new PosPage(page, first);
  await pos.open();
  await configureInSettings(page, {
    provider: 'straumur',
    environment: 'staging',
    apiKey: 'demo-straumur-api-key',
    terminal: 'LINKPOSTILL1',
  });
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('Connection works.')).toBeVisible();
  await expect(page.getByText('Demo — no real payments')).toHaveCount(0);

  await page.getByRole('button', { name: 'Sell' }).click();
  await pos.scan(COFFEE);
  await pos.charge();
  const url = await pos.readQrCode();
  expect(url).toMatch(/\/pay\/straumur\/[0-9a-z]{11}$/);
  await first.kill();
  await pos.customerPresses(url, 'Pay');

  const second = await startTill(sandbox, first.dataDir);
  try {
    await page.goto(second.url);
    await expect(page.getByRole('status').filter({ hasText: 'Paid' })).toBeVisible({ timeout: 10_000 });
    expect(await sandbox.control.links('straumur')).toHaveLength(1);
  } finally {
    await second.stop();
  }
});
