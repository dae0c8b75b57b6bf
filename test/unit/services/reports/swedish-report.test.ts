import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../../electron/services/app';
import { encodeReport, slipText } from '../../../../electron/services/printing/escpos';
import { TILL_MODEL_DESIGNATION } from '../../../../shared/domain/fiscal';
import { grandTotals, type Report } from '../../../../shared/domain/report';
import type { Receipt } from '../../../../shared/domain/receipt';
import rules from '../../../fixtures/fiscal/skvfs-2014-9-reports.json';
import { callApp, openTestApp } from '../../../support/app-services';
import { decodeEscPos } from '../../../../electron/services/sandbox/virtual-printer/decoder';
import { reportEntry, sampleReport } from '../../../support/receipts';

const entry = reportEntry;

describe('grand totals (2 kap. 4–6 § SKVFS 2014:9)', () => {
  const entries = [
    entry(1, {}),
    entry(2, {}),
    entry(3, { outcome: 'cancelled', receiptNumber: null }),
    entry(4, { outcome: 'refunded', saleId: 's1', refundNumber: 1 }),
    entry(5, { demo: true, amountMinor: 99900 }),
    entry(6, {}),
    entry(7, { currency: 'EUR', amountMinor: 1000 }),
  ];

  it('add up every real sale and return since the first record, sales without returns taken off, per currency', () => {
    expect(grandTotals(entries, 7)).toEqual([
      { currency: 'EUR', salesMinor: 1000, returnsMinor: 0, netMinor: 1000 },
      { currency: 'SEK', salesMinor: 37500, returnsMinor: 12500, netMinor: 25000 },
    ]);
  });

  it('stop at the report’s last record, and leave training sales and unfinished sales out', () => {
    expect(grandTotals(entries, 4)).toEqual([{ currency: 'SEK', salesMinor: 25000, returnsMinor: 12500, netMinor: 12500 }]);
    expect(grandTotals([entry(1, { demo: true }), entry(2, { outcome: 'expired' })], 2)).toEqual([]);
  });
});

/** The sample Z report with a Swedish till's part, as the back office adds it. */
function swedishReport(): Report {
  return {
    ...sampleReport('z'),
    drawerOpenings: 1,
    sweden: {
      organisationNumber: '556036-0793',
      tillDesignation: 'Kassa 1',
      modelDesignation: TILL_MODEL_DESIGNATION,
      floatMinor: 50000,
      copies: { count: 1, amountMinor: 12500 },
      grandTotals: [{ currency: 'SEK', salesMinor: 37500, returnsMinor: 12500, netMinor: 25000 }],
      // The counting fixture's figures (swedish-counts.test.ts works them out from its sales).
      groups: rules.counting.expect.groups.map((g) => ({ ...g, currency: 'SEK' as const })),
      goods: rules.counting.expect.goods,
      services: rules.counting.expect.services,
      discounts: rules.counting.expect.discounts.map((d) => ({ ...d, currency: 'SEK' as const })),
      zCopies: 1,
    },
  };
}

function valueAt(report: Report, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => {
    const name = key.replace('[]', '');
    const next = (value as Record<string, unknown> | undefined)?.[name];
    return key.endsWith('[]') ? (next as unknown[] | undefined)?.[0] : next;
  }, report);
}

describe('the Swedish X and Z report (7 kap. 2–3 § SKVFS 2014:9), item by item', () => {
  const report = swedishReport();
  const lines = decodeEscPos(encodeReport(report, { columns: 48, language: 'sv', shopName: 'Bódin', timeZone: 'UTC' })).slips[0] ?? [];
  const slip = lines.join('\n');

  it.each(rules.items.filter((i) => 'field' in i))('holds "$rule" in the report and prints it', (item) => {
    const { field, expect: texts } = item as { field: string; expect: string[] };
    expect(valueAt(report, field), field).toBeDefined();
    for (const text of texts) expect(slip).toContain(slipText(text));
  });

  it('holds every item the rules list (none is left absent)', () => {
    const items: readonly { rule: string; field?: string }[] = rules.items;
    expect(items.filter((i) => i.field === undefined).map((i) => i.rule)).toEqual([]);
  });

  it('prints the groups, no group by name, and the counts of goods, services, reductions and Z copies', () => {
    expect(slip).toMatch(/Livsmedel +6 · 234,00 kr/);
    expect(slip).toMatch(/\(ingen grupp\) +1 · 15,00 kr/);
    expect(slip).toMatch(/Antal varor +6/);
    expect(slip).toMatch(/Antal tjänster +2/);
    expect(slip).toMatch(/Rabatter och andra nedsättningar +4 · 33,00 kr/);
    expect(slip).toMatch(/Kopior av Z-rapport +1/);
  });

  it('prints nothing of it for a till that is not Swedish', () => {
    const plain =
      decodeEscPos(encodeReport(sampleReport('z'), { columns: 48, language: 'sv', shopName: 'Bódin', timeZone: 'UTC' })).slips[0] ?? [];
    expect(plain.join('\n')).not.toMatch(/Kassabeteckning|Grand total|Växelkassa|Kvittokopior|huvudgrupp|Antal varor|Rabatter|KOPIA/);
  });
});

describe('X and Z reports of a till', () => {
  let dataDir: string;
  let app: AppServices;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'linkpos-swedish-report-'));
    app = await openTestApp(dataDir);
  });
  afterEach(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const line = { id: 'a', name: 'Kanelbulle', unitPriceMinor: 3500, vatRate: 600, quantityMilli: 2000, custom: true };
  async function sellAndCopy(): Promise<void> {
    const sale = await callApp<{ id: string }>(app, 'sale:charge', { cart: { currency: 'SEK', discount: null, lines: [line] } });
    await callApp(app, 'sale:demoCustomer', { id: sale.id, action: 'pay' });
    await vi.waitFor(
      async () => {
        const r = await callApp<Receipt>(app, 'receipt:get', { id: sale.id, copy: false });
        if (r.fiscal && r.fiscal.controlUnit.state !== 'signed') throw new Error('not signed yet');
      },
      { timeout: 10_000, interval: 50 },
    );
    // The copy is signed, then printing fails (no printer in Node); the copy is made all the same.
    await callApp(app, 'printout:print', { document: { kind: 'receipt', id: sale.id, copy: true } }).catch(() => undefined);
  }

  it('on a Swedish till: the designations, the float from Settings, the period’s copies and the grand totals', async () => {
    await callApp(app, 'settings:save', {
      settings: {
        shop: { name: 'Bageriet', organisationNumber: '5560360793', address: 'Storgatan 1' },
        sweden: { enabled: true, tillDesignation: 'Kassa 1', floatMinor: 50000 },
      },
    });
    await sellAndCopy();
    const x = await callApp<Report>(app, 'report:x', {});
    expect(x.sweden).toEqual({
      organisationNumber: '556036-0793',
      tillDesignation: 'Kassa 1',
      modelDesignation: 'LinkPOS SE',
      floatMinor: 50000,
      copies: { count: 1, amountMinor: 7000 },
      // A demo sale is a training sale: in no grand total, which the report shows as zero.
      grandTotals: [{ currency: 'SEK', salesMinor: 0, returnsMinor: 0, netMinor: 0 }],
      // …nor in the articles, groups and reductions, which count real sales only.
      groups: [],
      goods: 0,
      services: 0,
      discounts: [],
      zCopies: 0,
    });
    const z = await callApp<Report>(app, 'report:z', {});
    expect(z.sweden?.copies).toEqual({ count: 1, amountMinor: 7000 });
    // The next period starts after the Z: no copies in it yet.
    await sellAndCopy();
    expect((await callApp<Report>(app, 'report:x', {})).sweden?.copies).toEqual({ count: 1, amountMinor: 7000 });
    expect((await callApp<Report>(app, 'report:get', { number: 1 })).sweden?.copies.count).toBe(1);
  });

  it('on a till that is not Swedish (an Icelandic till): no Swedish part', async () => {
    await callApp(app, 'settings:save', { settings: { demoProvider: 'straumur', currency: 'ISK' } });
    const sale = await callApp<{ id: string }>(app, 'sale:charge', {
      cart: { currency: 'ISK', discount: null, lines: [{ ...line, unitPriceMinor: 45000, vatRate: 1100, quantityMilli: 1000 }] },
    });
    await callApp(app, 'sale:demoCustomer', { id: sale.id, action: 'pay' });
    expect((await callApp<Report>(app, 'report:x', {})).sweden).toBeUndefined();
  });
});
