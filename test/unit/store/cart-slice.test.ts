// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { priceCart } from '../../../shared/domain/cart';
import type { PosApi } from '../../../shared/ipc/contract';
import type { Product } from '../../../shared/domain/schemas';
import { createPosStore } from '../../../renderer/src/store/store';
import { parsePieces } from '../../../renderer/src/store/cart-slice';

const tomatoes: Product = {
  barcode: '2304664000009',
  name: 'Tomater',
  priceMinor: 4995,
  vatRate: 1200,
  unit: 'kg',
  partNumber: '',
  weighed: true,
};
const coffee: Product = {
  barcode: '7310865000361',
  name: 'Kaffe, kopp',
  priceMinor: 2500,
  vatRate: 1200,
  unit: 'st',
  partNumber: '',
  weighed: false,
};

/** Adding to the cart never reaches main; an API that answers nothing proves it. */
const noApi = {} as PosApi;

describe('a weighed item', () => {
  it('asks for its weight instead of throwing, and adds nothing until it is given', () => {
    const store = createPosStore(noApi);
    expect(() => store.getState().addProduct(tomatoes)).not.toThrow();
    expect(store.getState().dialog).toEqual({ kind: 'weight', code: tomatoes.barcode });
    expect(store.getState().cart.lines).toEqual([]);
  });

  it('becomes a line of that many grams, priced per kg rounded half away from zero', () => {
    const store = createPosStore(noApi);
    expect(store.getState().addWeighed(tomatoes, 1250)).toBeNull();
    const [line] = priceCart(store.getState().cart).lines;
    expect(line).toMatchObject({ name: 'Tomater', quantityMilli: 1250, weighed: true, unitPriceMinor: 4995 });
    // 1.250 kg × 49.95 = 62.4375 → 62.44
    expect(line?.totalMinor).toBe(6244);
    expect(store.getState().selectedLineId).toBe(line?.id);
  });

  it('is refused, naming the limit, when it would take the sale past the most one sale may cost', () => {
    const store = createPosStore(noApi);
    const gold: Product = { ...tomatoes, name: 'Guld', priceMinor: 999_999_999 };
    expect(store.getState().addWeighed(gold, 999_999)).toEqual({ kind: 'sale', maxMinor: 100_000_000 });
    expect(store.getState().cart.lines).toEqual([]);
  });
});

describe('a custom item', () => {
  it('past the sale limit is refused at the moment of adding, and the cart keeps what it had', () => {
    const store = createPosStore(noApi);
    store.getState().addProduct(coffee);
    expect(store.getState().addCustomItem({ name: 'Item', priceMinor: 100_000_000, vatRate: 2500 })).toEqual({
      kind: 'sale',
      maxMinor: 100_000_000,
    });
    expect(store.getState().cart.lines.map((l) => l.name)).toEqual(['Kaffe, kopp']);
  });

  it('a scanned item past the limit is not added and the clerk is told the limit', () => {
    const store = createPosStore(noApi);
    store.getState().addCustomItem({ name: 'Item', priceMinor: 99_999_000, vatRate: 2500 });
    store.getState().addProduct(coffee);
    expect(store.getState().cart.lines).toHaveLength(1);
    expect(store.getState().notice).toMatchObject({
      tone: 'error',
      message: expect.stringMatching(/^At most SEK\s1,000,000\.00 per sale: this item was not added\.$/),
    });
  });
});

describe('the Quantity field of the selected line', () => {
  it('takes whole pieces from 1 to 9999 and nothing else', () => {
    expect(parsePieces('24')).toBe(24);
    expect(parsePieces(' 3 ')).toBe(3);
    expect(parsePieces('9999')).toBe(9999);
    for (const bad of ['0', '', '1.5', '2,5', '-1', '10000', '12a', '1e3']) expect(parsePieces(bad)).toBeNull();
  });

  it('sets the line to the typed quantity, and refuses one that takes the sale past its limit, saying which', () => {
    const store = createPosStore(noApi);
    store.getState().addProduct(coffee);
    const id = store.getState().cart.lines[0]!.id;
    store.getState().setLineQuantity(id, 24_000);
    expect(priceCart(store.getState().cart).totalMinor).toBe(24 * 2500);
    const expensive: Product = { ...coffee, barcode: '7310865000378', name: 'Espressomaskin', priceMinor: 99_999_00 };
    store.getState().addProduct(expensive);
    const big = store.getState().cart.lines[1]!.id;
    store.getState().setLineQuantity(big, 9999_000);
    expect(store.getState().cart.lines[1]!.quantityMilli).toBe(1000);
    expect(store.getState().notice).toMatchObject({ tone: 'error' });
  });
});
