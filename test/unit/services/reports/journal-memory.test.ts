import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../../../../electron/services/app';
import type { CartEvent } from '../../../../shared/domain/cart-events';
import { journalMemorySchema, textOf, type XmlElement } from '../../../../shared/domain/journal-memory';
import type { Receipt } from '../../../../shared/domain/receipt';
import type { CartLine } from '../../../../shared/domain/schemas';
import { callApp, openTestApp } from '../../../support/app-services';
import { parseXmlTree } from '../../../support/xml-tree';

/**
 * The SKVFS 2021:16 journal-memory export of a Swedish till's day, through the services the web
 * host runs (demo mode, the simulated control unit): parked sales, deleted lines, a clear, a cart
 * discount, a return, a copy, an unfinished sale and a Z report. The XML is parsed back with a real
 * XML parser, held to the element rules, and read back: counts, amounts and order.
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
const cookie = line('c', 'Havrekaka', 1500);

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

const registrationsOf = (doc: XmlElement): XmlElement[] => doc.children[1]?.children ?? [];
const names = (items: XmlElement[]) => items.map((r) => r.name);
const count = (items: XmlElement[], name: string) => items.filter((r) => r.name === name).length;

describe('the journal-memory export (SKVFS 2021:16)', () => {
  it('exports a day of registrations in time order, valid against the element rules, and reads back', async () => {
    sent = 0;
    await callApp(app, 'settings:save', { settings: swedish });

    // Cart 1: a bun and a coffee, the bun doubled, the coffee deleted, then parked.
    await record(registered('c1', bun), registered('c1', coffee));
    await record({ type: 'article-changed', cartId: 'c1', line: { ...bun, quantityMilli: 2000 } });
    await record({ type: 'article-deleted', cartId: 'c1', lineId: 'k' }, { type: 'sale-parked', cartId: 'c1' });
    // Cart 2: two lines cleared, a cookie with 10 % off the cart, charged and paid.
    await record(registered('c2', coffee), registered('c2', cookie), { type: 'cart-cleared', cartId: 'c2' });
    await record(registered('c2', cookie), {
      type: 'cart-discount-changed',
      cartId: 'c2',
      discount: { kind: 'percent', basisPoints: 1000 },
    });
    const cookieSale = await charge([cookie]);
    await record({ type: 'sale-closed', cartId: 'c2', saleId: cookieSale });
    await pay(cookieSale);
    // Cart 1 opened again and charged: the parking is closed by the sale.
    await record({ type: 'parked-sale-opened', cartId: 'c1' });
    const bunSale = await charge([{ ...bun, quantityMilli: 2000 }]);
    await record({ type: 'sale-closed', cartId: 'c1', saleId: bunSale });
    await pay(bunSale);
    // A copy of the bun receipt (signed, then the web host has no printer), a return of one bun.
    await expect(callApp(app, 'printout:print', { document: { kind: 'receipt', id: bunSale, copy: true } })).rejects.toThrow();
    await callApp(app, 'sale:refund', { id: bunSale, refundNumber: 1, lines: [{ lineId: 'b', quantityMilli: 1000 }], reason: 'Torr' });
    await vi.waitFor(
      async () => {
        const r = await callApp<Receipt>(app, 'receipt:get', { id: bunSale, copy: false, refund: 1 });
        if (r.fiscal?.controlUnit.state !== 'signed') throw new Error('refund not signed yet');
      },
      { timeout: 10_000, interval: 50 },
    );
    // A link cancelled before it was paid: an unfinished sale.
    const unpaid = await charge([coffee]);
    await callApp(app, 'sale:cancel', { id: unpaid });
    await vi.waitFor(async () => expect((await callApp<{ state: string }>(app, 'sale:get', { id: unpaid })).state).toBe('cancelled'));
    await callApp(app, 'report:z', {});

    const result = await exportMemory();
    expect(result.fileName).toMatch(/^linkpos-journalminne-start_now\.xml$/);
    expect(result.mimeType).toBe('application/xml');
    expect(result.damagedLines).toBe(0);

    const doc = journalMemorySchema.parse(parseXmlTree(result.text)) as XmlElement;
    const opening = doc.children[0] as XmlElement;
    expect(textOf(opening, 'Organisationsnummer')).toBe('5560360793');
    expect(textOf(opening, 'Kassabeteckning')).toBe('Kassa 1');
    expect(textOf(opening, 'Modellbeteckning')).toContain('SE');
    expect(textOf(opening, 'Foretagsnamn')).toBe('Bageriet Åkerö AB');

    const items = registrationsOf(doc);
    expect(items).toHaveLength(result.registrations);
    // The cart's registrations, in the order the clerk made them.
    const cartNames = names(items).filter((n) => !['Kvitto', 'Kontrollkod', 'AvbrutenForsaljning', 'Rapport'].includes(n));
    expect(cartNames).toEqual([
      'RegistreraArtikel',
      'RegistreraArtikel',
      'AndraRegistreradArtikel',
      'RaderaRegistreradArtikel',
      'ParkeraRegistreradArtikel',
      'RegistreraArtikel',
      'RegistreraArtikel',
      'AnvandaClear',
      'RegistreraArtikel',
      'AndraRabatt',
      'AvslutaRegistrering',
      'OppnaParkering',
      'StangaParkering',
    ]);
    const deleted = items.find((r) => r.name === 'RaderaRegistreradArtikel') as XmlElement;
    expect(textOf(deleted.children.find((c) => c.name === 'Artikel') as XmlElement, 'Namn')).toBe('Kaffe');
    const parked = items.find((r) => r.name === 'ParkeraRegistreradArtikel') as XmlElement;
    const parkedArticle = parked.children.find((c) => c.name === 'Artikel') as XmlElement;
    expect([textOf(parkedArticle, 'Namn'), textOf(parkedArticle, 'Antal'), textOf(parkedArticle, 'Belopp')]).toEqual([
      'Kanelbulle',
      '2.000',
      '70.00',
    ]);
    expect((items.find((r) => r.name === 'AnvandaClear') as XmlElement).children.filter((c) => c.name === 'Artikel')).toHaveLength(2);
    expect(textOf(items.find((r) => r.name === 'AndraRabatt') as XmlElement, 'Rabattvarde')).toBe('10.00');
    expect(textOf(items.find((r) => r.name === 'StangaParkering') as XmlElement, 'Kassaforsaljning')).toBe(bunSale);

    // Receipts: two sales, a copy and a return; each signed by the unit. A demo sale is a training sale.
    const receipts = items.filter((r) => r.name === 'Kvitto');
    expect(receipts.map((r) => [textOf(r, 'Kvittotyp'), textOf(r, 'Belopp')])).toEqual([
      ['ovning', '15.00'],
      ['ovning', '70.00'],
      ['kopia', '70.00'],
      ['ovning', '-35.00'],
    ]);
    expect(count(items, 'Kontrollkod')).toBe(4);
    const bunReceipt = receipts[1] as XmlElement;
    const vat = bunReceipt.children.find((c) => c.name === 'Momser')?.children[0] as XmlElement;
    expect([textOf(vat, 'Momssats'), textOf(vat, 'Momsbelopp'), textOf(vat, 'Bruttobelopp')]).toEqual(['6.00', '3.96', '70.00']);
    expect(items.filter((r) => r.name === 'AvbrutenForsaljning').map((r) => [textOf(r, 'Forsaljning'), textOf(r, 'Orsak')])).toEqual([
      [unpaid, 'avbruten'],
    ]);
    expect(items.filter((r) => r.name === 'Rapport').map((r) => textOf(r, 'Rapportnummer'))).toEqual(['1']);
    // Order: the bun's sale is closed before its receipt, its receipt before its copy, the Z last.
    const at = (name: string, nth = 0) => items.filter((r) => r.name === name)[nth] as XmlElement;
    expect(items.indexOf(at('StangaParkering'))).toBeLessThan(items.indexOf(bunReceipt));
    expect(items.indexOf(bunReceipt)).toBeLessThan(items.indexOf(receipts[2] as XmlElement));
    expect(items.at(-1)?.name).toBe('Rapport');
  });

  it('exports only the chosen period, numbered from 1', async () => {
    sent = 0;
    await callApp(app, 'settings:save', { settings: swedish });
    await record(registered('c1', bun));
    const later = new Date(Date.now() + 60_000).toISOString();
    const none = await exportMemory({ from: later });
    const doc = journalMemorySchema.parse(parseXmlTree(none.text)) as XmlElement;
    expect(registrationsOf(doc)).toEqual([]);
    expect(textOf(doc.children[0] as XmlElement, 'PeriodFran')).toBe(later);
    const all = await exportMemory({ to: later });
    expect(names(registrationsOf(journalMemorySchema.parse(parseXmlTree(all.text)) as XmlElement))).toEqual(['RegistreraArtikel']);
  });

  it('names the operator of each cart registration made while someone was signed in (kassor, kassorNamn)', async () => {
    sent = 0;
    await callApp(app, 'settings:save', { settings: swedish });
    await record(registered('c1', bun)); // before staff: no operator
    const owner = (await callApp<{ signedIn: { id: string } }>(app, 'staff:add', { name: 'Olga Åkerö', pin: '80461935', role: 'manager' }))
      .signedIn;
    await record(registered('c1', coffee), { type: 'sale-parked', cartId: 'c1' });
    const doc = journalMemorySchema.parse(parseXmlTree((await exportMemory()).text)) as XmlElement;
    expect(registrationsOf(doc).map((r) => [r.name, r.attributes])).toEqual([
      ['RegistreraArtikel', {}],
      ['RegistreraArtikel', { kassor: owner.id, kassorNamn: 'Olga Åkerö' }],
      // Parking registers each line parked, both under whoever parked them.
      ['ParkeraRegistreradArtikel', { kassor: owner.id, kassorNamn: 'Olga Åkerö' }],
      ['ParkeraRegistreradArtikel', { kassor: owner.id, kassorNamn: 'Olga Åkerö' }],
    ]);
    // Half an operator is not one: the element rules refuse it.
    const half = parseXmlTree((await exportMemory()).text.replace(/ kassorNamn="[^"]*"/, ''));
    expect(journalMemorySchema.safeParse(half).success).toBe(false);
  });

  it('holds each drawer opening without a sale as its own registration (15 kap.), between the cart’s, and no other opening', async () => {
    sent = 0;
    await callApp(app, 'settings:save', { settings: { ...swedish, receiptPrinterKind: 'escpos-virtual' } });
    await record(registered('c1', bun));
    const opened = await callApp<{ seq: number }>(app, 'drawer:open');
    await record(registered('c1', coffee));
    const result = await exportMemory();
    const doc = journalMemorySchema.parse(parseXmlTree(result.text)) as XmlElement;
    const items = registrationsOf(doc);
    expect(names(items)).toEqual(['RegistreraArtikel', 'OppnaKassalada', 'RegistreraArtikel']);
    const drawer = items[1]!;
    expect(textOf(drawer, 'Kalla')).toBe(`sales.journal:${opened.seq}`);
    expect(textOf(drawer, 'Forsaljning')).toBeNull();
    // A till without staff: nobody to name.
    expect(textOf(drawer, 'Personal')).toBe('');
    // The element rules hold it to its shape: no sale in a no-sale opening.
    const withSale = { ...drawer, children: [...drawer.children.slice(0, 3), { ...drawer.children[3]!, name: 'Forsaljning' }] };
    const bad = { ...doc, children: [doc.children[0]!, { ...doc.children[1]!, children: [items[0]!, withSale, items[2]!] }] };
    expect(journalMemorySchema.safeParse(bad).success).toBe(false);
  });

  it('is refused on a till that is not Swedish (an Icelandic till is unchanged)', async () => {
    await callApp(app, 'settings:save', { settings: { demoProvider: 'straumur', currency: 'ISK' } });
    await expect(exportMemory()).rejects.toThrow(/Swedish till/);
  });
});

describe('the element rules', () => {
  it('refuse a document whose registrations are out of turn or whose model designation lacks SE', async () => {
    sent = 0;
    await callApp(app, 'settings:save', { settings: swedish });
    await record(registered('c1', bun), registered('c1', coffee));
    const good = parseXmlTree((await exportMemory()).text);
    expect(journalMemorySchema.safeParse(good).success).toBe(true);

    const swapped = structuredClone(good);
    swapped.children[1]?.children.reverse();
    expect(journalMemorySchema.safeParse(swapped).success).toBe(false);

    const noSe = parseXmlTree((await exportMemory()).text.replace('<Modellbeteckning>LinkPOS SE<', '<Modellbeteckning>LinkPOS<'));
    expect(journalMemorySchema.safeParse(noSe).success).toBe(false);

    const unknown = parseXmlTree((await exportMemory()).text.replace(/RegistreraArtikel>/g, 'NyArtikel>'));
    expect(journalMemorySchema.safeParse(unknown).success).toBe(false);
  });
});
