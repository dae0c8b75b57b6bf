import { describe, expect, it } from 'vitest';
import { cartDiff, cartEventSchema, CartReplay, type CartEvent } from '../../../shared/domain/cart-events';
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

  it('moves a parked cart into the cart being built: its lines join (ids kept) and the parked cart is gone', () => {
    const parked = [line('a'), line('b', 2)];
    const { memory, fits } = replay([
      { type: 'article-registered', cartId: 'c1', currency: 'SEK', line: parked[0]! },
      { type: 'article-registered', cartId: 'c1', currency: 'SEK', line: parked[1]! },
      { type: 'sale-parked', cartId: 'c1' },
      { type: 'article-registered', cartId: 'c2', currency: 'SEK', line: line('c') },
      { type: 'parked-sale-moved', cartId: 'c2', fromCartId: 'c1' },
    ]);
    expect(fits).toEqual([true, true, true, true, true]);
    expect(memory).toEqual({ open: { cartId: 'c2', cart: cart(line('c'), line('a'), line('b', 2)) }, parked: [] });
  });

  it('refuses a move that does not fit, and the carts stay as they were', () => {
    const r = new CartReplay();
    const setup: CartEvent[] = [
      { type: 'article-registered', cartId: 'c1', currency: 'SEK', line: line('a') },
      { type: 'sale-parked', cartId: 'c1' },
      { type: 'article-registered', cartId: 'c3', currency: 'SEK', line: line('x') },
      { type: 'cart-discount-changed', cartId: 'c3', discount: { kind: 'amount', minor: 500 } },
      { type: 'sale-parked', cartId: 'c3' },
      { type: 'article-registered', cartId: 'c2', currency: 'SEK', line: line('c') },
    ];
    for (const e of setup) expect(r.apply(e, at)).toBe(true);
    const before = r.memory();
    const refused: CartEvent[] = [
      // A cart never parked, or parked and already taken up.
      { type: 'parked-sale-moved', cartId: 'c2', fromCartId: 'c9' },
      // Into a cart the journal never saw, or into a parked cart.
      { type: 'parked-sale-moved', cartId: 'c8', fromCartId: 'c1' },
      { type: 'parked-sale-moved', cartId: 'c3', fromCartId: 'c1' },
      // Into itself.
      { type: 'parked-sale-moved', cartId: 'c1', fromCartId: 'c1' },
      // A parked cart with a discount on the whole of it (the discount would be lost).
      { type: 'parked-sale-moved', cartId: 'c2', fromCartId: 'c3' },
    ];
    for (const e of refused) expect(r.apply(e, at)).toBe(false);
    expect(r.memory()).toEqual(before);
    // A line id already in the cart being built.
    const clash = new CartReplay();
    for (const e of [
      { type: 'article-registered', cartId: 'c1', currency: 'SEK', line: line('a') },
      { type: 'sale-parked', cartId: 'c1' },
      { type: 'article-registered', cartId: 'c2', currency: 'SEK', line: line('a', 3) },
    ] as CartEvent[])
      clash.apply(e, at);
    expect(clash.apply({ type: 'parked-sale-moved', cartId: 'c2', fromCartId: 'c1' }, at)).toBe(false);
  });

  it('moves the parked cart’s lines as registered: a move sent with lines of its own (a stale window) cannot re-price them', () => {
    const parked = [line('a'), line('b', 2)];
    // What a stale or wrong sender might send: the parked cart's ids (one twice) at another price and quantity.
    const sent = cartEventSchema.parse({
      type: 'parked-sale-moved',
      cartId: 'c2',
      fromCartId: 'c1',
      lines: [
        { ...line('a', 9), unitPriceMinor: 1 },
        { ...line('a', 9), unitPriceMinor: 1 },
      ],
    });
    expect(sent).toEqual({ type: 'parked-sale-moved', cartId: 'c2', fromCartId: 'c1' });
    const { memory, fits } = replay([
      { type: 'article-registered', cartId: 'c1', currency: 'SEK', line: parked[0]! },
      { type: 'article-registered', cartId: 'c1', currency: 'SEK', line: parked[1]! },
      { type: 'sale-parked', cartId: 'c1' },
      { type: 'article-registered', cartId: 'c2', currency: 'SEK', line: line('c') },
      sent,
    ]);
    expect(fits.every(Boolean)).toBe(true);
    expect(memory).toEqual({ open: { cartId: 'c2', cart: cart(line('c'), line('a'), line('b', 2)) }, parked: [] });
  });

  it('replays a move from the journal: the merged cart is edited and charged, and no parked sale is left', () => {
    const events: CartEvent[] = [
      { type: 'article-registered', cartId: 'c1', currency: 'SEK', line: line('a') },
      { type: 'sale-parked', cartId: 'c1' },
      { type: 'article-registered', cartId: 'c2', currency: 'SEK', line: line('c') },
      { type: 'parked-sale-moved', cartId: 'c2', fromCartId: 'c1' },
      // A moved line is the cart's own from then on.
      { type: 'article-changed', cartId: 'c2', line: line('a', 4) },
    ];
    const { memory, fits } = replay(events);
    expect(fits.every(Boolean)).toBe(true);
    expect(memory).toEqual({ open: { cartId: 'c2', cart: cart(line('c'), line('a', 4)) }, parked: [] });
    // The same events after the move was journaled once: a second move of the same parked cart does not fit.
    const again = replay([...events, { type: 'parked-sale-moved', cartId: 'c2', fromCartId: 'c1' }]);
    expect(again.fits.at(-1)).toBe(false);
    expect(replay([...events, { type: 'sale-closed', cartId: 'c2', saleId: 'sale-1' }]).memory).toEqual({ open: null, parked: [] });
  });
});
