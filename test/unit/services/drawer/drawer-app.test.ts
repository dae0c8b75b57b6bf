import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../../electron/services/app';
import type { Report } from '../../../../shared/domain/report';
import { channelAccess } from '../../../../shared/ipc/access';
import { callApp, oneItemCart, openTestApp, sellDemo } from '../../../support/app-services';

/**
 * "Open drawer" through the services the web host runs (demo mode, the demo's virtual printer):
 * refused without an ESC/POS printer, journaled and counted on the X and Z reports with one.
 */
let dataDir: string;
let app: AppServices;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linkpos-drawer-'));
  app = await openTestApp(dataDir);
});
afterEach(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('"Open drawer" without a sale', () => {
  it('needs a manager', () => {
    expect(channelAccess['drawer:open']).toBe('manager');
  });

  it('is refused with a clear message while receipts go to the system printer', async () => {
    const result = await app.dispatch('drawer:open', undefined);
    expect(result).toMatchObject({ ok: false, error: { key: 'drawerNoPrinter' } });
    expect((await callApp<Report>(app, 'report:x', {})).drawerOpenings).toBe(0);
  });

  it('opens the drawer through the virtual printer and the X and Z reports count it', async () => {
    await callApp(app, 'settings:save', { settings: { receiptPrinterKind: 'escpos-virtual' } });
    const first = await callApp<{ seq: number }>(app, 'drawer:open');
    // A link sale between: the receipt opens no drawer.
    await sellDemo(app, oneItemCart(2_500));
    const second = await callApp<{ seq: number }>(app, 'drawer:open');
    expect(second.seq).toBeGreaterThan(first.seq);
    expect((await callApp<Report>(app, 'report:x', {})).drawerOpenings).toBe(2);
    const z = await callApp<Report>(app, 'report:z', { confirmOpenSales: false });
    expect(z.drawerOpenings).toBe(2);
    // The next period starts again from none.
    expect((await callApp<Report>(app, 'report:x', {})).drawerOpenings).toBe(0);
  });

  it('is still counted after a restart (from the checkpoint and the journal), and opens nothing again', async () => {
    await callApp(app, 'settings:save', { settings: { receiptPrinterKind: 'escpos-virtual' } });
    await callApp(app, 'drawer:open');
    await app.close();
    app = await openTestApp(dataDir);
    expect((await callApp<Report>(app, 'report:x', {})).drawerOpenings).toBe(1);
    const journal = await callApp<{ text: string }>(app, 'journal:export', { format: 'json' });
    expect(journal.text.match(/"drawer-opened"/g)).toHaveLength(1);
  });
});
