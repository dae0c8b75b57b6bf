// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import type { PosApi } from '../../../shared/ipc/contract';
import type { Product } from '../../../shared/domain/schemas';
import { installShortcuts } from '../../../renderer/src/keyboard/shortcuts';
import { createPosStore } from '../../../renderer/src/store/store';

const bun: Product = {
  barcode: '7310555086439',
  name: 'Kanelbulle',
  priceMinor: 1500,
  vatRate: 1200,
  unit: 'st',
  partNumber: '',
  weighed: false,
};

/** Main's side of the PosApi, as far as these tests reach: a catalog of one product, and a cart journal that takes all. */
const api = {
  cart: { record: () => Promise.resolve({ ok: true as const, value: null }) },
  catalog: {
    snapshot: () => Promise.resolve({ ok: true as const, value: { version: 1, products: [bun] } }),
    quickKeys: () => Promise.resolve({ ok: true as const, value: { barcodes: [bun.barcode] } }),
  },
} as unknown as PosApi;

let uninstall: (() => void) | null = null;
afterEach(() => uninstall?.());

async function till() {
  const store = createPosStore(api);
  await store.getState().loadCatalog();
  uninstall = installShortcuts(store);
  return store;
}

const type = (text: string) => {
  for (const key of text) document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
};
const pieces = (store: Awaited<ReturnType<typeof till>>) => store.getState().cart.lines.map((l) => l.quantityMilli / 1000);

describe('a quantity typed before an item', () => {
  it('"24*" then a scan adds that line with 24 pieces, once', async () => {
    const store = await till();
    type('24*');
    expect(store.getState().nextPieces).toBe(24);
    type('7'); // a scanner's first key reaches the shortcuts before the scanner knows it is a scan
    store.getState().scan(bun.barcode);
    expect(pieces(store)).toEqual([24]);
    expect(store.getState().nextPieces).toBeNull();
    store.getState().scan(bun.barcode);
    expect(pieces(store)).toEqual([25]);
  });

  it('applies to a quick key too, and a digit typed before the last item does not join the next quantity', async () => {
    const store = await till();
    type('3');
    store.getState().addProduct(bun); // the cart changed since the "3"
    type('2*');
    store.getState().addProduct(bun);
    expect(pieces(store)).toEqual([3]);
  });

  it('is cancelled by Esc, or by "*" alone', async () => {
    const store = await till();
    type('6*');
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(store.getState().nextPieces).toBeNull();
    type('6*');
    type('*');
    expect(store.getState().nextPieces).toBeNull();
    store.getState().addProduct(bun);
    expect(pieces(store)).toEqual([1]);
  });

  it('fast + presses each add a piece to the selected line', async () => {
    const store = await till();
    store.getState().addProduct(bun);
    type('+'.repeat(9));
    expect(pieces(store)).toEqual([10]);
  });
});

describe('F6 Park sale and F7 Parked sales', () => {
  const press = (key: string) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

  it('F6 parks the cart and starts an empty one; F7 opens the parked list; neither while a sale is on screen', async () => {
    const store = await till();
    press('F7');
    expect(store.getState().dialog).toBeNull(); // nothing parked yet
    store.getState().addProduct(bun);
    press('F6');
    expect(store.getState().cart.lines).toEqual([]);
    expect(store.getState().parked.map((p) => p.cart.lines.map((l) => l.name))).toEqual([['Kanelbulle']]);
    press('F7');
    expect(store.getState().dialog).toEqual({ kind: 'parked' });
    store.getState().closeDialog();

    store.getState().addProduct(bun);
    store.setState({ sale: { id: 'sale-1', state: 'waiting' } as never });
    press('F6');
    press('F7');
    expect(store.getState().parked).toHaveLength(1);
    expect(store.getState().dialog).toBeNull();
  });
});

describe('F9 Price check', () => {
  const press = (key: string) => document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));

  it('opens Price check, where a scan is looked up and not rung up and typed digits set no quantity; not while the customer pays', async () => {
    const store = await till();
    press('F9');
    expect(store.getState().dialog).toEqual({ kind: 'price-check' });
    type('24*');
    store.getState().scan(bun.barcode);
    expect(store.getState().priceCheck).toMatchObject({ kind: 'article', article: { name: 'Kanelbulle', unitPriceMinor: 1500 } });
    expect(store.getState().cart.lines).toEqual([]);
    expect(store.getState().nextPieces).toBeNull();
    store.getState().closeDialog();

    store.getState().addProduct(bun);
    store.setState({ sale: { id: 'sale-1', state: 'waiting' } as never });
    press('F9');
    expect(store.getState().dialog).toBeNull();
  });
});
