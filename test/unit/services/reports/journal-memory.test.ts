import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../../electron/services/app';
import type { CartJournalEntry } from '../../../../electron/services/cart/cart-journal-reader';
import type { ControlUnitRequestData, ControlUnitSignedData } from '../../../../electron/services/control-unit/records';
import type { JournalRecord } from '../../../../electron/services/journal/journal';
import { buildJournalMemory, PRICE_CHANGE_REASON } from '../../../../electron/services/reports/journal-memory';
import type { CartEvent } from '../../../../shared/domain/cart-events';
import type { ControlUnitRequest } from '../../../../shared/domain/fiscal';
import { childOf, documentIssues, swedishDateTime, textOf, type XmlElement } from '../../../../shared/domain/journal-memory';
import type { Receipt } from '../../../../shared/domain/receipt';
import type { CartLine, Discount } from '../../../../shared/domain/schemas';
import { callApp, openTestApp } from '../../../support/app-services';
import { skvfsSchemaErrors } from '../../../support/skvfs-schema';
import { parseXmlTree } from '../../../support/xml-tree';

/**
 * The SKVFS 2021:16 journal-memory export in Skatteverket's format. A Swedish till's day through the
 * services the web host runs (demo mode, the simulated control unit): parked sales, changed and
 * deleted lines, a price change, a price enquiry, a clear, a drawer opening without a sale, a
 * return, a copy, an unfinished sale and a Z report; and a real control unit's receipts from
 * journal records. Every export is validated against Skatteverket's XML schema itself
 * (test/fixtures/fiscal/, xmllint), held to the run-time element rules, and read back.
 */
let dataDir: string;
let app: AppServices;
beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'linkpos-journal-memory-'));
  app = await openTestApp(dataDir);
});
afterEach(async () => {
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const swedish = {
  shop: { name: 'Bageriet Åkerö AB', organisationNumber: '556036-0793', address: 'Storgatan 1, 123 45 Göteborg' },
  sweden: { enabled: true, tillDesignation: 'Kassa 1', controlUnit: { kind: 'simulated' } },
};

const line = (id: string, name: string, unitPriceMinor: number, pieces = 1): CartLine => ({
  id,
  barcode: '',
  name,
  unitPriceMinor,
  vatRate: id === 'k' ? 1200 : 600,
  quantityMilli: pieces * 1000,
  weighed: false,
  unit: 'st',
  partNumber: '',
  discount: null,
  custom: true,
});
const bun = line('b', 'Kanelbulle', 3500);
const coffee = line('k', 'Kaffe', 3000);
const cookie: CartLine = { ...line('c', 'Havrekaka', 1500), kind: 'goods', group: 'Kakor' };
const wrapping: CartLine = { ...line('g', 'Presentinslagning', 2000), vatRate: 2500, kind: 'service', group: 'Tjänster' };

let sent = 0;
async function record(...events: CartEvent[]): Promise<void> {
  await callApp(app, 'cart:record', { writer: 'till-window', from: sent, events });
  sent += events.length;
}
const registered = (cartId: string, l: CartLine): CartEvent => ({ type: 'article-registered', cartId, currency: 'SEK', line: l });

async function charge(lines: CartLine[]): Promise<string> {
  const sale = await callApp<{ id: string }>(app, 'sale:charge', { cart: { currency: 'SEK', discount: null, lines } });
  return sale.id;
}
async function pay(id: string): Promise<void> {
  await callApp(app, 'sale:demoCustomer', { id, action: 'pay' });
  await vi.waitFor(
    async () => {
      const r = await callApp<Receipt>(app, 'receipt:get', { id, copy: false });
      if (r.fiscal?.controlUnit.state !== 'signed') throw new Error('not signed yet');
    },
    { timeout: 10_000, interval: 50 },
  );
}

const exportMemory = (range: { from?: string; to?: string } = {}) =>
  callApp<{ fileName: string; text: string; mimeType: string; registrations: number; damagedLines: number }>(
    app,
    'journal:exportMemory',
    range,
  );

/** Validates against Skatteverket's schema and the element rules, then parses. */
async function valid(xml: string): Promise<XmlElement> {
  expect(await skvfsSchemaErrors(xml)).toEqual([]);
  const doc = parseXmlTree(xml);
  expect(documentIssues(doc)).toEqual([]);
  return doc;
}
const registrationsOf = (doc: XmlElement): XmlElement[] => childOf(doc, 'RegistreringLISTA')?.children ?? [];
/** The kind of each registration (the element after Kassabeteckning and Registreringstidpunkt). */
const kindOf = (h: XmlElement): XmlElement => h.children.at(-1) as XmlElement;
const kinds = (items: XmlElement[]) => items.map((h) => kindOf(h).name);
const ofKind = (items: XmlElement[], name: string) => items.filter((h) => kindOf(h).name === name).map(kindOf);

describe('the journal-memory export (SKVFS 2021:16, Skatteverket’s schema 2021-12-08)', () => {
  it('exports a day of registrations in time order, valid against Skatteverket’s schema, and reads back', async () => {
    sent = 0;
    await callApp(app, 'settings:save', { settings: { ...swedish, receiptPrinterKind: 'escpos-virtual' } });

    // Cart 1: a bun and a coffee, the bun doubled, its price changed by hand, the coffee deleted, then parked.
    await record(registered('c1', bun), registered('c1', coffee));
    await record({ type: 'article-changed', cartId: 'c1', line: { ...bun, quantityMilli: 2000 } });
    await record({
      type: 'article-price-changed',
      cartId: 'c1',
      line: { ...bun, quantityMilli: 2000, unitPriceMinor: 3000 },
      previousUnitPriceMinor: 3500,
    });
    await record({ type: 'article-deleted', cartId: 'c1', lineId: 'k' }, { type: 'sale-parked', cartId: 'c1' });
    // Cart 2: a price asked, two lines cleared, a cookie charged and paid.
    await record({
      type: 'price-enquiry',
      cartId: 'c2',
      currency: 'SEK',
      article: {
        barcode: '7310865004703',
        name: 'Kaffe',
        unitPriceMinor: 3000,
        vatRate: 1200,
        unit: 'st',
        partNumber: 'K-1',
        weighed: false,
      },
    });
    await record(registered('c2', coffee), registered('c2', cookie), { type: 'cart-cleared', cartId: 'c2' });
    await record(registered('c2', cookie), {
      type: 'cart-discount-changed',
      cartId: 'c2',
      discount: { kind: 'percent', basisPoints: 1000 },
    });
    const cookieSale = await charge([cookie]);
    await record({ type: 'sale-closed', cartId: 'c2', saleId: cookieSale });
    await pay(cookieSale);
    // The drawer opened without a sale.
    await callApp(app, 'drawer:open');
    // Cart 1 opened again and charged: the parking is closed by the sale.
    await record({ type: 'parked-sale-opened', cartId: 'c1' });
    const bunSale = await charge([{ ...bun, quantityMilli: 2000, unitPriceMinor: 3000 }]);
    await record({ type: 'sale-closed', cartId: 'c1', saleId: bunSale });
    await pay(bunSale);
    // A copy of the bun receipt (signed before it is printed), a return of one bun.
    await callApp(app, 'printout:print', { document: { kind: 'receipt', id: bunSale, copy: true } }).catch(() => undefined);
    await callApp(app, 'sale:refund', { id: bunSale, refundNumber: 1, lines: [{ lineId: 'b', quantityMilli: 1000 }], reason: 'Torr' });
    await vi.waitFor(
      async () => {
        const r = await callApp<Receipt>(app, 'receipt:get', { id: bunSale, copy: false, refund: 1 });
        if (r.fiscal?.controlUnit.state !== 'signed') throw new Error('refund not signed yet');
      },
      { timeout: 10_000, interval: 50 },
    );
    // A link cancelled before it was paid: an unfinished sale, counted on the Z report.
    const unpaid = await charge([coffee]);
    await callApp(app, 'sale:cancel', { id: unpaid });
    await vi.waitFor(async () => expect((await callApp<{ state: string }>(app, 'sale:get', { id: unpaid })).state).toBe('cancelled'));
    await callApp(app, 'report:z', {});

    const result = await exportMemory();
    expect(result.fileName).toMatch(/^linkpos-journalminne-start_now\.xml$/);
    expect(result.mimeType).toBe('application/xml');
    expect(result.damagedLines).toBe(0);
    expect(result.text).toContain('<utrein:ExportAvDataFranJournalminneEnligtSKVFS2021-16 xmlns:utrein=');

    const doc = await valid(result.text);
    expect(textOf(doc, 'BeteckningPaDetKassaregisterSomExportAvDataFranJournalminnetSkerIfran')).toBe('Kassa 1');
    expect(textOf(doc, 'TidpunktForNarExportAvDataFranJournalminnetSker')).toMatch(/^20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d$/);
    const company = childOf(doc, 'InformationOmForetaget') as XmlElement;
    expect([textOf(company, 'OrganisationsnummerEllerPersonnummer'), textOf(company, 'ForetagetsNamn')]).toEqual([
      '5560360793',
      'Bageriet Åkerö AB',
    ]);
    const system = childOf(childOf(doc, 'KassaregistersystemLISTA') as XmlElement, 'Kassaregistersystemet') as XmlElement;
    expect(textOf(system, 'ModellbeteckningForKassaregistret')).toBe('LinkPOS SE');
    expect(textOf(system, 'ModellEllerProgramForKassaregistret')).toBe('LinkPOS');
    expect(textOf(system, 'TillverkningsnummerForKontrollenheten')).toMatch(/^SIM-SE-[0-9A-Z]{6}-001$/);

    const items = registrationsOf(doc);
    expect(items).toHaveLength(result.registrations);
    for (const h of items) expect(textOf(h, 'Kassabeteckning')).toBe('Kassa 1');
    expect(kinds(items)).toEqual([
      // The till started (in demo mode: training mode), before anything was registered.
      'StartAvKassaregister',
      'StallaOmTillOvningslage',
      'RegistreraArtikel',
      'RegistreraArtikel',
      'AndraRegistreradArtikel',
      'AndraRegistreradArtikel',
      'RaderaRegistreradArtikel',
      'ParkeraRegistreradArtikel',
      'StallaPrisforfragan',
      'RegistreraArtikel',
      'RegistreraArtikel',
      'AnvandaClear',
      'RegistreraArtikel',
      // The cart discount is no registration of its own; the sale's receipt is (demo: a training receipt).
      'Ovningskvitto',
      'OppnaKassaladaVidNollforsaljning',
      'OppnaParkering',
      'StangaParkering',
      'Ovningskvitto',
      'Ovningskvitto',
      'Ovningskvitto',
      'ZDagrapport',
    ]);
    const [quantityChange, priceChange] = ofKind(items, 'AndraRegistreradArtikel') as [XmlElement, XmlElement];
    expect([textOf(quantityChange, 'AntalAvRegistreradArtikel'), textOf(quantityChange, 'TidigareAntalAvRegistreradArtikel')]).toEqual([
      '2.00',
      '1.00',
    ]);
    expect(textOf(quantityChange, 'OrsakTillAndring')).toBeNull();
    expect([
      textOf(priceChange, 'PrisPerEnhet'),
      textOf(priceChange, 'TidigarePrisPerEnhet'),
      textOf(priceChange, 'PrisPaRegistreradArtikel'),
    ]).toEqual(['30.00', '35.00', '60.00']);
    expect(textOf(priceChange, 'OrsakTillAndring')).toBe(PRICE_CHANGE_REASON);
    const deleted = ofKind(items, 'RaderaRegistreradArtikel')[0] as XmlElement;
    expect([textOf(deleted, 'Artikelnamn'), textOf(deleted, 'MervardesskattesatsForRegistreradArtikel')]).toEqual(['Kaffe', '12.00']);
    expect(textOf(deleted, 'UrsprungligRegistreringstidpunkt')).toBe(textOf(items[1] as XmlElement, 'Registreringstidpunkt'));
    const parked = ofKind(items, 'ParkeraRegistreradArtikel')[0] as XmlElement;
    expect([
      textOf(parked, 'Artikelnamn'),
      textOf(parked, 'AntalAvRegistreradArtikel'),
      textOf(parked, 'PrisPaRegistreradArtikel'),
    ]).toEqual(['Kanelbulle', '2.00', '60.00']);
    expect(textOf(parked, 'MervardesskattPaRegistreradArtikel')).toBe('3.40');
    expect(textOf(parked, 'IdentitetsbeteckningPaParkering')).toBe('c1');
    expect(textOf(ofKind(items, 'StangaParkering')[0] as XmlElement, 'IdentitetsbeteckningPaParkering')).toBe('c1');
    const enquiry = ofKind(items, 'StallaPrisforfragan')[0] as XmlElement;
    expect([textOf(enquiry, 'Artikelnummer'), textOf(enquiry, 'Artikelnamn'), textOf(enquiry, 'PrisPaEfterfragadArtikel')]).toEqual([
      'K-1',
      'Kaffe',
      '30.00',
    ]);
    expect((ofKind(items, 'AnvandaClear')[0] as XmlElement).text).toBe('JA');

    // Receipts: the cookie, the bun, the bun's copy and the return, each signed by the simulated unit
    // (training: no control code in the format), in the order they were signed.
    const receipts = ofKind(items, 'Ovningskvitto');
    expect(receipts.map((r) => textOf(r, 'TotaltForsaljningsbeloppISvenskaKronor'))).toEqual(['15.00', '60.00', '60.00', '-30.00']);
    const bunReceipt = receipts[1] as XmlElement;
    const vat = childOf(
      childOf(bunReceipt, 'MervardesskattPaOlikaSkattesatserLISTA') as XmlElement,
      'MervardesskattPerSkattesats',
    ) as XmlElement;
    expect([textOf(vat, 'Mervardesskattesats'), textOf(vat, 'TotaltMervardesskattebeloppPerSkattesats')]).toEqual(['6.00', '3.40']);
    const sold = childOf(childOf(bunReceipt, 'SaldaArtiklarLISTA') as XmlElement, 'SaldArtikel') as XmlElement;
    expect([textOf(sold, 'TypAvArtikel'), textOf(sold, 'Artikelnamn'), textOf(sold, 'AntalAvSaldArtikel')]).toEqual([
      'VARA',
      'Kanelbulle',
      '2.00',
    ]);
    // A line of a main group names it where it is registered and where it is sold.
    const cookieRegistration = ofKind(items, 'RegistreraArtikel').at(-1) as XmlElement;
    expect([textOf(cookieRegistration, 'TypAvArtikel'), textOf(cookieRegistration, 'NamnPaHuvudgrupp')]).toEqual(['VARA', 'Kakor']);
    const cookieSold = childOf(childOf(receipts[0] as XmlElement, 'SaldaArtiklarLISTA') as XmlElement, 'SaldArtikel') as XmlElement;
    expect([textOf(cookieSold, 'Artikelnamn'), textOf(cookieSold, 'NamnPaHuvudgrupp')]).toEqual(['Havrekaka', 'Kakor']);
    expect(textOf(sold, 'NamnPaHuvudgrupp')).toBeNull();
    // The article's registration time is the cart's (the bun was the day's first registration).
    expect(textOf(sold, 'ArtikelnsRegistreringstidpunkt')).toBe(textOf(items[0] as XmlElement, 'Registreringstidpunkt'));
    // Every receipt was taken before the Z report, so each names Z report 1.
    expect(receipts.map((r) => textOf(r, 'LopnummerForZDagrapportPaKvitto'))).toEqual(['1', '1', '1', '1']);

    const z = ofKind(items, 'ZDagrapport')[0] as XmlElement;
    expect(textOf(z, 'LopnummerForZDagrapport')).toBe('1');
    // Demo mode: every sale is a training sale, so the day's real counts are nought.
    expect(textOf(z, 'AntalOavslutadeForsaljningar')).toBe('0');
    expect(textOf(z, 'AntalKassaladoppningar')).toBe('1');
    expect(textOf(z, 'AntalKvittonSomTagitsFramIOvningslage')).toBe('3');
    expect(textOf(z, 'TotaltBeloppIOvningslage')).toBe('75.00');
  });

  it('exports only the chosen period, says the period, and refuses a period without registrations', async () => {
    sent = 0;
    await callApp(app, 'settings:save', { settings: swedish });
    await record(registered('c1', bun), registered('c1', wrapping));
    const later = new Date(Date.now() + 60_000).toISOString();
    await expect(exportMemory({ from: later })).rejects.toThrow(/no registrations in the chosen period/);
    const all = await exportMemory({ to: later });
    const doc = await valid(all.text);
    expect(kinds(registrationsOf(doc))).toEqual([
      'StartAvKassaregister',
      'StallaOmTillOvningslage',
      'RegistreraArtikel',
      'RegistreraArtikel',
    ]);
    // Goods and a service of a main group, as the catalog says.
    expect(
      ofKind(registrationsOf(doc), 'RegistreraArtikel').map((r) => [textOf(r, 'TypAvArtikel'), textOf(r, 'NamnPaHuvudgrupp')]),
    ).toEqual([
      ['VARA', null],
      ['TJANST', 'Tjänster'],
    ]);
    const period = childOf(doc, 'ValdPeriodForExportAvDataFranJournalminne') as XmlElement;
    expect(textOf(period, 'ValdSluttidpunktForExportAvDataFranJournalminnet')).toBe(swedishDateTime(later));
  });

  it('names the user signed in at each registration and at the export; journals sign-in, sign-out and X printouts', async () => {
    sent = 0;
    await callApp(app, 'settings:save', { settings: swedish });
    await record(registered('c1', bun)); // before staff: nobody
    // The owner is signed in as she is added: on record first.
    await callApp(app, 'staff:add', { name: 'Olga Åkerö', pin: '80461935', role: 'manager' });
    await callApp(app, 'staff:add', { name: 'Carl Berg', pin: '72950318', role: 'clerk' });
    await record(registered('c1', coffee), { type: 'sale-parked', cartId: 'c1' });
    // A sale she charges: its receipt names her too.
    await record(registered('c2', cookie));
    const sale = await charge([cookie]);
    await record({ type: 'sale-closed', cartId: 'c2', saleId: sale });
    await pay(sale);
    // An X report printed (as PDF; the test host has no PDF maker, so it fails after it is on record).
    const x = await callApp<{ period: { toSeq: number } }>(app, 'report:x', {});
    await callApp(app, 'printout:pdf', { document: { kind: 'x-report', upToSeq: x.period.toSeq } }).catch(() => undefined);
    // She signs out; Carl signs in and the idle timer signs him out; she signs in to export.
    await callApp(app, 'staff:signOut', { idle: false });
    await callApp(app, 'staff:signIn', { pin: '72950318' });
    await callApp(app, 'staff:signOut', { idle: true });
    await callApp(app, 'staff:signIn', { pin: '80461935' });
    const doc = await valid((await exportMemory()).text);
    expect(registrationsOf(doc).map((h) => [kindOf(h).name, textOf(h, 'InloggadAnvandare')])).toEqual([
      ['StartAvKassaregister', null],
      ['StallaOmTillOvningslage', null],
      ['RegistreraArtikel', null],
      ['InloggningIKassaregister', 'Olga Åkerö'],
      ['RegistreraArtikel', 'Olga Åkerö'],
      // Parking registers each line parked, both under whoever parked them.
      ['ParkeraRegistreradArtikel', 'Olga Åkerö'],
      ['ParkeraRegistreradArtikel', 'Olga Åkerö'],
      ['RegistreraArtikel', 'Olga Åkerö'],
      ['Ovningskvitto', 'Olga Åkerö'],
      ['XDagrapport', 'Olga Åkerö'],
      ['UtloggningUrKassaregister', 'Olga Åkerö'],
      ['InloggningIKassaregister', 'Carl Berg'],
      ['UtloggningUrKassaregister', 'Carl Berg'],
      ['InloggningIKassaregister', 'Olga Åkerö'],
    ]);
    expect(textOf(doc, 'InloggadAnvandareVidExportAvDataFranJournalminnet')).toBe('Olga Åkerö');
    // The X printout as printed: demo mode, so its one receipt is a training receipt.
    const xReport = ofKind(registrationsOf(doc), 'XDagrapport')[0] as XmlElement;
    expect([textOf(xReport, 'AntalKvittonSomTagitsFramIOvningslage'), textOf(xReport, 'TotaltBeloppIOvningslage')]).toEqual(['1', '15.00']);
    expect(textOf(xReport, 'Kassabeteckning')).toBe('Kassa 1');
    // The journal holds the sessions as records the sale replay passes over (the sale is still one sale).
    const sales = await callApp<unknown[]>(app, 'sale:list', {});
    expect(sales).toHaveLength(1);
  });

  it('writes a cart discount (percent and amount) as the receipt-level discount; the total and VAT stay as signed', async () => {
    sent = 0;
    await callApp(app, 'settings:save', { settings: swedish });
    /** A cart with a discount on the whole of it, charged and paid: its id. */
    const sellWithDiscount = async (cartId: string, lines: CartLine[], discount: Discount) => {
      await record(...lines.map((l) => registered(cartId, l)), { type: 'cart-discount-changed', cartId, discount });
      const sale = await callApp<{ id: string }>(app, 'sale:charge', { cart: { currency: 'SEK', discount, lines } });
      await record({ type: 'sale-closed', cartId, saleId: sale.id });
      await pay(sale.id);
      return sale;
    };
    // 10 % off a bun and a coffee (two VAT rates): 65.00 − 6.50 = 58.50.
    const percentSale = await sellWithDiscount('c1', [bun, coffee], { kind: 'percent', basisPoints: 1000 });
    // 10.00 off two cookies (one with its own 5.00 off): 30.00 − 5.00 − 10.00 = 15.00.
    const discounted: CartLine = { ...cookie, id: 'c2', discount: { kind: 'amount', minor: 500 } };
    const amountSale = await sellWithDiscount('c2', [cookie, discounted], { kind: 'amount', minor: 1000 });

    const doc = await valid((await exportMemory()).text);
    const receipts = ofKind(registrationsOf(doc), 'Ovningskvitto');
    expect(receipts).toHaveLength(2);
    const amounts = (r: XmlElement, list: string, item: string, leaf: string) =>
      (childOf(r, list)?.children ?? []).filter((e) => e.name === item).map((e) => textOf(e, leaf));
    const cents = (text: string | null) => Math.round(Number(text) * 100);
    for (const [receipt, id, name, discount, total] of [
      // Named as the printed receipt names it.
      [receipts[0], percentSale.id, 'Rabatt', '6.50', '58.50'],
      [receipts[1], amountSale.id, 'Rabatt', '10.00', '15.00'],
    ] as const) {
      const r = receipt as XmlElement;
      const listed = childOf(childOf(r, 'RabatterPaKvittonivaLISTA') as XmlElement, 'RabattPaKvittoniva') as XmlElement;
      expect([textOf(listed, 'BenamningPaRabatt'), textOf(listed, 'RabattensBeloppPaKvittoniva')]).toEqual([name, discount]);
      expect(textOf(r, 'TotaltRabattbeloppPaKvitto')).toBe(discount);
      expect(textOf(r, 'TotaltForsaljningsbeloppISvenskaKronor')).toBe(total);
      // The articles before the receipt's discount, less it, are the total that was signed and printed.
      const prices = amounts(r, 'SaldaArtiklarLISTA', 'SaldArtikel', 'PrisPaSaldArtikel').map(cents);
      expect(prices.reduce((a, b) => a + b, 0) - cents(discount)).toBe(cents(total));
      // The VAT is the printed receipt's, per rate and in all.
      const printed = await callApp<Receipt>(app, 'receipt:get', { id, copy: false });
      expect(cents(total)).toBe(printed.totalMinor);
      expect(cents(textOf(r, 'MervardesskattPaForsaljningsbeloppet'))).toBe(printed.vatTotalMinor);
      expect(
        amounts(r, 'MervardesskattPaOlikaSkattesatserLISTA', 'MervardesskattPerSkattesats', 'TotaltMervardesskattebeloppPerSkattesats').map(
          cents,
        ),
      ).toEqual(printed.vat.map((v) => v.vatMinor));
    }
    // The percent sale's articles: 35.00 and 30.00 before the receipt's discount.
    expect(amounts(receipts[0] as XmlElement, 'SaldaArtiklarLISTA', 'SaldArtikel', 'PrisPaSaldArtikel')).toEqual(['35.00', '30.00']);
    // The cookie with its own discount: 10.00 after it, before the receipt's.
    expect(amounts(receipts[1] as XmlElement, 'SaldaArtiklarLISTA', 'SaldArtikel', 'PrisPaSaldArtikel')).toEqual(['15.00', '10.00']);
  });

  it('is refused on a till that is not Swedish (an Icelandic till is unchanged)', async () => {
    await callApp(app, 'settings:save', { settings: { demoProvider: 'straumur', currency: 'ISK' } });
    await expect(exportMemory()).rejects.toThrow(/Swedish till/);
  });
});

describe('receipts a certified control unit signed', () => {
  // Journal records as a real unit leaves them: not training, a 17-character serial, 59-character codes.
  const serial = 'CU-SE-0001-000042';
  const code = (n: number) => `${String(n).padStart(4, '0')} AAAA BBBB CCCC DDDD EEEE FFFF GGGG HHHH IIII JJJJ KKKK`;
  const at = (minute: number) =>
    `2027-01-04T${String(9 + Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00.000Z`;
  let seq = 0;
  const journal = (type: string, saleId: string, minute: number, data: unknown): JournalRecord => ({
    v: 1,
    seq: ++seq,
    at: at(minute),
    type,
    saleId,
    data,
    prev: '',
    hash: '',
  });
  const request = (kind: ControlUnitRequest['kind'], number: number, key: string, totalMinor: number): ControlUnitRequest => ({
    key,
    kind,
    organisationNumber: '5560360793',
    tillDesignation: 'Kassa 1',
    at: at(1),
    receiptNumber: number,
    currency: 'SEK',
    totalMinor,
    vat: [{ vatRate: 2500, vatMinor: totalMinor / 5, grossMinor: totalMinor }],
    lines: [{ name: 'Kaffebryggare', quantityMilli: totalMinor < 0 ? -1000 : 1000, totalMinor, vatRate: 2500 }],
    paymentMeans: 'Swish',
  });
  const asked = (r: ControlUnitRequest, minute: number) =>
    journal('control-unit-request', 's1', minute, { v: 1, unit: 'efsta', request: r } satisfies ControlUnitRequestData);
  const signed = (key: string, minute: number, n: number) =>
    journal('control-unit-signed', 's1', minute, { v: 1, key, serial, code: code(n), training: false } satisfies ControlUnitSignedData);

  async function* noCart(): AsyncGenerator<CartJournalEntry> {}
  /** The export's header for these records: a Kiruna shop's till 2, no cart journal. */
  const unitHeader = {
    organisationNumber: '5560360793',
    companyName: 'Hemelektronik i Kiruna AB',
    saleAddress: 'Föreningsgatan 3',
    tillDesignation: 'Kassa 2',
    tillSerial: 'TILL-1',
    version: '1.4.0',
    controlUnitSerial: null,
    exportedBy: null,
    exportedAt: '2027-01-04T12:00:00.000Z',
  };

  it('are a sale receipt, a copy naming the original’s code, and a return receipt naming the sale’s number', async () => {
    seq = 0;
    const sale = request('normal', 7, 'A:7:original', 50000);
    const copy = request('copy', 7, 'A:7:copy', 50000);
    const refund = request('refund', 1, 'refund-A:1:original', -50000);
    const records = [
      asked(sale, 1),
      signed(sale.key, 1, 1),
      asked(copy, 5),
      signed(copy.key, 5, 2),
      asked(refund, 9),
      signed(refund.key, 9, 3),
    ];
    const result = await buildJournalMemory(
      { cartEntries: noCart(), salesRecords: records, zReports: [] },
      {
        organisationNumber: '556036-0793',
        companyName: 'Hemelektronik i Kiruna AB',
        saleAddress: 'Föreningsgatan 3, 981 31 Kiruna',
        tillDesignation: 'Kassa 2',
        tillSerial: '0b9d5c84-4f0e-4a4e-9d55-2f4f1f0b6a11',
        version: '1.4.0',
        controlUnitSerial: null,
        exportedBy: null,
        exportedAt: '2027-01-04T12:00:00.000Z',
      },
      {},
    );
    const doc = await valid(result.xml);
    const items = registrationsOf(doc);
    expect(kinds(items)).toEqual(['Kassakvitto', 'KopiaAvKassakvitto', 'Returkvitto']);
    const [receipt, receiptCopy, returned] = items.map(kindOf) as [XmlElement, XmlElement, XmlElement];
    // Swedish local time (CET in January), without a zone.
    expect(textOf(receipt, 'DatumOchKlockslagNarKvittoFramstalls')).toBe('2027-01-04T10:01:00');
    expect([
      textOf(receipt, 'LopnummerForKassakvitto'),
      textOf(receipt, 'Kontrollkod'),
      textOf(receipt, 'TillverkningsnummerForKontrollenheten'),
    ]).toEqual(['7', code(1), serial]);
    expect(textOf(receipt, 'LopnummerForZDagrapportPaKvitto')).toBe('0');
    expect(
      textOf(
        childOf(childOf(receipt, 'TotalaForsaljningssummorPerBetalningsmedelLISTA')!, 'TotalForsaljningssummaPerBetalningsmedel')!,
        'Betalningsmedel',
      ),
    ).toBe('Swish');
    expect([
      textOf(receiptCopy, 'DatumOchKlockslagNarKvittoFramstalls'),
      textOf(receiptCopy, 'DatumOchKlockslagNarOriginalkvittoFramstalldes'),
      textOf(receiptCopy, 'LopnummerForKvittokopia'),
      textOf(receiptCopy, 'LopnummerPaOriginalkvitto'),
      textOf(receiptCopy, 'KontrollkodPaKopiaAvKassakvitto'),
      textOf(receiptCopy, 'KontrollkodForKvittotSomKopianAvser'),
    ]).toEqual(['2027-01-04T10:05:00', '2027-01-04T10:01:00', '1', '7', code(2), code(1)]);
    expect([
      textOf(returned, 'LopnummerForKassakvitto'),
      textOf(returned, 'LopnummerForUrsprungligtKassakvitto'),
      textOf(returned, 'TotaltForsaljningsbeloppISvenskaKronor'),
      textOf(returned, 'Kontrollkod'),
    ]).toEqual(['1', '7', '-500.00', code(3)]);
    const system = childOf(childOf(doc, 'KassaregistersystemLISTA')!, 'Kassaregistersystemet')!;
    expect([
      textOf(system, 'TillverkningsnummerForKassaregistret'),
      textOf(system, 'VersionsnummerForKassaregistret'),
      textOf(system, 'TillverkningsnummerForKontrollenheten'),
    ]).toEqual(['0b9d5c84-4f0e-4a4e-9d55-2f4f1f0b6a11', '1.4.0', serial]);
  });

  it('a parked sale moved into the next: each line a FlyttaParkeradArtikel, its receipt keeping when each line was registered', async () => {
    seq = 0;
    const brewer: CartLine = { ...line('m1', 'Kaffebryggare', 40000), vatRate: 2500, kind: 'goods', group: 'Kök' };
    const filters: CartLine = { ...line('m2', 'Kaffefilter', 2500, 2), vatRate: 2500 };
    const cable: CartLine = { ...line('m3', 'Förlängningssladd', 7500), vatRate: 2500 };
    const cartEvents: [number, CartEvent][] = [
      [1, registered('cart-a', brewer)],
      [2, registered('cart-a', filters)],
      [3, { type: 'sale-parked', cartId: 'cart-a' }],
      [4, registered('cart-b', cable)],
      // A move from a cart this replay never held (its events lost to damage) moves nothing: no line to name.
      [5, { type: 'parked-sale-moved', cartId: 'cart-b', fromCartId: 'cart-gone' }],
      // The event names the carts only: the lines moved are cart-a's as registered and parked.
      [6, { type: 'parked-sale-moved', cartId: 'cart-b', fromCartId: 'cart-a' }],
      [7, { type: 'sale-closed', cartId: 'cart-b', saleId: 's1' }],
    ];
    // eslint-disable-next-line @typescript-eslint/require-await -- an in-memory cart journal: nothing to wait for
    async function* cartJournal(): AsyncGenerator<CartJournalEntry> {
      for (const [i, [minute, event]] of cartEvents.entries()) yield { kind: 'event', seq: i + 1, at: at(minute), by: null, event };
    }
    const sale: ControlUnitRequest = {
      ...request('normal', 11, 'A:11:original', 52500),
      vat: [{ vatRate: 2500, vatMinor: 10500, grossMinor: 52500 }],
      lines: [
        { name: 'Förlängningssladd', quantityMilli: 1000, totalMinor: 7500, vatRate: 2500 },
        { name: 'Kaffebryggare', quantityMilli: 1000, totalMinor: 40000, vatRate: 2500 },
        { name: 'Kaffefilter', quantityMilli: 2000, totalMinor: 5000, vatRate: 2500 },
      ],
    };
    const result = await buildJournalMemory(
      { cartEntries: cartJournal(), salesRecords: [asked(sale, 8), signed(sale.key, 8, 5)], zReports: [] },
      unitHeader,
      {},
    );
    const items = registrationsOf(await valid(result.xml));
    expect(kinds(items)).toEqual([
      'RegistreraArtikel',
      'RegistreraArtikel',
      'ParkeraRegistreradArtikel',
      'ParkeraRegistreradArtikel',
      'RegistreraArtikel',
      'FlyttaParkeradArtikel',
      'FlyttaParkeradArtikel',
      // The cart the parked articles moved to is that parking from then on: its sale closes it.
      'StangaParkering',
      'Kassakvitto',
    ]);
    const moved = ofKind(items, 'FlyttaParkeradArtikel');
    expect(
      moved.map((m) => [
        textOf(m, 'Artikelnamn'),
        textOf(m, 'AntalAvRegistreradArtikel'),
        textOf(m, 'PrisPaRegistreradArtikel'),
        textOf(m, 'IdentitetsbeteckningPaParkering'),
        textOf(m, 'IdentitetsbeteckningForTidigareParkering'),
      ]),
    ).toEqual([
      ['Kaffebryggare', '1.00', '400.00', 'cart-b', 'cart-a'],
      ['Kaffefilter', '2.00', '50.00', 'cart-b', 'cart-a'],
    ]);
    expect([textOf(moved[0]!, 'TypAvArtikel'), textOf(moved[0]!, 'NamnPaHuvudgrupp')]).toEqual(['VARA', 'Kök']);
    expect(textOf(items[5]!, 'Registreringstidpunkt')).toBe('2027-01-04T10:06:00');
    expect(textOf(ofKind(items, 'StangaParkering')[0]!, 'IdentitetsbeteckningPaParkering')).toBe('cart-b');
    // Each sold article's registration time is when it was first registered, not when it moved (CET).
    const sold = childOf(ofKind(items, 'Kassakvitto')[0]!, 'SaldaArtiklarLISTA')!.children;
    expect(sold.map((a) => [textOf(a, 'Artikelnamn'), textOf(a, 'ArtikelnsRegistreringstidpunkt')])).toEqual([
      ['Förlängningssladd', '2027-01-04T10:04:00'],
      ['Kaffebryggare', '2027-01-04T10:01:00'],
      ['Kaffefilter', '2027-01-04T10:02:00'],
    ]);
  });

  it('write a receipt-level discount on a sale receipt and its copy; a request journaled before the field exports as before', async () => {
    seq = 0;
    // 500.00 and 100.00, 60.00 off the whole cart (50.00 and 10.00): 540.00, VAT 108.00, as signed.
    const withDiscount = (kind: ControlUnitRequest['kind'], key: string): ControlUnitRequest => ({
      ...request(kind, 11, key, 54000),
      vat: [{ vatRate: 2500, vatMinor: 10800, grossMinor: 54000 }],
      lines: [
        { name: 'Kaffebryggare', quantityMilli: 1000, totalMinor: 45000, vatRate: 2500, cartDiscountMinor: 5000 },
        { name: 'Filter', quantityMilli: 1000, totalMinor: 9000, vatRate: 2500, cartDiscountMinor: 1000 },
      ],
    });
    const sale = withDiscount('normal', 'A:11:original');
    const copy = withDiscount('copy', 'A:11:copy');
    // An old request record, as journaled before the cart discount was kept: no field at all.
    const old = request('normal', 12, 'A:12:original', 20000);
    expect(old.lines.some((l) => 'cartDiscountMinor' in l)).toBe(false);
    const records = [asked(sale, 1), signed(sale.key, 1, 5), asked(copy, 2), signed(copy.key, 2, 6), asked(old, 3), signed(old.key, 3, 7)];
    const doc = await valid((await buildJournalMemory({ cartEntries: noCart(), salesRecords: records, zReports: [] }, unitHeader, {})).xml);
    const items = registrationsOf(doc);
    expect(kinds(items)).toEqual(['Kassakvitto', 'KopiaAvKassakvitto', 'Kassakvitto']);
    const [receipt, receiptCopy, oldReceipt] = items.map(kindOf) as [XmlElement, XmlElement, XmlElement];
    for (const r of [receipt, receiptCopy]) {
      const names = r.children.map((e) => e.name);
      // In the schema's order: after the articles, before the total.
      expect(names.slice(names.indexOf('SaldaArtiklarLISTA'), names.indexOf('SaldaArtiklarLISTA') + 4)).toEqual([
        'SaldaArtiklarLISTA',
        'RabatterPaKvittonivaLISTA',
        'TotaltRabattbeloppPaKvitto',
        'TotaltForsaljningsbeloppISvenskaKronor',
      ]);
      const listed = childOf(childOf(r, 'RabatterPaKvittonivaLISTA') as XmlElement, 'RabattPaKvittoniva') as XmlElement;
      // Named as the printed receipt names it, from the sum of the lines' shares.
      expect([textOf(listed, 'BenamningPaRabatt'), textOf(listed, 'RabattensBeloppPaKvittoniva')]).toEqual(['Rabatt', '60.00']);
      expect([
        textOf(r, 'TotaltRabattbeloppPaKvitto'),
        textOf(r, 'TotaltForsaljningsbeloppISvenskaKronor'),
        textOf(r, 'MervardesskattPaForsaljningsbeloppet'),
      ]).toEqual(['60.00', '540.00', '108.00']);
      const articles = (childOf(r, 'SaldaArtiklarLISTA') as XmlElement).children;
      expect(articles.map((a) => [textOf(a, 'PrisPaSaldArtikel'), textOf(a, 'MervardesskattPaSaldArtikel')])).toEqual([
        ['500.00', '100.00'],
        ['100.00', '20.00'],
      ]);
    }
    // The old record: its articles as signed, no receipt-level discount.
    expect(childOf(oldReceipt, 'RabatterPaKvittonivaLISTA')).toBeUndefined();
    expect(textOf(oldReceipt, 'TotaltRabattbeloppPaKvitto')).toBeNull();
    expect(textOf(childOf(childOf(oldReceipt, 'SaldaArtiklarLISTA')!, 'SaldArtikel')!, 'PrisPaSaldArtikel')).toBe('200.00');
  });

  it('leave out a receipt the unit has not signed yet (it is not issued before it is)', async () => {
    seq = 0;
    const sale = request('normal', 8, 'A:8:original', 10000);
    const waiting = request('normal', 9, 'A:9:original', 20000);
    const records = [asked(sale, 1), signed(sale.key, 2, 4), asked(waiting, 3)];
    const doc = await valid((await buildJournalMemory({ cartEntries: noCart(), salesRecords: records, zReports: [] }, unitHeader, {})).xml);
    expect(registrationsOf(doc).map((h) => textOf(kindOf(h), 'LopnummerForKassakvitto'))).toEqual(['8']);
  });
});

describe('a long export', () => {
  it('gives the event loop turns while it works, so selling never waits', async () => {
    const base = Date.parse('2027-01-04T08:00:00Z');
    // eslint-disable-next-line @typescript-eslint/require-await -- an in-memory cart journal: nothing to wait for
    async function* many(): AsyncGenerator<CartJournalEntry> {
      for (let i = 0; i < 3000; i++) {
        const event: CartEvent = registered(`c${Math.floor(i / 10)}`, { ...bun, id: `l${i}` });
        yield { kind: 'event', seq: i + 1, at: new Date(base + i * 1000).toISOString(), by: null, event };
      }
    }
    const header = {
      organisationNumber: '5560360793',
      companyName: 'Bageriet Åkerö AB',
      saleAddress: 'Storgatan 1',
      tillDesignation: 'Kassa 1',
      tillSerial: 'TILL-1',
      version: '1.4.0',
      controlUnitSerial: 'SIM-SE-ABCDEF-001',
      exportedBy: null,
      exportedAt: '2027-01-05T12:00:00.000Z',
    };
    let done = false;
    const exporting = buildJournalMemory({ cartEntries: many(), salesRecords: [], zReports: [] }, header, {}).finally(() => {
      done = true;
    });
    let turns = 0;
    while (!done) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      turns += 1;
    }
    const result = await exporting;
    expect(result.registrations).toBe(3000);
    // At least one turn per 250 cart events read and per 250 registrations written.
    expect(turns).toBeGreaterThanOrEqual(24);
    await valid(result.xml);
  });
});

describe('the element rules (run time) and Skatteverket’s schema (tests) agree', () => {
  it('refuse a document with an element missing, out of order, of a kind the format has not, or a bad value', async () => {
    sent = 0;
    await callApp(app, 'settings:save', { settings: swedish });
    await record(registered('c1', bun), registered('c1', coffee));
    const good = (await exportMemory()).text;
    await valid(good);

    const broken = [
      // The export time is required.
      good.replace(/ *<utreko:TidpunktForNarExportAvDataFranJournalminnetSker>.*\n/, ''),
      // The company before the period.
      good.replace(
        /( *<utreko:ValdPeriodForExportAvDataFranJournalminne>[\s\S]*?<\/utreko:ValdPeriodForExportAvDataFranJournalminne>\n)([\s\S]*?<\/utreko:InformationOmForetaget>\n)/,
        '$2$1',
      ),
      // A kind the format has not (LinkPOS's old invented names).
      good.replace(/RegistreraArtikel>/g, 'NyArtikel>'),
      // A time with a zone and fractions.
      good.replace(/(<utreko:Registreringstidpunkt>[^<]*)</, '$1.000+01:00<'),
      // A VAT rate with three decimals ("6.000" would do: the schema counts the value's decimals).
      good.replace('<utreko:MervardesskattesatsForRegistreradArtikel>6.00<', '<utreko:MervardesskattesatsForRegistreradArtikel>6.125<'),
      // An organisation number with a hyphen.
      good.replace(/<utreko:OrganisationsnummerEllerPersonnummer>5560360793</, '<utreko:OrganisationsnummerEllerPersonnummer>556036-0793<'),
    ];
    for (const [i, text] of broken.entries()) {
      expect(text, `variant ${i}`).not.toBe(good);
      expect(await skvfsSchemaErrors(text), `variant ${i}`).not.toEqual([]);
      expect(documentIssues(parseXmlTree(text))).not.toEqual([]);
    }
    // The model designation must carry "SE" (our rule, from 4 kap. 6 § SKVFS 2014:9).
    const noSe = good.replace(/>LinkPOS SE</g, '>LinkPOS<');
    expect(documentIssues(parseXmlTree(noSe))).not.toEqual([]);
  });
});
