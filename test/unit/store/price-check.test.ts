// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CartJournal } from '../../../electron/services/cart/cart-journal';
import { readCartJournal, type CartJournalEntry } from '../../../electron/services/cart/cart-journal-reader';
import { createCartHandlers } from '../../../electron/services/cart/handlers';
import type { PosApi } from '../../../shared/ipc/contract';
import type { Product } from '../../../shared/domain/schemas';
import { createPosStore, type PosStore } from '../../../renderer/src/store/store';
import { recordingLogger, tempDir } from '../services/journal/helpers';

const coffee: Product = {
  barcode: '7310865000361',
  name: 'Kaffe, kopp',
  priceMinor: 2500,
  vatRate: 1200,
  unit: 'st',
  partNumber: 'CAF-0001',
  weighed: false,
};
const bun: Product = { ...coffee, barcode: '7310555086439', name: 'Kanelbulle', priceMinor: 1500, partNumber: 'CAF-0002' };
/** Sold by weight; its scale labels carry item code 00123. */
const cheese: Product = { ...coffee, barcode: '2300123', name: 'Ost', priceMinor: 14_900, unit: 'kg', weighed: true, partNumber: '' };
const WEIGHT_LABEL = '2300123004564'; // 0.456 kg
const PRICE_LABEL = '2012345019959'; // 19.95, item 2012345
const labelled: Product = { ...coffee, barcode: '2012345', name: 'Kaka', priceMinor: 2995 };

let dir: string;
let cleanup: () => Promise<void>;
let journals: CartJournal[] = [];
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(async () => {
  for (const j of journals) await j.close();
  journals = [];
  await cleanup();
});

/**
 * Main's side is the real cart journal on a temporary directory behind its real IPC handlers, with
 * Carl signed in; the catalog answers when the test releases it (a large one still loading).
 */
async function till() {
  const { carts } = await CartJournal.open({ dataDir: dir, log: recordingLogger() });
  journals.push(carts);
  const handlers = createCartHandlers(carts, () => ({ id: 'staff-carl', name: 'Carl Clerk' }));
  let release!: () => void;
  const loaded = new Promise<void>((resolve) => (release = resolve));
  const api = {
    cart: {
      record: async (input: Parameters<(typeof handlers)['cart:record']>[0]) => ({
        ok: true as const,
        value: await handlers['cart:record'](input),
      }),
      restore: async () => ({ ok: true as const, value: await handlers['cart:restore'](undefined) }),
    },
    catalog: {
      snapshot: async () => {
        await loaded;
        return { ok: true as const, value: { version: 1, products: [coffee, bun, cheese, labelled] } };
      },
      quickKeys: () => Promise.resolve({ ok: true as const, value: { barcodes: [] } }),
    },
  } as unknown as PosApi;
  const store = createPosStore(api);
  await store.getState().restoreCart();
  const catalog = store.getState().loadCatalog();
  return { store, carts, loaded: () => (release(), catalog) };
}

async function journaled(store: PosStore, carts: CartJournal): Promise<CartJournalEntry[]> {
  expect(await store.getState().flushCart()).toBe(true);
  await carts.memory();
  const entries: CartJournalEntry[] = [];
  for await (const entry of readCartJournal(dir)) entries.push(entry);
  return entries;
}

describe('Price check: a scan shows the price and never reaches the cart', () => {
  it('shows the scanned item, leaves the cart as it was, and journals a price enquiry naming who asked', async () => {
    const { store, carts, loaded } = await till();
    await loaded();
    store.getState().scan(bun.barcode);
    const cartBefore = store.getState().cart;
    expect(store.getState().openPriceCheck()).toBe(true);
    store.getState().scan(coffee.barcode);
    expect(store.getState().priceCheck).toEqual({
      kind: 'article',
      currency: 'SEK',
      article: {
        barcode: coffee.barcode,
        name: 'Kaffe, kopp',
        unitPriceMinor: 2500,
        vatRate: 1200,
        unit: 'st',
        partNumber: 'CAF-0001',
        weighed: false,
      },
    });
    expect(store.getState().cart).toBe(cartBefore);

    const entries = await journaled(store, carts);
    const enquiry = entries.find((e) => e.kind === 'event' && e.event.type === 'price-enquiry');
    expect(enquiry).toMatchObject({
      kind: 'event',
      event: {
        type: 'price-enquiry',
        cartId: store.getState().cartId,
        currency: 'SEK',
        article: { barcode: coffee.barcode, unitPriceMinor: 2500 },
      },
      by: { id: 'staff-carl', name: 'Carl Clerk' },
    });
    // The cart main holds is still the one bun.
    expect((await carts.memory()).open?.cart.lines.map((l) => l.name)).toEqual(['Kanelbulle']);
  });

  it('says an unknown or misread code plainly and journals nothing for it', async () => {
    const { store, carts, loaded } = await till();
    await loaded();
    store.getState().openPriceCheck();
    store.getState().scan('7310865999993');
    expect(store.getState().priceCheck).toEqual({ kind: 'unknown', code: '7310865999993' });
    store.getState().scan('7310865999999');
    expect(store.getState().priceCheck).toEqual({ kind: 'invalid', reason: 'check-digit' });
    expect(store.getState().cart.lines).toEqual([]);
    expect((await journaled(store, carts)).filter((e) => e.kind === 'event' && e.event.type === 'price-enquiry')).toEqual([]);
  });

  it('shows a scale label as the price per kg with its weight, and a price label at its printed price', async () => {
    const { store, loaded } = await till();
    await loaded();
    store.getState().openPriceCheck();
    store.getState().scan(WEIGHT_LABEL);
    expect(store.getState().priceCheck).toMatchObject({
      kind: 'article',
      article: { name: 'Ost', unitPriceMinor: 14_900, weighed: true },
      labelWeightMilli: 456,
    });
    store.getState().scan(PRICE_LABEL);
    expect(store.getState().priceCheck).toMatchObject({ kind: 'article', article: { name: 'Kaka', unitPriceMinor: 1995, weighed: false } });
    expect(store.getState().cart.lines).toEqual([]);
  });

  it('rings up scans made before it opened, but not one made while the catalog still loads', async () => {
    const { store, loaded } = await till();
    store.getState().scan(coffee.barcode); // before: waits for the catalog, for the cart
    store.getState().openPriceCheck();
    store.getState().scan(bun.barcode); // during: no catalog to look in yet
    expect(store.getState().priceCheck).toEqual({ kind: 'loading' });
    await loaded();
    expect(store.getState().cart.lines.map((l) => l.name)).toEqual(['Kaffe, kopp']);
  });

  it('after Done (or Esc) the next scan is rung up again', async () => {
    const { store, loaded } = await till();
    await loaded();
    store.getState().openPriceCheck();
    store.getState().scan(coffee.barcode);
    store.getState().closeDialog();
    store.getState().scan(coffee.barcode);
    expect(store.getState().cart.lines.map((l) => l.name)).toEqual(['Kaffe, kopp']);
  });

  it('opens only on Sell with no other dialog open', async () => {
    const { store } = await till();
    store.getState().openDialog({ kind: 'custom-item' });
    expect(store.getState().openPriceCheck()).toBe(false);
    store.getState().closeDialog();
    store.getState().showScreen('history');
    expect(store.getState().openPriceCheck()).toBe(false);
    store.getState().showScreen('sell');
    expect(store.getState().openPriceCheck()).toBe(true);
    expect(store.getState().dialog).toEqual({ kind: 'price-check' });
  });
});

describe('a price change in the store', () => {
  it('changes the line and is journaled as a price change; a refused price changes nothing', async () => {
    const { store, carts, loaded } = await till();
    await loaded();
    store.getState().scan(coffee.barcode);
    const id = store.getState().cart.lines[0]!.id;
    const before = store.getState().cart;
    expect(store.getState().setLinePrice(id, -100)).toMatchObject({ key: 'cartLinePriceNegative' });
    expect(store.getState().setLinePrice(id, 1_000_000_001)).toMatchObject({ key: 'cartLinePriceTooLarge' });
    // Past the sale's limit (1 000 000.00): said with the limit, as when an item is added.
    expect(store.getState().setLinePrice(id, 100_000_001)).toEqual({ kind: 'sale', maxMinor: 100_000_000 });
    expect(store.getState().cart).toBe(before);
    expect(store.getState().cart.lines).toEqual(before.lines);
    expect(store.getState().setLinePrice(id, 1950)).toBeNull();
    expect(store.getState().cart.lines[0]).toMatchObject({ unitPriceMinor: 1950, priceBeforeChangeMinor: 2500 });
    const changes = (await journaled(store, carts)).flatMap((e) =>
      e.kind === 'event' && e.event.type === 'article-price-changed' ? [[e.event.previousUnitPriceMinor, e.event.line.unitPriceMinor]] : [],
    );
    expect(changes.at(-1)).toEqual([2500, 1950]);
  });

  it('a price set while the sale is being charged is refused as such, never answered as done', async () => {
    const { store, loaded } = await till();
    await loaded();
    store.getState().scan(coffee.barcode);
    const id = store.getState().cart.lines[0]!.id;
    store.setState({ charging: true });
    expect(store.getState().setLinePrice(id, 1950)).toBe('busy');
    expect(store.getState().cart.lines[0]!.unitPriceMinor).toBe(2500);
    store.setState({ charging: false });
    expect(store.getState().setLinePrice(id, 1950)).toBeNull();
    expect(store.getState().cart.lines[0]!.unitPriceMinor).toBe(1950);
  });

  it('in ISK a price is whole krónur, as a discount is', async () => {
    const { store, loaded } = await till();
    await loaded();
    store.getState().setCurrency('ISK');
    store.getState().scan(coffee.barcode);
    const id = store.getState().cart.lines[0]!.id;
    expect(store.getState().setLinePrice(id, 25_050)).toMatchObject({ key: 'cartLinePriceWholeKronur' });
    expect(store.getState().cart.lines[0]!.unitPriceMinor).toBe(2500);
    expect(store.getState().setLinePrice(id, 25_000)).toBeNull();
    expect(store.getState().cart.lines[0]).toMatchObject({ unitPriceMinor: 25_000, priceBeforeChangeMinor: 2500 });
  });
});
