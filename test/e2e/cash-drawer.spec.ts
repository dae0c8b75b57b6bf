import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { decodeEscPos } from '../../electron/services/sandbox/virtual-printer/decoder';
import { test, expect } from './fixtures';

test.describe('the cash drawer', () => {
  // CUPS is outside the product: `lp` and `lpstat` on the web host's PATH are shell scripts that spool the bytes to a directory.
  const spool = mkdtempSync(join(tmpdir(), 'linkpos-e2e-drawer-'));
  const fakeCups = resolve(import.meta.dirname, '..', 'support', 'fake-cups');
  test.use({ hostEnv: { PATH: `${fakeCups}:${process.env.PATH ?? ''}`, LINKPOS_FAKE_CUPS_SPOOL: spool } });

  test('"Open drawer" under End of day refuses without an ESC/POS printer, then kicks the drawer and the X report counts it', async ({
    page,
    pos,
    consoleErrors,
  }, testInfo) => {
    await pos.open();
    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('tab', { name: 'End of day' }).click();
    await page.getByRole('button', { name: 'Open drawer' }).click();
    await expect(page.getByText('The cash drawer opens through an ESC/POS receipt printer, and none is set.')).toBeVisible();

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Receipt printer type').selectOption({ label: 'Computer printer in raw mode (CUPS, ESC/POS)' });
    await page.getByLabel('Printer (from the computer’s printers)').selectOption('TM_m30');
    await expect(page.getByLabel('Open the cash drawer for cash payments')).toBeVisible();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();

    await page.getByRole('button', { name: 'History' }).click();
    await page.getByRole('tab', { name: 'End of day' }).click();
    await page.getByRole('button', { name: 'Open drawer' }).click();
    await expect(page.getByText('The cash drawer was opened without a sale.')).toBeVisible();
    await expect.poll(() => readdirSync(spool).filter((f) => f.startsWith('job-')).length).toBe(1);
    const kick = decodeEscPos(readFileSync(join(spool, 'job-1')));
    expect(kick.drawerPulses).toBe(1);
    expect(kick.cuts).toBe(0);

    await page.getByRole('button', { name: 'Show X report' }).click();
    const report = page.getByRole('region', { name: 'Report' });
    await expect(report.getByTestId('report-drawer-openings')).toHaveText('1');
    await page.screenshot({ path: testInfo.outputPath('end-of-day-drawer.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
  });
});
