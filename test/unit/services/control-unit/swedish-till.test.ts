import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../../electron/services/app';
import type { Receipt } from '../../../../shared/domain/receipt';
import { callApp, openTestApp } from '../../../support/app-services';

/**
 * A Swedish till end to end through the services the web host runs (demo mode, the simulated
 * control unit): the receipt carries the unit's serial and control code; a receipt the unit could
 * not sign waits (the clerk told), and is signed once when the unit answers, across a restart too;
 * at most one copy. A till that is not Swedish is unchanged.
 */
let dataDir: string;
const apps: AppServices[] = [];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'linkpos-fiscal-'));
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function open(env: Record<string, string> = {}) {
  const app = await openTestApp(dataDir, { env });
  apps.push(app);
  return app;
}
async function close(app: AppServices) {
  apps.splice(apps.indexOf(app), 1);
  await app.close();
}

const swedish = {
  shop: { name: 'Bageriet Åkerö AB', organisationNumber: '5560360793', address: 'Storgatan 1, 123 45 Göteborg' },
  sweden: { enabled: true, tillDesignation: 'Kassa 1', controlUnit: { kind: 'simulated' } },
};

async function sell(app: AppServices): Promise<string> {
  const cart = {
    currency: 'SEK',
    discount: null,
    lines: [
      {
        id: 'a',
        barcode: '',
        name: 'Kanelbulle',
        unitPriceMinor: 3500,
        vatRate: 600,
        quantityMilli: 2000,
        weighed: false,
        unit: 'st',
        partNumber: '',
        discount: null,
        custom: true,
      },
    ],
  };
  const sale = await callApp<{ id: string }>(app, 'sale:charge', { cart });
  await callApp(app, 'sale:demoCustomer', { id: sale.id, action: 'pay' });
  return sale.id;
}

const receipt = (app: AppServices, id: string, copy = false) => callApp<Receipt>(app, 'receipt:get', { id, copy });
const switchUnit = async (app: AppServices, reachable: boolean) => {
  const response = await fetch(`${app.sandboxUrl}/__sandbox/switches`, {
    method: 'POST',
    body: JSON.stringify({ 'control-unit-unreachable': !reachable }),
  });
  expect(response.ok).toBe(true);
};
const signed = async (app: AppServices, id: string) =>
  vi.waitFor(
    async () => {
      const r = await receipt(app, id);
      if (r.fiscal?.controlUnit.state !== 'signed') throw new Error('not signed yet');
      return r;
    },
    { timeout: 10_000, interval: 50 },
  );

describe('a Swedish till', () => {
  it('signs every receipt before it is handed over: the unit’s serial and control code on it, with the till designation', async () => {
    const app = await open();
    await callApp(app, 'settings:save', { settings: swedish });
    const id = await sell(app);
    const r = await signed(app, id);
    expect(r.fiscal).toMatchObject({ organisationNumber: '556036-0793', tillDesignation: 'Kassa 1', electronic: false });
    if (r.fiscal?.controlUnit.state !== 'signed') throw new Error('unsigned');
    expect(r.fiscal.controlUnit.serial).toMatch(/^SIM-SE-[0-9A-Z]{6}-001$/);
    expect(r.fiscal.controlUnit.code).toMatch(/^[A-Z2-7]{32}$/);
    // The simulated unit is not certified: what it signs is a training receipt.
    expect(r.fiscal.controlUnit.training).toBe(true);
  });

  it('never holds up the payment: while the unit is away the sale is paid, the receipt waits and the clerk is told; it is signed once the unit answers', async () => {
    const app = await open();
    await callApp(app, 'settings:save', { settings: swedish });
    await switchUnit(app, false);
    const id = await sell(app);
    expect((await callApp<{ state: string }>(app, 'sale:get', { id })).state).toBe('paid');
    await vi.waitFor(async () => expect((await receipt(app, id)).fiscal?.controlUnit.state).toBe('waiting'));
    const info = await vi.waitFor(async () => {
      const i = await callApp<{ alarms: { key?: string }[] }>(app, 'app:info');
      expect(i.alarms.map((a) => a.key)).toContain('controlUnitUnreachable');
      return i;
    });
    expect(info.alarms.filter((a) => a.key === 'controlUnitUnreachable')).toHaveLength(1);
    // A receipt without a control code is not printed or saved.
    await expect(callApp(app, 'printout:pdf', { document: { kind: 'receipt', id, copy: false } })).rejects.toThrow(
      /waiting for the control unit/,
    );

    await switchUnit(app, true);
    const r = await signed(app, id);
    expect(r.fiscal?.controlUnit).toMatchObject({ state: 'signed' });
  });

  it('a receipt waiting when the till stops is signed after the restart, and only once', async () => {
    let app = await open({ LINKPOS_CONTROL_UNIT_FAULT: 'unreachable' });
    await callApp(app, 'settings:save', { settings: swedish });
    const id = await sell(app);
    await vi.waitFor(async () => expect((await receipt(app, id)).fiscal?.controlUnit.state).toBe('waiting'));
    await close(app);

    app = await open();
    const first = await signed(app, id);
    await close(app);
    app = await open();
    const again = await signed(app, id);
    expect(again.fiscal).toEqual(first.fiscal);
    const lines = readFileSync(join(dataDir, 'sales.journal'), 'utf8').split('\n');
    expect(lines.filter((l) => l.includes('"type":"control-unit-request"'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('"type":"control-unit-signed"'))).toHaveLength(1);
  });

  it('makes at most one copy of a receipt, signed as a copy and marked as one', async () => {
    const app = await open();
    await callApp(app, 'settings:save', { settings: swedish });
    const id = await sell(app);
    const original = await signed(app, id);
    // The web host in Node has no printer: the copy is signed, then printing itself fails.
    await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } })).rejects.toThrow(/desktop|print/i);
    const copy = await receipt(app, id, true);
    expect(copy.copy).toBe(true);
    if (copy.fiscal?.controlUnit.state !== 'signed' || original.fiscal?.controlUnit.state !== 'signed') throw new Error('unsigned');
    expect(copy.fiscal.controlUnit.code).not.toBe(original.fiscal.controlUnit.code);
    await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id, copy: true } })).rejects.toThrow(/one copy/);
  });

  it('signs a refund receipt too, in the refunds’ series, with its negative total', async () => {
    const app = await open();
    await callApp(app, 'settings:save', { settings: swedish });
    const id = await sell(app);
    await signed(app, id);
    await callApp(app, 'sale:refund', { id, refundNumber: 1, lines: [{ lineId: 'a', quantityMilli: 1000 }], reason: 'Trasig' });
    const refund = await vi.waitFor(
      async () => {
        const r = await callApp<Receipt>(app, 'receipt:get', { id, copy: false, refund: 1 });
        if (r.fiscal?.controlUnit.state !== 'signed') throw new Error('refund not signed yet');
        return r;
      },
      { timeout: 10_000, interval: 50 },
    );
    expect(refund.totalMinor).toBe(-3500);
    const lines = readFileSync(join(dataDir, 'sales.journal'), 'utf8').split('\n');
    // A demo sale's refund is a training refund: its own series, its negative total.
    const request = lines.find((l) => l.includes('"type":"control-unit-request"') && l.includes('"key":"refund-training:1:original"'));
    expect(request).toBeDefined();
    expect(request).toContain('"totalMinor":-3500');
    expect(lines.filter((l) => l.includes('"type":"control-unit-signed"') && l.includes('refund-training:1:original'))).toHaveLength(1);
  });

  it('leaves a till that is not Swedish exactly as it was (an Icelandic till, say)', async () => {
    const app = await open();
    await callApp(app, 'settings:save', { settings: { demoProvider: 'straumur', currency: 'ISK' } });
    const cart = {
      currency: 'ISK',
      discount: null,
      lines: [
        {
          id: 'a',
          barcode: '',
          name: 'Kleina',
          unitPriceMinor: 45000,
          vatRate: 1100,
          quantityMilli: 1000,
          weighed: false,
          unit: 'stk',
          partNumber: '',
          discount: null,
          custom: true,
        },
      ],
    };
    const sale = await callApp<{ id: string }>(app, 'sale:charge', { cart });
    await callApp(app, 'sale:demoCustomer', { id: sale.id, action: 'pay' });
    const r = await receipt(app, sale.id);
    expect(r.fiscal).toBeNull();
    await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id: sale.id, copy: true } })).rejects.toThrow(
      /desktop|print/i,
    );
    await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id: sale.id, copy: true } })).rejects.toThrow(
      /desktop|print/i,
    );
  });
});
