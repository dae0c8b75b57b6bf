import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeEscPos } from '../../electron/services/sandbox/virtual-printer/decoder';
import { test, expect, type Page } from './fixtures';
import { expectFirstDemoReceipt, sellAndPay, THANKS } from './support/printing';

async function openPrinterSettings(page: Page, kind: string): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Receipt printer type').selectOption({ label: kind });
  await page.getByLabel('Receipt thank-you text').fill(THANKS);
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
}

test.describe('the demo’s virtual receipt printer', () => {
  test('a paid demo sale’s receipt prints on the virtual printer and shows on the paper roll: lines, total and the Nordic letters', async ({
    page,
    pos,
    consoleErrors,
  }, testInfo) => {
    await pos.open();
    await openPrinterSettings(page, 'Virtual printer (demo)');
    await save(page);
    await page.getByRole('button', { name: 'Show paper roll' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('settings-virtual.png') });
    // The test page, from Settings, and the roll it is on.
    await page.getByRole('button', { name: 'Print test page' }).click();
    await expect(page.getByText('The test page was printed on the virtual printer.')).toBeVisible();
    await page.getByRole('button', { name: 'Show paper roll' }).click();
    const roll = page.getByRole('region', { name: 'Paper roll' });
    await expect(roll).toContainText('LinkPOS test page');
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(roll).toBeHidden();

    await sellAndPay(page, pos);
    await page.getByRole('button', { name: 'Print receipt' }).click();
    await page.getByRole('button', { name: 'Show paper roll' }).click();
    await expect(roll).toContainText('Training receipt 1');
    // The newest paper is the receipt, cut off after the test page.
    const papers = roll.locator('.paper');
    await expect(papers).toHaveCount(2);
    await expect(roll.getByRole('separator', { name: 'Cut' })).toHaveCount(2);
    const receipt = papers.nth(1);
    await expect(receipt).toBeInViewport();
    const lines = await receipt.locator('.paper__line').allInnerTexts();
    await testInfo.attach('paper-roll.txt', { body: lines.join('\n'), contentType: 'text/plain' });
    expectFirstDemoReceipt(lines);
    await page.screenshot({ path: testInfo.outputPath('paper-roll.png') });
    expect(consoleErrors).toEqual([]);
  });
});

test.describe('a computer printer in raw mode (CUPS)', () => {
  // CUPS is outside the product: `lp` and `lpstat` on the web host's PATH are shell scripts that spool the bytes to a directory.
  const spool = mkdtempSync(join(tmpdir(), 'linkpos-e2e-cups-'));
  const fakeCups = resolve(import.meta.dirname, '..', 'support', 'fake-cups');
  test.use({ hostEnv: { PATH: `${fakeCups}:${process.env.PATH ?? ''}`, LINKPOS_FAKE_CUPS_SPOOL: spool } });

  const job = (n: number) => decodeEscPos(readFileSync(join(spool, `job-${n}`)));

  test('the clerk picks the OS printer, prints the test page and a paid sale’s receipt through lp -o raw', async ({
    page,
    pos,
  }, testInfo) => {
    await pos.open();
    await openPrinterSettings(page, 'Computer printer in raw mode (CUPS, ESC/POS)');
    await page.getByLabel('Printer (from the computer’s printers)').selectOption('TM_m30');
    await page.getByRole('button', { name: 'Print test page' }).click();
    await expect(page.getByText('The test page was printed on TM_m30.')).toBeVisible();
    const testPage = job(1);
    expect(testPage.cuts).toBe(1);
    expect(testPage.slips[0]!.map((l) => l.trim())).toContain('LinkPOS test page');
    expect(readFileSync(join(spool, 'args-1'), 'utf8').split('\n').filter(Boolean)).toEqual(['-d', 'TM_m30', '-o', 'raw']);
    await page.screenshot({ path: testInfo.outputPath('settings-cups.png') });
    await save(page);

    await sellAndPay(page, pos);
    await page.getByRole('button', { name: 'Print receipt' }).click();
    await expect.poll(() => readdirSync(spool).filter((f) => f.startsWith('job-')).length).toBe(2);
    const receipt = job(2);
    expect(receipt.cuts).toBe(1);
    await testInfo.attach('receipt.txt', { body: receipt.slips[0]!.join('\n'), contentType: 'text/plain' });
    expectFirstDemoReceipt(receipt.slips[0]!);
  });
});
