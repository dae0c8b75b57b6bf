import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addCustomItem, addProduct, emptyCart, priceCart, setUnitPrice } from '../../../../shared/domain/cart';
import { parseSaleRecord } from '../../../../electron/services/sales/sale-records';
import { planRefund, refundedSoFar, type RefundLine } from '../../../../shared/domain/refund';
import {
  articleCounts,
  reportSchema,
  returnedArticles,
  soldArticles,
  type ArticleMove,
  type Report,
} from '../../../../shared/domain/report';
import { cartSchema, type Cart, type CartTotals } from '../../../../shared/domain/schemas';
import { defaultSettings, type Settings } from '../../../../shared/domain/settings';
import { msg } from '../../../../shared/messages';
import { openJournal, type Journal } from '../../../../electron/services/journal/journal';
import { OutputError, printPageQuery } from '../../../../electron/services/receipts/output';
import { parsePrintView } from '../../../../renderer/src/components/receipt/print-view';
import { BackOffice } from '../../../../electron/services/reports/back-office';
import { createZStore, Z_REPORTS_FILE } from '../../../../electron/services/reports/z-store';
import { Z_REPORT_PRINTED_RECORD_TYPE } from '../../../../electron/services/report-records/z-print-record';
import { replaySales } from '../../../../electron/services/sales/sale-machine';
import { encodeReport } from '../../../../electron/services/printing/escpos';
import { decodeEscPos } from '../../../../electron/services/sandbox/virtual-printer/decoder';
import { recordingLogger, tempDir } from '../journal/helpers';
import { journalPaidSale } from './paid-sale';
import { childOf, documentIssues, textOf, type XmlElement } from '../../../../shared/domain/journal-memory';
import { skvfsSchemaErrors } from '../../../support/skvfs-schema';
import { parseXmlTree } from '../../../support/xml-tree';
import rules from '../../../fixtures/fiscal/skvfs-2014-9-reports.json';

const log = recordingLogger();
/** The control unit's serial number as the till knows it (null: no unit has answered yet). */
let unitSerial: string | null = 'SIM-SE-TEST01-001';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

type FixtureSale = (typeof rules.counting.sales)[number];

/** A fixture sale as the checkout freezes it: the cart read through the IPC schema, then priced. */
function totalsOf(sale: FixtureSale): CartTotals {
  const cart: Cart = cartSchema.parse({ currency: 'SEK', discount: sale.discount, lines: sale.lines });
  return priceCart(cart);
}

/** The fixture sale's refunds, in order, each planned against the ones before it. */
function refundsOf(sale: FixtureSale, totals: CartTotals): { lines: RefundLine[]; amountMinor: number }[] {
  const done: { state: 'refunded'; lines: RefundLine[]; amountMinor: number }[] = [];
  for (const request of sale.refunds) {
    const plan = planRefund(totals, refundedSoFar(done), request);
    if (!plan.ok) throw new Error(`fixture refund refused: ${plan.problem}`);
    done.push({ state: 'refunded', lines: plan.lines, amountMinor: plan.amountMinor });
  }
  return done;
}

describe('goods, services, main groups and reductions (7 kap. 2 § SKVFS 2014:9), from the rules’ fixture', () => {
  it('count pieces, a weighed line as one article, returns taken back, reductions per sold line; training left out', () => {
    const moves: ArticleMove[] = [];
    let salesMinor = 0;
    let refundsMinor = 0;
    for (const sale of rules.counting.sales) {
      if (sale.demo) continue; // training sales are on the report apart
      const totals = totalsOf(sale);
      salesMinor += totals.totalMinor;
      moves.push(...soldArticles(totals));
      const earlier = new Map<string, number>();
      for (const refund of refundsOf(sale, totals)) {
        refundsMinor += refund.amountMinor;
        moves.push(...returnedArticles(totals, refund.lines, earlier));
        for (const line of refund.lines) earlier.set(line.lineId, (earlier.get(line.lineId) ?? 0) + line.quantityMilli);
      }
    }
    const expected = rules.counting.expect;
    expect({ salesMinor, refundsMinor }).toEqual({ salesMinor: expected.salesMinor, refundsMinor: expected.refundsMinor });
    const counts = articleCounts(moves);
    expect(counts).toEqual({ goods: expected.goods, services: expected.services, groups: expected.groups, discounts: expected.discounts });
    // The groups add up to the sales (returns not taken off), to the öre.
    expect(counts.groups.reduce((sum, g) => sum + g.amountMinor, 0)).toBe(salesMinor);
  });

  it('count a weighed line once however it is split, and only when its last part comes back', () => {
    const totals = priceCart(
      cartSchema.parse({
        currency: 'SEK',
        discount: null,
        lines: [{ id: 'w', name: 'Potatis', unitPriceMinor: 1995, vatRate: 600, quantityMilli: 2345, weighed: true, unit: 'kg' }],
      }),
    );
    expect(soldArticles(totals).map((m) => m.articles)).toEqual([1]);
    const part = returnedArticles(totals, [{ lineId: 'w', quantityMilli: 345, amountMinor: 293 }], new Map());
    expect(part.map((m) => [m.articles, m.amountMinor])).toEqual([[0, -293]]);
    const rest = returnedArticles(totals, [{ lineId: 'w', quantityMilli: 2000, amountMinor: 4385 }], new Map([['w', 345]]));
    expect(rest.map((m) => m.articles)).toEqual([-1]);
  });

  it('read a line without a kind or group (a journal from before them) as goods of no group', () => {
    const [move] = soldArticles(
      priceCart({ currency: 'SEK', discount: null, lines: [{ ...totalsOf(rules.counting.sales[0]!).lines[3]! }] }),
    );
    expect(move).toMatchObject({ kind: 'goods', group: '', articles: 1, reductionMinor: 0 });
  });
});

describe('kind, group and list price travel from the catalog to the journal', () => {
  const gift = {
    barcode: '7350000000429',
    name: 'Presentinslagning',
    priceMinor: 2500,
    vatRate: 2500,
    unit: 'st',
    partNumber: 'TJA-0001',
    weighed: false,
    kind: 'service' as const,
    group: 'Tjänster',
  };

  it('a catalog line carries them into the frozen totals, and the journal’s sale-created record keeps them', () => {
    let cart = addProduct(emptyCart('SEK'), gift, undefined, { newId: () => 'l1' });
    cart = setUnitPrice(cart, 'l1', 2000);
    cart = addCustomItem(cart, { name: 'Övrigt', priceMinor: 500, vatRate: 2500 }, { newId: () => 'l2' });
    const totals = priceCart(cart);
    expect(totals.lines.map((l) => [l.kind, l.group, l.unitPriceMinor, l.priceBeforeChangeMinor])).toEqual([
      ['service', 'Tjänster', 2000, 2500],
      // A custom item typed by the clerk: goods of no group (no field: the reader's default).
      [undefined, undefined, 500, undefined],
    ]);
    const parsed = parseSaleRecord({
      seq: 1,
      at: '2026-12-01T09:00:00.000Z',
      type: 'sale-created',
      saleId: 's1',
      data: { number: 1, orderReference: 'LP-1', provider: 'ecster', demo: false, currency: 'SEK', amountMinor: totals.totalMinor, totals },
    });
    if (!parsed.ok || parsed.record.type !== 'sale-created') throw new Error('not read');
    expect(parsed.record.data.totals).toEqual(totals);
    expect(soldArticles(parsed.record.data.totals).map((m) => [m.kind, m.group, m.reductionMinor])).toEqual([
      ['service', 'Tjänster', 500],
      ['goods', '', 0],
    ]);
  });

  it('a price set back to the list price is no change; changed twice, the first price is kept', () => {
    const cart = addProduct(emptyCart('SEK'), gift, undefined, { newId: () => 'l1' });
    expect(setUnitPrice(setUnitPrice(cart, 'l1', 2000), 'l1', 2500).lines[0]).toEqual(cart.lines[0]);
    expect(setUnitPrice(setUnitPrice(cart, 'l1', 2000), 'l1', 1500).lines[0]).toMatchObject({
      unitPriceMinor: 1500,
      priceBeforeChangeMinor: 2500,
    });
    // Raised above the list price: no reduction.
    const raised = priceCart(setUnitPrice(cart, 'l1', 3000));
    expect(soldArticles(raised)[0]!.reductionMinor).toBe(0);
  });
});

/** A back office over a real journal holding the fixture's sales, paid, and their refunds (refunded in the portal). */
async function fixtureTill(settings: Partial<Settings>): Promise<{ dir: string; journal: Journal; service: BackOffice }> {
  const { dir, cleanup } = await tempDir();
  const opened = await openJournal(dir, { log });
  const journal = opened.journal;
  cleanups.push(async () => {
    await journal.close();
    await cleanup();
  });
  let t = Date.parse('2026-12-01T09:00:00.000Z');
  const at = () => new Date((t += 1000)).toISOString();
  for (const [i, sale] of rules.counting.sales.entries()) {
    const totals = totalsOf(sale);
    const add = (type: string, data: unknown) => journal.append({ type, saleId: sale.id, at: at(), data });
    await journalPaidSale(add, { number: i + 1, totals, demo: sale.demo });
    for (const [n, refund] of refundsOf(sale, totals).entries()) {
      const refundNumber = n + 1;
      await add('refund-requested', {
        refundNumber,
        method: 'portal',
        orderId: null,
        debitTransaction: null,
        transactionReference: `R${i}-${refundNumber}`,
        amountMinor: refund.amountMinor,
        lines: refund.lines,
        reason: 'Returned',
      });
      await add('refunded', { refundNumber, transactionId: null, via: 'clerk' });
    }
  }
  // The fixture's records are what the sale machine accepts, no problem left over.
  expect(replaySales(await journal.readAll()).problems).toEqual([]);
  const all = { ...defaultSettings, ...settings };
  const service = new BackOffice({
    journal,
    settings: () => all,
    provider: () => ({ provider: { search: () => Promise.resolve([]) } }),
    zStore: createZStore(dir),
    output: {
      print: () => Promise.reject(new OutputError(msg('printFailed'), 'no printer')),
      pdf: () => Promise.resolve(new Uint8Array([37, 80, 68, 70])),
    },
    now: () => new Date(t + 60_000),
    log,
    actor: () => ({ id: 'anna', name: 'Anna' }),
    cashRegister: { tillSerial: 'till-1', version: '1.0.0', controlUnitSerial: () => unitSerial },
  });
  cleanups.push(() => Promise.resolve(service.close()));
  return { dir, journal, service };
}

const swedish: Partial<Settings> = {
  shop: { ...defaultSettings.shop, name: 'Bageriet', organisationNumber: '5560360793', address: 'Storgatan 1' },
  sweden: { ...defaultSettings.sweden, enabled: true, tillDesignation: 'Kassa 1' },
};

describe('a Swedish till’s X and Z reports, from its journal', () => {
  it('hold the fixture’s goods, services, groups and reductions; training sales stay out', async () => {
    const { service } = await fixtureTill(swedish);
    const x = await service.xReport();
    const expected = rules.counting.expect;
    expect(x.sweden).toMatchObject({
      goods: expected.goods,
      services: expected.services,
      groups: expected.groups,
      discounts: expected.discounts,
      zCopies: 0,
    });
    const sek = x.real.currencies[0]!;
    expect(x.sweden!.groups!.reduce((sum, g) => sum + g.amountMinor, 0)).toBe(sek.sales.amountMinor);
    const z = await service.zReport({ confirmOpenSales: true });
    expect(z.sweden?.groups).toEqual(expected.groups);
    expect(reportSchema.parse(z)).toEqual(z);
  });

  it('the Z in the journal-memory export (SKVFS 2021:16) carries them: sales per main group, goods, services and discounts', async () => {
    const { service } = await fixtureTill(swedish);
    await service.zReport({ confirmOpenSales: true });
    const { text: xml } = await service.exportJournalMemory({});
    expect(await skvfsSchemaErrors(xml)).toEqual([]);
    const doc = parseXmlTree(xml);
    expect(documentIssues(doc)).toEqual([]);
    const z = (childOf(doc, 'RegistreringLISTA')?.children ?? [])
      .map((h) => h.children.at(-1) as XmlElement)
      .find((k) => k.name === 'ZDagrapport')!;
    const expected = rules.counting.expect;
    const groups = childOf(z, 'TotalaForsaljningssummorForOlikaHuvudgrupperLISTA')!.children;
    // A group's name is left out for the sales of no group (the element is optional, and never empty).
    expect(groups.map((g) => [textOf(g, 'NamnPaHuvudgrupp'), textOf(g, 'TotalForsaljningssummaForHuvudgrupp')])).toEqual(
      expected.groups.map((g) => [g.group || null, (g.amountMinor / 100).toFixed(2)]),
    );
    expect([textOf(z, 'AntalSaldaVaror'), textOf(z, 'AntalSaldaTjanster'), textOf(z, 'RabatternasBelopp')]).toEqual([
      String(expected.goods),
      String(expected.services),
      (expected.discounts[0]!.amountMinor / 100).toFixed(2),
    ]);
    // With no unit that ever answered, the export (which must name the unit) says so plainly.
    unitSerial = null;
    try {
      await expect(service.exportJournalMemory({})).rejects.toMatchObject({ l10n: { key: 'journalMemoryNoUnitSerial' } });
    } finally {
      unitSerial = 'SIM-SE-TEST01-001';
    }
  });

  it('on a till that is not Swedish: none of it', async () => {
    const { service } = await fixtureTill({});
    const x = await service.xReport();
    expect(x.sweden).toBeUndefined();
    expect(JSON.stringify(x)).not.toMatch(/"goods"|"groups"|"discounts"/);
  });

  it('read a Z report saved before the counts, and print it without them', async () => {
    const { dir, service } = await fixtureTill(swedish);
    const z = await service.zReport({ confirmOpenSales: true });
    const { groups: _g, goods: _o, services: _s, discounts: _d, zCopies: _c, ...before } = z.sweden!;
    const old: Report = { ...z, sweden: before };
    await writeFile(join(dir, Z_REPORTS_FILE), JSON.stringify({ version: 1, reports: [old] }));
    const read = await createZStore(dir).list();
    expect(read[0]!.sweden).toEqual(before);
    const slip = decodeEscPos(encodeReport(read[0]!, { columns: 48, language: 'sv', shopName: 'Bageriet', timeZone: 'UTC' })).slips[0]!;
    expect(slip.join('\n')).not.toMatch(/Antal varor|huvudgrupp|Rabatter/);
    expect(slip.join('\n')).toContain('Grand total netto');
  });
});

describe('Z reports reprinted only as copies (7 kap. 3 §)', () => {
  it('the first printout is the original; later ones, and a Z reopened from the list, are copies — each journaled first', async () => {
    const { journal, service } = await fixtureTill(swedish);
    await service.zReport({ confirmOpenSales: true });
    const first = await service.pdf({ kind: 'z-report', number: 1 });
    expect(first.fileName).toBe('linkpos-z-report-1.pdf');
    const second = await service.pdf({ kind: 'z-report', number: 1 });
    expect(second.fileName).toBe('linkpos-z-report-1-copy.pdf');
    // Printed on paper (which fails here: no printer): still on record, as a copy.
    await expect(service.print({ kind: 'z-report', number: 1, copy: true })).rejects.toThrow();
    const prints = (await journal.readAll()).filter((r) => r.type === Z_REPORT_PRINTED_RECORD_TYPE).map((r) => r.data);
    expect(prints).toEqual([
      { number: 1, copy: false, output: 'pdf', by: { id: 'anna', name: 'Anna' } },
      { number: 1, copy: true, output: 'pdf', by: { id: 'anna', name: 'Anna' } },
      { number: 1, copy: true, output: 'print', by: { id: 'anna', name: 'Anna' } },
    ]);
    // The printer's queue printing it again on its own (a delivery not acknowledged): a copy too.
    await expect(service.zReprint(1)).resolves.toBe(true);
    expect((await journal.readAll()).filter((r) => r.type === Z_REPORT_PRINTED_RECORD_TYPE).at(-1)?.data).toEqual({
      number: 1,
      copy: true,
      output: 'print',
      by: { id: 'anna', name: 'Anna' },
    });
    // The copies are counted on the next report; the records change no sale.
    expect((await service.xReport()).sweden?.zCopies).toBe(3);
    expect(replaySales(await journal.readAll()).problems).toEqual([]);
  });

  it('the print page a shell loads for a Z copy says so, and the original’s does not', () => {
    for (const document of [
      { kind: 'z-report' as const, number: 3 },
      { kind: 'z-report' as const, number: 3, copy: true },
    ]) {
      expect(parsePrintView(`?${printPageQuery(document).toString()}`)).toEqual(document);
    }
  });

  it('a Z reopened from the list is a copy even before any printout', async () => {
    const { service } = await fixtureTill(swedish);
    await service.zReport({ confirmOpenSales: true });
    expect((await service.pdf({ kind: 'z-report', number: 1, copy: true })).fileName).toBe('linkpos-z-report-1-copy.pdf');
  });

  it('on a till that is not Swedish: printed as before, never a copy, nothing journaled', async () => {
    const { journal, service } = await fixtureTill({});
    await service.zReport({ confirmOpenSales: true });
    await service.pdf({ kind: 'z-report', number: 1 });
    expect((await service.pdf({ kind: 'z-report', number: 1 })).fileName).toBe('linkpos-z-report-1.pdf');
    expect((await service.pdf({ kind: 'z-report', number: 1, copy: true })).fileName).toBe('linkpos-z-report-1.pdf');
    await expect(service.zReprint(1)).resolves.toBe(false);
    expect((await journal.readAll()).some((r) => r.type === Z_REPORT_PRINTED_RECORD_TYPE)).toBe(false);
  });

  it('the paper copy carries KOPIA at twice the size, top and foot; the original and an X report do not', async () => {
    const { service } = await fixtureTill(swedish);
    const z = await service.zReport({ confirmOpenSales: true });
    const options = { columns: 48 as const, language: 'sv' as const, shopName: 'Bageriet', timeZone: 'UTC' };
    const copy = decodeEscPos(encodeReport(z, { ...options, copy: true }));
    expect(copy.largeLines).toEqual([
      { text: 'KOPIA', width: 2, height: 2 },
      { text: 'KOPIA', width: 2, height: 2 },
    ]);
    expect(copy.slips[0]![0]!.trim()).toBe('KOPIA');
    expect(decodeEscPos(encodeReport(z, options)).largeLines).toEqual([]);
    const x = await service.xReport();
    expect(decodeEscPos(encodeReport(x, { ...options, copy: true })).largeLines).toEqual([]);
    const plain = { ...z, sweden: undefined };
    expect(decodeEscPos(encodeReport(plain, { ...options, copy: true })).largeLines).toEqual([]);
  });
});
