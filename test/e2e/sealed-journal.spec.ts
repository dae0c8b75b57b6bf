import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, type Page } from '@playwright/test';
import { encodeRecord, GENESIS_HASH, type JournalRecord } from '../../electron/services/journal/record';
import { makeDataDir, startWebHostProcess } from './support/web-host';
import { PosPage } from './support/pos-page';
import { payCart, receiptCart } from './support/receipts';

/** The reviewer's rewrite: every sale-created amount cut to a tenth, the chain computed again with LinkPOS's own encoder. */
function rewriteAmounts(dataDir: string): void {
  const file = join(dataDir, 'sales.journal');
  let prev = GENESIS_HASH;
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const r = JSON.parse(line) as JournalRecord<{ amountMinor?: number }>;
      const data = r.type === 'sale-created' ? { ...r.data, amountMinor: Math.round((r.data.amountMinor ?? 0) / 10) } : r.data;
      const encoded = encodeRecord({ seq: r.seq, at: r.at, type: r.type, saleId: r.saleId, data, prev });
      prev = encoded.hash;
      return `${encoded.line}\n`;
    });
  writeFileSync(file, lines.join(''));
  rmSync(join(dataDir, 'sales.checkpoint'), { force: true });
}

async function exportJson(page: Page, size: { width: number; height: number }, shot: string): Promise<void> {
  await page.setViewportSize(size);
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('tab', { name: 'End of day' }).click();
  await page.getByRole('button', { name: 'Export JSON' }).click();
  await page.screenshot({ path: test.info().outputPath(shot) });
}

test('the export says the journal is sealed; after the reviewer’s rewrite an alarm shows and the export check names the seals', async ({
  page,
}) => {
  const dataDir = makeDataDir();
  let host = await startWebHostProcess({ dataDir });
  try {
    await page.goto(host.url);
    await payCart(page, host.origin, receiptCart);
    let pos = new PosPage(page, host);
    await pos.open();
    await exportJson(page, { width: 1366, height: 768 }, 'sealed-export-1366.png');
    await expect(
      page.getByRole('status').filter({ hasText: /Hash chain intact and sealed by this till through record \d+/ }),
    ).toBeVisible();
    await host.stop(); // the services close: the journal is sealed at shutdown

    rewriteAmounts(dataDir);
    host = await startWebHostProcess({ dataDir });
    pos = new PosPage(page, host);
    await pos.open();
    const alarm = page.getByRole('region', { name: 'Alarms' }).filter({ hasText: 'changed or removed after they were sealed' });
    await expect(alarm).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('seal-alarm-1366.png') });
    await exportJson(page, { width: 1024, height: 768 }, 'seal-broken-export-1024.png');
    await expect(page.getByRole('status').filter({ hasText: /The journal’s seals do not hold from line \d+/ })).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('seal-broken-export-1024.png') });
  } finally {
    await host.stop();
  }
});
