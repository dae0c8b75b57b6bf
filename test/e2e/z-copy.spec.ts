import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect } from './fixtures';
import { call, payCart, receiptCart } from './support/receipts';
import { makeDataDir, startWebHostProcess } from './support/web-host';

/** The Swedish report rules' fixture (the unit tests work its figures out from its sales). */
const rules = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/fiscal/skvfs-2014-9-reports.json'), 'utf8')) as {
  counting: { expect: { goods: number; services: number; groups: object[]; discounts: object[] } };
};

/**
 * A Swedish till's Z report is numbered and reprinted only as a copy (7 kap. 3 § SKVFS 2014:9):
 * the Z as taken is the original, unmarked; its later printouts, and the Z opened again from the
 * list, carry KOPIA at twice the amounts' size. The report shows the goods and services counts,
 * the reductions and the sales per main group.
 */
test('a Z report is the original when taken; reprinted it is marked KOPIA, on screen and in the PDF', async ({
  page,
  host,
  consoleErrors,
}, testInfo) => {
  await page.goto(host.url);
  await call(page.request, host.origin, 'settings:save', {
    settings: {
      shop: { name: 'Bageriet', organisationNumber: '5560360793', address: 'Storgatan 1, 123 45 Göteborg' },
      sweden: { enabled: true, tillDesignation: 'Kassa 1', floatMinor: 50000 },
    },
  });
  await payCart(page, host.origin, receiptCart);

  await page.goto(host.url);
  await page.getByRole('button', { name: 'History' }).click();
  await page.getByRole('tab', { name: 'End of day' }).click();
  await page.getByRole('button', { name: 'Close the day (Z report)' }).click();
  await page.getByRole('button', { name: 'Yes, close the day' }).click();
  const report = page.getByRole('region', { name: 'Report' });
  await expect(report).toContainText('Z report 1');
  // The Swedish counts are on it (the demo's sales are training sales: apart, so zero here).
  await expect(report.getByTestId('report-goods')).toHaveText('0');
  await expect(report.getByTestId('report-services')).toHaveText('0');
  await expect(report.getByTestId('report-discounts-SEK')).toHaveText(/^0 · /);
  await expect(report.getByTestId('report-z-copies')).toHaveText('0');
  // The original: never marked.
  await expect(report.getByTestId('report-copy-mark')).toHaveCount(0);
  await report.screenshot({ path: testInfo.outputPath('z-original.png') });

  const pdfText = async (name: string) => {
    const pdf = await call<{ fileName: string; base64: string }>(page.request, host.origin, 'printout:pdf', {
      document: { kind: 'z-report', number: 1 },
    });
    const file = testInfo.outputPath(name);
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    return { fileName: pdf.fileName, text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }) };
  };
  const original = await pdfText('z-original.pdf');
  expect(original.fileName).toBe('linkpos-z-report-1.pdf');
  expect(original.text).toContain('Z report 1');
  expect(original.text).not.toContain('KOPIA');
  const reprint = await pdfText('z-reprint.pdf');
  expect(reprint.fileName).toBe('linkpos-z-report-1-copy.pdf');
  expect(reprint.text.match(/KOPIA/g)).toHaveLength(2);

  // Opened again from the list of earlier Z reports: a copy on screen, and its next report counts the reprint.
  await page.getByRole('button', { name: 'Z report 1' }).click();
  await expect(report.getByTestId('report-copy-mark')).toHaveCount(2);
  await expect(report.getByTestId('report-copy-mark').first()).toHaveText('KOPIA');
  const sizes = await report.evaluate((el) => {
    const size = (selector: string) => parseFloat(getComputedStyle(el.querySelector(selector)!).fontSize);
    return { mark: size('[data-testid="report-copy-mark"]'), amount: size('.receipt__amount') };
  });
  expect(sizes.mark).toBeGreaterThanOrEqual(2 * sizes.amount);
  await report.screenshot({ path: testInfo.outputPath('z-copy.png') });
  await page.getByRole('button', { name: 'Show X report' }).click();
  await expect(report.getByTestId('report-z-copies')).toHaveText('1');
  await expect(report.getByTestId('report-copy-mark')).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});

test('a saved Swedish Z with sales per main group reads on the print page in Swedish, reprinted as KOPIA', async ({ page }, testInfo) => {
  // Demo sales are training sales, which the counts leave out: this Z's Swedish part is written as
  // the back office writes one for real sales (the figures of the unit tests' fixture), to look at.
  const dataDir = makeDataDir();
  const sek = <T extends object>(row: T) => ({ ...row, currency: 'SEK' as const });
  const z = {
    kind: 'z',
    tillName: 'Kassa 1',
    number: 1,
    period: { fromSeq: 0, toSeq: 0, fromAt: null, toAt: '2026-12-01T18:00:00.000Z' },
    entries: 0,
    real: { currencies: [], firstReceipt: null, lastReceipt: null },
    training: { currencies: [], firstReceipt: null, lastReceipt: null },
    drawerOpenings: 0,
    sweden: {
      organisationNumber: '556036-0793',
      tillDesignation: 'Kassa 1',
      modelDesignation: 'LinkPOS SE',
      floatMinor: 50000,
      copies: { count: 0, amountMinor: 0 },
      grandTotals: [sek({ salesMinor: 31700, returnsMinor: 4800, netMinor: 26900 })],
      groups: rules.counting.expect.groups.map(sek),
      goods: rules.counting.expect.goods,
      services: rules.counting.expect.services,
      discounts: rules.counting.expect.discounts.map(sek),
      zCopies: 0,
    },
  };
  writeFileSync(join(dataDir, 'z-reports.json'), JSON.stringify({ version: 1, reports: [z] }));
  const host = await startWebHostProcess({ dataDir });
  try {
    await page.goto(host.url);
    await call(page.request, host.origin, 'settings:save', { settings: { uiLanguage: 'sv' } });
    await page.goto(`${host.origin}/?view=report&kind=z&number=1&copy=1`);
    await expect(page.locator('html[data-print-ready]')).toBeAttached();
    const report = page.getByRole('region', { name: 'Rapport' });
    await expect(report.getByTestId('report-copy-mark')).toHaveCount(2);
    const groups = report.getByTestId('report-groups');
    await expect(groups).toContainText('Försäljning per huvudgrupp');
    await expect(groups).toContainText(/Livsmedel\s*6 · 234,00/);
    await expect(groups).toContainText(/\(ingen grupp\)\s*1 · 15,00/);
    await expect(report.getByTestId('report-goods')).toHaveText('6');
    await expect(report.getByTestId('report-services')).toHaveText('2');
    await expect(report.getByTestId('report-discounts-SEK')).toHaveText(/^4 · 33,00/);
    await report.screenshot({ path: testInfo.outputPath('z-copy-groups-sv.png') });
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
