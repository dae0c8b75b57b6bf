import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppServices } from '../../../../electron/services/app';
import { JOURNAL_FILE } from '../../../../electron/services/journal/journal';
import { callApp, openTestApp } from '../../../support/app-services';

/** A sale is the clerk's who charged it: in the journal, the sale view and the receipt, and after a restart. */
let dataDir = '';
let app: AppServices | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
  rmSync(dataDir, { recursive: true, force: true });
});

const cart = {
  currency: 'SEK',
  discount: null,
  lines: [
    {
      id: 'l1',
      barcode: '',
      name: 'Kanelbulle',
      unitPriceMinor: 3500,
      vatRate: 1200,
      quantityMilli: 1000,
      weighed: false,
      unit: 'st',
      partNumber: '',
      discount: null,
      custom: true,
    },
  ],
};

describe('attribution', () => {
  it('journals the clerk with the sale they charge, and the receipt names them, even after they signed out', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkpos-staff-attr-'));
    app = await openTestApp(dataDir);
    // Before staff: no clerk on the record, as before.
    const before = await callApp<{ id: string; clerk?: unknown }>(app, 'sale:charge', { cart });
    expect(before.clerk).toBeUndefined();
    await callApp(app, 'sale:demoCustomer', { id: before.id, action: 'pay' });

    await callApp(app, 'staff:add', { name: 'Olga Owner', pin: '80461935', role: 'manager' });
    await callApp(app, 'staff:add', { name: 'Carl Clerk', pin: '72950318', role: 'clerk' });
    const signedIn = await callApp<{ signedIn: { id: string } }>(app, 'staff:signIn', { pin: '72950318' });
    const sale = await callApp<{ id: string; clerk?: { id: string; name: string } }>(app, 'sale:charge', { cart });
    expect(sale.clerk).toEqual({ id: signedIn.signedIn.id, name: 'Carl Clerk' });
    // The owner takes over mid-payment; the sale stays Carl's.
    await callApp(app, 'staff:signIn', { pin: '80461935' });
    await callApp(app, 'sale:demoCustomer', { id: sale.id, action: 'pay' });
    const receipt = await callApp<{ clerk: string }>(app, 'receipt:get', { id: sale.id });
    expect(receipt.clerk).toBe('Carl Clerk');
    // The X report breaks real sales down per clerk; the sale from before staff is in no clerk's row.
    const x = await callApp<{ clerks?: unknown; training: unknown }>(app, 'report:x', {});
    expect(x.clerks).toEqual([
      {
        id: signedIn.signedIn.id,
        name: 'Carl Clerk',
        currency: 'SEK',
        training: true,
        sales: { count: 1, amountMinor: 3500 },
        refunds: { count: 0, amountMinor: 0 },
      },
    ]);

    const created = readFileSync(join(dataDir, JOURNAL_FILE), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"sale-created"'))
      .map((line) => JSON.parse(line) as { saleId: string; data: { clerk?: unknown } });
    expect(created.find((r) => r.saleId === before.id)?.data.clerk).toBeUndefined();
    expect(created.find((r) => r.saleId === sale.id)?.data.clerk).toEqual({ id: signedIn.signedIn.id, name: 'Carl Clerk' });

    await app.close();
    app = await openTestApp(dataDir);
    await callApp(app, 'staff:signIn', { pin: '80461935' });
    expect((await callApp<{ clerk: string }>(app, 'receipt:get', { id: sale.id })).clerk).toBe('Carl Clerk');
    expect((await callApp<{ clerk?: { name: string } }>(app, 'sale:get', { id: sale.id })).clerk?.name).toBe('Carl Clerk');

    // History filters by the clerk who charged the sale (after the restart too, from the checkpoint).
    const owner = await callApp<{ signedIn: { id: string } }>(app, 'staff:status');
    const ownSale = await callApp<{ id: string }>(app, 'sale:charge', { cart });
    const ids = async (filters: object) => (await callApp<{ id: string }[]>(app!, 'sale:list', filters)).map((s) => s.id);
    expect(await ids({})).toEqual([ownSale.id, sale.id, before.id]);
    expect(await ids({ clerkId: signedIn.signedIn.id })).toEqual([sale.id]);
    expect(await ids({ clerkId: owner.signedIn.id })).toEqual([ownSale.id]);
    expect(await ids({ clerkId: signedIn.signedIn.id, states: ['waiting'] })).toEqual([]);
    // The limit counts the clerk's sales, not the sales looked at.
    expect(await ids({ clerkId: signedIn.signedIn.id, limit: 1 })).toEqual([sale.id]);
  }, 120_000);
});
