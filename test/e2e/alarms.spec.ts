import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test, expect } from '@playwright/test';
import { makeDataDir, startWebHostProcess } from './support/web-host';
import { PosPage } from './support/pos-page';

test('an unreadable catalog raises an alarm that a scan error or a change of screen does not hide', async ({ page }) => {
  const dataDir = makeDataDir();
  writeFileSync(join(dataDir, 'catalog.json'), '{"version": 3, "products": [tru');
  const host = await startWebHostProcess({ dataDir });
  try {
    const pos = new PosPage(page, host);
    await pos.open();
    const alarm = page.getByRole('region', { name: 'Alarms' }).filter({ hasText: 'The product catalog could not be read' });
    await expect(alarm).toBeVisible();
    await expect(alarm).toContainText(/catalog\.json\.corrupt-/);

    await pos.scan('7310865000361'); // the catalog is empty now: an unknown code, a notice of its own
    await expect(page.getByText('Unknown code 7310865000361.')).toBeVisible();
    await expect(alarm).toBeVisible();
    await page.getByRole('button', { name: 'History' }).click();
    await expect(alarm).toBeVisible();

    const violations = (await new AxeBuilder({ page }).analyze()).violations.filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
    expect(violations.map((v) => v.id)).toEqual([]);

    await alarm.getByRole('button', { name: 'Dismiss alarms' }).click();
    await expect(alarm).toHaveCount(0);
  } finally {
    await host.stop();
  }
});
