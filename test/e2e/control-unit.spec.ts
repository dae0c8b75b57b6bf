import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { test, expect, type Page } from './fixtures';
import { call, payCart, receiptCart } from './support/receipts';
import { SandboxControl } from './support/sandbox';
import { startSmtpServer } from '../support/smtp';
import { skvfsSchemaErrors } from '../support/skvfs-schema';

/**
 * A Swedish till with the simulated control unit (demo mode): every receipt is signed before it
 * is handed over and carries the unit's serial number and control code; while the unit cannot be
 * reached the sale is paid, the clerk is told, and the receipt is signed when the unit returns;
 * a copy is marked KOPIA and there is only one.
 */
async function makeSwedish(page: Page, url: string, options: { virtualPrinter?: boolean } = {}) {
  await page.goto(url);
  await page.getByRole('button', { name: 'Settings' }).click();
  if (options.virtualPrinter) await page.getByLabel('Receipt printer type').selectOption({ label: 'Virtual printer (demo)' });
  await page.getByLabel('Organisation number').fill('556036-0793');
  await page.getByLabel('Address', { exact: true }).fill('Storgatan 1, 123 45 Göteborg');
  await page.getByLabel('Swedish till: a control unit signs every receipt').check();
  await page.getByLabel('Till designation').fill('Kassa 1');
  await expect(page.getByLabel('Control unit', { exact: true })).toHaveValue('simulated');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
}

/** Waits until the control unit has signed the sale's receipt. */
async function untilSigned(page: Page, origin: string, id: string) {
  await expect
    .poll(
      async () =>
        (await call<{ fiscal: { controlUnit: { state: string } } | null }>(page.request, origin, 'receipt:get', { id, copy: false })).fiscal
          ?.controlUnit.state,
    )
    .toBe('signed');
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

    // The unit answers again: once the waiting receipt is signed the alarm goes by itself, and the clerk is told so.
    await page.goto(host.url);
    await expect(alarm).toBeVisible();
    await sandbox.setSwitches({ 'control-unit-unreachable': false });
    await expect(page.getByText('The control unit answers again: every waiting receipt is signed.')).toBeVisible({ timeout: 20_000 });
    await expect(page.getByRole('region', { name: 'Alarms' })).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath('unit-back.png') });
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

    // The unit fails again: the alarm comes back, for the next receipt.
    await page.goto(host.url);
    await sandbox.setSwitches({ 'control-unit-unreachable': true });
    await payCart(page, host.origin, receiptCart);
    await expect(alarm).toContainText('receipt 2 will be signed and printed as soon as the unit answers');
    await expect(alarm).not.toContainText('receipt 1 ');
  });

  test('a copy on the thermal printer is signed by the unit as the copy and printed KOPIA; a second copy is refused with a clear message', async ({
    page,
    host,
    consoleErrors,
  }, testInfo) => {
    await makeSwedish(page, host.url, { virtualPrinter: true });
    const sale = await payCart(page, host.origin, receiptCart);
    await untilSigned(page, host.origin, sale.id);

    await page.goto(host.url);
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('button', { name: `Open sale ${sale.number}` }).click();
    // A double click asks once: one copy, and no "already has its one copy" for the second click.
    await page.getByRole('button', { name: 'Reprint' }).dblclick();
    // The copy on screen is the signed one, not one waiting for the unit.
    const onScreen = page.getByRole('region', { name: 'Receipt' });
    await expect(onScreen.getByTestId('receipt-control-code')).toHaveText(/^Control code: [A-Z2-7]{32}$/);
    await expect(onScreen.getByTestId('receipt-mark').first()).toHaveText('KOPIA');
    await expect(onScreen).not.toContainText('EJ KVITTO');
    const copy = await call<{ fiscal: { controlUnit: { state: string; code?: string } } | null }>(
      page.request,
      host.origin,
      'receipt:get',
      {
        id: sale.id,
        copy: true,
      },
    );
    expect(copy.fiscal?.controlUnit.state).toBe('signed');
    await expect(onScreen.getByTestId('receipt-control-code')).toHaveText(`Control code: ${copy.fiscal!.controlUnit.code!}`);
    await page.getByRole('button', { name: 'Show paper roll' }).click();
    const roll = page.getByRole('region', { name: 'Paper roll' });
    const paper = roll.locator('.paper').filter({ hasText: 'KOPIA' });
    await expect(paper).toHaveCount(1);
    // Its own control code, signed as the copy.
    await expect(paper).toContainText(copy.fiscal!.controlUnit.code!);
    await paper.screenshot({ path: testInfo.outputPath('thermal-copy.png') });
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByText('This receipt already has its one copy. Swedish rules allow only one copy of a receipt.')).toHaveCount(0);

    await page.getByRole('button', { name: 'Reprint' }).click();
    await expect(page.getByText('This receipt already has its one copy. Swedish rules allow only one copy of a receipt.')).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('second-copy-refused.png') });
    await page.getByRole('button', { name: 'Show paper roll' }).click();
    await expect(roll.locator('.paper').filter({ hasText: 'KOPIA' })).toHaveCount(1);
    expect(consoleErrors).toEqual([]);
  });

  test('a copy is marked KOPIA, in the PDF too, and only one copy is made', async ({ page, host }, testInfo) => {
    await makeSwedish(page, host.url);
    const sale = await payCart(page, host.origin, receiptCart);
    await untilSigned(page, host.origin, sale.id);

    const pdf = await call<{ fileName: string; base64: string }>(page.request, host.origin, 'printout:pdf', {
      document: { kind: 'receipt', id: sale.id, copy: true },
    });
    const file = testInfo.outputPath('copy.pdf');
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('KOPIA');
    expect(text).toMatch(/Control code:\s+[A-Z2-7]{32}/);
    expect(text).not.toContain('Electronic cash receipt');

    // The PDF an e-mailed receipt carries says it is the electronic receipt (7 kap. 1 § 13): sent
    // through the till's own mail path to an SMTP server (a window cannot ask for that PDF itself).
    const smtp = await startSmtpServer({ user: 'butik@example.test', password: 'Lösen-ord 9' });
    let mailed: Buffer;
    try {
      const settings = await call<Record<string, unknown>>(page.request, host.origin, 'settings:get');
      await call(page.request, host.origin, 'settings:save', {
        settings: { ...settings, smtp: { host: '127.0.0.1', port: smtp.port, security: 'none', user: 'butik@example.test', from: '' } },
      });
      await call(page.request, host.origin, 'mail:setPassword', { password: 'Lösen-ord 9' });
      await call(page.request, host.origin, 'mail:sendReceipt', { saleId: sale.id, address: 'kund@example.test' });
      // The e-mail handed the original over: a second one is refused, and nothing more is sent.
      await expect(call(page.request, host.origin, 'mail:sendReceipt', { saleId: sale.id, address: 'kund@example.test' })).rejects.toThrow(
        /printed, saved or e-mailed already/,
      );
      expect(smtp.mails).toHaveLength(1);
      mailed = Buffer.from(smtp.mails[0]!.attachments[0]!.bytes);
    } finally {
      await smtp.close();
    }
    const mailedFile = testInfo.outputPath('mailed.pdf');
    writeFileSync(mailedFile, mailed);
    const mailedText = execFileSync('pdftotext', ['-layout', mailedFile, '-'], { encoding: 'utf8' });
    expect(mailedText).toContain('Electronic cash receipt');
    expect(mailedText).not.toContain('KOPIA');

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
    // The till's own life: it started (a new till, in demo mode: switched to training mode).
    expect(xml).toMatch(/<utreko:StartAvKassaregister>JA<\/utreko:StartAvKassaregister>[\s\S]*<utreko:StallaOmTillOvningslage>JA</);
    await expect(page.getByText(/^Exported \d+ registrations to linkpos-journalminne-/)).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('history-export-memory.png') });
    expect(consoleErrors).toEqual([]);
  });
});
