import { describe, expect, it } from 'vitest';
import { cartDiff, CartReplay, type CartEvent } from '../../../shared/domain/cart-events';
import type { Cart, CartLine } from '../../../shared/domain/schemas';

const line = (id: string, pieces = 1, name = `Item ${id}`): CartLine => ({
  id,
  barcode: '',
  name,
  unitPriceMinor: 2500,
  vatRate: 1200,
  quantityMilli: pieces * 1000,
  weighed: false,
  unit: 'st',
  partNumber: '',
  discount: null,
  custom: false,
});
const cart = (...lines: CartLine[]): Cart => ({ currency: 'SEK', lines, discount: null });
const at = '2026-12-06T10:00:00.000Z';

function replay(events: CartEvent[]) {
  const r = new CartReplay();
  const fits = events.map((e) => r.apply(e, at));
  return { memory: r.memory(), fits };
}

describe('cartDiff: what the clerk did, as events', () => {
  it('names a scan, a quantity change and a deleted line', () => {
    const a = line('a');
    expect(cartDiff('c1', cart(), cart(a))).toEqual([{ type: 'article-registered', cartId: 'c1', currency: 'SEK', line: a }]);
    const a3 = { ...a, quantityMilli: 3000 };
    expect(cartDiff('c1', cart(a), cart(a3))).toEqual([{ type: 'article-changed', cartId: 'c1', line: a3 }]);
    expect(cartDiff('c1', cart(a3, line('b')), cart(line('b')))).toEqual([{ type: 'article-deleted', cartId: 'c1', lineId: 'a' }]);
  });

  it('calls a cart emptied of several lines at once a clear, and a cart discount its own event', () => {
    expect(cartDiff('c1', cart(line('a'), line('b')), cart())).toEqual([{ type: 'cart-cleared', cartId: 'c1' }]);
    const discounted = { ...cart(line('a')), discount: { kind: 'percent' as const, basisPoints: 1000 } };
    expect(cartDiff('c1', cart(line('a')), discounted)).toEqual([
      { type: 'cart-discount-changed', cartId: 'c1', discount: { kind: 'percent', basisPoints: 1000 } },
    ]);
  });

  it('calls a new unit price a price change, naming the price it had, and replays it', () => {
    const a = line('a', 2);
    const cheaper = { ...a, unitPriceMinor: 1990 };
    const events = cartDiff('c1', cart(a), cart(cheaper));
    expect(events).toEqual([{ type: 'article-price-changed', cartId: 'c1', line: cheaper, previousUnitPriceMinor: 2500 }]);
    const { memory, fits } = replay([{ type: 'article-registered', cartId: 'c1', currency: 'SEK', line: a }, ...events]);
    expect(fits).toEqual([true, true]);
    expect(memory.open?.cart.lines).toEqual([cheaper]);
  });

  it('keeps a price enquiry out of every cart', () => {
    const a = line('a');
    const { memory, fits } = replay([
      { type: 'article-registered', cartId: 'c1', currency: 'SEK', line: a },
      {
        type: 'price-enquiry',
        cartId: 'c1',
        currency: 'SEK',
        article: {
          barcode: '7310865004703',
          name: 'Oat milk',
          unitPriceMinor: 2195,
          vatRate: 600,
          unit: 'st',
          partNumber: '',
          weighed: false,
        },
      },
    ]);
    expect(fits).toEqual([true, true]);
    expect(memory.open?.cart.lines).toEqual([a]);
  });

  it('says nothing for a cart that did not change, even as a new object', () => {
    expect(cartDiff('c1', cart(line('a')), cart(line('a')))).toEqual([]);
  });

  it('replayed, gives back exactly the cart it was made from, for any sequence of edits', () => {
    const steps: Cart[] = [
      cart(),
      cart(line('a')),
      cart(line('a'), line('b')),
      cart(line('a', 24), line('b')),
      cart(line('b')),
      { ...cart(line('b'), line('c', 2)), discount: { kind: 'amount', minor: 500 } },
      cart(),
      cart(line('d', 3)),
    ];
    const r = new CartReplay();
    for (let i = 1; i < steps.length; i++) {
      for (const e of cartDiff('c1', steps[i - 1]!, steps[i]!)) expect(r.apply(e, at)).toBe(true);
      const open = r.memory().open;
      expect(open?.cart ?? cart()).toEqual(steps[i]);
    }
  });
});

describe('CartReplay: the open cart and the parked ones', () => {
  it('parks a cart, starts another, and opens the parked one again', () => {
    const { memory, fits } = replay([
      { type: 'article-registered', cartId: 'c1', currency: 'SEK', line: line('a') },
      { type: 'sale-parked', cartId: 'c1' },
      { type: 'article-registered', cartId: 'c2', currency: 'SEK', line: line('b') },
    ]);
    expect(fits).toEqual([true, true, true]);
    expect(memory.open).toEqual({ cartId: 'c2', cart: cart(line('b')) });
    expect(memory.parked).toEqual([{ cartId: 'c1', parkedAt: at, cart: cart(line('a')) }]);

    const r = new CartReplay();
    for (const e of [
      { type: 'article-registered', cartId: 'c1', currency: 'SEK', line: line('a') },
      { type: 'sale-parked', cartId: 'c1' },
      { type: 'parked-sale-opened', cartId: 'c1' },
    ] as CartEvent[])
      r.apply(e, at);
    expect(r.memory()).toEqual({ open: { cartId: 'c1', cart: cart(line('a')) }, parked: [] });
  });

  it('forgets a cart once it is charged (sale-closed), parked or not', () => {
    const { memory } = replay([
      { type: 'article-registered', cartId: 'c1', currency: 'SEK', line: line('a') },
      { type: 'sale-closed', cartId: 'c1', saleId: 'sale-1' },
    ]);
    expect(memory).toEqual({ open: null, parked: [] });
  });

  it('refuses what does not fit: a change to a line never registered, opening a cart never parked, parking an empty cart', () => {
    const { fits } = replay([
      { type: 'article-changed', cartId: 'c9', line: line('x') },
      { type: 'parked-sale-opened', cartId: 'c9' },
      { type: 'cart-cleared', cartId: 'c8' },
      { type: 'sale-parked', cartId: 'c8' },
    ]);
    expect(fits).toEqual([false, false, true, false]);
  });
});
