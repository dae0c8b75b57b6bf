import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect, type Page } from './fixtures';
import { call, payCart, receiptCart } from './support/receipts';
import { SandboxControl } from './support/sandbox';
import { skvfsSchemaErrors } from '../support/skvfs-schema';

/**
 * A Swedish till with the simulated control unit (demo mode): every receipt is signed before it
 * is handed over and carries the unit's serial number and control code; while the unit cannot be
 * reached the sale is paid, the clerk is told, and the receipt is signed when the unit returns;
 * a copy is marked KOPIA and there is only one.
 */
async function makeSwedish(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Organisation number').fill('556036-0793');
  await page.getByLabel('Address', { exact: true }).fill('Storgatan 1, 123 45 Göteborg');
  await page.getByLabel('Swedish till: a control unit signs every receipt').check();
  await page.getByLabel('Till designation').fill('Kassa 1');
  await expect(page.getByLabel('Control unit', { exact: true })).toHaveValue('simulated');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
}

async function receiptRegion(page: Page, origin: string, id: string, copy = false) {
  await page.goto(`${origin}/?view=receipt&id=${id}${copy ? '&copy=1' : ''}`);
  await expect(page.locator('html[data-print-ready]')).toBeAttached();
  return page.getByRole('region', { name: 'Receipt' });
}

test.describe('Swedish till and the control unit', () => {
  test('a sale’s receipt is signed: control unit serial and control code on it, the till designation and the organisation number', async ({
    page,
    host,
    consoleErrors,
  }, testInfo) => {
    await makeSwedish(page, host.url);
    const fields = page.getByRole('group', { name: 'Swedish cash register rules' });
    await expect(fields.getByLabel('Till designation')).toHaveValue('Kassa 1');
    await fields.screenshot({ path: testInfo.outputPath('settings-swedish-till.png') });
    const sale = await payCart(page, host.origin, receiptCart);
    const receipt = await receiptRegion(page, host.origin, sale.id);
    await expect(receipt.getByTestId('receipt-control-code')).toHaveText(/^Control code: [A-Z2-7]{32}$/);
    await expect(receipt).toContainText(/Control unit: SIM-SE-[0-9A-Z]{6}/);
    await expect(receipt).toContainText('Till designation: Kassa 1');
    await expect(receipt).toContainText('Org. no. 556036-0793');
    await expect(receipt).toContainText('Storgatan 1, 123 45 Göteborg');
    // The simulated unit is not certified: every receipt it signs is a training receipt.
    await expect(receipt.getByTestId('receipt-mark').first()).toHaveText('ÖVNING');
    await receipt.screenshot({ path: testInfo.outputPath('signed-receipt.png') });
    expect(consoleErrors).toEqual([]);
  });

  test('while the control unit is unreachable the sale is paid and the clerk told; the receipt is signed when the unit returns', async ({
    page,
    host,
  }, testInfo) => {
    await makeSwedish(page, host.url);
    const sandbox = new SandboxControl(host.sandboxUrl);
    await sandbox.setSwitches({ 'control-unit-unreachable': true });
    const sale = await payCart(page, host.origin, receiptCart);
    expect(sale.state).toBe('paid');

    await page.goto(host.url);
    const alarm = page.getByRole('region', { name: 'Alarms' }).filter({ hasText: 'The control unit cannot be reached' });
    await expect(alarm).toBeVisible();
    await expect(alarm).toContainText('receipt 1 will be signed and printed as soon as the unit answers');
    await page.screenshot({ path: testInfo.outputPath('unit-unreachable.png') });

    let receipt = await receiptRegion(page, host.origin, sale.id);
    await expect(receipt.getByTestId('receipt-mark').first()).toHaveText('EJ KVITTO');
    await expect(receipt).toContainText('Waiting for the control unit');
    await expect(receipt.getByTestId('receipt-control-code')).toHaveCount(0);
    await receipt.screenshot({ path: testInfo.outputPath('waiting-receipt.png') });
    // Not handed over without a control code.
    await expect(
      call(page.request, host.origin, 'printout:pdf', { document: { kind: 'receipt', id: sale.id, copy: false } }),
    ).rejects.toThrow(/waiting for the control unit/);

    await sandbox.setSwitches({ 'control-unit-unreachable': false });
    await expect
      .poll(
        async () => {
          const r = await call<{ fiscal: { controlUnit: { state: string } } | null }>(page.request, host.origin, 'receipt:get', {
            id: sale.id,
            copy: false,
          });
          return r.fiscal?.controlUnit.state;
        },
        { timeout: 20_000 },
      )
      .toBe('signed');
    receipt = await receiptRegion(page, host.origin, sale.id);
    await expect(receipt.getByTestId('receipt-control-code')).toHaveText(/^Control code: [A-Z2-7]{32}$/);
    await expect(receipt).not.toContainText('EJ KVITTO');
  });

  test('a copy is marked KOPIA, in the PDF too, and only one copy is made', async ({ page, host }, testInfo) => {
    await makeSwedish(page, host.url);
    const sale = await payCart(page, host.origin, receiptCart);
    await expect
      .poll(
        async () =>
          (
            await call<{ fiscal: { controlUnit: { state: string } } | null }>(page.request, host.origin, 'receipt:get', {
              id: sale.id,
              copy: false,
            })
          ).fiscal?.controlUnit.state,
      )
      .toBe('signed');

    const pdf = await call<{ fileName: string; base64: string }>(page.request, host.origin, 'printout:pdf', {
      document: { kind: 'receipt', id: sale.id, copy: true },
    });
    const file = testInfo.outputPath('copy.pdf');
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('KOPIA');
    expect(text).toMatch(/Control code:\s+[A-Z2-7]{32}/);

    const receipt = await receiptRegion(page, host.origin, sale.id, true);
    await expect(receipt.getByTestId('receipt-mark').first()).toHaveText('KOPIA');
    await receipt.screenshot({ path: testInfo.outputPath('copy-receipt.png') });

    await expect(
      call(page.request, host.origin, 'printout:pdf', { document: { kind: 'receipt', id: sale.id, copy: true } }),
    ).rejects.toThrow(/already has its one copy/);
  });

  test('the X report shows the Swedish additions, and History exports the journal memory as XML', async ({
    page,
    host,
    consoleErrors,
  }, testInfo) => {
    await makeSwedish(page, host.url);
    await page.getByLabel('Float', { exact: true }).fill('500,00');
    await expect(page.getByText('Model designation: LinkPOS SE')).toBeVisible();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await page
      .getByRole('group', { name: 'Swedish cash register rules' })
      .screenshot({ path: testInfo.outputPath('settings-float-model.png') });
    await payCart(page, host.origin, receiptCart);

    await page.goto(host.url);
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('tab', { name: 'End of day' }).click();
    await page.getByRole('button', { name: 'Show X report' }).click();
    const sweden = page.getByTestId('report-sweden');
    await expect(sweden).toContainText('Till designation: Kassa 1');
    await expect(sweden).toContainText('Model designation: LinkPOS SE');
    await expect(page.getByTestId('report-float')).toContainText('500.00');
    await expect(page.getByTestId('report-copies')).toHaveText(/^0 · /);
    await expect(sweden).toContainText('Grand total net');
    await page.getByRole('region', { name: 'Report' }).screenshot({ path: testInfo.outputPath('x-report-swedish.png') });

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export journal memory (XML)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^linkpos-journalminne-.+\.xml$/);
    const xml = readFileSync(await download.path(), 'utf8');
    // Skatteverket's format (SKVFS 2021:16), valid against its schema; a demo sale is a training receipt.
    expect(await skvfsSchemaErrors(xml)).toEqual([]);
    expect(xml).toContain('<utrein:ExportAvDataFranJournalminneEnligtSKVFS2021-16 xmlns:utrein=');
    expect(xml).toContain('<utreko:Kassabeteckning>Kassa 1</utreko:Kassabeteckning>');
    expect(xml).toMatch(/<utreko:Ovningskvitto>[\s\S]*<utreko:LopnummerForOvningskvitto>/);
    await expect(page.getByText(/^Exported \d+ registrations to linkpos-journalminne-/)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('history-export-memory.png') });
    expect(consoleErrors).toEqual([]);
  });
});
